// depeche-search's command line: CLI11 fills a plain struct, then resolve() turns it into a
// request and output settings, applying what depends on the environment (terminal, NO_COLOR).
#ifndef DEPECHE_INCLUDED_SEARCHER_OPTIONS_H
#define DEPECHE_INCLUDED_SEARCHER_OPTIONS_H

#include "cli/config.h"
#include "output/printer.h"
#include "query/searcher.h"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace depeche {

struct SearcherOptions {
  std::vector<std::string> dbs;
  std::vector<std::string> query_words;
  bool any = false;
  std::size_t limit = 10;
  std::size_t offset = 0;
  std::string format = "text";
  std::string fields;
  std::vector<std::string> facets;
  std::size_t facet_limit = 10;
  std::string sort = "relevance";
  bool count = false;
  std::string show;
  std::string batch;
  unsigned jobs = 0;  // searchers answering --batch at once; 0: one per core
  std::string since, until, source, section, lang, country;
  std::string color = "auto";
  bool no_snippets = false;
  bool no_collapse = false;
  bool export_articles = false;
  bool stats = false;
  int format_version = kFormatVersion;
  std::string config;
  bool no_config = false;
  bool no_suggest = false;
  bool exact_words = false;
  bool explain = false;
  std::string facet_sort = "auto";
  bool timeline = false;
  std::string save, saved, forget, indexed_since;
  bool list_saved = false;
  std::string new_articles;  // --new: "added", or "updated" for the updates too; empty without --new
  std::string by = "month";
  std::string similar;
  bool allow_program_remotes = false;
};

void define_options(CLI::App& app, SearcherOptions& options);

// The configuration's defaults (limit, format, color, facet, any, sort, collapse) into `options`,
// each where the command line parsed by `app` did not give its option: the option always wins.
void apply_search_defaults(const CLI::App& app, const cli::SearchDefaults& defaults, SearcherOptions& options);

struct ResolvedOptions {
  SearchRequest request;
  OutputFormat format;
  OutputOptions output;
};

// Throws depeche::Error for values CLI11 cannot check alone (fields, date filters).
ResolvedOptions resolve(const SearcherOptions& options, bool stdout_is_terminal);

}  // namespace depeche

#endif
