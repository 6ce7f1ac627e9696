# -DDEPECHE_FUZZ=ON: the libFuzzer targets of tests/fuzz/ (fuzz_<what>, decisions.md 18), one per
# parser of untrusted input. OFF by default. Needs clang, whose libFuzzer runtime is a Debian
# package (libclang-rt-14-dev):
#   cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DDEPECHE_FUZZ=ON
# In this configuration everything (depeche_common first) is compiled with
# -fsanitize=fuzzer-no-link,address,undefined, so the library is coverage-instrumented and
# sanitized; only the fuzz targets link libFuzzer's main (-fsanitize=fuzzer).
# scripts/run-fuzz.sh configures, builds and runs them for a bounded time.
include_guard(GLOBAL)

option(DEPECHE_FUZZ "Build the libFuzzer targets in tests/fuzz (clang only)" OFF)

if(DEPECHE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR
      "DEPECHE_FUZZ=ON needs clang (libFuzzer), found ${CMAKE_CXX_COMPILER_ID}: "
      "configure a fresh build directory with -DCMAKE_CXX_COMPILER=clang++")
  endif()

  set(DEPECHE_FUZZ_COMPILE_FLAGS
      -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  set(DEPECHE_FUZZ_LINK_FLAGS -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all)

  include(CheckCXXSourceCompiles)
  set(CMAKE_REQUIRED_FLAGS "-fsanitize=fuzzer,address,undefined")
  set(CMAKE_REQUIRED_LINK_OPTIONS -fsanitize=fuzzer,address,undefined)
  check_cxx_source_compiles([=[
    #include <cstddef>
    #include <cstdint>
    extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t*, std::size_t) { return 0; }
  ]=] DEPECHE_HAVE_LIBFUZZER)
  unset(CMAKE_REQUIRED_FLAGS)
  unset(CMAKE_REQUIRED_LINK_OPTIONS)
  if(NOT DEPECHE_HAVE_LIBFUZZER)
    message(FATAL_ERROR "clang cannot link -fsanitize=fuzzer: install libclang-rt-14-dev (or the runtime of your clang)")
  endif()

  message(STATUS "depeche: libFuzzer targets (DEPECHE_FUZZ=ON), everything built with ASan + UBSan")
  add_compile_options(${DEPECHE_FUZZ_COMPILE_FLAGS})
  add_compile_definitions(_GLIBCXX_ASSERTIONS)
  # Every other executable (binaries, gtest suites) links the sanitizer runtimes, not libFuzzer.
  add_link_options(-fsanitize=address,undefined)

  # The targets link depeche_common by name, resolved when the build is generated: this file may be
  # included before add_subdirectory(common), but after include(Dependencies).
  add_subdirectory(${PROJECT_SOURCE_DIR}/tests/fuzz ${PROJECT_BINARY_DIR}/fuzz)
endif()
