// The query language: words (ANDed by default), "phrases", AND / OR / NOT, -word, (groups),
// and field:value filters from schema.h (date:2023-07, date:2021..2022, source:lemonde.fr ...).
// Words go through the same Analyzer as indexing.
#ifndef DEPECHE_INCLUDED_QUERY_QUERY_PARSER_H
#define DEPECHE_INCLUDED_QUERY_QUERY_PARSER_H

#include "analysis/analyzer.h"
#include "query/ranking.h"
#include "util/error.h"

#include <xapian.h>

#include <map>
#include <string>
#include <vector>

namespace depeche {

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
};

class QueryParser {
 public:
  // `db` supplies the statistics that tell names from common words; it must outlive the parser.
  QueryParser(const Xapian::Database& db, analysis::Analyzer& analyzer, RankingWeights weights = {});

  // Words are also searched by their stem in these languages' analyses (articles in English are
  // indexed with English stems), after the main analyzer's.
  void add_language(analysis::Analyzer& other) { other_languages_.push_back(&other); }

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
};

}  // namespace depeche

#endif
