#include "query/ranking.h"

#include "query/names.h"
#include "schema.h"

#include <algorithm>
#include <string_view>

namespace depeche {
namespace {

void add_positions(const Xapian::Database& db, Xapian::docid doc, const std::string& term, Positions& out) {
  for (auto p = db.positionlist_begin(doc, term); p != db.positionlist_end(doc, term); ++p) out.push_back(*p);
}

// Words apart between the nearest occurrences of two words (both sorted), at least 1.
Xapian::termpos nearest(const Positions& a, const Positions& b) {
  Xapian::termpos best = Xapian::termpos(-1);
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    best = std::min(best, a[i] > b[j] ? a[i] - b[j] : b[j] - a[i]);
    if (a[i] < b[j]) ++i;
    else ++j;
  }
  return std::max<Xapian::termpos>(best, 1);
}

// Snowball's French stem begins the words it comes from, but for these endings, which it writes in
// place of others (présidence -> président, journaux -> journal, couramment -> courant, heureuse ->
// heureux, capabilité -> capabl, critique/critiquer -> critiqu from -ic-, payer -> pai): words of
// such a stem may begin otherwise. Scanning the words that begin like it but for its last letters
// made a query 12 % slower, so those words are only known to be incomplete.
bool may_stem_other_beginnings(const std::string& stem) {
  for (std::string_view ending : {"ent", "ant", "eux", "abl", "iqu", "al", "i"})
    if (stem.size() >= ending.size() && stem.compare(stem.size() - ending.size(), ending.size(), ending) == 0) return true;
  return false;
}

}  // namespace

Xapian::BM25Weight bm25_weight(const RankingWeights& w) {
  return Xapian::BM25Weight(w.bm25_k1, 0, 1, w.bm25_b, 0.5);  // k2, k3 and min_normlen: Xapian's defaults
}

namespace {

// The highest score `query` can give an article, from the terms' statistics alone.
double most_possible(const Xapian::Database& db, const Xapian::Query& query, const RankingWeights& weights) {
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(bm25_weight(weights));
  enquire.set_query(query);
  return enquire.get_mset(0, 0).get_max_possible();
}

// Adds `weight` to the score of every article `filter` matches. A fixed weight is one of Xapian's own
// posting sources: remote shards run it too.
Xapian::Query raised(double weight, const Xapian::Query& filter) {
  return Xapian::Query(Xapian::Query::OP_FILTER,
                       Xapian::Query((new Xapian::FixedWeightPostingSource(weight))->release()), filter);
}

}  // namespace

Xapian::Query most_words_first(const Xapian::Database& db, const std::vector<Xapian::Query>& words,
                               const RankingWeights& weights) {
  const Xapian::Query any(Xapian::Query::OP_OR, words.begin(), words.end());
  const double step = most_possible(db, any, weights) + 1;
  std::vector<Xapian::Query> counted;
  for (const Xapian::Query& word : words) counted.emplace_back(Xapian::Query::OP_OR, word, raised(step, word));
  return Xapian::Query(Xapian::Query::OP_OR, counted.begin(), counted.end());
}

Xapian::Query period_first(const Xapian::Database& db, const Xapian::Query& query, const Xapian::Query& period,
                           const Xapian::Query& period_words, const RankingWeights& weights) {
  const Xapian::Query scored = period_words.empty() ? query : Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, period_words);
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, scored, raised(2 * most_possible(db, scored, weights) + 1, period));
}

void add_inflections(const Xapian::Database& db, std::vector<QueryWord>& words, analysis::Analyzer& analyzer) {
  // A short stem (mal) begins many other words, so the scan stops after this many.
  constexpr int kMaxScanned = 100;
  for (QueryWord& w : words) {
    if (w.stem.empty()) continue;
    int scanned = 0;
    const std::string name_prefix(schema::kPrefixName);
    TermFreqsInOrder as_name(db, name_prefix + w.stem);
    auto t = db.allterms_begin(w.stem);
    for (; t != db.allterms_end(w.stem) && scanned < kMaxScanned; ++t, ++scanned) {
      const std::string form = *t;
      // A name is not found by the stem (query/names.h): its positions are not the word's either.
      if (analyzer.stem(form) == w.stem && std::find(w.forms.begin(), w.forms.end(), form) == w.forms.end() &&
          !is_name(t.get_termfreq(), as_name(name_prefix + form)))
        w.forms.push_back(form);
    }
    w.every_form = t == db.allterms_end(w.stem) && !may_stem_other_beginnings(w.stem);
  }
}

std::vector<std::vector<Positions>> word_positions(const Xapian::Database& db, const std::vector<Xapian::docid>& docs,
                                                   const std::vector<QueryWord>& words) {
  // Each form's posting list is walked once over the documents in docid order, and positions
  // are read only where the form occurs: most forms are absent from most of the documents.
  std::vector<std::size_t> order(docs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return docs[a] < docs[b]; });
  std::vector<std::vector<Positions>> at(docs.size(), std::vector<Positions>(words.size()));
  for (std::size_t w = 0; w < words.size(); ++w) {
    for (const std::string& form : words[w].forms) {
      Xapian::PostingIterator p = db.postlist_begin(form);
      for (std::size_t d : order) {
        p.skip_to(docs[d]);
        if (p == db.postlist_end(form)) break;
        if (*p == docs[d]) add_positions(db, docs[d], form, at[d][w]);
      }
    }
  }
  for (auto& doc : at)
    for (Positions& p : doc) std::sort(p.begin(), p.end());
  return at;
}

double closeness(const std::vector<Positions>& by_word, Xapian::termcount window) {
  if (by_word.size() < 2 || window == 0) return 0.0;
  double sum = 0;
  for (std::size_t i = 0; i < by_word.size(); ++i)
    for (std::size_t j = i + 1; j < by_word.size(); ++j)
      if (!by_word[i].empty() && !by_word[j].empty())
        sum += std::max(0.0, 1.0 - double(nearest(by_word[i], by_word[j]) - 1) / window);
  return sum / double(by_word.size() * (by_word.size() - 1) / 2);
}

WordWindow best_word_window(const std::vector<Positions>& by_word, Xapian::termpos first, Xapian::termcount window) {
  std::vector<std::pair<Xapian::termpos, std::size_t>> seen;  // (position, word), in position order
  for (std::size_t w = 0; w < by_word.size(); ++w)
    for (auto p = std::lower_bound(by_word[w].begin(), by_word[w].end(), first); p != by_word[w].end(); ++p)
      seen.emplace_back(*p, w);
  std::sort(seen.begin(), seen.end());
  std::vector<std::size_t> in_window(by_word.size(), 0);
  std::size_t shown = 0;
  WordWindow best;
  for (std::size_t last = 0, start = 0; last < seen.size(); ++last) {
    if (in_window[seen[last].second]++ == 0) ++shown;
    for (; seen[start].first + window <= seen[last].first; ++start)
      if (--in_window[seen[start].second] == 0) --shown;
    if (shown > best.words) best = {shown, seen[start].first};
  }
  return best;
}

}  // namespace depeche
