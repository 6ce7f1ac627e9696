// How hits are scored: BM25 over one field for title and body, the exact form typed weighed
// above a stem-only match, then a second pass over the top hits that rewards query words found
// close together (Xapian has no proximity weight of its own). docs/ARCHITECTURE.md, "Ranking".
#ifndef DEPECHE_INCLUDED_QUERY_RANKING_H
#define DEPECHE_INCLUDED_QUERY_RANKING_H

#include "analysis/analyzer.h"

#include <xapian.h>

#include <string>
#include <vector>

namespace depeche {

// Query-time weights. The defaults were chosen on the dev set by bench/ablation, which varies
// each on its own (bench/results.md); only experiments set others.
struct RankingWeights {
  double exact_form = 2.0;  // weight of the word as typed, added to its stem's (0: a stem match only)
  // BM25. A low k1 saturates repeats early: the article a reader remembers has the rare word
  // they typed, not necessarily often (Xapian's defaults are k1 = 1, b = 0.5).
  double bm25_k1 = 0.5;
  double bm25_b = 0.75;
  // Bonus for query words close together, as a share of the best score of the query: all the
  // words adjacent add it whole, words `proximity_window` apart or more add nothing. Kept small:
  // the dev set's words are drawn apart from each other, so it neither helps nor hurts there; it
  // is for queries typed as unquoted phrases.
  double proximity = 0.1;
  Xapian::termcount proximity_window = 10;
  Xapian::doccount proximity_depth = 10;  // hits re-ranked by proximity: deeper cost 1.5x the p99 (bench/results.md)
};

Xapian::BM25Weight bm25_weight(const RankingWeights& weights);

// Any of `words`, the articles with more of them first, then by score: what a query of words that no
// article has all of is answered with (each word matched adds more than all the words' scores can).
Xapian::Query most_words_first(const Xapian::Database& db, const std::vector<Xapian::Query>& words,
                               const RankingWeights& weights);

// `query` with the articles of `period` ranked above all others (their score raised past the
// most any other can have, twice so that no proximity bonus crosses the gap), and `period_words`
// scored where an article has them, never required. The matches are `query`'s.
Xapian::Query period_first(const Xapian::Database& db, const Xapian::Query& query, const Xapian::Query& period,
                           const Xapian::Query& period_words, const RankingWeights& weights);

// One word of the query as typed, for proximity: the indexed words that stand for it (its
// folded form and synonyms, then its inflections) and its stem ("" for a name or a stop word,
// never stemmed).
struct QueryWord {
  std::vector<std::string> forms;
  std::string stem;
  bool every_form = true;  // false when add_inflections may have missed some (ranking.cpp says which)
};

// Adds to each word the indexed words that share its stem, once per query, from the vocabulary:
// reading each hit's own term list instead cost a block read per hit.
void add_inflections(const Xapian::Database& db, std::vector<QueryWord>& words, analysis::Analyzer& analyzer);

using Positions = std::vector<Xapian::termpos>;
// Where each word occurs, in any of its forms, in each of `docs`: [doc][word], positions sorted.
std::vector<std::vector<Positions>> word_positions(const Xapian::Database& db, const std::vector<Xapian::docid>& docs,
                                                   const std::vector<QueryWord>& words);
// From 0 (no two query words within `window` positions of each other) to 1 (every pair of query
// words adjacent somewhere), the mean over word pairs of how close their nearest occurrences are.
double closeness(const std::vector<Positions>& by_word, Xapian::termcount window);
// The most words that `window` consecutive positions from `first` on show, each counted once, and
// where the first window showing that many begins (0 when none shows any).
struct WordWindow {
  std::size_t words = 0;
  Xapian::termpos start = 0;
};
WordWindow best_word_window(const std::vector<Positions>& by_word, Xapian::termpos first, Xapian::termcount window);

}  // namespace depeche

#endif
