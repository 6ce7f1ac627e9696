// The query language: words (ANDed by default), "phrases", AND / OR / NOT, -word, (groups),
// and field:value filters from schema.h (date:2023-07, date:2021..2022, source:lemonde.fr ...).
// Words go through the same Analyzer as indexing.
#ifndef DEPECHE_INCLUDED_QUERY_QUERY_PARSER_H
#define DEPECHE_INCLUDED_QUERY_QUERY_PARSER_H

#include "analysis/analyzer.h"
#include "index/synonym_table.h"
#include "query/ranking.h"
#include "util/error.h"

#include <xapian.h>

#include <map>
#include <string>
#include <vector>

namespace depeche {

struct PreferredPeriod;  // query_dates.h
namespace schema {
struct Field;
}  // namespace schema

// A query the user must fix: its message says what is wrong and where.
class QueryError : public Error {
 public:
  using Error::Error;
};

// A trailing wildcard (migra*) may stand for at most this many indexed words.
inline constexpr Xapian::termcount kMaxWildcardTerms = 200;
// Words a query may hold (docs/query-syntax.md); more is a usage error. A thousand is more than
// anyone types or a saved search needs, and bounds what a script's runaway line can cost.
inline constexpr std::size_t kMaxQueryWords = 1000;

struct ParsedQuery {
  Xapian::Query query;             // what to run; MatchAll when only filters were given
  std::vector<std::string> words;  // folded words searched (not negated; "migra*" for a wildcard), for highlighting
  std::vector<std::string> stems;  // stems searched (words treated as names are not stemmed)
  bool has_free_text = false;      // false when the query is only filters
  std::vector<QueryWord> proximity_words;  // the plain words sought (not negated, not in a phrase), for proximity
  std::map<std::string, double> term_scales;  // terms whose weight the query multiplies (the exact form's), for --explain
  std::map<std::string, std::string> corrected;  // words taken for slips, with the spelling also searched
  // A word found in a few articles was searched only as typed (QueryParser::correct_rare_words off);
  // read again with it on, it may be taken for a slip.
  bool rare_words_as_typed = false;
  // A date typed among the words (query_dates.h): "2022-11" for "novembre 2022", empty if none.
  std::string preferred_period;
  Xapian::Query period;        // the articles of that period, which rank first
  Xapian::Query period_words;  // its words, searched without being required
};

class QueryParser {
 public:
  // `db` supplies the statistics that tell names from common words; it must outlive the parser.
  QueryParser(const Xapian::Database& db, analysis::Analyzer& analyzer, RankingWeights weights = {});

  // Words are also searched by their stem in these languages' analyses (articles in English are
  // indexed with English stems), after the main analyzer's.
  void add_language(analysis::Analyzer& other) { other_languages_.push_back(&other); }

  // Words that match nothing, or a few articles where a close spelling matches far more, are
  // searched in that spelling too (on by default; --exact-words turns it off).
  void correct_slips(bool on) { correct_slips_ = on; }
  // Of those, the words a few articles have (on by default). A search first reads them as typed,
  // which spares a spelling lookup of milliseconds per rare word, and only if that finds nothing
  // reads them again as possible slips.
  void correct_rare_words(bool on) { correct_rare_words_ = on; }
  // Other spellings of a word come from `table` rather than the database's synonym table, which
  // Xapian's remote backend does not serve; `table` must outlive the parser.
  void use_synonyms(const SynonymTable& table) { synonyms_ = &table; }
  // A date typed among other words ranks its period first instead of being required (on by default).
  void read_dates(bool on) { read_dates_ = on; }
  // Words joined by OR rank the articles with more of them first (for a query relaxed to any word).
  void rank_most_words_first(bool on) { most_words_first_ = on; }

  // Throws QueryError on a syntax error, an unknown field or a malformed date.
  // `match_any` joins words with OR instead of AND. Filters are never relaxed.
  ParsedQuery parse(const std::string& text, bool match_any) const;

  // The query for one field filter given as an option (--source X, --since D ...).
  Xapian::Query filter(const std::string& field, const std::string& value) const;
  // A range on the date slot; either bound may be empty. Throws QueryError if malformed.
  Xapian::Query date_range(const std::string& from, const std::string& to) const;

  // True when the corpus writes `folded` mostly with a capital inside sentences (a name: Mali).
  bool is_name(const std::string& folded) const;

 private:
  friend class QueryBuilder;
  const Xapian::Database& db_;
  analysis::Analyzer& analyzer_;
  RankingWeights weights_;
  std::vector<analysis::Analyzer*> other_languages_;
  bool correct_slips_ = true;
  bool correct_rare_words_ = true;
  bool read_dates_ = true;
  bool most_words_first_ = false;
  const SynonymTable* synonyms_ = nullptr;  // null: the database's own

  // The other spellings of `folded` (Kiev for Kyiv), from the table in use.
  std::vector<std::string> synonyms_of(const std::string& folded) const;
  // Sets `out`'s preferred period from a date typed among the words.
  void prefer(const PreferredPeriod& period, ParsedQuery& out) const;
  // The spelling searched with `folded` (found in `found` articles) when it looks like a slip; "" if none.
  // Sets `rare_as_typed` when the word is rare but was not looked up (correct_rare_words off).
  std::string slip_correction(const std::string& folded, const schema::Field* field, Xapian::doccount found,
                              bool& rare_as_typed) const;
};

}  // namespace depeche

#endif
