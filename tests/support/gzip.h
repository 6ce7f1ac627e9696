// Gzip data for tests of damaged and concatenated .gz input, made and read with zlib directly.
#ifndef DEPECHE_INCLUDED_TESTS_SUPPORT_GZIP_H
#define DEPECHE_INCLUDED_TESTS_SUPPORT_GZIP_H

#include <string>
#include <string_view>

namespace depeche::test {

// One gzip member holding `data`.
std::string gzip(std::string_view data);

// What zlib decompresses of `gz` up to its end or its first error: the reference for what a
// damaged file must still yield.
std::string inflatable_prefix(std::string_view gz);

// `n` JSON Lines records of ~1.5 KB of varied words (several 64 KiB blocks once decompressed),
// with ids r0 .. r{n-1}.
std::string jsonl_records(std::size_t n);

}  // namespace depeche::test

#endif
