#include "query/query_lexer.h"

#include "schema.h"
#include "util/edit_distance.h"

#include <algorithm>
#include <cctype>

namespace depeche {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Opening and closing quotes: ASCII, French guillemets, typographic double quotes.
std::size_t quote_open_len(std::string_view s) {
  if (starts_with(s, "\"")) return 1;
  if (starts_with(s, "\xC2\xAB") ) return 2;                              // «
  if (starts_with(s, "\xE2\x80\x9C") || starts_with(s, "\xE2\x80\x9E")) return 3;  // “ „
  return 0;
}
std::size_t find_quote_close(std::string_view s, std::size_t from, std::size_t& len) {
  for (std::size_t i = from; i < s.size(); ++i) {
    if (s[i] == '"') { len = 1; return i; }
    if (starts_with(s.substr(i), "\xC2\xBB")) { len = 2; return i; }                  // »
    if (starts_with(s.substr(i), "\xE2\x80\x9D")) { len = 3; return i; }              // ”
  }
  len = 0;
  return s.size();
}

// NEAR, NEAR/N, ADJ or ADJ/N makes `lx` a kNear; anything else leaves it as it is.
void read_proximity(std::string_view raw, Lexeme& lx) {
  if (raw.rfind("NEAR", 0) != 0 && raw.rfind("ADJ", 0) != 0) return;
  const bool adj = raw[0] == 'A';
  const std::string_view rest = raw.substr(adj ? 3 : 4);
  const bool digits = rest.size() > 1 && std::all_of(rest.begin() + 1, rest.end(), [](char c) { return c >= '0' && c <= '9'; });
  // "NEAR/abc" was searched as a word: a distance that is not a number is a mistake to report.
  if (!rest.empty() && rest[0] == '/' && !digits)
    throw QueryError("'" + std::string(raw) + "': the distance after " + (adj ? "ADJ/" : "NEAR/") +
                     " is a number of words (" + (adj ? "ADJ/3" : "NEAR/5") + ")");
  if (rest.empty() || (rest[0] == '/' && digits)) {
    // Read whole, not cut to a few digits: NEAR/1234567 once searched within 123,456 words.
    const std::string_view number = rest.empty() ? std::string_view() : rest.substr(1);
    const std::string_view significant = number.substr(std::min(number.find_first_not_of('0'), number.size()));
    const unsigned long distance = significant.empty() || significant.size() > 6 ? 0 : std::stoul(std::string(significant));
    if (significant.size() > 6 || distance > kMaxProximity)
      throw QueryError("'" + std::string(raw) + "': the distance after " + (adj ? "ADJ/" : "NEAR/") + " is at most " +
                       std::to_string(kMaxProximity) + " words");
    lx.kind = LexemeKind::kNear;
    lx.ordered = adj;
    lx.distance = rest.empty() ? kDefaultProximity : std::max<Xapian::termcount>(static_cast<Xapian::termcount>(distance), 1);
  }
}

// Reads one query left to right; each read_* step takes the lexeme starting at i_, if it is its kind.
class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  std::vector<Lexeme> run() {
    while (i_ < s_.size()) {
      if (is_space(s_[i_])) {
        ++i_;
        continue;
      }
      Lexeme lx;
      lx.pos = character_at(i_);
      if (!read_parenthesis(lx) && !read_phrase(lx) && !read_sign(lx)) read_word(lx);
      out_.push_back(std::move(lx));
    }
    out_.push_back(Lexeme{});
    return std::move(out_);
  }

 private:
  // Characters in s_[0, byte): byte offsets only grow, so each byte is counted once.
  std::size_t character_at(std::size_t byte) {
    for (; counted_ < byte; ++counted_)
      if ((static_cast<unsigned char>(s_[counted_]) & 0xC0) != 0x80) ++characters_;
    return characters_;
  }

  // The text from i_ + open_len to the closing quote (or the end of the query), which it moves past.
  void read_quoted(std::size_t open_len, Lexeme& lx) {
    std::size_t close_len;
    const std::size_t close = find_quote_close(s_, i_ + open_len, close_len);
    lx.text = std::string(s_.substr(i_ + open_len, close - (i_ + open_len)));
    lx.quoted = true;
    i_ = close + close_len;
  }

  bool read_parenthesis(Lexeme& lx) {
    if (s_[i_] != '(' && s_[i_] != ')') return false;
    lx.kind = s_[i_] == '(' ? LexemeKind::kOpen : LexemeKind::kClose;
    ++i_;
    return true;
  }

  bool read_phrase(Lexeme& lx) {
    const std::size_t q = quote_open_len(s_.substr(i_));
    if (!q) return false;
    lx.kind = LexemeKind::kPhrase;
    read_quoted(q, lx);
    return true;
  }

  bool read_sign(Lexeme& lx) {
    if (s_[i_] != '-' && s_[i_] != '+') return false;
    // "--mango" (a doubled dash, a long one typed as two) excludes like "-mango": read as a
    // word, it searched the very articles the user meant to leave out. A run touching nothing
    // ("a -- b") stays punctuation.
    std::size_t after = i_;
    while (after < s_.size() && s_[after] == s_[i_]) ++after;
    // A '-' that ends the query excludes nothing, like a final NOT: an error, not punctuation.
    const bool ends_query = s_[i_] == '-' && s_.find_first_not_of(" \t\r\n", after) == std::string_view::npos;
    if (!ends_query && (after == s_.size() || is_space(s_[after]))) return false;
    lx.kind = s_[i_] == '-' ? LexemeKind::kMinus : LexemeKind::kPlus;
    i_ = after;
    return true;
  }

  // Everything up to a space, a parenthesis or a quote: an operator, a field:value or a word.
  void read_word(Lexeme& lx) {
    std::size_t end = i_;
    while (end < s_.size() && !is_space(s_[end]) && s_[end] != '(' && s_[end] != ')' && !quote_open_len(s_.substr(end))) ++end;
    const std::string_view raw = s_.substr(i_, end - i_);
    read_proximity(raw, lx);
    if (raw == "AND") lx.kind = LexemeKind::kAnd;
    else if (raw == "OR") lx.kind = LexemeKind::kOr;
    else if (raw == "NOT") lx.kind = LexemeKind::kNot;
    if (lx.kind == LexemeKind::kEnd && read_field(raw, end, lx)) return;
    if (lx.kind == LexemeKind::kEnd) {
      lx.kind = LexemeKind::kWord;
      lx.text = std::string(raw);
    }
    i_ = end;
  }

  // name:value or name:"a phrase", where `raw` (ending at `end`) starts with letters and a colon
  // that does not begin "://" (a URL is a word).
  bool read_field(std::string_view raw, std::size_t end, Lexeme& lx) {
    const std::size_t colon = raw.find(':');
    if (colon == std::string_view::npos || colon == 0 ||
        !std::all_of(raw.begin(), raw.begin() + static_cast<std::ptrdiff_t>(colon),
                     [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }) ||
        starts_with(raw.substr(colon), "://"))
      return false;
    lx.kind = LexemeKind::kField;
    lx.field = std::string(raw.substr(0, colon));
    for (char& c : lx.field) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!schema::find_field(lx.field)) throw QueryError(unknown_field_message(lx.field));
    i_ += colon + 1;
    if (const std::size_t q = i_ < s_.size() ? quote_open_len(s_.substr(i_)) : 0) {
      read_quoted(q, lx);
    } else {
      lx.text = std::string(raw.substr(colon + 1));
      i_ = end;
    }
    if (lx.text.empty()) throw QueryError("field '" + lx.field + ":' has no value");
    return true;
  }

  std::string_view s_;
  std::size_t i_ = 0;  // the byte lexing has reached
  std::size_t counted_ = 0, characters_ = 0;  // characters_ in s_[0, counted_)
  std::vector<Lexeme> out_;
};

}  // namespace

std::vector<Lexeme> lex(std::string_view query) { return Lexer(query).run(); }

std::string unknown_field_message(const std::string& name) {
  std::string message = "unknown field '" + name + ":'";
  const schema::Field* best = nullptr;
  std::size_t best_distance = 3;
  for (const schema::Field& f : schema::kFields) {
    const std::size_t d = util::edit_distance(name, f.name);
    if (d < best_distance) {
      best_distance = d;
      best = &f;
    }
  }
  if (best) message += "; did you mean '" + std::string(best->name) + ":'?";
  else {
    message += " (fields:";
    for (const schema::Field& f : schema::kFields) message += " " + std::string(f.name) + ":";
    message += ")";
  }
  return message;
}

}  // namespace depeche
