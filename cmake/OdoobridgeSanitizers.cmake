# ODOOBRIDGE_SANITIZE: build every target of the project with the given sanitizers, e.g.
# "address,undefined" (the `asan` preset) or "thread" (the `tsan` preset). Any finding stops
# the program (no recovery), so a test that trips a sanitizer fails.
set(ODOOBRIDGE_SANITIZE "" CACHE STRING
    "Sanitizers for all targets: empty, address,undefined, or thread")

if(ODOOBRIDGE_SANITIZE)
  if(NOT ODOOBRIDGE_SANITIZE MATCHES "^(address|undefined|thread|leak)(,(address|undefined|thread|leak))*$")
    message(FATAL_ERROR "ODOOBRIDGE_SANITIZE=${ODOOBRIDGE_SANITIZE}: use a comma-separated list "
                        "of address, undefined, thread and leak (e.g. address,undefined)")
  endif()
  if(ODOOBRIDGE_SANITIZE MATCHES "thread" AND ODOOBRIDGE_SANITIZE MATCHES "address|leak")
    message(FATAL_ERROR "ODOOBRIDGE_SANITIZE=${ODOOBRIDGE_SANITIZE}: ThreadSanitizer cannot be "
                        "combined with AddressSanitizer or LeakSanitizer; build them separately")
  endif()
  add_compile_options(-fsanitize=${ODOOBRIDGE_SANITIZE} -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${ODOOBRIDGE_SANITIZE})
endif()
