# install() rules and the package config that lets consumers find_package(odoobridge).
include(CMakePackageConfigHelpers)

install(DIRECTORY include/odoobridge DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES "${PROJECT_BINARY_DIR}/include/odoobridge/version.hpp"
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/odoobridge)
install(TARGETS odoobridge_core odoobridge_odoo odoobridge_bitrix24 odoobridge_rosdomofon odoobridge
                odoobridge_testing
        EXPORT odoobridgeTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT odoobridgeTargets NAMESPACE odoobridge::
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/odoobridge)
configure_package_config_file(cmake/odoobridgeConfig.cmake.in
  "${PROJECT_BINARY_DIR}/odoobridgeConfig.cmake"
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/odoobridge)
write_basic_package_version_file("${PROJECT_BINARY_DIR}/odoobridgeConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/odoobridgeConfig.cmake"
              "${PROJECT_BINARY_DIR}/odoobridgeConfigVersion.cmake"
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/odoobridge)
