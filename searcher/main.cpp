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

// --forget NAME: removes it from the configuration.
int forget_saved_search(const std::string& name, const cli::Config& config, const std::string& config_path) {
  auto saved = config.saved;
  if (saved.erase(name) == 0) throw Error("no saved search named '" + name + "'");
  cli::write_saved_searches(config_path, saved);
  return exit_code::kOk;
}

// --save NAME: the query and the filter options given, written into the configuration.
// The query words, with the filter options as query syntax: what the search asks, said in one line.
std::string query_with_filters(const SearcherOptions& o) {
  std::string query;
  for (const std::string& w : o.query_words) query += (query.empty() ? "" : " ") + w;
  std::string filters;
  for (const auto& [field, value] : {std::pair{"source", &o.source}, {"section", &o.section}, {"lang", &o.lang},
                                     {"country", &o.country}})
    if (!value->empty()) filters += std::string(filters.empty() ? "" : " ") + field + ":\"" + *value + "\"";
  if (!o.since.empty() || !o.until.empty()) filters += (filters.empty() ? "" : " ") + ("date:" + o.since + ".." + o.until);
  return both(query, filters);
}

int save_search(const SearcherOptions& o, const cli::Config& config, const std::string& config_path) {
  // Filter options become query syntax, so the saved line says everything it does.
  const std::string query = query_with_filters(o);
  if (query.empty()) throw Error("--save NAME needs a query");
  cli::check_saved_name(o.save);
  cli::check_config_value(query, "the query to save");
  auto saved = config.saved;
  saved[o.save] = query;
  cli::write_saved_searches(config_path, saved);
  return exit_code::kOk;
}

// --saved NAME (and --new): the saved query joins the one given; --new asks only for what is new.
void apply_saved_search(const SearcherOptions& o, const cli::Config& config, SearchRequest& request) {
  if (!o.saved.empty()) {
    const auto it = config.saved.find(o.saved);
    if (it == config.saved.end()) throw Error("no saved search named '" + o.saved + "' (see --list-saved)");
    std::string saved = it->second;
    util::repair_utf8(saved);  // a configuration edited by hand in Latin-1, decoded as queries are
    request.query = both(saved, request.query);
  }
  if (!o.new_articles.empty()) {
    if (o.saved.empty()) throw Error("--new goes with --saved NAME");
    // Everything new is printed, oldest mark first, so that nothing is skipped between runs.
    if (const auto mark = cli::load_saved_mark(o.saved)) request.indexed_since = std::nextafter(*mark, HUGE_VAL);
    request.without_updates = o.new_articles != "updated";
    request.limit = kNewArticlesLimit;
    request.allow_partial = false;
    request.with_indexed_at = true;
  }
}

int export_articles(Searcher& searcher, const SearchRequest& request) {
  ExportPrinter printer(std::cout);
  searcher.for_each_article(request, [&](const Article& a) { printer.article(a); });
  return exit_code::kOk;
}

int show(Searcher& searcher, Printer& printer, const std::string& id) {
  const auto article = searcher.find(id);
  if (!article) {
    cli::print_message("depeche-search", "no article with id or URL '" + id + "'");
    return exit_code::kNoMatch;
  }
  printer.article(*article);
  return exit_code::kOk;
}

int timeline(Searcher& searcher, Printer& printer, const SearchRequest& request, bool by_day) {
  const auto periods = searcher.timeline(request, by_day);
  printer.timeline(request.query, periods);
  // Articles dated only by year (or undated) are in no period, but they did match.
  return periods.empty() && searcher.count(request) == 0 ? exit_code::kNoMatch : exit_code::kOk;
}

int stats(Searcher& searcher, Printer& printer) {
  printer.stats(searcher.stats());
  return exit_code::kOk;
}

int count(Searcher& searcher, Printer& printer, const SearchRequest& request) {
  const Xapian::doccount n = searcher.count(request);
  printer.count(n);
  return n ? exit_code::kOk : exit_code::kNoMatch;
}

// The plain search; with --new (new_since_saved names the saved search), only what is new, and
// the mark of what was printed is moved on.
int search(Searcher& searcher, Printer& printer, const SearchRequest& request, const std::string& new_since_saved) {
  SearchResult result = searcher.search(request);
  cli::word_empty_causes(result);
  const bool only_new = !new_since_saved.empty();
  if (only_new && result.total == 0) return exit_code::kNoMatch;  // nothing new: nothing for cron to mail
  printer.begin(request.query);
  for (const Hit& hit : result.hits) printer.hit(hit);
  printer.end(result);
  if (only_new && result.total > 0) {
    // Remembered only once printed: a crash before this line prints them again, never skips them.
    std::cout.flush();
    double mark = 0;
    for (const Hit& hit : result.hits) mark = std::max(mark, hit.indexed_at);
    cli::store_saved_mark(new_since_saved, mark);
  }
  return result.total ? exit_code::kOk : exit_code::kNoMatch;
}

int run(SearcherOptions o, const CLI::App& app) {
  const cli::ConfigLocation location = cli::config_location(o.config);
  const std::string& config_path = location.path;
  const cli::Config config = o.no_config ? cli::Config{} : cli::load_config(config_path, location.named);
  apply_search_defaults(app, config.search, o);
  if (o.dbs.empty()) o.dbs.push_back(cli::resolve_db("", config));
  for (const std::string& db : o.dbs) refuse_program_remotes(db, o.allow_program_remotes);
  // The saved searches are edited or listed in the configuration alone.
  if (o.list_saved) {
    print_saved_searches(std::cout, config.saved);
    return exit_code::kOk;
  }
  if (!o.forget.empty()) return forget_saved_search(o.forget, config, config_path);
  if (!o.save.empty()) return save_search(o, config, config_path);
  ResolvedOptions r = resolve(o, isatty(STDOUT_FILENO) != 0);
  apply_saved_search(o, config, r.request);
  check_format_version(o.format_version);
  if (!o.batch.empty()) return run_batch(o, r);
  Searcher searcher(o.dbs);
  if (o.export_articles) return export_articles(searcher, r.request);
  // A feed keeps its id from run to run: a saved search's is its name (with the words and filters
  // added to it, which make another feed), another search's its query.
  if (o.saved.empty()) r.output.feed = {"search", query_with_filters(o)};
  else if (const std::string added = query_with_filters(o); added.empty()) r.output.feed = {"saved", o.saved};
  else r.output.feed = {"saved", o.saved + " " + added};
  auto printer = make_printer(r.format, std::cout, r.output);
  if (!o.show.empty()) return show(searcher, *printer, o.show);
  if (o.timeline) return timeline(searcher, *printer, r.request, o.by == "day");
  if (o.stats) return stats(searcher, *printer);
  if (o.count) return count(searcher, *printer, r.request);
  return search(searcher, *printer, r.request, o.new_articles.empty() ? std::string() : o.saved);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"depeche-search"};
  SearcherOptions options;
  define_options(app, options);
  // A search's database errors name no database: the message says which part of it failed.
  return depeche::cli::tool_main(app, argc, argv, "depeche-search", "", [&] { return run(options, app); });
}
