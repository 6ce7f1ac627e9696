// bench/ablation's searcher: runs a query set through depeche's Searcher once per variant of the
// query-time ranking weights and writes one TREC run per variant, timing each query.
// usage: ranking-runs DB QUERIES.tsv OUT_DIR NAME[:key=value,...]...
//   QUERIES.tsv: qid<TAB>query. Keys: the fields of depeche::RankingWeights (exact_form, bm25_k1,
//   bm25_b, proximity, proximity_window, proximity_depth); unset keys keep their defaults.
// Writes OUT_DIR/NAME.run and prints one JSON line per variant: per-query search time (default
// request: words ANDed, partial matches, snippets; one untimed pass, then the best of 3).
#include "query/searcher.h"
#include "settings.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>

namespace {

using Setter = std::function<void(double)>;

depeche::RankingWeights parse_weights(const std::string& spec) {
  depeche::RankingWeights w;
  ablation::apply(spec, std::map<std::string, Setter>{
                            {"exact_form", [&](double v) { w.exact_form = v; }},
                            {"bm25_k1", [&](double v) { w.bm25_k1 = v; }},
                            {"bm25_b", [&](double v) { w.bm25_b = v; }},
                            {"proximity", [&](double v) { w.proximity = v; }},
                            {"proximity_window", [&](double v) { w.proximity_window = Xapian::termcount(v); }},
                            {"proximity_depth", [&](double v) { w.proximity_depth = Xapian::doccount(v); }},
                        });
  return w;
}

double percentile(std::vector<double> v, double p) {  // nearest rank, as bench/floor
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<std::size_t>(std::max(1.0, std::ceil(p * double(v.size()))));
  return v[std::min(rank, v.size()) - 1];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::cerr << "usage: ranking-runs DB QUERIES.tsv OUT_DIR NAME[:key=value,...]...\n";
    return 2;
  }
  std::vector<std::pair<std::string, std::string>> queries;
  std::ifstream in(argv[2]);
  for (std::string line; std::getline(in, line);) {
    const std::size_t tab = line.find('\t');
    if (tab != std::string::npos) queries.emplace_back(line.substr(0, tab), line.substr(tab + 1));
  }
  for (int a = 4; a < argc; ++a) {
    const std::string arg = argv[a];
    const std::size_t colon = arg.find(':');
    const std::string name = arg.substr(0, colon);
    depeche::Searcher searcher({argv[1]}, parse_weights(colon == std::string::npos ? "" : arg.substr(colon + 1)));
    std::ofstream run(std::string(argv[3]) + "/" + name + ".run");
    std::vector<double> ms;
    for (const auto& [qid, text] : queries) {
      depeche::SearchRequest request;
      request.query = text;
      request.suggest = false;  // never changes the ranking; only the printed suggestion
      depeche::SearchResult result;
      double best = 1e9;
      for (int pass = 0; pass < 4; ++pass) {
        const auto t0 = std::chrono::steady_clock::now();
        try {
          result = searcher.search(request);
        } catch (const depeche::QueryError&) {
          result = {};
        }
        const double t = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        if (pass > 0) best = std::min(best, t);
      }
      ms.push_back(best);
      for (const depeche::Hit& h : result.hits)
        run << qid << " Q0 " << h.article.id << ' ' << h.rank << ' ' << h.score << ' ' << name << '\n';
    }
    std::cout << "{\"variant\": \"" << name << "\", \"queries\": " << ms.size() << ", \"p50_ms\": " << percentile(ms, 0.5)
              << ", \"p99_ms\": " << percentile(ms, 0.99) << "}\n";
  }
  return 0;
}
