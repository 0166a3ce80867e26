# Finds xmlrpc-c's C++ library (Debian libxmlrpc-c++8-dev), which ships no CMake config.
# Defines the imported target XmlRpcC::xmlrpcpp (libxmlrpc++ and what it links).
find_path(XmlRpcC_INCLUDE_DIR NAMES xmlrpc-c/xml.hpp)
find_library(XmlRpcC_xmlrpcpp_LIBRARY NAMES xmlrpc++)
find_library(XmlRpcC_xmlrpc_LIBRARY NAMES xmlrpc)
find_library(XmlRpcC_util_LIBRARY NAMES xmlrpc_util)
find_library(XmlRpcC_xmlparse_LIBRARY NAMES xmlrpc_xmlparse)
find_library(XmlRpcC_xmltok_LIBRARY NAMES xmlrpc_xmltok)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(XmlRpcC REQUIRED_VARS XmlRpcC_INCLUDE_DIR
  XmlRpcC_xmlrpcpp_LIBRARY XmlRpcC_xmlrpc_LIBRARY XmlRpcC_util_LIBRARY
  XmlRpcC_xmlparse_LIBRARY XmlRpcC_xmltok_LIBRARY)
if(XmlRpcC_FOUND AND NOT TARGET XmlRpcC::xmlrpcpp)
  add_library(XmlRpcC::xmlrpcpp UNKNOWN IMPORTED)
  set_target_properties(XmlRpcC::xmlrpcpp PROPERTIES
    IMPORTED_LOCATION "${XmlRpcC_xmlrpcpp_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${XmlRpcC_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${XmlRpcC_xmlrpc_LIBRARY};${XmlRpcC_xmlparse_LIBRARY};${XmlRpcC_xmltok_LIBRARY};${XmlRpcC_util_LIBRARY}")
endif()
mark_as_advanced(XmlRpcC_INCLUDE_DIR XmlRpcC_xmlrpcpp_LIBRARY XmlRpcC_xmlrpc_LIBRARY
  XmlRpcC_util_LIBRARY XmlRpcC_xmlparse_LIBRARY XmlRpcC_xmltok_LIBRARY)
