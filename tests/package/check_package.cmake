# Installed-package test, run as `cmake -P` by ctest:
#  1. `cmake --install` the main build into a fresh prefix under WORK_DIR;
#  2. configure and build consumer/ against that prefix only (find_package(odoobridge));
#  3. run the consumer and check what it prints; run the installed CLI when it was built.
# Inputs (-D): BUILD_DIR, WORK_DIR, CONSUMER_DIR, GENERATOR, MAKE_PROGRAM, CXX_COMPILER,
#              EXPECTED_VERSION, WITH_CLI.
cmake_minimum_required(VERSION 3.25)

foreach(var BUILD_DIR WORK_DIR CONSUMER_DIR GENERATOR CXX_COMPILER EXPECTED_VERSION)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "check_package.cmake: -D${var}=... is required")
  endif()
endforeach()

set(prefix "${WORK_DIR}/prefix")
set(consumer_build "${WORK_DIR}/consumer-build")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

# Runs a step; stops the test with its output when it fails.
function(step description)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${description} failed (${result}):\n${out}\n${err}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

step("installing ${BUILD_DIR} into ${prefix}"
  "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}")

set(configure_args
  -S "${CONSUMER_DIR}" -B "${consumer_build}" -G "${GENERATOR}"
  "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
  "-DCMAKE_PREFIX_PATH=${prefix}"
  # Only the fresh prefix may provide odoobridge, never a registry or another install.
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
  -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF)
if(MAKE_PROGRAM)
  list(APPEND configure_args "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
step("configuring the consumer project" "${CMAKE_COMMAND}" ${configure_args})
step("building the consumer project" "${CMAKE_COMMAND}" --build "${consumer_build}")

file(READ "${consumer_build}/CMakeCache.txt" cache)
string(REGEX MATCH "odoobridge_DIR:PATH=([^\n]*)" _ "${cache}")
cmake_path(IS_PREFIX prefix "${CMAKE_MATCH_1}" NORMALIZE found_in_prefix)
if(NOT found_in_prefix)
  message(FATAL_ERROR "the consumer found odoobridge in '${CMAKE_MATCH_1}', not in ${prefix}")
endif()

step("running the consumer" "${consumer_build}/consumer")
set(expected "odoobridge ${EXPECTED_VERSION} protocol json2\n")
if(NOT step_output STREQUAL expected)
  message(FATAL_ERROR "the consumer printed '${step_output}', expected '${expected}'")
endif()

if(WITH_CLI)
  step("running the installed odoobridge CLI" "${prefix}/bin/odoobridge" version)
  if(NOT step_output MATCHES "\"odoobridge\":\"${EXPECTED_VERSION}\"")
    message(FATAL_ERROR "'odoobridge version' printed '${step_output}'")
  endif()
endif()
message(STATUS "installed package OK: odoobridge ${EXPECTED_VERSION} found in ${prefix}")
