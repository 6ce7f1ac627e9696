# Every third-party library comes from a Debian package and is found here, the CMake way.
find_package(xapian REQUIRED)
if(NOT TARGET xapian::xapian)
  add_library(xapian::xapian INTERFACE IMPORTED)
  set_target_properties(xapian::xapian PROPERTIES
    INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}"
    INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}")
endif()
find_package(ICU REQUIRED COMPONENTS uc i18n data)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(ZLIB REQUIRED)
# LZ4 and zstd ship no CMake package in Debian, only pkg-config.
find_package(PkgConfig REQUIRED)
pkg_check_modules(LZ4 REQUIRED IMPORTED_TARGET liblz4)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
find_package(LibXml2 REQUIRED)
find_package(Threads REQUIRED)
