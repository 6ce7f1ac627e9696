# -DDEPECHE_SANITIZE=ON: AddressSanitizer + UndefinedBehaviorSanitizer on everything this project
# builds (depeche_common, depeche-index, depeche-search, the tests), at compile and at link time.
# OFF by default. gcc and clang both work.
#
# The suite must then run with
#   ASAN_OPTIONS=halt_on_error=1:detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# so that the first report (a leak included) ends the process with a non-zero status and fails its
# test: scripts/test-sanitized.sh does this. -fno-sanitize-recover=all makes every UBSan check
# fatal even if those variables are missing. Zero reports is the bar: fix the code, never
# suppress a report.
#
# _GLIBCXX_ASSERTIONS is added too: libstdc++'s bounds checks (operator[], front(), back() on an
# empty string_view ...) catch in-bounds-of-the-allocation mistakes that ASan cannot see. It does
# not change the ABI, so the uninstrumented system libraries (Xapian, ICU) still link.
#
# DEPECHE_FUZZ=ON (cmake/Fuzz.cmake) already builds everything with ASan and UBSan; with both
# options on, this file leaves the flags to Fuzz.cmake.
include_guard(GLOBAL)

option(DEPECHE_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)

set(DEPECHE_SANITIZER_COMPILE_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
set(DEPECHE_SANITIZER_LINK_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all)

if(DEPECHE_SANITIZE AND NOT DEPECHE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    message(FATAL_ERROR "DEPECHE_SANITIZE=ON needs gcc or clang (found ${CMAKE_CXX_COMPILER_ID})")
  endif()
  message(STATUS "depeche: AddressSanitizer + UndefinedBehaviorSanitizer build (DEPECHE_SANITIZE=ON)")
  add_compile_options(${DEPECHE_SANITIZER_COMPILE_FLAGS})
  add_compile_definitions(_GLIBCXX_ASSERTIONS)
  add_link_options(${DEPECHE_SANITIZER_LINK_FLAGS})
endif()
