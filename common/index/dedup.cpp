#include "index/dedup.h"

#include "util/hash.h"

#include <limits>

namespace depeche::dedup {
namespace {

constexpr std::size_t kMinShingles = 8;

// splitmix64: a cheap, well-mixed permutation of 64-bit values, one per seed.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace

double copy_threshold(const analysis::TokenList& body) {
  return body.tokens.size() < kShortBodyWords ? kShortCopyThreshold : kCopyThreshold;
}

std::optional<Signature> signature(const analysis::TokenList& title, const analysis::TokenList& body) {
  std::vector<std::uint64_t> word_hashes;
  if (body.tokens.size() < kShortBodyWords)
    for (const auto& t : title.tokens) word_hashes.push_back(util::fnv1a64(title.folded(t)));
  for (const auto& t : body.tokens) word_hashes.push_back(util::fnv1a64(body.folded(t)));
  if (word_hashes.size() < kShingleWords + kMinShingles) return std::nullopt;
  Signature sig;
  sig.fill(std::numeric_limits<std::uint64_t>::max());
  for (std::size_t i = 0; i + kShingleWords <= word_hashes.size(); ++i) {
    std::uint64_t shingle = 0;
    for (std::size_t k = 0; k < kShingleWords; ++k) shingle = mix(shingle ^ word_hashes[i + k]);
    for (std::size_t h = 0; h < kHashes; ++h) {
      const std::uint64_t v = mix(shingle ^ (0xA5A5A5A5ULL * (h + 1)));
      if (v < sig[h]) sig[h] = v;
    }
  }
  return sig;
}

double similarity(const Signature& a, const Signature& b) {
  std::size_t same = 0;
  for (std::size_t i = 0; i < kHashes; ++i) same += a[i] == b[i];
  return static_cast<double>(same) / kHashes;
}

std::vector<std::string> band_keys(const Signature& s) {
  constexpr std::size_t rows = kHashes / kBands;
  std::vector<std::string> keys;
  for (std::size_t b = 0; b < kBands; ++b) {
    std::uint64_t h = b;
    for (std::size_t r = 0; r < rows; ++r) h = mix(h ^ s[b * rows + r]);
    keys.push_back(std::to_string(b) + util::hex64(h));
  }
  return keys;
}

// Little-endian whatever the machine, so a database reads the same everywhere.
std::string encode(const Signature& s) {
  std::string out;
  out.reserve(kHashes * 8);
  for (std::uint64_t v : s)
    for (int byte = 0; byte < 8; ++byte) out += static_cast<char>((v >> (8 * byte)) & 0xFF);
  return out;
}

std::optional<Signature> decode(const std::string& bytes) {
  if (bytes.size() != kHashes * 8) return std::nullopt;
  Signature s{};
  for (std::size_t i = 0; i < kHashes; ++i)
    for (int byte = 0; byte < 8; ++byte)
      s[i] |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[i * 8 + static_cast<std::size_t>(byte)])) << (8 * byte);
  return s;
}

}  // namespace depeche::dedup
