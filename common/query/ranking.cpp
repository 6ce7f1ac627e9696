#include "query/ranking.h"

#include <algorithm>
#include <numeric>

namespace depeche {
namespace {

using Positions = std::vector<Xapian::termpos>;

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

}  // namespace

Xapian::BM25Weight bm25_weight(const RankingWeights& w) {
  return Xapian::BM25Weight(w.bm25_k1, 0, 1, w.bm25_b, 0.5);  // k2, k3 and min_normlen: Xapian's defaults
}

double proximity(const Xapian::Database& db, Xapian::docid doc, const std::vector<QueryWord>& words,
                 analysis::Analyzer& analyzer, Xapian::termcount window) {
  if (words.size() < 2 || window == 0) return 0;
  std::vector<Positions> at(words.size());
  // Stems in order, so one pass over the article's sorted terms finds the inflected forms (a
  // French stem begins the words it comes from); a stem that begins another restarts the pass.
  std::vector<std::size_t> order(words.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return words[a].stem < words[b].stem; });
  Xapian::TermIterator term = db.termlist_begin(doc);
  for (std::size_t i : order) {
    const QueryWord& w = words[i];
    for (const std::string& form : w.forms) add_positions(db, doc, form, at[i]);
    if (!w.stem.empty()) {
      if (term == db.termlist_end(doc) || *term > w.stem) term = db.termlist_begin(doc);
      for (term.skip_to(w.stem); term != db.termlist_end(doc) && (*term).compare(0, w.stem.size(), w.stem) == 0; ++term) {
        const std::string form = *term;
        if (std::find(w.forms.begin(), w.forms.end(), form) == w.forms.end() && analyzer.stem(form) == w.stem)
          add_positions(db, doc, form, at[i]);
      }
    }
    std::sort(at[i].begin(), at[i].end());
  }
  double sum = 0;
  for (std::size_t i = 0; i < at.size(); ++i)
    for (std::size_t j = i + 1; j < at.size(); ++j)
      if (!at[i].empty() && !at[j].empty())
        sum += std::max(0.0, 1.0 - double(nearest(at[i], at[j]) - 1) / window);
  return sum / double(words.size() * (words.size() - 1) / 2);
}

}  // namespace depeche
