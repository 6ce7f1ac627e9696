// Stable hashes for keys that must not change between runs or machines (unlike std::hash).
#ifndef DEPECHE_INCLUDED_UTIL_HASH_H
#define DEPECHE_INCLUDED_UTIL_HASH_H

#include <cstdint>
#include <string>
#include <string_view>

namespace depeche::util {

inline constexpr std::uint64_t kFnv1a64Start = 14695981039346656037ULL;
// 64-bit FNV-1a; `h` continues the hash of the bytes before these.
std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t h = kFnv1a64Start);
// Lower-case hexadecimal, 16 digits.
std::string hex64(std::uint64_t value);

}  // namespace depeche::util

#endif
