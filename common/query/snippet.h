// The passage of an article's body that best shows why it matched, with the matched words marked.
#ifndef DEPECHE_INCLUDED_QUERY_SNIPPET_H
#define DEPECHE_INCLUDED_QUERY_SNIPPET_H

#include "analysis/analyzer.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace depeche {

struct Snippet {
  std::string text;                                       // whitespace collapsed; "…" where cut
  std::vector<std::pair<std::size_t, std::size_t>> marks;  // byte ranges of matched words in `text`
};

inline constexpr std::size_t kSnippetWords = 32;

// What the searcher knows from the query words' positions: some window of the body shows `words`
// of them (usually the most any window shows), the first such window beginning at the body's
// token `first_token` (counted from 0, as Tokenizer gives them; 0 when not known).
struct ProvenWindow {
  std::size_t words = 0;
  std::size_t first_token = 0;
};

// Picks the first window of about `max_words` words that shows every query word (by folded form
// or by stem, so "telecommunications" marks "télécommunications"; a word ending in '*' stands for
// the words it begins); failing that, the window
// showing the most distinct query words, then the most matches. Without any match, the beginning
// of the text. The body is read only as far as that window needs. With a `proven` window, the
// first window that shows that many words is chosen, without reading the rest of the body for a
// better window that is unlikely or cannot exist, and the body is read from a little before it
// when `first_token` is known. (Unlikely: positions that miss a word's odd forms, présidence for
// président, can prove fewer words than a window of such a form shows; 5 of 10,000 hits of
// bench/make_queries.py --seed 7 then show a word fewer, the price of not reading their bodies to
// the end.)
Snippet make_snippet(std::string_view body, analysis::Analyzer& analyzer, const std::vector<std::string>& words,
                     const std::vector<std::string>& stems, std::optional<ProvenWindow> proven = std::nullopt,
                     std::size_t max_words = kSnippetWords);

}  // namespace depeche

#endif
