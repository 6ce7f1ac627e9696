// Analyzer throughput (issue 3): depeche's French analysis against a bare Xapian::TermGenerator
// with the French stemmer (STEM_SOME), on the same texts, in the same process, best of 3.
// usage: analyzer-throughput CORPUS.jsonl.gz [NDOCS]
#include "index/document_builder.h"
#include "article.h"

#include <nlohmann/json.hpp>
#include <xapian.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

std::vector<depeche::Article> load(const char* path, std::size_t limit) {
  std::vector<depeche::Article> out;
  gzFile in = gzopen(path, "rb");
  if (!in) {
    std::perror(path);
    std::exit(1);
  }
  std::string line;
  char buf[1 << 16];
  while (out.size() < limit && gzgets(in, buf, sizeof buf)) {
    line += buf;
    if (line.empty() || line.back() != '\n') continue;
    const auto j = nlohmann::json::parse(line, nullptr, false);
    line.clear();
    if (!j.is_object()) continue;
    depeche::Article a;
    a.id = j.value("id", "");
    a.title = j.value("title", "");
    a.body = j.value("body", "");
    a.lang = "fr";
    out.push_back(std::move(a));
  }
  gzclose(in);
  return out;
}

template <class F>
double best_of_3(F&& run) {
  double best = 1e30;
  for (int i = 0; i < 3; ++i) {
    const auto start = std::chrono::steady_clock::now();
    run();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CORPUS.jsonl.gz [NDOCS]\n", argv[0]);
    return 2;
  }
  const auto articles = load(argv[1], argc > 2 ? std::strtoul(argv[2], nullptr, 10) : SIZE_MAX);
  double bytes = 0;
  for (const auto& a : articles) bytes += static_cast<double>(a.title->size() + a.body.size());

  std::size_t sink = 0;  // keeps the work observable
  const double floor_s = best_of_3([&] {
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("french"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    for (const auto& a : articles) {
      Xapian::Document doc;
      tg.set_document(doc);
      tg.index_text(*a.title, 2);
      tg.index_text(*a.title, 1, "S");
      tg.increase_termpos();
      tg.index_text(a.body);
      sink += doc.termlist_count();
    }
  });
  depeche::DocumentBuilder builder;
  const double depeche_s = best_of_3([&] {
    for (const auto& a : articles) sink += builder.build(a).termlist_count();
  });
  depeche::analysis::Analyzer analyzer("fr");
  depeche::analysis::TokenList tokens;
  const double tokens_s = best_of_3([&] {
    for (const auto& a : articles) {
      tokens.clear();
      analyzer.tokenize(*a.title, tokens);
      analyzer.tokenize(a.body, tokens);
      for (const auto& t : tokens.tokens) sink += analyzer.stem(tokens.folded(t)).size();
    }
  });
  const double mb = bytes / 1e6;
  std::printf("{\"articles\": %zu, \"mb\": %.1f, \"floor_mb_s\": %.2f, \"depeche_document_mb_s\": %.2f, "
              "\"depeche_tokenize_stem_mb_s\": %.2f, \"depeche_document_cost_ratio\": %.3f, "
              "\"depeche_tokenize_stem_cost_ratio\": %.3f, \"sink\": %zu}\n",
              articles.size(), mb, mb / floor_s, mb / depeche_s, mb / tokens_s, depeche_s / floor_s, tokens_s / floor_s,
              sink);
  return 0;
}
