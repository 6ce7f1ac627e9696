#include "query/query_parser.h"

#include "analysis/countries.h"
#include "analysis/french_number.h"
#include "query/names.h"
#include "query/query_dates.h"
#include "query/query_lexer.h"
#include "schema.h"
#include "util/date.h"
#include "util/relative_date.h"

#include <algorithm>

namespace depeche {
namespace {

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
  if (const auto day = util::relative_day(text, util::run_start())) return parse_bound(day->iso(), upper, out);
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
      if (l.kind != LexemeKind::kWord) continue;
      if (++words > kMaxQueryWords)
        throw QueryError("query of more than " + std::to_string(kMaxQueryWords) + " words; split it");
      if (!drop_stopwords_ && has_content_word(l.text)) drop_stopwords_ = true;
    }
  }

  Part parse_all() {
    Part p = parse_or();
    if (peek().kind == LexemeKind::kClose) throw QueryError("unbalanced ')' at character " + std::to_string(peek().pos + 1));
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
    while (peek().kind == LexemeKind::kOr) {
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
      const LexemeKind k = peek().kind;
      if (k == LexemeKind::kEnd || k == LexemeKind::kClose || k == LexemeKind::kOr) break;
      if (k == LexemeKind::kAnd) {
        const Lexeme& op = take();
        const LexemeKind next = peek().kind;
        if (parts.empty() || next == LexemeKind::kEnd || next == LexemeKind::kClose || next == LexemeKind::kOr || next == LexemeKind::kAnd)
          throw nothing_on_one_side(op);
        explicit_and = true;
        continue;
      }
      if (k == LexemeKind::kNear) {
        // a NEAR b NEAR c: a near b, and b near c.
        const Lexeme near = take();
        const std::string not_two_words = "NEAR and ADJ go between two single words (iran NEAR/5 mali)";
        if (parts.empty() || parts.back().near_term.empty() || peek().kind != LexemeKind::kWord) throw QueryError(not_two_words);
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
    if (op == Xapian::Query::OP_OR && p_.most_words_first_ && text.size() > 1) text = {most_words_first(p_.db_, text, p_.weights_)};
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
    if (l.kind == LexemeKind::kNot || l.kind == LexemeKind::kMinus) {
      const Nested deeper(depth_);
      take();
      const LexemeKind next = peek().kind;
      if (next == LexemeKind::kEnd || next == LexemeKind::kClose || next == LexemeKind::kOr || next == LexemeKind::kAnd)
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
    if (l.kind == LexemeKind::kPlus) {
      take();
      return parse_unary();
    }
    return parse_primary();
  }

  Part parse_primary() {
    const Lexeme l = take();
    switch (l.kind) {
      case LexemeKind::kOpen: {
        const Nested deeper(depth_);
        Part p = parse_or();
        if (peek().kind != LexemeKind::kClose) throw QueryError("missing ')' for '(' at character " + std::to_string(l.pos + 1));
        take();
        return p;
      }
      case LexemeKind::kWord: return words(l.text, false, nullptr);
      case LexemeKind::kPhrase: return words(l.text, true, nullptr);
      case LexemeKind::kField: return field(l);
      case LexemeKind::kClose: throw QueryError("unbalanced ')' at character " + std::to_string(l.pos + 1));
      case LexemeKind::kAnd: case LexemeKind::kOr: throw nothing_on_one_side(l);
      default: break;
    }
    throw QueryError("unexpected end of query");
  }

  Part field(const Lexeme& l) {
    const schema::Field& f = *schema::find_field(l.field);
    Part p;
    p.empty = false;
    switch (f.kind) {
      case schema::FieldKind::kFreeText: return words(l.text, l.quoted, &f);
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
  // `field` is the free-text field they were given for; nullptr for the unprefixed words.
  Part words(const std::string& text, bool quoted, const schema::Field* field) {
    const std::string_view prefix = field ? field->prefix : std::string_view();
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
    p.query = word_query(folded, field, p.matches_nothing);
    return p;
  }

  // Sets `absent` when no term searched for the word is in the database. A slip of the keyboard
  // is searched in its corrected spelling too (docs/query-syntax.md, "Slips").
  Xapian::Query word_query(const std::string& folded, const schema::Field* field, bool& absent) {
    const std::size_t sought = out_.proximity_words.size();
    Xapian::Query q = word_forms(folded, field);
    Xapian::doccount most = 0;  // articles with the word in any form searched
    for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t)
      most = std::max(most, p_.db_.get_termfreq(*t));
    absent = most == 0;
    const std::string better =
        p_.correct_slips_ ? p_.slip_correction(folded, field, most, out_.rare_words_as_typed) : std::string();
    if (better.empty()) return q;
    if (absent) out_.proximity_words.resize(sought);  // proximity is sought for the words found
    out_.corrected[folded] = better;
    Xapian::Query corrected = word_forms(better, field);
    // A word the archive has, though rarely, keeps its articles first: the spelling searched with
    // it weighs less (at full weight, a dev-set article with the rare name typed fell to rank 2).
    constexpr double kBesideTheTypedForm = 0.2;
    if (!absent) {
      for (auto t = corrected.get_unique_terms_begin(); t != corrected.get_unique_terms_end(); ++t) {
        const auto known = out_.term_scales.find(*t);  // --explain multiplies each term's weight alone by it
        out_.term_scales[*t] = (known == out_.term_scales.end() ? 1.0 : known->second) * kBesideTheTypedForm;
      }
      corrected = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, corrected, kBesideTheTypedForm);
    }
    absent = false;
    return Xapian::Query(Xapian::Query::OP_OR, q, corrected);
  }

  Xapian::Query word_forms(const std::string& folded, const schema::Field* field) {
    const std::string_view prefix = field ? field->prefix : std::string_view();
    const std::string exact = std::string(prefix) + folded;
    const bool stemmed_field = !field || field->stemmed;  // the unprefixed words are stemmed
    std::vector<Xapian::Query> variants;  // other spellings from the synonyms table: Kiev for Kyiv
    const bool unstemmed = !stemmed_field || p_.analyzer_.is_stopword(folded) || p_.is_name(folded);
    if (prefix.empty()) {
      QueryWord sought{{exact}, unstemmed ? std::string() : p_.analyzer_.stem(folded)};
      for (const std::string& other : p_.synonyms_of(folded)) {
        variants.emplace_back(other);
        out_.words.push_back(other);
        sought.forms.push_back(other);
      }
      out_.proximity_words.push_back(std::move(sought));
    }
    if (unstemmed) {
      if (variants.empty()) return Xapian::Query(exact);
      variants.emplace_back(exact);
      return Xapian::Query(Xapian::Query::OP_OR, variants.begin(), variants.end());
    }
    const std::string stem = p_.analyzer_.stem(folded);  // a copy: stem_query stems other words
    out_.stems.push_back(stem);
    for (const std::string& other : other_number_stems(folded, prefix, stem)) {
      variants.push_back(stem_query(p_.db_, prefix, other, p_.analyzer_));
      out_.stems.push_back(other);
    }
    Xapian::Query exact_q(exact);
    if (p_.weights_.exact_form != 1.0) {
      exact_q = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, exact_q, p_.weights_.exact_form);
      out_.term_scales[exact] = p_.weights_.exact_form;
    }
    std::vector<Xapian::Query> forms{exact_q, stem_query(p_.db_, prefix, stem, p_.analyzer_)};
    forms.insert(forms.end(), variants.begin(), variants.end());
    for (analysis::Analyzer* other : p_.other_languages_) {
      const std::string other_stem = other->stem(folded);
      if (other_stem != stem) forms.push_back(stem_query(p_.db_, prefix, other_stem, *other));
    }
    return Xapian::Query(Xapian::Query::OP_OR, forms.begin(), forms.end());
  }

  // The stems of `folded`'s other grammatical number (lieux for lieu) that Snowball keeps apart
  // from `stem`, for the forms the archive has as ordinary words: "maux" for "mal", never a name.
  std::vector<std::string> other_number_stems(const std::string& folded, std::string_view prefix, const std::string& stem) {
    std::vector<std::string> stems;
    for (const std::string& form : analysis::other_number_forms(folded)) {
      if (!p_.db_.term_exists(std::string(prefix) + form) || p_.is_name(form)) continue;
      std::string other = p_.analyzer_.stem(form);
      if (other != stem && std::find(stems.begin(), stems.end(), other) == stems.end()) stems.push_back(std::move(other));
    }
    return stems;
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

std::string QueryParser::slip_correction(const std::string& folded, const schema::Field* field,
                                         Xapian::doccount found, bool& rare_as_typed) const {
  // A word found in more than a few articles is the user's, not a slip; a rare one is taken as a
  // slip only when a close spelling is far more common ("Worcster" once, "Worcester" in 80).
  constexpr Xapian::doccount kRareAsTyped = 3, kMoreCommon = 50;
  constexpr std::size_t kShortest = 4;  // shorter words have too many neighbours to guess from
  if (found > kRareAsTyped || folded.size() < kShortest || analyzer_.is_stopword(folded)) return std::string();
  if (found > 0 && !correct_rare_words_) {
    rare_as_typed = true;
    return std::string();
  }
  std::string better = db_.get_spelling_suggestion(folded, 2);
  if (better.empty() || better == folded || analyzer_.is_stopword(better)) return std::string();
  const std::string prefix(field ? field->prefix : std::string_view());
  const Xapian::doccount as_better = db_.get_termfreq(prefix + better);
  if (as_better == 0 || (found > 0 && as_better < kMoreCommon * found)) return std::string();
  return better;
}

bool QueryParser::is_name(const std::string& folded) const { return depeche::is_name(db_, folded); }

std::vector<std::string> QueryParser::synonyms_of(const std::string& folded) const {
  if (synonyms_) {
    const auto it = synonyms_->find(folded);
    return it == synonyms_->end() ? std::vector<std::string>() : std::vector<std::string>(it->second.begin(), it->second.end());
  }
  return {db_.synonyms_begin(folded), db_.synonyms_end(folded)};
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

void QueryParser::prefer(const PreferredPeriod& period, ParsedQuery& out) const {
  const std::string iso = period.date.iso();
  out.preferred_period = iso;
  out.period = date_range(iso, iso);
  // Its words still count where an article writes them, as any other word would, but are not required.
  ParsedQuery words;
  QueryBuilder builder(*this, lex(period.text), true, words);
  const Part p = builder.parse_all();
  if (!p.empty && !p.matches_nothing) out.period_words = p.query;
  out.words.insert(out.words.end(), words.words.begin(), words.words.end());
}

Xapian::Query QueryParser::date_range(const std::string& from, const std::string& to) const {
  std::string lo, hi;
  const bool lo_ok = from.empty() || parse_bound(from, false, lo);
  const bool hi_ok = to.empty() || parse_bound(to, true, hi);
  if (!lo_ok || !hi_ok || (from.empty() && to.empty()))
    throw QueryError("invalid date '" + (!lo_ok ? from : to) + "' (expected YYYY, YYYY-MM, YYYY-MM-DD, " +
                     util::kRelativeDateForms + ", or a range such as 2021..2022, ..2023-06 or 7d..)");
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
  std::vector<Lexeme> lexemes = lex(text);
  const std::optional<PreferredPeriod> period = read_dates_ ? take_preferred_period(lexemes) : std::nullopt;
  QueryBuilder builder(*this, std::move(lexemes), match_any, out);
  Part p = builder.parse_all();
  if (period) prefer(*period, out);
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
