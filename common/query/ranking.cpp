#include "query/ranking.h"

#include <algorithm>

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

void add_inflections(const Xapian::Database& db, std::vector<QueryWord>& words, analysis::Analyzer& analyzer) {
  // A French stem begins the words it comes from; a short stem (mal) begins many others, so the
  // scan stops after this many words.
  constexpr int kMaxScanned = 100;
  for (QueryWord& w : words) {
    if (w.stem.empty()) continue;
    int scanned = 0;
    for (auto t = db.allterms_begin(w.stem); t != db.allterms_end(w.stem) && scanned++ < kMaxScanned; ++t) {
      const std::string form = *t;
      if (analyzer.stem(form) == w.stem && std::find(w.forms.begin(), w.forms.end(), form) == w.forms.end())
        w.forms.push_back(form);
    }
  }
}

std::vector<double> proximity(const Xapian::Database& db, const std::vector<Xapian::docid>& docs,
                              const std::vector<QueryWord>& words, Xapian::termcount window) {
  std::vector<double> out(docs.size(), 0.0);
  if (words.size() < 2 || window == 0) return out;
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
  const double pairs = double(words.size() * (words.size() - 1) / 2);
  for (std::size_t d = 0; d < docs.size(); ++d) {
    for (Positions& p : at[d]) std::sort(p.begin(), p.end());
    double sum = 0;
    for (std::size_t i = 0; i < words.size(); ++i)
      for (std::size_t j = i + 1; j < words.size(); ++j)
        if (!at[d][i].empty() && !at[d][j].empty())
          sum += std::max(0.0, 1.0 - double(nearest(at[d][i], at[d][j]) - 1) / window);
    out[d] = sum / pairs;
  }
  return out;
}

}  // namespace depeche
