#include "options.h"

#include "cli/common_options.h"
#include "cli/generate.h"
#include "cli/jobs.h"
#include "util/charset.h"
#include "cli/config.h"
#include "util/error.h"

namespace depeche {

namespace {

void describe(CLI::App& app) {
  app.description(
      "Index French news articles into a Xapian database.\n\n"
      "Reads our article text format (first line 'date YYYY[-MM[-DD]] [URL]', an optional title line, the body),\n"
      "JSON Lines (id, url, source, date, title, description, body, section, lang, author, tags), HTML pages\n"
      "and RSS or Atom feeds, .gz or not; the format is told from each file's content (--input-format forces\n"
      "one). Folders are read recursively; '-' reads stdin. Indexing an article id again replaces it. Reruns skip unchanged\n"
      "files, so cron can run the same command every few minutes; nothing is printed unless something fails.\n\n"
      "Exit status: 0 all indexed, 4 some input skipped or cut (the rest is indexed), 2 usage error,\n"
      "3 database error, 75 database locked by another indexer (retry later).\n\n"
      "Examples:\n  depeche-index --db ~/archive.db articles/ feeds.jsonl.gz\n"
      "  depeche-index --init ~/news/articles   # then `depeche-index` alone (cron)");
}

void define_database_options(CLI::App& app, IndexerOptions& o) {
  cli::add_db_option(app, o.db, "Database folder to create or update");
  CLI::Option* no_config = cli::add_config_options(app, o.config, o.no_config);
  app.add_flag("--init", o.init,
               "Write a commented configuration naming the database and PATHS, then stop (over an existing file "
               "only if it holds nothing but blank lines and comments)")
      ->excludes(no_config)
      ->group("Database");
}

// What to index, or what else to do with the archive.
void define_mode_options(CLI::App& app, IndexerOptions& o) {
  app.add_option("paths", o.paths, "Files, folders or - (stdin) to index; with --delete, ids or URLs (- reads them from stdin)");
  app.add_flag("--delete", o.delete_ids, "Delete the articles whose ids or URLs are given; exit 4 if one is not found")
      ->group("Archive");
  app.add_flag("--rebuild", o.rebuild,
               "Re-analyse every stored article into a fresh database and swap it in (after an upgrade)")
      ->group("Archive");
  app.add_flag("--compact", o.compact,
               "Compact the database into a smaller copy and swap it in; searchers keep answering meanwhile")
      ->group("Archive");
}

void define_input_options(CLI::App& app, IndexerOptions& o) {
  app.add_option("--input-format", o.input_format, "Input format: auto (from name and content), text, jsonl, html, feed")
      ->check(CLI::IsMember({"auto", "text", "jsonl", "html", "feed"}))
      ->capture_default_str()
      ->group("Input");
  app.add_option("--encoding", o.encoding,
                 "Read text, HTML and feed files in this charset (e.g. windows-1252) instead of detecting it")
      ->check([](const std::string& label) {
        return depeche::util::canonical_charset(label).empty() ? "unknown charset '" + label + "'" : std::string();
      })
      ->group("Input");
}

// How a run writes the database and what it says about it.
void define_writing_options(CLI::App& app, IndexerOptions& o) {
  app.add_option("--batch-size", o.batch_size, "Articles per commit; a crash loses at most one batch")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}))
      ->capture_default_str()
      ->group("Database");
  cli::add_jobs_option(app, o.jobs,
                       "Threads analysing and writing a first index: an empty database is built in parts merged at "
                       "the end (searchable when the run ends; an interrupted first run starts again)")
      ->group("Database");
  app.add_flag("--resumable", o.resumable,
               "Commit a first index in batches like later runs, so that it is searchable as it grows and an "
               "interrupted run goes on where it stopped (slower than building it in parts)")
      ->group("Database");
  // Flags with an optional =VALUE: as options with an optional value they took the path after
  // them for theirs ('--summary in' failed, 'in' was not indexed).
  app.add_flag("--summary{text}", o.summary, "Print counts on stdout when done: --summary (text) or --summary=json")
      ->check(CLI::IsMember({"text", "json"}))
      ->group("Output");
  app.add_option("--shard-by", o.shard_by,
                 "Split a new database into one shard per year or month (a folder with a XAPIANDB stub that "
                 "depeche-search opens as one); later runs keep the layout")
      ->check(CLI::IsMember({"none", "year", "month"}))
      ->capture_default_str()
      ->group("Database");
  app.add_option("--synonyms", o.synonyms,
                 "Variant spellings to search as one (one group per line, words separated by commas), kept in "
                 "the database with the built-in groups (Zelensky, Zelenski, Zelenskyy ...)")
      ->type_name(cli::value_label::kFile)
      ->check(CLI::ExistingFile)
      ->group("Database");
  app.add_flag("--prune", o.prune,
               "Delete the articles of text files that no longer exist (never JSON Lines or feed items)")
      ->group("Database");
  app.add_flag("--wait{3600}", o.wait_seconds,
               "When another indexer holds the database, wait for it (--wait=SECONDS, default 3600) "
               "instead of exiting 75 at once")
      ->group("Database");
  app.add_flag("!--no-progress", o.progress, "No progress line on stderr (it only shows on a terminal)")
      ->group("Output");
}

// What is too big or too deep to read whole, and which links are followed.
void define_limit_options(CLI::App& app, IndexerOptions& o) {
  app.add_option("--max-line-bytes", o.max_line_bytes, "Longest JSON line read; longer ones are skipped")
      ->capture_default_str()
      ->group("Limits");
  app.add_option("--max-article-bytes", o.max_article_bytes, "Longest article body; longer ones are cut")
      ->capture_default_str()
      ->group("Limits");
  app.add_option("--max-depth", o.max_depth, "Folders nested deeper than this below an input are not entered")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{4096}))
      ->group("Limits");
  app.add_flag("--follow-symlinks", o.follow_symlinks,
               "Follow symbolic links to folders and to files outside the input folder (skipped otherwise)")
      ->group("Input");
}

void refuse_conflicting_modes(CLI::App& app, IndexerOptions& o) {
  app.callback([&o] {
    if (o.rebuild && (o.delete_ids || !o.paths.empty())) throw CLI::ValidationError("--rebuild takes no paths");
    if (o.compact && (o.rebuild || o.delete_ids || !o.paths.empty()))
      throw CLI::ValidationError("--compact takes no paths and goes alone");
  });
}

}  // namespace

// The man page and the completions list the options in the order they are defined (--help sorts
// them by group): each function keeps its run of that order, so some groups span two of them.
void define_options(CLI::App& app, IndexerOptions& o) {
  describe(app);
  define_database_options(app, o);
  define_mode_options(app, o);
  define_input_options(app, o);
  define_writing_options(app, o);
  define_limit_options(app, o);
  refuse_conflicting_modes(app, o);
  cli::set_version_flag(app, "depeche-index");
}

namespace {

IndexMode mode_of(const IndexerOptions& o) {
  if (o.init) return IndexMode::kInit;
  if (o.compact) return IndexMode::kCompact;
  if (o.rebuild) return IndexMode::kRebuild;
  if (o.delete_ids) return IndexMode::kDelete;
  return IndexMode::kIndex;
}

}  // namespace

ResolvedIndexerOptions resolve(const IndexerOptions& options) {
  ResolvedIndexerOptions r;
  static_cast<IndexerOptions&>(r) = options;
  r.mode = mode_of(options);
  const cli::ConfigLocation location = cli::config_location(options.config);
  r.config_path = location.path;
  // --init writes the configuration named by --config: it need not exist yet.
  const cli::Config config =
      options.no_config ? cli::Config{} : cli::load_config(r.config_path, location.named && !options.init);
  r.db = cli::resolve_db(options.db, config);
  // The configured inputs are files to index, never ids to delete.
  if (r.mode == IndexMode::kDelete && r.paths.empty())
    throw Error("--delete needs the ids or URLs of the articles to delete (or -, to read them from stdin)");
  if (r.mode == IndexMode::kIndex && r.paths.empty()) {
    if (config.inputs.empty())
      throw Error(options.no_config ? "nothing to index: give files or folders (--no-config reads no inputs from a file)"
                                    : "nothing to index: give files or folders, or name them in " + r.config_path +
                                          " (see --init)");
    r.paths = config.inputs;
  }
  r.threads = options.resumable ? 0 : cli::threads_for(options.jobs);
  r.summary_format = parse_summary_format(options.summary);
  return r;
}

std::vector<std::string> join_flag_values(int argc, char** argv) {
  std::vector<std::string> out(argv, argv + argc);
  for (std::size_t i = 1; i + 1 < out.size(); ++i) {
    const std::string& next = out[i + 1];
    const bool summary_value = out[i] == "--summary" && (next == "text" || next == "json");
    const bool wait_value = out[i] == "--wait" && !next.empty() &&
                            next.find_first_not_of("0123456789.") == std::string::npos;
    if (!summary_value && !wait_value) continue;
    out[i] += "=" + next;
    out.erase(out.begin() + static_cast<std::ptrdiff_t>(i) + 1);
  }
  return out;
}

}  // namespace depeche
