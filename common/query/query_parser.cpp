#include "query/query_parser.h"

#include "analysis/countries.h"
#include "schema.h"
#include "util/date.h"
#include "util/edit_distance.h"

#include <algorithm>
#include <cctype>

namespace depeche {
namespace {

enum class Kind { kWord, kPhrase, kField, kOpen, kClose, kAnd, kOr, kNot, kMinus, kPlus, kNear, kEnd };

// Words apart at most, for NEAR and ADJ without /N.
constexpr Xapian::termcount kDefaultProximity = 10;

struct Lexeme {
  Kind kind = Kind::kEnd;
  std::string text;   // word, phrase, or the field's value
  std::string field;  // for kField
  bool quoted = false;
  bool ordered = false;           // kNear: ADJ (in this order) rather than NEAR
  Xapian::termcount distance = 0;  // kNear: words apart at most
  std::size_t pos = 0;  // where it starts, in characters (for messages)
};

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

std::vector<Lexeme> lex(std::string_view s) {
  std::vector<Lexeme> out;
  std::size_t i = 0;
  auto read_quoted = [&](std::size_t open_len, Lexeme& lx) {
    std::size_t close_len;
    const std::size_t close = find_quote_close(s, i + open_len, close_len);
    lx.text = std::string(s.substr(i + open_len, close - (i + open_len)));
    lx.quoted = true;
    i = close + close_len;
  };
  std::size_t counted = 0, characters = 0;  // characters in s[0, counted)
  auto character_at = [&](std::size_t byte) {
    for (; counted < byte; ++counted)
      if ((static_cast<unsigned char>(s[counted]) & 0xC0) != 0x80) ++characters;
    return characters;
  };
  while (i < s.size()) {
    if (is_space(s[i])) { ++i; continue; }
    Lexeme lx;
    lx.pos = character_at(i);
    if (s[i] == '(') { lx.kind = Kind::kOpen; ++i; out.push_back(lx); continue; }
    if (s[i] == ')') { lx.kind = Kind::kClose; ++i; out.push_back(lx); continue; }
    if (const std::size_t q = quote_open_len(s.substr(i))) {
      lx.kind = Kind::kPhrase;
      read_quoted(q, lx);
      out.push_back(lx);
      continue;
    }
    if (s[i] == '-' || s[i] == '+') {
      // "--mango" (a doubled dash, a long one typed as two) excludes like "-mango": read as a
      // word, it searched the very articles the user meant to leave out. A run touching nothing
      // ("a -- b") stays punctuation.
      std::size_t after = i;
      while (after < s.size() && s[after] == s[i]) ++after;
      // A '-' that ends the query excludes nothing, like a final NOT: an error, not punctuation.
      const bool ends_query = s[i] == '-' && s.find_first_not_of(" \t\r\n", after) == std::string_view::npos;
      if (ends_query || (after < s.size() && !is_space(s[after]))) {
        lx.kind = s[i] == '-' ? Kind::kMinus : Kind::kPlus;
        i = after;
        out.push_back(lx);
        continue;
      }
    }
    std::size_t end = i;
    while (end < s.size() && !is_space(s[end]) && s[end] != '(' && s[end] != ')' && !quote_open_len(s.substr(end))) ++end;
    std::string_view raw = s.substr(i, end - i);
    if (raw.rfind("NEAR", 0) == 0 || raw.rfind("ADJ", 0) == 0) {
      const bool adj = raw[0] == 'A';
      const std::string_view rest = raw.substr(adj ? 3 : 4);
      const bool digits = rest.size() > 1 && std::all_of(rest.begin() + 1, rest.end(), [](char c) { return c >= '0' && c <= '9'; });
      // "NEAR/abc" was searched as a word: a distance that is not a number is a mistake to report.
      if (!rest.empty() && rest[0] == '/' && !digits)
        throw QueryError("'" + std::string(raw) + "': the distance after " + (adj ? "ADJ/" : "NEAR/") +
                         " is a number of words (" + (adj ? "ADJ/3" : "NEAR/5") + ")");
      if (rest.empty() || (rest[0] == '/' && digits)) {
        lx.kind = Kind::kNear;
        lx.ordered = adj;
        lx.distance = rest.empty() ? kDefaultProximity : static_cast<Xapian::termcount>(std::stoul(std::string(rest.substr(1, 6))));
        if (lx.distance == 0) lx.distance = 1;
      }
    }
    if (raw == "AND") lx.kind = Kind::kAnd;
    else if (raw == "OR") lx.kind = Kind::kOr;
    else if (raw == "NOT") lx.kind = Kind::kNot;
    const std::size_t colon = raw.find(':');
    if (lx.kind == Kind::kEnd && colon != std::string_view::npos && colon > 0 &&
        std::all_of(raw.begin(), raw.begin() + static_cast<std::ptrdiff_t>(colon),
                    [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }) &&
        !starts_with(raw.substr(colon), "://")) {
      lx.kind = Kind::kField;
      lx.field = std::string(raw.substr(0, colon));
      for (char& c : lx.field) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (!schema::find_field(lx.field)) throw QueryError(unknown_field_message(lx.field));
      i += colon + 1;
      if (const std::size_t q = i < s.size() ? quote_open_len(s.substr(i)) : 0) {
        read_quoted(q, lx);
      } else {
        lx.text = std::string(raw.substr(colon + 1));
        i = end;
      }
      if (lx.text.empty()) throw QueryError("field '" + lx.field + ":' has no value");
      out.push_back(lx);
      continue;
    }
    if (lx.kind == Kind::kEnd) {
      lx.kind = Kind::kWord;
      lx.text = std::string(raw);
    }
    i = end;
    out.push_back(lx);
  }
  out.push_back(Lexeme{});
  return out;
}

// One operand of a boolean combination.
struct Part {
  Xapian::Query query;
  bool negative = false;
  bool filter = false;  // boolean filter: restricts, never scores, never relaxed
  bool empty = true;    // nothing searchable (a stop word, punctuation)
  // What NEAR and ADJ may take on this side: the exact term of a single plain word (or of the
  // right-hand word of a NEAR, for chains); empty for anything else.
  std::string near_term;
  bool is_near = false;
  // Every term it searches is absent from the database: left out of an OR, whose zero-frequency
  // branches Xapian combines in time quadratic in their number (10,000 words: 11 s).
  bool matches_nothing = false;
};

// The queries of `parts` to OR together, those that can match nothing left out (one is kept
// when all are: the OR still says what was searched).
std::vector<Xapian::Query> or_operands(const std::vector<const Part*>& parts) {
  std::vector<Xapian::Query> qs;
  for (const Part* part : parts)
    if (!part->matches_nothing) qs.push_back(part->query);
  if (qs.empty() && !parts.empty()) qs.push_back(parts.front()->query);
  return qs;
}

// Parentheses and NOTs nest at most this deep: the parser recurses once per level.
constexpr int kMaxNesting = 100;

bool parse_bound(const std::string& text, bool upper, std::string& out) {
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return false;
  const auto d = util::parse_iso_date(text);
  if (!d) return false;
  const char* fill = upper ? "99" : "00";
  out = std::to_string(d->year);
  out += d->precision >= util::DatePrecision::kMonth ? text.substr(5, 2) : fill;
  out += d->precision == util::DatePrecision::kDay ? text.substr(8, 2) : fill;
  return true;
}

}  // namespace

// The recursive-descent parser over the lexemes of one query.
class QueryBuilder {
 public:
  QueryBuilder(const QueryParser& owner, std::vector<Lexeme> lexemes, bool match_any, ParsedQuery& out)
      : p_(owner), lx_(std::move(lexemes)), match_any_(match_any), out_(out) {
    std::size_t words = 0;
    for (const Lexeme& l : lx_) {
      if (l.kind != Kind::kWord) continue;
      if (++words > kMaxQueryWords)
        throw QueryError("query of more than " + std::to_string(kMaxQueryWords) + " words; split it");
      if (!drop_stopwords_ && has_content_word(l.text)) drop_stopwords_ = true;
    }
  }

  Part parse_all() {
    Part p = parse_or();
    if (peek().kind == Kind::kClose) throw QueryError("unbalanced ')' at character " + std::to_string(peek().pos + 1));
    return p;
  }

 private:
  const Lexeme& peek() const { return lx_[pos_]; }
  const Lexeme& take() { return lx_[pos_ < lx_.size() - 1 ? pos_++ : pos_]; }

  bool has_content_word(const std::string& text) {
    tokens_.clear();
    p_.analyzer_.tokenize(text, tokens_);
    for (const auto& t : tokens_.tokens)
      if (!p_.analyzer_.is_stopword(tokens_.folded(t))) return true;
    return false;
  }

  // "iran AND", "OR mali", "iran OR OR mali": an operator missing a side is an error, not dropped,
  // so that a script's empty variable ("iran AND $word") does not silently widen its query.
  static QueryError nothing_on_one_side(const Lexeme& op) {
    return QueryError("operator at character " + std::to_string(op.pos + 1) + " has nothing on one side");
  }

  Part parse_or() {
    std::size_t before = pos_;
    std::vector<Part> parts{parse_and()};
    while (peek().kind == Kind::kOr) {
      const Lexeme& op = take();
      if (pos_ - 1 == before) throw nothing_on_one_side(op);
      before = pos_;
      parts.push_back(parse_and());
      if (pos_ == before) throw nothing_on_one_side(op);
    }
    if (parts.size() == 1) return parts[0];
    Part result;
    std::vector<const Part*> operands;
    bool all_filters = true;
    for (Part& part : parts) {
      if (part.empty) continue;
      if (part.negative) part.query = Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, part.query);
      all_filters = all_filters && part.filter;
      operands.push_back(&part);
    }
    if (operands.empty()) return result;
    const std::vector<Xapian::Query> qs = or_operands(operands);
    result.query = Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
    result.filter = all_filters;
    result.empty = false;
    return result;
  }

  Part parse_and() {
    std::vector<Part> parts;
    bool explicit_and = false;
    for (;;) {
      const Kind k = peek().kind;
      if (k == Kind::kEnd || k == Kind::kClose || k == Kind::kOr) break;
      if (k == Kind::kAnd) {
        const Lexeme& op = take();
        const Kind next = peek().kind;
        if (parts.empty() || next == Kind::kEnd || next == Kind::kClose || next == Kind::kOr || next == Kind::kAnd)
          throw nothing_on_one_side(op);
        explicit_and = true;
        continue;
      }
      if (k == Kind::kNear) {
        // a NEAR b NEAR c: a near b, and b near c.
        const Lexeme near = take();
        const std::string not_two_words = "NEAR and ADJ go between two single words (iran NEAR/5 mali)";
        if (parts.empty() || parts.back().near_term.empty() || peek().kind != Kind::kWord) throw QueryError(not_two_words);
        const std::string left = parts.back().near_term;
        if (!parts.back().is_near) parts.pop_back();  // the word is searched within the NEAR
        Part right = parse_unary();
        if (right.near_term.empty()) throw QueryError(not_two_words);
        Part p;
        p.empty = false;
        p.is_near = true;
        p.near_term = right.near_term;
        std::vector<Xapian::Query> pair{Xapian::Query(left), Xapian::Query(right.near_term)};
        p.query = Xapian::Query(near.ordered ? Xapian::Query::OP_PHRASE : Xapian::Query::OP_NEAR, pair.begin(), pair.end(),
                                near.distance + 1);
        parts.push_back(p);
        continue;
      }
      parts.push_back(parse_unary());
    }
    const auto op = (match_any_ && !explicit_and) ? Xapian::Query::OP_OR : Xapian::Query::OP_AND;
    std::vector<Xapian::Query> text, filters, negatives;
    std::vector<const Part*> text_parts;
    for (const Part& part : parts) {
      if (part.empty) continue;
      if (part.negative) negatives.push_back(part.query);
      else if (part.filter) filters.push_back(part.query);
      else text_parts.push_back(&part);
    }
    if (op == Xapian::Query::OP_OR) text = or_operands(text_parts);
    else for (const Part* part : text_parts) text.push_back(part->query);
    Part result;
    if (text.empty() && filters.empty() && negatives.empty()) return result;
    result.empty = false;
    const auto nothing = [](const Part* part) { return part->matches_nothing; };
    result.matches_nothing = !text_parts.empty() && (op == Xapian::Query::OP_OR
                                                         ? std::all_of(text_parts.begin(), text_parts.end(), nothing)
                                                         : std::any_of(text_parts.begin(), text_parts.end(), nothing));
    Xapian::Query q;
    if (!text.empty()) q = Xapian::Query(op, text.begin(), text.end());
    if (!filters.empty()) {
      Xapian::Query f(Xapian::Query::OP_AND, filters.begin(), filters.end());
      q = text.empty() ? f : Xapian::Query(Xapian::Query::OP_FILTER, q, f);
      result.filter = text.empty();
    }
    if (!negatives.empty()) {
      if (q.empty()) q = Xapian::Query::MatchAll;
      q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, Xapian::Query(Xapian::Query::OP_OR, negatives.begin(), negatives.end()));
    }
    result.query = q;
    return result;
  }

  // One level deeper for the lifetime of this guard; throws past kMaxNesting.
  class Nested {
   public:
    explicit Nested(int& depth) : depth_(depth) {
      if (++depth_ > kMaxNesting) {
        --depth_;
        throw QueryError("the query nests parentheses or NOTs more than " + std::to_string(kMaxNesting) + " deep");
      }
    }
    ~Nested() { --depth_; }
    Nested(const Nested&) = delete;
    Nested& operator=(const Nested&) = delete;

   private:
    int& depth_;
  };

  Part parse_unary() {
    const Lexeme& l = peek();
    if (l.kind == Kind::kNot || l.kind == Kind::kMinus) {
      const Nested deeper(depth_);
      take();
      const Kind next = peek().kind;
      if (next == Kind::kEnd || next == Kind::kClose || next == Kind::kOr || next == Kind::kAnd)
        throw QueryError("NOT or '-' must be followed by something to exclude");
      const std::size_t sought = out_.proximity_words.size(), shown = out_.words.size(), stems = out_.stems.size();
      Part p = parse_unary();
      // Words excluded are not sought close together, nor in a hit's text, which cannot have them.
      out_.proximity_words.resize(sought);
      out_.words.resize(shown);
      out_.stems.resize(stems);
      p.negative = !p.negative;
      p.filter = false;
      p.near_term.clear();
      return p;
    }
    if (l.kind == Kind::kPlus) {
      take();
      return parse_unary();
    }
    return parse_primary();
  }

  Part parse_primary() {
    const Lexeme l = take();
    switch (l.kind) {
      case Kind::kOpen: {
        const Nested deeper(depth_);
        Part p = parse_or();
        if (peek().kind != Kind::kClose) throw QueryError("missing ')' for '(' at character " + std::to_string(l.pos + 1));
        take();
        return p;
      }
      case Kind::kWord: return words(l.text, false, "");
      case Kind::kPhrase: return words(l.text, true, "");
      case Kind::kField: return field(l);
      case Kind::kClose: throw QueryError("unbalanced ')' at character " + std::to_string(l.pos + 1));
      case Kind::kAnd: case Kind::kOr: throw nothing_on_one_side(l);
      default: break;
    }
    throw QueryError("unexpected end of query");
  }

  Part field(const Lexeme& l) {
    const schema::Field& f = *schema::find_field(l.field);
    Part p;
    p.empty = false;
    switch (f.kind) {
      case schema::FieldKind::kFreeText: return words(l.text, l.quoted, f.prefix);
      case schema::FieldKind::kDate: {
        const std::size_t dots = l.text.find("..");
        p.query = dots == std::string::npos ? p_.date_range(l.text, l.text)
                                            : p_.date_range(l.text.substr(0, dots), l.text.substr(dots + 2));
        break;
      }
      case schema::FieldKind::kBoolean: p.query = p_.filter(l.field, l.text); break;
    }
    p.filter = true;
    return p;
  }

  // Free text: a single word searched by exact form and stem; several words from one written
  // word (a hyphenated name, glued text) or a quoted phrase searched as a phrase of exact forms.
  Part words(const std::string& text, bool quoted, std::string_view prefix) {
    tokens_.clear();
    const bool wildcard = !quoted && text.size() > 1 && text.back() == '*';
    p_.analyzer_.tokenize(wildcard ? text.substr(0, text.size() - 1) : text, tokens_);
    Part p;
    if (tokens_.tokens.empty()) return p;
    if (wildcard && tokens_.tokens.size() == 1) {
      // migra* : every indexed form starting so, bounded (Xapian reports a pattern that expands too far).
      const std::string stem_of_pattern(tokens_.folded(tokens_.tokens[0]));
      out_.words.push_back(stem_of_pattern + '*');  // highlights the words it stands for
      out_.has_free_text = true;
      p.empty = false;
      p.query = Xapian::Query(Xapian::Query::OP_WILDCARD, std::string(prefix) + stem_of_pattern, kMaxWildcardTerms,
                              Xapian::Query::WILDCARD_LIMIT_ERROR);
      return p;
    }
    std::vector<Xapian::Query> terms;
    for (const auto& t : tokens_.tokens) {
      std::string folded(tokens_.folded(t));
      // The stop words of a phrase ("port de Brest") are not highlighted: each 'de' of the text was.
      if (tokens_.tokens.size() == 1 || !p_.analyzer_.is_stopword(folded)) out_.words.push_back(folded);
      terms.emplace_back(std::string(prefix) + folded, 1, static_cast<Xapian::termpos>(terms.size() + 1));
    }
    out_.has_free_text = true;
    p.empty = false;
    if (terms.size() > 1) {
      p.query = Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), static_cast<Xapian::termcount>(terms.size()));
      return p;
    }
    const std::string folded(tokens_.folded(tokens_.tokens[0]));
    p.near_term = std::string(prefix) + folded;
    if (quoted) {
      p.query = terms[0];
      return p;
    }
    if (drop_stopwords_ && p_.analyzer_.is_stopword(folded)) {
      out_.words.pop_back();  // pushed above: one token, so kept
      Part dropped;  // nothing searched, but "élu NEAR le" still asks for the word
      dropped.near_term = std::move(p.near_term);
      return dropped;
    }
    p.query = word_query(folded, prefix, p.matches_nothing);
    return p;
  }

  // Sets `absent` when no term searched for the word is in the database.
  Xapian::Query word_query(const std::string& folded, std::string_view prefix, bool& absent) {
    Xapian::Query q = word_forms(folded, prefix);
    absent = true;
    for (auto t = q.get_unique_terms_begin(); absent && t != q.get_unique_terms_end(); ++t)
      absent = p_.db_.get_termfreq(*t) == 0;
    return q;
  }

  Xapian::Query word_forms(const std::string& folded, std::string_view prefix) {
    const std::string exact = std::string(prefix) + folded;
    const bool stemmed_field = prefix.empty() || prefix == schema::field("title").prefix;
    std::vector<Xapian::Query> variants;  // other spellings from the synonyms table: Kiev for Kyiv
    const bool unstemmed = !stemmed_field || p_.analyzer_.is_stopword(folded) || p_.is_name(folded);
    if (prefix.empty()) {
      QueryWord sought{{exact}, unstemmed ? std::string() : p_.analyzer_.stem(folded)};
      for (auto it = p_.db_.synonyms_begin(folded); it != p_.db_.synonyms_end(folded); ++it) {
        variants.emplace_back(*it);
        out_.words.push_back(*it);
        sought.forms.push_back(*it);
      }
      out_.proximity_words.push_back(std::move(sought));
    }
    if (unstemmed) {
      if (variants.empty()) return Xapian::Query(exact);
      variants.emplace_back(exact);
      return Xapian::Query(Xapian::Query::OP_OR, variants.begin(), variants.end());
    }
    const std::string& stem = p_.analyzer_.stem(folded);
    out_.stems.push_back(stem);
    const std::string stem_prefix(prefix.empty() ? schema::kPrefixStem : schema::kPrefixTitleStem);
    Xapian::Query exact_q(exact);
    if (p_.weights_.exact_form != 1.0) {
      exact_q = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, exact_q, p_.weights_.exact_form);
      out_.term_scales[exact] = p_.weights_.exact_form;
    }
    std::vector<Xapian::Query> forms{exact_q, Xapian::Query(stem_prefix + stem)};
    forms.insert(forms.end(), variants.begin(), variants.end());
    for (analysis::Analyzer* other : p_.other_languages_) {
      const std::string& other_stem = other->stem(folded);
      if (other_stem != stem) forms.emplace_back(stem_prefix + other_stem);
    }
    return Xapian::Query(Xapian::Query::OP_OR, forms.begin(), forms.end());
  }

  const QueryParser& p_;
  std::vector<Lexeme> lx_;
  std::size_t pos_ = 0;
  bool match_any_;
  bool drop_stopwords_ = false;
  int depth_ = 0;  // parentheses and NOTs open
  ParsedQuery& out_;
  analysis::TokenList tokens_;
};

QueryParser::QueryParser(const Xapian::Database& db, analysis::Analyzer& analyzer, RankingWeights weights)
    : db_(db), analyzer_(analyzer), weights_(weights) {}

bool QueryParser::is_name(const std::string& folded) const {
  const Xapian::doccount all = db_.get_termfreq(folded);
  if (all == 0) return false;
  const Xapian::doccount as_name = db_.get_termfreq(std::string(schema::kPrefixName) + folded);
  return as_name * 2 >= all;
}

Xapian::Query QueryParser::filter(const std::string& field_name, const std::string& value) const {
  const schema::Field* f = schema::find_field(field_name);
  if (!f) throw QueryError(unknown_field_message(field_name));
  if (f->kind == schema::FieldKind::kDate) {
    const std::size_t dots = value.find("..");
    return dots == std::string::npos ? date_range(value, value) : date_range(value.substr(0, dots), value.substr(dots + 2));
  }
  if (f->name == "year" || f->name == "month") {
    // year:21 or month:2022-13 would match nothing without a word: malformed, like date:2023-13.
    const bool year = f->name == "year";
    const std::size_t size = year ? 4 : 7, dots = value.find("..");
    auto well_formed = [&](const std::string& v) { return v.size() == size && util::parse_iso_date(v).has_value(); };
    if (dots != std::string::npos) {  // year:2021..2022, month:..2023-06: the same as date: ranges
      const std::string from = value.substr(0, dots), to = value.substr(dots + 2);
      if ((from.empty() || well_formed(from)) && (to.empty() || well_formed(to))) return date_range(from, to);
    } else if (well_formed(value)) {
      return Xapian::Query(schema::boolean_term(f->prefix, value));
    }
    throw QueryError("invalid " + std::string(f->name) + " '" + value + "' (expected " + (year ? "YYYY" : "YYYY-MM") +
                     ", or a range such as " + (year ? "2021..2022" : "2023-01..2023-06") + ")");
  }
  if (f->name == "country") {
    // Any name of a country finds it under its canonical name (country:RDC); a name of no country
    // would silently match nothing, so it is refused with the nearest country.
    const analysis::CountryFinder countries(analyzer_);
    const std::string* name = countries.canonical(value, analyzer_);
    if (!name)
      throw QueryError("unknown country '" + value + "'; did you mean '" + countries.nearest(value, analyzer_) + "'?");
    return Xapian::Query(schema::boolean_term(f->prefix, analyzer_.fold(*name)));
  }
  // Ids and URLs are matched as written; other values folded like the index folds them.
  const bool verbatim = f->name == "id" || f->name == "url";
  return Xapian::Query(schema::boolean_term(f->prefix, verbatim ? value : analyzer_.fold(value)));
}

Xapian::Query QueryParser::date_range(const std::string& from, const std::string& to) const {
  std::string lo, hi;
  const bool lo_ok = from.empty() || parse_bound(from, false, lo);
  const bool hi_ok = to.empty() || parse_bound(to, true, hi);
  if (!lo_ok || !hi_ok || (from.empty() && to.empty()))
    throw QueryError("invalid date '" + (!lo_ok ? from : to) +
                     "' (expected YYYY, YYYY-MM, YYYY-MM-DD, or a range such as 2021..2022 or ..2023-06)");
  if (lo.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kSlotDate, hi);
  if (hi.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotDate, lo);
  if (lo > hi) throw QueryError("date range '" + from + ".." + to + "' ends before it starts");
  // Whole years are the year terms of the articles dated in them: the same articles, and a filter
  // of boolean postings is far cheaper than the value range, which reads every candidate's date.
  constexpr int kMaxYearTerms = 100;
  const int first_year = std::stoi(lo.substr(0, 4)), last_year = std::stoi(hi.substr(0, 4));
  if (lo.compare(4, 4, "0000") == 0 && hi.compare(4, 4, "9999") == 0 && last_year - first_year < kMaxYearTerms) {
    std::vector<Xapian::Query> years;
    for (int year = first_year; year <= last_year; ++year)
      years.emplace_back(schema::boolean_term(schema::field("year").prefix, std::to_string(year)));
    return Xapian::Query(Xapian::Query::OP_OR, years.begin(), years.end());
  }
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDate, lo, hi);
}

ParsedQuery QueryParser::parse(const std::string& text, bool match_any) const {
  ParsedQuery out;
  QueryBuilder builder(*this, lex(text), match_any, out);
  Part p = builder.parse_all();
  // Only an empty query matches every article. Punctuation alone ('?', '...', a lone '*' or '-')
  // matched every article too, with exit 0, as if the user had asked for all of them.
  if (p.empty && text.find_first_not_of(" \t\r\n") != std::string::npos)
    throw QueryError("no word to search for in '" + text + "'");
  if (p.empty) {
    out.query = Xapian::Query::MatchAll;
  } else if (p.negative) {
    out.query = Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, p.query);
  } else {
    out.query = p.query;
  }
  return out;
}

}  // namespace depeche
