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

# heed serve's HTTP: Boost.Beast over Asio (header-only, libboost-dev), and threads.
find_package(Threads REQUIRED)

# gumbo (libgumbo-dev), Google's HTML5 parser, for translating web pages: a real parser, the
# browsers' algorithm, instead of patterns over markup.
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
add_library(heed::gumbo ALIAS PkgConfig::GUMBO)

# Office files and Argos Translate's packages are zip archives: libzip (libzip-dev) unpacks and
# repacks them, copying untouched parts' compressed bytes as they are; pugixml (libpugixml-dev) reads and writes their XML.
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
add_library(heed::zip ALIAS PkgConfig::LIBZIP)
pkg_check_modules(PUGIXML REQUIRED IMPORTED_TARGET pugixml)
add_library(heed::pugixml ALIAS PkgConfig::PUGIXML)

# MPI (Open MPI from libopenmpi-dev): data-parallel training under mpirun. Optional: without it,
# heed trains in one process and says so if started by mpirun.
option(HEED_MPI "Build data-parallel training with MPI when MPI is found" ON)
if(HEED_MPI)
  find_package(MPI COMPONENTS CXX)
endif()
