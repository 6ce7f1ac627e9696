#include "options.h"

#include "cli/common_options.h"
#include "cli/generate.h"
#include "cli/jobs.h"
#include "schema.h"
#include "cli/config.h"
#include "util/error.h"
#include "util/relative_date.h"
#include "util/utf8.h"

#include <cstdlib>
#include <sstream>
#include <tuple>

namespace depeche {

namespace {

// What is matched against the archive is decoded as the indexer decodes text (docs/query-syntax.md):
// bytes that are not UTF-8 as Windows-1252, so that "caf\xe9" typed in Latin-1 finds café.
CLI::Validator decoded_like_text() {
  return CLI::Validator(
      [](std::string& value) {
        util::repair_utf8(value);
        return std::string();
      },
      "");
}

void describe(CLI::App& app) {
  app.description(
      "Search a depeche archive of French news.\n\n"
      "Words are ANDed (--any for OR), accents and case do not matter, and inflected forms match\n"
      "(compétences finds compétence). Syntax: \"a phrase\", -word or NOT word, a OR b, (groups),\n"
      "field:value with title: source: section: lang: country: url: id: year: month: and\n"
      "date:2023-07, date:2023-07-01..2023-07-31, date:..2022, date:2021..\n\n"
      "Exit status: 0 found, 1 nothing matched every word (best partial matches may still print),\n"
      "2 usage or query error, 3 database error.\n\n"
      "Examples:\n"
      "  depeche-search --db ~/archive.db Iran Mali\n"
      "  depeche-search --db ~/archive.db '\"centre d'\"'\"'innovation\"' date:2023 --facet source\n"
      "  depeche-search --db ~/archive.db --format json cybersécurité | jq '.hits[].title'");
}

void define_database_options(CLI::App& app, SearcherOptions& o) {
  cli::add_db_option(app, o.dbs, "Database to search; repeat for shards or give a Xapian stub file");
  cli::add_config_options(app, o.config, o.no_config);
  app.add_flag("--allow-program-remotes", o.allow_program_remotes,
               "Let stub files start the programs their 'remote :PROGRAM' lines name (refused otherwise: "
               "whoever can write a stub would run code as you)")
      ->group("Database");
}

// The query, and the filters that narrow it.
void define_query_options(CLI::App& app, SearcherOptions& o) {
  app.add_option("query", o.query_words, "The query (words, phrases, operators, field:value)")
      ->transform(decoded_like_text());
  // --all and --collapse undo a configuration's `any = true` and `collapse = false` for one run.
  app.add_flag("--any,!--all", o.any, "Match articles with any of the words (--any) or all of them (--all, the default)")
      ->group("Query");
  app.add_flag("--exact-words", o.exact_words,
               "Search words only as typed: no slip corrected (trquet for truquet), no date among the words taken "
               "for a period to rank first")
      ->group("Query");
  app.add_option("--since", o.since,
                 "Only articles dated on or after: YYYY, YYYY-MM, YYYY-MM-DD, or a day counted back from now "
                 "in local time: 24h, 7d, 2w, 3m, 1y, today, yesterday (aujourd'hui, hier)")
      ->group("Filters");
  app.add_option("--until", o.until,
                 "Only articles dated on or before: YYYY, YYYY-MM, YYYY-MM-DD, or a relative day as for --since")
      ->group("Filters");
  for (const auto& [name, value, help] :
       {std::tuple{"--source", &o.source, "Only articles from this source (e.g. lemonde.fr)"},
        {"--section", &o.section, "Only articles of this section"},
        {"--lang", &o.lang, "Only articles in this language (fr, en ...)"},
        {"--country", &o.country, "Only articles that mention this country"}})
    app.add_option(name, *value, help)->transform(decoded_like_text())->group("Filters");
}

// Order, paging, facets and collapse of the hits; --similar and --timeline ask for other hits.
void define_result_options(CLI::App& app, SearcherOptions& o) {
  app.add_option("--sort", o.sort, "Order: relevance, date (newest first) or -date (oldest first); undated articles come last "
                  "(first with -date over remote shards)")
      ->check(CLI::IsMember(std::vector<std::string>(cli::kSortChoices.begin(), cli::kSortChoices.end())))
      ->capture_default_str()
      ->group("Results");
  // A billion each: more than any archive holds, and their sum still fits Xapian's document counts.
  const CLI::Range kResultCount(std::size_t{0}, cli::kMaxResultCount);
  app.add_option("--limit,-n", o.limit, "Number of results to print")
      ->capture_default_str()
      ->check(kResultCount)
      ->group("Results");
  app.add_option("--offset", o.offset, "Results to skip (for paging)")
      ->capture_default_str()
      ->check(kResultCount)
      ->group("Results");
  app.add_option("--facet", o.facets, "Count matches per value: " + schema::facet_names(", "))
      ->check(CLI::IsMember(std::vector<std::string>(schema::kFacetOrder.begin(), schema::kFacetOrder.end())))
      ->allow_extra_args(false)
      ->group("Results");
  app.add_option("--facet-limit", o.facet_limit, "Values shown per facet")
      ->capture_default_str()
      ->check(kResultCount)
      ->group("Results");
  app.add_flag("--no-collapse,!--collapse", o.no_collapse,
               "Show every near-identical copy (--no-collapse), or each story once with its copies listed "
               "(--collapse, the default)")
      ->group("Results");
  app.add_option("--similar", o.similar,
                 "Articles like the one with this id (more-like-this), best first; words and filters given with it "
                 "keep those that match them")
      ->transform(decoded_like_text())
      ->group("Query");
  app.add_option("--facet-sort", o.facet_sort,
                 "Order of facet values: count, value, or auto (year and month by date, others by count)")
      ->check(CLI::IsMember({"auto", "count", "value"}))
      ->capture_default_str()
      ->group("Results");
  app.add_flag("--timeline", o.timeline,
               "Articles matching QUERY per month drawn as bars (csv/tsv/json with --format)")
      ->group("Results");
  app.add_option("--by", o.by, "Period of --timeline: month or day")
      ->check(CLI::IsMember({"month", "day"}))
      ->capture_default_str()
      ->group("Results");
}

void define_saved_search_options(CLI::App& app, SearcherOptions& o) {
  CLI::Option* no_config = app.get_option("--no-config");  // saved searches live in the configuration
  app.add_option("--save", o.save, "Save QUERY (and the filter options given) in the configuration under NAME")
      ->excludes(no_config)
      ->group("Saved searches");
  app.add_option("--saved", o.saved, "Run the saved search SEARCH")
      ->type_name(cli::value_label::kSavedSearch)
      ->excludes(no_config)
      ->group("Saved searches");
  app.add_flag("--new{added}", o.new_articles,
               "With --saved: print only the articles that entered the archive since this saved search last "
               "printed, then remember where it stopped (exit 1 when nothing is new); --new=updated also "
               "prints the articles whose content changed since, marked as updates")
      ->check(CLI::IsMember({"added", "updated"}))
      ->group("Saved searches");
  app.add_flag("--list-saved", o.list_saved, "List the saved searches")->excludes(no_config)->group("Saved searches");
  app.add_option("--forget", o.forget, "Remove the saved search SEARCH")
      ->type_name(cli::value_label::kSavedSearch)
      ->excludes(no_config)
      ->group("Saved searches");
  app.add_option("--indexed-since", o.indexed_since,
                 "Only articles indexed at or after this time: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (UTC), or "
                 "24h, 7d, 2w (that long ago), 3m, 1y, today, yesterday (local midnight)")
      ->group("Filters");
}

// What to print instead of the hits: a count, one article, a batch's answers, the archive.
void define_mode_options(CLI::App& app, SearcherOptions& o) {
  app.add_flag("--count", o.count, "Print only the number of matching articles")->group("Results");
  app.add_option("--show", o.show, "Print the stored article with this id or URL")
      ->transform(decoded_like_text())
      ->group("Results");
  app.add_option("--batch", o.batch, "Run one query per line of FILE (- for stdin); one JSON line each")
      ->type_name(cli::value_label::kFile)
      ->group("Results");
  cli::add_jobs_option(app, o.jobs,
                       "Queries of --batch answered at once, each by its own thread and database handle; the "
                       "answers still come in input order")
      ->group("Results");
  app.add_flag("--export", o.export_articles,
               "Print the stored articles matching QUERY (all without one) as JSON Lines that depeche-index reads back")
      ->group("Archive");
  app.add_flag("--stats", o.stats, "Summarise the archive: articles, dates, sources, years, clusters, database")
      ->group("Archive");
}

void define_output_options(CLI::App& app, SearcherOptions& o) {
  app.add_option("--format-version", o.format_version,
                 "Ask for this version of the JSON output (exit 20 if too old, 21 if too new)")
      ->group("Output");
  app.add_option("--format", o.format, "Output format: text, json, jsonl, tsv, csv, or atom (an Atom 1.0 feed of the hits)")
      ->check(CLI::IsMember(output_format_names()))
      ->capture_default_str()
      ->group("Output");
  app.add_option("--fields", o.fields, "Comma-separated columns for tsv/csv (default: rank,id,date,source,title,url,score)")
      ->type_name(cli::value_label::kFields)
      ->group("Output");
  app.add_option("--color", o.color, "Colour text output: auto (terminal without NO_COLOR), always, never")
      ->check(CLI::IsMember(std::vector<std::string>(cli::kColorChoices.begin(), cli::kColorChoices.end())))
      ->capture_default_str()
      ->group("Output");
  app.add_flag("--explain", o.explain,
               "For each hit, the terms that matched, where (title, body) and what each added to the score; "
               "on an empty result, the word or filter that emptied it")
      ->group("Output");
  app.add_flag("--no-suggest", o.no_suggest, "No spelling suggestion when a query finds little")->group("Output");
  app.add_flag("--no-snippets", o.no_snippets, "Do not build snippets (faster for scripts)")->group("Output");
}

// One thing to print per run: '--count --timeline' printed the timeline, '--batch F --count'
// answers in full, and a script could not tell which option had been ignored.
void refuse_conflicting_modes(CLI::App& app) {
  app.callback([&app] {
    std::vector<std::string> given;
    for (const char* mode : {"--count", "--timeline", "--show", "--stats", "--export", "--batch", "--save", "--forget",
                             "--list-saved"})
      if (app.count(mode) > 0) given.push_back(mode);
    if (given.size() > 1) throw CLI::ValidationError(given[0] + " and " + given[1] + " cannot be given together");
    // It summarises the whole archive: a query given with it was ignored without a word.
    if (app.count("--stats") > 0 && app.count("query") > 0) throw CLI::ValidationError("--stats takes no query");
    // A batch and an export print JSON lines whatever --format says: TSV asked for was JSON received.
    for (const char* mode : {"--batch", "--export"}) {
      if (app.count(mode) == 0 || app.count("--format") == 0) continue;
      const auto format = app["--format"]->as<std::string>();
      if (format != "json" && format != "jsonl")
        throw CLI::ValidationError(std::string(mode) + " prints JSON lines: --format " + format + " cannot apply");
    }
    // A feed's entries are hits: a count, a timeline, one article or the archive's figures are none.
    if (app.count("--format") > 0 && app["--format"]->as<std::string>() == "atom")
      for (const char* mode : {"--count", "--timeline", "--show", "--stats"})
        if (app.count(mode) > 0) throw CLI::ValidationError(std::string(mode) + " prints no search results: --format atom cannot apply");
  });
}

}  // namespace

// The man page and the completions list the options in the order they are defined (--help sorts
// them by group): each function keeps its run of that order, so some groups span two of them.
void define_options(CLI::App& app, SearcherOptions& o) {
  describe(app);
  define_database_options(app, o);
  define_query_options(app, o);
  define_result_options(app, o);
  define_saved_search_options(app, o);
  define_mode_options(app, o);
  define_output_options(app, o);
  refuse_conflicting_modes(app);
  cli::set_version_flag(app, "depeche-search");
}

void apply_search_defaults(const CLI::App& app, const cli::SearchDefaults& d, SearcherOptions& o) {
  const auto unless_given = [&app](const char* option, auto& target, const auto& value) {
    if (value && app.count(option) == 0) target = *value;
  };
  unless_given("--limit", o.limit, d.limit);
  unless_given("--format", o.format, d.format);
  unless_given("--color", o.color, d.color);
  unless_given("--sort", o.sort, d.sort);
  unless_given("--facet", o.facets, d.facets);
  unless_given("--any", o.any, d.any);
  if (d.collapse && app.count("--no-collapse") == 0) o.no_collapse = !*d.collapse;
}

namespace {

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

bool color_wanted(const std::string& choice, bool terminal) {
  if (choice == "always") return true;
  if (choice == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return terminal && !(no_color && *no_color) && !(term && std::string(term) == "dumb");
}

}  // namespace

ResolvedOptions resolve(const SearcherOptions& o, bool stdout_is_terminal) {
  ResolvedOptions r;
  SearchRequest& q = r.request;
  for (const std::string& w : o.query_words) q.query += (q.query.empty() ? "" : " ") + w;
  q.match_any = o.any;
  q.exact_words = o.exact_words;
  q.limit = o.limit;
  q.offset = o.offset;
  q.facets = o.facets;
  q.facet_limit = o.facet_limit;
  q.collapse = !o.no_collapse;
  q.suggest = !o.no_suggest;
  q.explain = o.explain;
  q.facet_order = o.facet_sort == "count"   ? SearchRequest::FacetOrder::kCount
                  : o.facet_sort == "value" ? SearchRequest::FacetOrder::kValue
                                            : SearchRequest::FacetOrder::kAuto;
  q.similar_to = o.similar;
  q.sort = o.sort == "date" ? SortOrder::kDateNewest : o.sort == "-date" ? SortOrder::kDateOldest : SortOrder::kRelevance;
  if (!o.indexed_since.empty()) {
    const auto relative = util::relative_instant(o.indexed_since, util::run_start());
    q.indexed_since = relative ? static_cast<double>(*relative) : cli::parse_utc_time(o.indexed_since);
  }
  if (!o.since.empty() || !o.until.empty()) q.filters.emplace_back("date", o.since + ".." + o.until);
  for (const auto& [field, value] : {std::pair{"source", &o.source}, {"section", &o.section}, {"lang", &o.lang},
                                     {"country", &o.country}})
    if (!value->empty()) q.filters.emplace_back(field, *value);
  r.format = parse_output_format(o.format);
  r.output.fields = split_commas(o.fields);
  // Snippets cost a third of a query: none is built for columns that do not print it.
  q.snippets = !o.no_snippets && prints_snippets(r.format, r.output.fields);
  q.with_indexed_at = r.format == OutputFormat::kAtom;  // an entry's <updated>
  r.output.color = r.format == OutputFormat::kText && color_wanted(o.color, stdout_is_terminal);
  return r;
}

}  // namespace depeche
