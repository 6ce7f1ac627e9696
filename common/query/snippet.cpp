#include "query/snippet.h"

#include <algorithm>
#include <unordered_map>

namespace depeche {
namespace {
constexpr std::size_t kLeadWords = 6;  // words of context shown before the first match
constexpr std::size_t kStemProbeBytes = 3;
}

Snippet make_snippet(std::string_view body, analysis::Analyzer& analyzer, const std::vector<std::string>& words,
                     const std::vector<std::string>& stems, std::size_t max_words) {
  analysis::TokenList tokens;
  analyzer.tokenize(body, tokens);
  const auto& list = tokens.tokens;
  // For each token, which query word it matches (index into `words`/`stems`), or -1.
  std::vector<int> match(list.size(), -1);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string_view folded = tokens.folded(list[i]);
    for (std::size_t w = 0; w < words.size(); ++w)
      if (words[w] == folded) match[i] = static_cast<int>(w);
    // Stemming every word of every hit's body dominated search time: a stem shares the start of
    // its words, so only words that begin like one of the query's stems are stemmed.
    const bool may_share_stem = std::any_of(stems.begin(), stems.end(), [&](const std::string& stem) {
      const std::size_t n = std::min<std::size_t>({kStemProbeBytes, stem.size(), folded.size()});
      return folded.compare(0, n, stem, 0, n) == 0;
    });
    if (match[i] < 0 && may_share_stem && !analyzer.is_stopword(folded)) {
      const std::string& stem = analyzer.stem(folded);
      for (std::size_t s = 0; s < stems.size(); ++s)
        if (stems[s] == stem) match[i] = static_cast<int>(words.size() + s);
    }
  }
  // Sliding window: most distinct matches, then most matches.
  std::size_t best_start = 0, best_distinct = 0, best_count = 0;
  std::unordered_map<int, int> in_window;
  std::size_t count = 0;
  for (std::size_t end = 0; end < list.size(); ++end) {
    if (match[end] >= 0) {
      ++in_window[match[end]];
      ++count;
    }
    if (end >= max_words) {
      const int out = match[end - max_words];
      if (out >= 0) {
        --count;
        if (--in_window[out] == 0) in_window.erase(out);
      }
    }
    if (in_window.size() > best_distinct || (in_window.size() == best_distinct && count > best_count)) {
      best_distinct = in_window.size();
      best_count = count;
      best_start = end + 1 > max_words ? end + 1 - max_words : 0;
    }
  }
  Snippet s;
  if (list.empty()) return s;
  // Start a little before the first match, so it is read in context.
  std::size_t first = best_start;
  while (first < list.size() && match[first] < 0 && first < best_start + max_words) ++first;
  first = first >= kLeadWords ? first - kLeadWords : 0;
  if (best_distinct == 0) first = 0;
  const std::size_t last = std::min(list.size(), first + max_words) - 1;

  const std::size_t from = first == 0 ? 0 : list[first].src_begin;  // keep an elided "L’" at the start
  std::size_t to = list[last].src_end;
  if (last + 1 == list.size()) to = body.size();  // keep the final punctuation
  if (first > 0) s.text = "… ";
  bool space = false;
  std::size_t next_token = first;
  for (std::size_t b = from; b < to; ++b) {
    if (next_token <= last && b == list[next_token].src_begin) {
      if (space) s.text += ' ';
      space = false;
      const auto& t = list[next_token];
      if (match[next_token] >= 0) s.marks.emplace_back(s.text.size(), s.text.size() + (t.src_end - t.src_begin));
      s.text.append(body.substr(t.src_begin, t.src_end - t.src_begin));
      b = t.src_end - 1;
      ++next_token;
      continue;
    }
    const char c = body[b];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
    } else {
      if (space) s.text += ' ';
      space = false;
      s.text += c;
    }
  }
  if (last + 1 < list.size()) s.text += " …";
  return s;
}

}  // namespace depeche
