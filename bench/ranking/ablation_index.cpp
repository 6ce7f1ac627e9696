// bench/ablation's indexer: depeche-index's path (IndexWriter, ArchiveIndexer, the default
// synonyms) with other title, lead and standfirst weights than the defaults, which depeche-index keeps fixed.
// usage: ablation-index DB CORPUS.jsonl[.gz] [title_wdf=N,lead_wdf=N,lead_words=N,standfirst_wdf=N]
#include "index/archive_indexer.h"
#include "index/inputs.h"
#include "settings.h"

#include <functional>
#include <iostream>
#include <map>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: ablation-index DB CORPUS [title_wdf=N,lead_wdf=N,lead_words=N,standfirst_wdf=N]\n";
    return 2;
  }
  depeche::IndexWeights w;
  ablation::apply(argc > 3 ? argv[3] : "", std::map<std::string, std::function<void(double)>>{
                                               {"title_wdf", [&](double v) { w.title_wdf = Xapian::termcount(v); }},
                                               {"lead_wdf", [&](double v) { w.lead_wdf = Xapian::termcount(v); }},
                                               {"lead_words", [&](double v) { w.lead_words = std::size_t(v); }},
                                               {"standfirst_wdf", [&](double v) { w.standfirst_wdf = Xapian::termcount(v); }},
                                           });
  auto report = [](const std::string& message) { std::cerr << "ablation-index: " << message << '\n'; };
  depeche::IndexWriter writer(argv[1], 1000, 0, report);
  writer.set_index_weights(w);
  writer.set_synonyms({}, "");
  depeche::ArchiveIndexer indexer(writer, depeche::RunOptions{}, report);
  indexer.index(depeche::expand_inputs({argv[2]}, report));
  writer.finish(writer.stats().problems);
  std::cout << "{\"added\": " << writer.stats().added << "}\n";
  return 0;
}
