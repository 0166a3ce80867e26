# Finds the Debian packages odoobridge builds with (scripts/install-deps.sh installs them).
find_package(Threads REQUIRED)
find_package(CURL 7.74 REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(spdlog 1.10 REQUIRED)
find_package(Boost 1.81 REQUIRED)  # Boost.Describe/Mp11 in the codec headers (libboost1.81-dev)
find_package(simdjson REQUIRED)    # the codec's bytes path, private to odoobridge_core
# librdkafka (librdkafka-dev): RosDomofon's Kafka streams, private to odoobridge_rosdomofon.
find_package(PkgConfig REQUIRED)
pkg_check_modules(RdKafka REQUIRED IMPORTED_TARGET rdkafka>=1.9)
