#include "query/snippet.h"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace depeche {
namespace {
constexpr std::size_t kLeadWords = 6;  // words of context shown before the first match
constexpr std::size_t kStemProbeBytes = 3;
// The body is tokenised this many bytes at a time (cut at a space, never inside a word), so that
// the scan can stop at the first window that shows every query word: tokenising whole bodies was
// most of a query's snippet time, and the words a title query seeks are mostly in the lead.
// 256 rather than 1024: a fifth fewer bytes tokenised where a window shows every word.
constexpr std::size_t kChunkBytes = 256;

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// Which query word each match id stands for (ids: the index of a word in `words`, or of a stem in
// `stems` after them), so that the scan can tell when a window shows every word of the query.
std::vector<int> word_of_match(analysis::Analyzer& analyzer, const std::vector<std::string>& words,
                               const std::vector<std::string>& stems, int& groups) {
  std::vector<int> of(words.size() + stems.size());
  groups = 0;
  for (std::size_t w = 0; w < words.size(); ++w) {
    const auto same = std::find(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(w), words[w]);
    of[w] = same != words.begin() + static_cast<std::ptrdiff_t>(w) ? of[static_cast<std::size_t>(same - words.begin())] : groups++;
  }
  for (std::size_t s = 0; s < stems.size(); ++s) {
    int group = -1;
    for (std::size_t w = 0; w < words.size() && group < 0; ++w)
      if (analyzer.stem(words[w]) == stems[s]) group = of[w];
    of[words.size() + s] = group >= 0 ? group : groups++;
  }
  return of;
}

// The match id of a token (see word_of_match), or -1. A name written inside a sentence (le Mali)
// is never matched by its stem (mal), as the index never stems it (DocumentBuilder).
int match_id(const analysis::TokenList& tokens, const analysis::Token& token, analysis::Analyzer& analyzer,
             const std::vector<std::string>& words, const std::vector<std::string>& stems) {
  const std::string_view folded = tokens.folded(token);
  int id = -1;
  for (std::size_t w = 0; w < words.size(); ++w)
    if (words[w] == folded || (words[w].back() == '*' && folded.size() + 1 >= words[w].size() &&
                               folded.compare(0, words[w].size() - 1, words[w], 0, words[w].size() - 1) == 0))
      id = static_cast<int>(w);
  // Stemming every word of every hit's body dominated search time: a stem shares the start of
  // its words, so only words that begin like one of the query's stems are stemmed.
  const bool may_share_stem = std::any_of(stems.begin(), stems.end(), [&](const std::string& stem) {
    const std::size_t n = std::min<std::size_t>({kStemProbeBytes, stem.size(), folded.size()});
    return folded.compare(0, n, stem, 0, n) == 0;
  });
  if (id < 0 && may_share_stem && !analysis::Analyzer::is_name_occurrence(token) && !analyzer.is_stopword(folded)) {
    const std::string& stem = analyzer.stem(folded);
    for (std::size_t s = 0; s < stems.size(); ++s)
      if (stems[s] == stem) id = static_cast<int>(words.size() + s);
  }
  return id;
}

// Tokenises the body's chunk from byte `pos` (cut at a space) onto `tokens`, with offsets into
// the whole body; returns where the next chunk starts.
std::size_t tokenize_chunk(std::string_view body, std::size_t pos, analysis::Analyzer& analyzer,
                           analysis::TokenList& tokens) {
  std::size_t cut = std::min(body.size(), pos + kChunkBytes);
  while (cut < body.size() && !is_space(body[cut])) ++cut;
  const std::size_t first_new = tokens.tokens.size();
  analyzer.tokenize(body.substr(pos, cut - pos), tokens);
  for (std::size_t i = first_new; i < tokens.tokens.size(); ++i) {
    tokens.tokens[i].src_begin += static_cast<std::uint32_t>(pos);
    tokens.tokens[i].src_end += static_cast<std::uint32_t>(pos);
  }
  return cut;
}

// Sliding window over the tokens: the first that shows every query word wins; until one does,
// the one showing the most distinct forms of query words, then the most matches.
class Window {
 public:
  Window(const std::vector<int>& word_of, int groups, std::optional<std::size_t> enough_words)
      : word_of_(word_of),
        id_in_window_(word_of.size(), 0),
        word_in_window_(static_cast<std::size_t>(groups), 0),
        groups_(static_cast<std::size_t>(groups)),
        enough_words_(enough_words) {}

  // Token `end`, of match id `id`, enters; `left`, the id of the token it pushes out, or -1.
  void advance(std::size_t end, int id, int left, std::size_t max_words) {
    enter(id);
    leave(left);
    complete_ = enough_words_ ? words_shown_ >= *enough_words_ : groups_ > 0 && words_shown_ == groups_;
    if (complete_ || distinct_ > best_distinct_ || (distinct_ == best_distinct_ && count_ > best_count_)) {
      best_distinct_ = distinct_;
      best_count_ = count_;
      best_start_ = end + 1 > max_words ? end + 1 - max_words : 0;
      best_end_ = end;
    }
  }
  // The best window shows every query word (or as many as the body can).
  bool complete() const { return complete_; }
  std::size_t best_start() const { return best_start_; }
  std::size_t best_end() const { return best_end_; }
  bool best_shows_a_match() const { return best_distinct_ > 0; }

 private:
  static int& at(std::vector<int>& v, int i) { return v[static_cast<std::size_t>(i)]; }
  void enter(int id) {
    if (id < 0) return;
    if (at(id_in_window_, id)++ == 0) ++distinct_;
    if (at(word_in_window_, word_of_[static_cast<std::size_t>(id)])++ == 0) ++words_shown_;
    ++count_;
  }
  void leave(int id) {
    if (id < 0) return;
    if (--at(id_in_window_, id) == 0) --distinct_;
    if (--at(word_in_window_, word_of_[static_cast<std::size_t>(id)]) == 0) --words_shown_;
    --count_;
  }

  const std::vector<int>& word_of_;
  std::vector<int> id_in_window_, word_in_window_;
  const std::size_t groups_;
  const std::optional<std::size_t> enough_words_;
  std::size_t distinct_ = 0, words_shown_ = 0, count_ = 0;
  std::size_t best_start_ = 0, best_end_ = 0, best_distinct_ = 0, best_count_ = 0;
  bool complete_ = false;
};

// The tokens printed, first and last, around the best window; nullopt when a scan started at
// `start` > 0 would not show the context a scan from the beginning shows.
std::optional<std::pair<std::size_t, std::size_t>> printed_range(const Window& window, const std::vector<int>& match,
                                                                 std::size_t start, std::size_t max_words) {
  const std::size_t size = match.size();
  // Start a little before the window's first match, so it is read in context, unless that would
  // push the window's last match out of the printed words.
  std::size_t first = window.best_start();
  while (first < size && match[first] < 0 && first < window.best_start() + max_words) ++first;
  if (start > 0 && first < kLeadWords) return std::nullopt;
  std::size_t last_match = std::min(window.best_end(), size - 1);
  while (last_match > first && match[last_match] < 0) --last_match;
  first = std::max(first >= kLeadWords ? first - kLeadWords : 0, last_match + 1 > max_words ? last_match + 1 - max_words : 0);
  if (!window.best_shows_a_match()) first = 0;
  // A window that would end before max_words words starts earlier: a short body shows whole.
  first = std::min(first, size > max_words ? size - max_words : 0);
  return std::make_pair(first, std::min(size, first + max_words) - 1);
}

// The text of tokens first..last, spaces collapsed, matches marked, "…" where the body goes on.
Snippet render(std::string_view body, const std::vector<analysis::Token>& list, const std::vector<int>& match,
               std::size_t first, std::size_t last, bool at_beginning) {
  Snippet s;
  const std::size_t from = at_beginning ? 0 : list[first].src_begin;  // keep an elided "L’" at the start
  std::size_t to = list[last].src_end;
  if (last + 1 == list.size()) to = body.size();  // keep the final punctuation
  if (!at_beginning) s.text = "… ";
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
    if (is_space(c)) {
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

// The snippet, the body tokenised from byte `start` (after a space) on. Started after the
// beginning, it gives up (nullopt) unless it finds a complete window with the context before it
// and more than a window's words: what a scan from the beginning would have shown.
std::optional<Snippet> snippet_from(std::string_view body, std::size_t start, analysis::Analyzer& analyzer,
                                    const std::vector<std::string>& words, const std::vector<std::string>& stems,
                                    std::optional<std::size_t> enough_words, std::size_t max_words) {
  int groups = 0;
  const std::vector<int> word_of = word_of_match(analyzer, words, stems, groups);
  // Reused from one call to the next (a page makes ten snippets), one set per --batch thread:
  // growing them anew for every hit was 2 % of a query.
  static thread_local analysis::TokenList tokens;
  static thread_local std::vector<int> match;  // for each token, the match id (see above), or -1
  tokens.clear();
  match.clear();
  const auto& list = tokens.tokens;
  Window window(word_of, groups, enough_words);
  for (std::size_t pos = start; pos < body.size();) {
    const std::size_t first_new = list.size();
    pos = tokenize_chunk(body, pos, analyzer, tokens);
    for (std::size_t end = first_new; end < list.size(); ++end) {
      const int id = match_id(tokens, list[end], analyzer, words, stems);
      match.push_back(id);
      if (!window.complete()) window.advance(end, id, end >= max_words ? match[end - max_words] : -1, max_words);
    }
    // The printed window ends at most 2 * max_words after best_start; one token more tells
    // whether text follows it.
    if (window.complete() && list.size() > window.best_start() + 2 * max_words + 1) break;
  }
  if (start > 0 && (!window.complete() || list.size() <= max_words)) return std::nullopt;
  if (list.empty()) return Snippet{};
  const auto range = printed_range(window, match, start, max_words);
  if (!range) return std::nullopt;
  return render(body, list, match, range->first, range->second, start == 0 && range->first == 0);
}

}  // namespace

Snippet make_snippet(std::string_view body, analysis::Analyzer& analyzer, const std::vector<std::string>& words,
                     const std::vector<std::string>& stems, std::optional<ProvenWindow> proven,
                     std::size_t max_words) {
  std::optional<std::size_t> enough_words;
  if (proven) enough_words = proven->words;
  // Tokenising up to a window that positions place deep in the body was most of a snippet's time:
  // the scan starts a few words before it, counted loosely, and from the beginning only if the
  // count was off by more than that.
  constexpr std::size_t kWordsBeforeWindow = kLeadWords + 10;
  if (proven && proven->words > 0 && proven->first_token > kWordsBeforeWindow) {
    std::size_t start = analysis::loose_word_start(body, proven->first_token - kWordsBeforeWindow);
    // From a space on, the tokens are those of a scan from the beginning; from inside a written
    // word (glued scripts, a run of Chinese) they might not be.
    while (start > 0 && !is_space(body[start - 1])) --start;
    if (auto s = snippet_from(body, start, analyzer, words, stems, enough_words, max_words)) return std::move(*s);
  }
  return *snippet_from(body, 0, analyzer, words, stems, enough_words, max_words);
}

}  // namespace depeche
