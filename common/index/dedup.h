// Near-duplicate detection: a MinHash signature of each article's body (word 4-shingles of the
// folded text, so accents, case and punctuation do not matter) and LSH band terms that find, among
// the whole archive, the few articles worth comparing. Titles are left out on purpose: a re-titled
// copy is still a copy.
#ifndef DEPECHE_INCLUDED_INDEX_DEDUP_H
#define DEPECHE_INCLUDED_INDEX_DEDUP_H

#include "analysis/tokenizer.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace depeche::dedup {

inline constexpr std::size_t kHashes = 32;
inline constexpr std::size_t kBands = 8;  // kHashes / kBands rows per band
inline constexpr std::size_t kShingleWords = 4;
// Estimated Jaccard similarity of shingle sets from which two articles are copies of each other.
// Copies with a changed sentence or added boilerplate score 0.8-0.95; rewrites of a story, below 0.2.
inline constexpr double kCopyThreshold = 0.6;
// Bodies shorter than this many words are often a stock standfirst shared by different articles
// ("Chaque jour, « Le Monde » publie un dessin..."): their title then counts, and the bar is higher.
inline constexpr std::size_t kShortBodyWords = 100;
inline constexpr double kShortCopyThreshold = 0.8;

using Signature = std::array<std::uint64_t, kHashes>;

// nullopt for texts too short to tell a copy from a coincidence. The title is part of the
// signature only when the body is short (see kShortBodyWords).
std::optional<Signature> signature(const analysis::TokenList& title, const analysis::TokenList& body);
double copy_threshold(const analysis::TokenList& body);
double similarity(const Signature& a, const Signature& b);
// One term per band (without prefix): two articles sharing one are compared.
std::vector<std::string> band_keys(const Signature& s);

std::string encode(const Signature& s);
std::optional<Signature> decode(const std::string& bytes);

}  // namespace depeche::dedup

#endif
