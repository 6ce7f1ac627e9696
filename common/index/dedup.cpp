#include "index/dedup.h"

#include "util/hash.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <iterator>

namespace depeche::dedup {
namespace {

// splitmix64: a cheap, well-mixed permutation of 64-bit values.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
bool is_ascii_letter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// Words a French sentence can hardly do without; code has none.
bool is_french_function_word(std::string_view w) {
  static constexpr std::array<std::string_view, 44> kWords = {
      "le",   "la",  "les", "de",   "des",  "du",   "un",   "une",  "et",    "en",    "à",
      "au",   "aux", "est", "pour", "dans", "que",  "qui",  "sur",  "par",   "pas",   "il",
      "elle", "ce",  "se",  "ne",   "plus", "son",  "sa",   "ses",  "leur",  "avec",  "ont",
      "sont", "a",   "été", "mais", "ou",   "où",   "nous", "vous", "ils",   "elles", "cette"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

bool has_french_function_word(std::string_view line) {
  std::string word;
  auto flush = [&] {
    const bool found = is_french_function_word(word);
    word.clear();
    return found;
  };
  for (char ch : line) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_ascii_letter(c) || c >= 0x80) {
      word += static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    } else if (!word.empty() && flush()) {
      return true;
    }
  }
  return !word.empty() && flush();
}

// `name=` at the start of a line: a markup attribute or an assignment (`data-widget="…"`), never prose.
bool starts_with_assignment(std::string_view t) {
  std::size_t i = 0;
  while (i < t.size() && (is_ascii_letter(static_cast<unsigned char>(t[i])) || t[i] == '-' || t[i] == '_' || t[i] == '.' ||
                          (t[i] >= '0' && t[i] <= '9')))
    ++i;
  return i > 0 && i < t.size() && t[i] == '=';
}

bool has_code_syntax(std::string_view t) {
  static constexpr std::string_view kEnds = ";{}[](,";
  static constexpr std::string_view kStarts = ".#@/";
  return kEnds.find(t.back()) != std::string_view::npos || kStarts.find(t.front()) != std::string_view::npos ||
         t.find_first_of("{}=") != std::string_view::npos || t.find("\":") != std::string_view::npos;
}

// [begin, end) byte ranges of the code lines of `body`.
std::vector<std::pair<std::size_t, std::size_t>> code_lines(std::string_view body) {
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  for (std::size_t begin = 0; begin < body.size();) {
    std::size_t end = body.find('\n', begin);
    if (end == std::string_view::npos) end = body.size();
    if (is_code_line(body.substr(begin, end - begin))) ranges.emplace_back(begin, end);
    begin = end + 1;
  }
  return ranges;
}

}  // namespace

bool is_code_line(std::string_view line) {
  while (!line.empty() && is_space(line.front())) line.remove_prefix(1);
  while (!line.empty() && is_space(line.back())) line.remove_suffix(1);
  if (line.empty()) return false;
  std::size_t characters = 0, letters = 0;
  for (char ch : line) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c & 0xC0) == 0x80 || is_space(ch)) continue;  // a UTF-8 continuation byte, or a space
    ++characters;
    letters += is_ascii_letter(c) || c >= 0xC0;  // a letter, or most likely one (accented, other scripts)
  }
  if (2 * letters < characters || starts_with_assignment(line)) return true;
  return has_code_syntax(line) && !has_french_function_word(line);
}

bool sampled(std::uint64_t shingle) { return shingle % kSampleEvery == 0; }

Shingles shingles(std::string_view body, const analysis::TokenList& tokens) {
  const auto code = code_lines(body);
  std::vector<std::uint64_t> words;
  auto next_code = code.begin();
  for (const analysis::Token& t : tokens.tokens) {
    while (next_code != code.end() && next_code->second <= t.src_begin) ++next_code;
    if (next_code != code.end() && next_code->first <= t.src_begin) continue;
    words.push_back(util::fnv1a64(tokens.folded(t)));
  }
  Shingles out;
  out.whole = words.size() <= kWholeWords;
  for (std::size_t i = 0; i + kShingleWords <= words.size(); ++i) {
    std::uint64_t shingle = 0;
    for (std::size_t k = 0; k < kShingleWords; ++k) shingle = mix(shingle ^ words[i + k]);
    shingle >>= 64 - kShingleBits;
    if (out.whole || sampled(shingle) || (i + kShingleWords <= kWholeWords && shingle % kHeadSampleEvery == 0))
      out.hashes.push_back(shingle);
  }
  std::sort(out.hashes.begin(), out.hashes.end());
  out.hashes.erase(std::unique(out.hashes.begin(), out.hashes.end()), out.hashes.end());
  return out;
}

double similarity(const Shingles& own_a, const Shingles& own_b) {
  const bool all = own_a.whole && own_b.whole;
  auto compared = [all](const Shingles& s) {
    if (all) return s.hashes;
    std::vector<std::uint64_t> kept;
    std::copy_if(s.hashes.begin(), s.hashes.end(), std::back_inserter(kept), sampled);
    return kept;
  };
  const std::vector<std::uint64_t> a = compared(own_a), b = compared(own_b);
  if (a.size() < kMinOwnShingles || b.size() < kMinOwnShingles) return 0.0;
  std::vector<std::uint64_t> both;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
  return static_cast<double>(both.size()) / static_cast<double>(a.size() + b.size() - both.size());
}

bool long_and_all_boilerplate(const Shingles& own) {
  return !own.whole &&
         static_cast<std::size_t>(std::count_if(own.hashes.begin(), own.hashes.end(), sampled)) < kMinOwnShingles;
}

double copy_similarity(const Shingles& own_a, const Shingles& all_a, const Shingles& own_b, const Shingles& all_b) {
  if (!own_a.whole && !own_b.whole && (long_and_all_boilerplate(own_a) || long_and_all_boilerplate(own_b)))
    return similarity(all_a, all_b);
  return similarity(own_a, own_b);
}

bool teaser_copies(const TeaserPage& a, const Shingles& own_a, const TeaserPage& b, const Shingles& own_b) {
  if (!own_a.whole || !own_b.whole || a.title_words.empty() || a.title_words != b.title_words) return false;
  if (!a.day || !b.day || std::labs(*a.day - *b.day) > kTeaserDays) return false;
  if (own_a.hashes.size() < kMinOwnShingles || own_b.hashes.size() < kMinOwnShingles) return false;
  std::vector<std::uint64_t> shared;
  std::set_intersection(own_a.hashes.begin(), own_a.hashes.end(), own_b.hashes.begin(), own_b.hashes.end(),
                        std::back_inserter(shared));
  if (shared.size() < kTeaserSharedShingles) return false;
  std::vector<std::string> only_a, only_b;
  std::set_difference(a.words.begin(), a.words.end(), b.words.begin(), b.words.end(), std::back_inserter(only_a));
  std::set_difference(b.words.begin(), b.words.end(), a.words.begin(), a.words.end(), std::back_inserter(only_b));
  auto is_figure = [](const std::string& w) {
    return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (std::any_of(only_a.begin(), only_a.end(), is_figure) && std::any_of(only_b.begin(), only_b.end(), is_figure))
    return false;
  const std::size_t both = a.words.size() - only_a.size();
  return static_cast<double>(both) >= kTeaserWords * static_cast<double>(a.words.size() + only_b.size());
}

namespace {

// A run of digits that reads as a date, YYYYMMDD or YYYYMM, names a day, not a page.
bool looks_like_date(std::string_view digits) {
  if (digits.size() != 8 && digits.size() != 6) return false;
  const int year = std::stoi(std::string(digits.substr(0, 4)));
  const int month = std::stoi(std::string(digits.substr(4, 2)));
  return year >= 1900 && year <= 2099 && month >= 1 && month <= 12;
}

}  // namespace

std::string same_page_key(std::string_view url) {
  constexpr std::size_t kMinDigits = 6, kMaxDigits = 18;
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string();
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("?#"));
  const std::size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return std::string();
  std::string host(rest.substr(0, slash));
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  std::string_view segment = rest.substr(slash);
  while (segment.size() > 1 && segment.back() == '/') segment.remove_suffix(1);
  segment = segment.substr(segment.rfind('/') + 1);
  std::string_view number;
  for (std::size_t i = 0; i < segment.size();) {
    if (!std::isdigit(static_cast<unsigned char>(segment[i]))) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < segment.size() && std::isdigit(static_cast<unsigned char>(segment[end]))) ++end;
    const std::string_view run = segment.substr(i, end - i);
    if (run.size() >= kMinDigits && run.size() <= kMaxDigits && run.size() > number.size() && !looks_like_date(run))
      number = run;
    i = end;
  }
  if (host.empty() || number.empty()) return std::string();
  return host + "/" + std::string(number);
}

}  // namespace depeche::dedup
