#include "analysis/tokenizer.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <array>

namespace depeche::analysis {
namespace {

// Folded French elided forms: "l’Iran" is indexed as "iran".
constexpr std::array<std::string_view, 14> kElisions{"l",     "d",      "j",       "m",       "n",
                                                     "s",     "t",      "c",       "qu",      "jusqu",
                                                     "lorsqu", "puisqu", "quoiqu", "presqu"};

bool is_apostrophe(UChar32 c) {
  return c == 0x27 || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0xB4;
}
bool is_hyphen(UChar32 c) { return c == '-' || c == 0x2010 || c == 0x2011; }

bool is_word_char(UChar32 c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (u_isalnum(c)) return true;
  const auto type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
}

bool is_upper(UChar32 c) { return c < 0x80 ? (c >= 'A' && c <= 'Z') : (u_isupper(c) || u_istitle(c)); }
bool is_lower(UChar32 c) { return c < 0x80 ? (c >= 'a' && c <= 'z') : u_islower(c); }

// Punctuation after which the next word starts a sentence (or a quotation), so a capital
// there says nothing about a proper noun.
bool starts_sentence_after(UChar32 c) {
  switch (c) {
    case '.': case '!': case '?': case ':': case ';': case '"':
    case 0x2026: case 0xAB: case 0x201C: case 0x201E: case 0xBF: case 0xA1:
      return true;
    default:
      return false;
  }
}

// Scripts written without spaces between words, which need dictionary segmentation.
bool is_unspaced_script(UChar32 c) {
  if (c < 0x0E00) return false;
  UErrorCode status = U_ZERO_ERROR;
  switch (uscript_getScript(c, &status)) {
    case USCRIPT_HAN: case USCRIPT_HIRAGANA: case USCRIPT_KATAKANA: case USCRIPT_THAI:
    case USCRIPT_LAO: case USCRIPT_KHMER: case USCRIPT_MYANMAR:
      return true;
    default:
      return false;
  }
}

UChar32 peek(const std::uint8_t* s, std::int32_t i, std::int32_t n, std::int32_t& next) {
  UChar32 c;
  next = i;
  if (i >= n) return -1;  // past the end: no character (callers look one ahead)
  U8_NEXT(s, next, n, c);
  return c;
}

}  // namespace

bool is_elision(std::string_view folded) {
  for (auto e : kElisions)
    if (e == folded) return true;
  return false;
}

std::size_t loose_word_start(std::string_view text, std::size_t n) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto size = static_cast<std::int32_t>(text.size());
  bool in_word = false, prev_lower = false, prev_unspaced = false;
  for (std::int32_t i = 0; i < size;) {
    const std::int32_t at = i;
    UChar32 c = s[i];
    if (c < 0x80) ++i;
    else U8_NEXT(s, i, size, c);
    const bool word_char = c >= 0 && is_word_char(c);
    // A capital glued to a lower-case letter starts a word, as in read_word; so does whatever
    // follows a character of an unspaced script, whose runs segment_run splits into words of one
    // character or more.
    const bool starts_word = word_char && (!in_word || (prev_lower && is_upper(c)) || prev_unspaced);
    if (starts_word && n-- == 0) return static_cast<std::size_t>(at);
    in_word = word_char;
    prev_lower = word_char && is_lower(c);
    prev_unspaced = word_char && is_unspaced_script(c);
  }
  return text.size();
}

Tokenizer::Tokenizer() = default;
Tokenizer::~Tokenizer() = default;

void Tokenizer::push(Token t, TokenList& out) {
  t.fold_size = static_cast<std::uint32_t>(out.folded_text.size() - t.fold_begin);
  if (t.fold_size == 0 || t.fold_size > kMaxWordBytes) {
    out.folded_text.resize(t.fold_begin);
    return;
  }
  out.tokens.push_back(t);
}

void Tokenizer::tokenize(std::string_view text, TokenList& out) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  bool sentence_start = true;
  int newlines = 0;
  std::int32_t i = 0;
  while (i < n) {
    const std::int32_t start = i;
    std::int32_t next;
    const UChar32 c = peek(s, i, n, next);
    if (c >= 0 && is_word_char(c)) {
      if (is_unspaced_script(c)) {
        i = segment_run(s, start, n, out);
        sentence_start = false;
      } else {
        i = read_word(s, start, n, sentence_start, out);
      }
      newlines = 0;
      continue;
    }
    i = next;
    if (c == '\n') {
      if (++newlines >= 2) sentence_start = true;  // a blank line starts a paragraph
    } else if (c != ' ' && c != '\t' && c != '\r') {
      newlines = 0;
    }
    if (c >= 0 && starts_sentence_after(c)) sentence_start = true;
    if (c >= 0 && is_hyphen(c) && !out.tokens.empty() && out.tokens.back().src_end == static_cast<std::uint32_t>(start)) {
      std::int32_t after;
      const UChar32 following = peek(s, i, n, after);
      if (following >= 0 && is_word_char(following)) out.tokens.back().flags |= Token::kJoinedToNext;
    }
  }
}

std::int32_t Tokenizer::read_word(const std::uint8_t* s, std::int32_t start, std::int32_t n, bool& sentence_start,
                                  TokenList& out) {
  auto begin_token = [&](std::int32_t at, UChar32 first) {
    Token t;
    t.src_begin = static_cast<std::uint32_t>(at);
    t.fold_begin = static_cast<std::uint32_t>(out.folded_text.size());
    if (is_upper(first)) t.flags |= Token::kCapitalised;
    if (sentence_start) t.flags |= Token::kSentenceStart;
    return t;
  };
  std::int32_t next;
  Token t = begin_token(start, peek(s, start, n, next));
  bool prev_lower = false;
  std::int32_t i = start;
  while (i < n) {
    // Most of French text is ASCII: those bytes skip the UTF-8 decoder.
    const bool ascii = s[i] < 0x80;
    const UChar32 c = ascii ? s[i] : peek(s, i, n, next);
    if (ascii) next = i + 1;
    if (c < 0) break;
    if (is_word_char(c)) {
      if (prev_lower && is_upper(c)) {
        // Scraped text glued at a case change ("diplomatieLe"): two words, the second opening a sentence.
        t.src_end = static_cast<std::uint32_t>(i);
        t.flags |= Token::kJoinedToNext;
        push(t, out);
        sentence_start = true;
        t = begin_token(i, c);
      }
      folder_.append(c, out.folded_text);
      prev_lower = is_lower(c);
      i = next;
      continue;
    }
    if (is_apostrophe(c)) {
      std::int32_t after;
      const UChar32 following = peek(s, next, n, after);
      if (following >= 0 && is_word_char(following) && !is_unspaced_script(following)) {
        std::string_view so_far(out.folded_text.data() + t.fold_begin, out.folded_text.size() - t.fold_begin);
        if (is_elision(so_far)) {
          out.folded_text.resize(t.fold_begin);  // drop "l’", keep the word it elides
          const bool was_sentence_start = t.has(Token::kSentenceStart);
          t = begin_token(next, following);
          if (!was_sentence_start) t.flags &= static_cast<std::uint8_t>(~Token::kSentenceStart);
        } else {
          out.folded_text += '\'';  // one word with its apostrophe: aujourd'hui, prud'homme
        }
        prev_lower = false;
        i = next;
        continue;
      }
    }
    break;
  }
  t.src_end = static_cast<std::uint32_t>(i);
  push(t, out);
  sentence_start = false;
  return i;
}

std::int32_t Tokenizer::segment_run(const std::uint8_t* s, std::int32_t start, std::int32_t n, TokenList& out) {
  // The run: consecutive characters of unspaced scripts and their marks.
  std::int32_t end = start;
  while (end < n) {
    std::int32_t next;
    const UChar32 c = peek(s, end, n, next);
    if (c < 0 || !is_word_char(c)) break;
    if (!is_unspaced_script(c) && u_charType(c) != U_NON_SPACING_MARK && u_charType(c) != U_COMBINING_SPACING_MARK)
      break;
    end = next;
  }
  const auto run = icu::UnicodeString::fromUTF8(
      icu::StringPiece(reinterpret_cast<const char*>(s + start), end - start));
  if (!word_breaker_) {
    UErrorCode status = U_ZERO_ERROR;
    word_breaker_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) word_breaker_.reset();
  }
  // Byte offsets of each UTF-16 index, to report source positions.
  std::vector<std::int32_t> byte_at(static_cast<std::size_t>(run.length()) + 1, end);
  {
    std::int32_t b = start, u = 0;
    while (b < end && u < run.length()) {
      byte_at[static_cast<std::size_t>(u)] = b;
      std::int32_t next;
      const UChar32 c = peek(s, b, end, next);
      u += U16_LENGTH(c < 0 ? 0xFFFD : c);
      b = next;
    }
  }
  auto emit = [&](std::int32_t from, std::int32_t to) {
    Token t;
    t.src_begin = static_cast<std::uint32_t>(byte_at[static_cast<std::size_t>(from)]);
    t.src_end = static_cast<std::uint32_t>(byte_at[static_cast<std::size_t>(to)]);
    t.fold_begin = static_cast<std::uint32_t>(out.folded_text.size());
    for (std::int32_t u = from; u < to;) {
      const UChar32 c = run.char32At(u);
      folder_.append(c, out.folded_text);
      u += U16_LENGTH(c);
    }
    push(t, out);
  };
  if (!word_breaker_) {  // no ICU data: one token per character, still searchable
    for (std::int32_t u = 0; u < run.length(); u += U16_LENGTH(run.char32At(u))) emit(u, u + U16_LENGTH(run.char32At(u)));
    return end;
  }
  word_breaker_->setText(run);
  std::int32_t from = word_breaker_->first();
  for (std::int32_t to = word_breaker_->next(); to != icu::BreakIterator::DONE; from = to, to = word_breaker_->next()) {
    if (word_breaker_->getRuleStatus() != UBRK_WORD_NONE) emit(from, to);
  }
  return end;
}

}  // namespace depeche::analysis
