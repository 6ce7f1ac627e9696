// --explain: for a hit, what each query term added to its score and where it
// matched; for an empty result, which part of the query or which filter emptied it. Plain
// structs: cli/ words them for people.
#ifndef DEPECHE_INCLUDED_QUERY_EXPLAIN_H
#define DEPECHE_INCLUDED_QUERY_EXPLAIN_H

#include "query/query_parser.h"
#include "query/ranking.h"
#include "query/searcher.h"

#include <xapian.h>

#include <functional>
#include <string>
#include <vector>

namespace depeche {

// The terms of `query` that `doc` holds, each with what it added to the score, best first, then
// the proximity bonus when there is one.
std::vector<TermContribution> explain_hit(const Xapian::Database& db, const RankingWeights& weights, Xapian::docid doc,
                                          const Xapian::Query& query, double proximity_bonus, const ParsedQuery& parsed);

// The parts of a query tried alone on an empty result: its words and quoted phrases as typed,
// without the operators AND, OR and NOT.
std::vector<std::string> query_parts(const std::string& query);

// What emptied the result of `request`: each query part, each filter and --indexed-since that
// `count` finds no article for alone; when each finds some, their combination.
std::vector<EmptyCause> explain_empty(const SearchRequest& request,
                                      const std::function<Xapian::doccount(const SearchRequest&)>& count);

}  // namespace depeche

#endif
