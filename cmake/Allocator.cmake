# -DDEPECHE_JEMALLOC=ON (the default): depeche-index and depeche-search use jemalloc (Debian's
# libjemalloc-dev) instead of glibc's malloc. Xapian's writer and query code allocate millions of
# small strings and map nodes; with glibc, malloc and free took 14 % of a first index's CPU. On the
# news corpus, alternated with a build without it, jemalloc cut a first index's wall by 10.5 % and
# 1,000 queries' by 2.5 %, at the same peak RSS (bench/results.md, session 11); preloaded, mimalloc
# measured the same as jemalloc, tcmalloc half as much.
#
# Only the two binaries link it: the allocator is the process's choice, not the library's. Sanitizer
# and fuzz builds keep the runtime's own allocator, which ASan needs to see every allocation.
include_guard(GLOBAL)

option(DEPECHE_JEMALLOC "Link depeche-index and depeche-search with jemalloc" ON)

add_library(depeche_allocator INTERFACE)
if(DEPECHE_JEMALLOC AND NOT DEPECHE_SANITIZE AND NOT DEPECHE_FUZZ)
  pkg_check_modules(JEMALLOC REQUIRED IMPORTED_TARGET jemalloc)
  target_link_libraries(depeche_allocator INTERFACE PkgConfig::JEMALLOC)
  message(STATUS "depeche: the binaries use jemalloc ${JEMALLOC_VERSION}")
endif()
