# Every dependency comes from a Debian package; scripts/setup.sh installs them.
find_package(PkgConfig REQUIRED)
find_package(OpenMP REQUIRED)
find_package(fmt REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS program_options)
find_package(doctest REQUIRED)

# Debian's libdnnl-dev ships no CMake package, so find the header and library directly.
find_path(DNNL_INCLUDE_DIR dnnl.hpp PATH_SUFFIXES oneapi/dnnl REQUIRED)
find_library(DNNL_LIBRARY dnnl REQUIRED)
add_library(heed::dnnl INTERFACE IMPORTED)
target_include_directories(heed::dnnl INTERFACE ${DNNL_INCLUDE_DIR})
target_link_libraries(heed::dnnl INTERFACE ${DNNL_LIBRARY})

pkg_check_modules(SENTENCEPIECE REQUIRED IMPORTED_TARGET sentencepiece)
add_library(heed::sentencepiece ALIAS PkgConfig::SENTENCEPIECE)

# ICU: Unicode categories and case mapping for sacreBLEU's intl tokenizer and --lowercase.
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc)
add_library(heed::icu ALIAS PkgConfig::ICU)

# cpp-httplib (libcpp-httplib-dev) for heed serve: its .pc file carries the defines the library
# was built with (SSL, zlib, brotli), which every user of its header must repeat.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
add_library(heed::httplib ALIAS PkgConfig::HTTPLIB)

# libzip (libzip-dev) for Argos Translate's packages, which are zip archives (heed import argos,
# heed export argos).
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
add_library(heed::zip ALIAS PkgConfig::LIBZIP)

# MPI (Open MPI from libopenmpi-dev): data-parallel training under mpirun. Optional: without it,
# heed trains in one process and says so if started by mpirun.
option(HEED_MPI "Build data-parallel training with MPI when MPI is found" ON)
if(HEED_MPI)
  find_package(MPI COMPONENTS CXX)
endif()
