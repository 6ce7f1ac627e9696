// floor-search: the bare-Xapian floor searcher of ../../shared/decisions.md (19).
//
//   floor-search DB QUERIES.tsv RUN_OUT
//
// QUERIES.tsv: qid<TAB>query per line. Xapian::QueryParser with Stem("french") and STEM_SOME, its default
// operator (OR) and default flags, and one range processor so that the benchmark's date-filtered queries
// (`date:2015..2017`, years) filter on the floor's date slot as they do on depeche's; Enquire with its default weighting (BM25, default parameters); top 10, the
// 10 ids fetched from the document data. The same protocol as the Lucene peer (../../shared/peers/lucene):
// the whole query set once untimed, then 3 timed passes, best of 3 per query, nearest-rank percentiles;
// parsing is part of the latency. Then the same again with section counts over every match
// (ValueCountMatchSpy on slot 0, check_at_least = all documents so the counts are exact).
//
// Writes RUN_OUT as a TREC run (qid Q0 docid rank score floor) and prints one JSON object on stdout with
// query_p50_ms/p95/p99/mean/max and facet_query_* the same, and query_best_ms / facet_query_best_ms
// ({qid: best time}, for figures per kind of query).
#include <xapian.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

namespace {

struct Query {
  std::string qid, text;
};

struct Hit {
  std::string id;
  double score;
};

std::vector<Query> read_queries(const char* path) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "floor-search: %s: cannot open\n", path);
    std::exit(2);
  }
  std::vector<Query> qs;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    const auto tab = line.find('\t');
    if (tab == std::string::npos) {
      std::fprintf(stderr, "floor-search: %s: line without a tab: %s\n", path, line.c_str());
      std::exit(2);
    }
    qs.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return qs;
}

// date:YYYY..YYYY on value slot 1 (YYYYMMDD, written by floor-index), both years included.
class YearRange : public Xapian::RangeProcessor {
 public:
  YearRange() : Xapian::RangeProcessor(1) {}
  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    static const std::string kPrefix = "date:";
    if (begin.compare(0, kPrefix.size(), kPrefix) != 0) return Xapian::Query(Xapian::Query::OP_INVALID);
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, 1, begin.substr(kPrefix.size()) + "0000", end + "9999");
  }
};

class Floor {
 public:
  explicit Floor(const char* path) : db_(path) {
    qp_.set_stemmer(Xapian::Stem("french"));
    qp_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp_.set_database(db_);
    qp_.set_default_op(Xapian::Query::OP_OR);
    qp_.add_rangeprocessor((new YearRange)->release());
  }

  std::vector<Hit> run(const std::string& text, bool facets, std::size_t& facet_values) {
    Xapian::Query q;
    try {
      q = qp_.parse_query(text);
    } catch (const Xapian::QueryParserError&) {
      return {};  // counted as an empty answer, as a user would get
    }
    Xapian::Enquire enquire(db_);
    enquire.set_query(q);
    Xapian::MSet mset;
    if (facets) {
      Xapian::ValueCountMatchSpy spy(0);
      enquire.add_matchspy(&spy);
      mset = enquire.get_mset(0, 10, db_.get_doccount());
      std::size_t n = 0;
      for (auto it = spy.top_values_begin(10); it != spy.top_values_end(10); ++it) ++n;
      facet_values += n;
    } else {
      mset = enquire.get_mset(0, 10);
    }
    std::vector<Hit> hits;
    hits.reserve(mset.size());
    for (auto it = mset.begin(); it != mset.end(); ++it) hits.push_back({it.get_document().get_data(), it.get_weight()});
    return hits;
  }

  Xapian::doccount doccount() const { return db_.get_doccount(); }

 private:
  Xapian::Database db_;
  Xapian::QueryParser qp_;
};

double pct(const std::vector<double>& sorted, double p) {  // nearest rank, as the Lucene peer
  const long k = static_cast<long>(std::ceil(p * static_cast<double>(sorted.size())));
  const long i = std::max(0L, std::min(static_cast<long>(sorted.size()) - 1, k - 1));
  return sorted[static_cast<std::size_t>(i)];
}

void stats(nlohmann::json& out, const std::string& prefix, const std::vector<Query>& qs, std::vector<double> best) {
  for (std::size_t i = 0; i < qs.size(); ++i) out[prefix + "best_ms"][qs[i].qid] = best[i];
  std::sort(best.begin(), best.end());
  double sum = 0;
  for (double v : best) sum += v;
  out[prefix + "p50_ms"] = pct(best, .50);
  out[prefix + "p95_ms"] = pct(best, .95);
  out[prefix + "p99_ms"] = pct(best, .99);
  out[prefix + "mean_ms"] = best.empty() ? 0.0 : sum / static_cast<double>(best.size());
  out[prefix + "max_ms"] = best.empty() ? 0.0 : best.back();
}

std::vector<double> timed_passes(Floor& floor, const std::vector<Query>& qs, bool facets,
                                 std::vector<std::vector<Hit>>* results) {
  std::size_t sink = 0;
  int warm = 1;
  if (const char* w = std::getenv("WARMUP_PASSES")) warm = std::atoi(w);
  for (int p = 0; p < warm; ++p)
    for (const Query& q : qs) floor.run(q.text, facets, sink);
  std::vector<double> best(qs.size(), 1e300);
  if (results) results->assign(qs.size(), {});
  for (int pass = 0; pass < 3; ++pass) {
    for (std::size_t i = 0; i < qs.size(); ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      std::vector<Hit> hits = floor.run(qs[i].text, facets, sink);
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      best[i] = std::min(best[i], ms);
      if (results) (*results)[i] = std::move(hits);
    }
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: floor-search DB QUERIES.tsv RUN_OUT\n");
    return 2;
  }
  try {
    const std::vector<Query> qs = read_queries(argv[2]);
    if (qs.empty()) {
      std::fprintf(stderr, "floor-search: %s: no queries\n", argv[2]);
      return 2;
    }
    Floor floor(argv[1]);
    std::vector<std::vector<Hit>> results;
    const std::vector<double> plain = timed_passes(floor, qs, false, &results);
    const std::vector<double> faceted = timed_passes(floor, qs, true, nullptr);

    std::FILE* run = std::fopen(argv[3], "w");
    if (!run) {
      std::fprintf(stderr, "floor-search: %s: cannot write\n", argv[3]);
      return 2;
    }
    std::size_t empty = 0;
    for (std::size_t i = 0; i < qs.size(); ++i) {
      if (results[i].empty()) ++empty;
      for (std::size_t r = 0; r < results[i].size(); ++r)
        std::fprintf(run, "%s Q0 %s %zu %.6f floor\n", qs[i].qid.c_str(), results[i][r].id.c_str(), r + 1,
                     results[i][r].score);
    }
    std::fclose(run);

    nlohmann::json out{{"nqueries", qs.size()}, {"ndocs", floor.doccount()}, {"empty_queries", empty}};
    stats(out, "query_", qs, plain);
    stats(out, "facet_query_", qs, faceted);
    std::cout << out.dump() << '\n';
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "floor-search: %s\n", e.get_description().c_str());
    return 3;
  }
  return 0;
}
