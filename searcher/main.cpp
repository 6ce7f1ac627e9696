// depeche-search: parse options, open the databases, search, hand results to a printer.
#include "options.h"

#include "cli/batch.h"
#include "cli/empty_causes.h"
#include "cli/tool_main.h"
#include "cli/jobs.h"

#include "index/database_stub.h"
#include "cli/exit_codes.h"
#include "output/export_printer.h"
#include "output/saved_search_printer.h"
#include "cli/config.h"
#include "util/error.h"
#include "util/utf8.h"

#include <cmath>
#include <iostream>
#include <memory>
#include <unistd.h>

namespace {

using namespace depeche;

// --new prints every new match; this bounds one run (the next run prints the rest).
constexpr std::size_t kNewArticlesLimit = 100000;

int run_batch(const SearcherOptions& o, const ResolvedOptions& r) {
  std::vector<std::unique_ptr<Searcher>> searchers;
  for (unsigned i = 0; i < cli::threads_for(o.jobs); ++i) searchers.push_back(std::make_unique<Searcher>(o.dbs));
  auto printer = make_batch_printer(std::cout, r.output);
  cli::answer_batch(searchers, r.request, o.batch, *printer, [] { std::cout.flush(); });
  return exit_code::kOk;
}

// Two queries that must both hold, each kept whole: "iran OR brest" and "mali" make
// "(iran OR brest) (mali)", not "iran OR brest mali", which would mean iran OR (brest mali).
std::string both(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return a + b;
  return "(" + a + ") (" + b + ")";
}

// --save, --forget, --list-saved: they edit or list the configuration and stop there.
bool manage_saved_searches(const SearcherOptions& o, const cli::Config& config, const std::string& config_path,
                           int& status) {
  status = exit_code::kOk;
  if (o.list_saved) {
    print_saved_searches(std::cout, config.saved);
    return true;
  }
  if (!o.forget.empty()) {
    auto saved = config.saved;
    if (saved.erase(o.forget) == 0) throw Error("no saved search named '" + o.forget + "'");
    cli::write_saved_searches(config_path, saved);
    return true;
  }
  if (o.save.empty()) return false;
  std::string query;
  for (const std::string& w : o.query_words) query += (query.empty() ? "" : " ") + w;
  // Filter options become query syntax, so the saved line says everything it does.
  std::string filters;
  for (const auto& [field, value] : {std::pair{"source", &o.source}, {"section", &o.section}, {"lang", &o.lang},
                                     {"country", &o.country}})
    if (!value->empty()) filters += std::string(filters.empty() ? "" : " ") + field + ":\"" + *value + "\"";
  if (!o.since.empty() || !o.until.empty()) filters += (filters.empty() ? "" : " ") + ("date:" + o.since + ".." + o.until);
  query = both(query, filters);
  if (query.empty()) throw Error("--save NAME needs a query");
  cli::check_saved_name(o.save);
  cli::check_config_value(query, "the query to save");
  auto saved = config.saved;
  saved[o.save] = query;
  cli::write_saved_searches(config_path, saved);
  return true;
}

int run(SearcherOptions o) {
  const std::string config_path = o.config.empty() ? cli::default_config_path() : o.config;
  const cli::Config config = cli::load_config(config_path, !o.config.empty());
  if (o.dbs.empty()) o.dbs.push_back(cli::resolve_db("", config));
  for (const std::string& db : o.dbs) refuse_program_remotes(db, o.allow_program_remotes);
  if (int status; manage_saved_searches(o, config, config_path, status)) return status;
  ResolvedOptions r = resolve(o, isatty(STDOUT_FILENO) != 0);
  if (!o.saved.empty()) {
    const auto it = config.saved.find(o.saved);
    if (it == config.saved.end()) throw Error("no saved search named '" + o.saved + "' (see --list-saved)");
    std::string saved = it->second;
    util::repair_utf8(saved);  // a configuration edited by hand in Latin-1, decoded as queries are
    r.request.query = both(saved, r.request.query);
  }
  if (o.only_new) {
    if (o.saved.empty()) throw Error("--new goes with --saved NAME");
    // Everything new is printed, oldest mark first, so that nothing is skipped between runs.
    if (const auto mark = cli::load_saved_mark(o.saved)) r.request.indexed_since = std::nextafter(*mark, HUGE_VAL);
    r.request.limit = kNewArticlesLimit;
    r.request.allow_partial = false;
    r.request.with_indexed_at = true;
  }
  check_format_version(o.format_version);
  if (!o.batch.empty()) return run_batch(o, r);
  Searcher searcher(o.dbs);
  if (o.export_articles) {
    ExportPrinter printer(std::cout);
    searcher.for_each_article(r.request, [&](const Article& a) { printer.article(a); });
    return exit_code::kOk;
  }
  auto printer = make_printer(r.format, std::cout, r.output);
  if (!o.show.empty()) {
    const auto article = searcher.find(o.show);
    if (!article) {
      cli::print_message("depeche-search", "no article with id or URL '" + o.show + "'");
      return exit_code::kNoMatch;
    }
    printer->article(*article);
    return exit_code::kOk;
  }
  if (o.timeline) {
    const auto periods = searcher.timeline(r.request, o.by == "day");
    printer->timeline(r.request.query, periods);
    // Articles dated only by year (or undated) are in no period, but they did match.
    return periods.empty() && searcher.count(r.request) == 0 ? exit_code::kNoMatch : exit_code::kOk;
  }
  if (o.stats) {
    printer->stats(searcher.stats());
    return exit_code::kOk;
  }
  if (o.count) {
    const Xapian::doccount n = searcher.count(r.request);
    printer->count(n);
    return n ? exit_code::kOk : exit_code::kNoMatch;
  }
  SearchResult result = searcher.search(r.request);
  cli::word_empty_causes(result);
  if (o.only_new && result.total == 0) return exit_code::kNoMatch;  // nothing new: nothing for cron to mail
  printer->begin(r.request.query);
  for (const Hit& hit : result.hits) printer->hit(hit);
  printer->end(result);
  if (o.only_new && result.total > 0) {
    // Remembered only once printed: a crash before this line prints them again, never skips them.
    std::cout.flush();
    double mark = 0;
    for (const Hit& hit : result.hits) mark = std::max(mark, hit.indexed_at);
    cli::store_saved_mark(o.saved, mark);
  }
  return result.total ? exit_code::kOk : exit_code::kNoMatch;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"depeche-search"};
  SearcherOptions options;
  define_options(app, options);
  // A search's database errors name no database: the message says which part of it failed.
  return depeche::cli::tool_main(app, argc, argv, "depeche-search", "", [&] { return run(options); });
}
