// Near-duplicate detection: word 4-shingles of each article's body (folded, so accents, case and
// punctuation do not matter), kept as terms so that the database itself counts in how many bodies
// each occurs. A shingle found in many bodies (a series' stock standfirst, "Le Monde avec AFP", a
// subscription notice) is boilerplate and no evidence of a copy; code embedded in a body (CSS,
// scripts, chart data, SVG paths) is left out before shingling. Titles are left out: a re-titled
// copy is still a copy.
#ifndef DEPECHE_INCLUDED_INDEX_DEDUP_H
#define DEPECHE_INCLUDED_INDEX_DEDUP_H

#include "analysis/tokenizer.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace depeche::dedup {

inline constexpr std::size_t kShingleWords = 4;
// Every shingle of a body of kWholeWords words or fewer is kept: a teaser-only page is that short,
// and two such pages are compared on all their words. Of a longer body, one shingle in
// kSampleEvery (chosen by hash, so the same in every body) is kept: enough to compare long texts,
// an eighth of the terms; and in its first kWholeWords words one in kHeadSampleEvery (a superset),
// so that a stock paragraph that bodies begin with in several wordings ("Le Monde tient le carnet
// de bord...") is still counted in enough bodies to be boilerplate. Keeping all of those first
// shingles cost 52 MB more of the news corpus's database for the same clusters; keeping only one
// in 8 there made a daily column's issues copies (bench/results.md, "Size").
inline constexpr std::size_t kWholeWords = 60;
inline constexpr std::uint64_t kSampleEvery = 8;
inline constexpr std::uint64_t kHeadSampleEvery = 2;
// Shingle hashes keep 48 bits: the news corpus's 2 million distinct shingles have a pair that
// collides with odds under 1 %, harmless to a count of bodies, and each term is 6 bytes shorter
// than with 64 bits in hex (schema::shingle_term).
inline constexpr std::uint64_t kShingleBits = 48;
// A shingle in this many bodies is boilerplate. Above the size of real clusters of copies (a
// page republished 4-5 times), below that of a series (a daily column, a monthly session).
inline constexpr unsigned kBoilerplateBodies = 8;
// Fewer shingles of its own than this and a text is all boilerplate: it is nobody's copy.
inline constexpr std::size_t kMinOwnShingles = 6;
// Jaccard similarity of two bodies' own shingles from which they are copies: copies with a
// changed sentence or added paragraphs score 0.65-1; a follow-up on reused background, under 0.55.
inline constexpr double kCopyThreshold = 0.6;

// A line of code rather than prose: mostly digits and punctuation (SVG paths, data), beginning
// `name=` (a markup attribute), or code syntax (`;` or `{` at the end, `":`, `=`, braces) with no
// French function word.
bool is_code_line(std::string_view line);

struct Shingles {
  std::vector<std::uint64_t> hashes;  // sorted, unique
  bool whole = false;                 // every shingle of the body is here (a body of kWholeWords words or fewer)
};

// The shingles kept for a body: its tokens (`tokens`, of `body`) outside code lines.
Shingles shingles(std::string_view body, const analysis::TokenList& tokens);
// Whether a shingle of a long body is kept.
bool sampled(std::uint64_t shingle);
// Jaccard similarity of two articles' own (non-boilerplate) shingles, over the sampled ones unless
// both are whole; 0 when either has fewer than kMinOwnShingles to compare.
double similarity(const Shingles& own_a, const Shingles& own_b);
// Whether a long body (not whole) has too few own shingles to compare: it is all boilerplate.
bool long_and_all_boilerplate(const Shingles& own);
// The similarity of two articles from their own shingles and all their shingles: that of their own,
// or, when both bodies are long and either is all boilerplate, that of all their shingles. Many
// copies of one long text (a dispatch every paper runs) are still copies, while a short text many
// bodies share is a template (a series' standfirst, a cartoon's caption).
double copy_similarity(const Shingles& own_a, const Shingles& all_a, const Shingles& own_b, const Shingles& all_b);

// A page stored as its teaser only (a live page, a map, a results table: a whole body) is
// republished with its teaser reworded, which few 4-word runs survive. Such a page is also a copy
// of another under the same title, published within kTeaserDays, when both teasers have their own
// shingles (not a series' stock text), share kTeaserSharedShingles of them and most words
// (kTeaserWords, Jaccard of their word sets), and the two do not each state a figure the other
// lacks: "le 7 décembre" against "le 12 décembre" are two editions of a daily series.
inline constexpr long kTeaserDays = 7;
inline constexpr std::size_t kTeaserSharedShingles = 2;
inline constexpr double kTeaserWords = 0.6;

struct TeaserPage {
  std::vector<std::string> title_words;  // sorted, unique, as indexed
  std::vector<std::string> words;        // of title and text, sorted, unique, as indexed
  std::optional<long> day;               // util::day_number of its date
};

// Whether two teaser pages, whose own shingles are `own_a` and `own_b` (both whole), are copies.
bool teaser_copies(const TeaserPage& a, const Shingles& own_a, const TeaserPage& b, const Shingles& own_b);

// The page a URL names as its publisher does: its host (without "www.") and the number of 6 digits
// or more in its last path segment that is no date (lemonde.fr's `..._6117346_3211.html` is page
// 6117346 under any section and date); empty when the URL has none. The same page republished
// under another address, its lead reworded, an update, a paragraph added, is still a copy, at
// kSamePageThreshold; two teaser-only pages more than kTeaserDays apart are copies only when they
// are the same page: the same teaser a month later is the next issue of a series (a monthly session).
std::string same_page_key(std::string_view url);
inline constexpr double kSamePageThreshold = 0.3;

}  // namespace depeche::dedup

#endif
