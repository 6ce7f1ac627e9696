// depeche-index's command line: CLI11 fills a plain struct, then resolve() applies the defaults
// that depend on the environment (configuration file, DEPECHE_* variables, cores) and picks the
// mode; main() runs that mode.
#ifndef DEPECHE_INCLUDED_INDEXER_OPTIONS_H
#define DEPECHE_INCLUDED_INDEXER_OPTIONS_H

#include "index/inputs.h"
#include "output/summary_printer.h"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace depeche {

struct IndexerOptions {
  std::string db;
  std::vector<std::string> paths;
  std::string input_format = "auto";
  std::size_t batch_size = 1000;
  unsigned jobs = 0;  // 0: one per core
  bool resumable = false;  // a first index committed in batches rather than built in parts
  std::string summary;  // "", "text" or "json"
  bool prune = false;
  double wait_seconds = 0;  // --wait without a value waits this long
  bool progress = true;
  bool delete_ids = false;  // the positional arguments are ids or URLs to delete
  bool rebuild = false;
  bool compact = false;
  std::string config;  // --config; empty: $DEPECHE_CONFIG or the XDG default
  bool no_config = false;
  bool init = false;
  std::string shard_by = "none";
  std::string synonyms;
  std::string encoding;  // forced charset of text, HTML and feed files; empty: detect
  std::size_t max_line_bytes = std::size_t{64} << 20;
  std::size_t max_article_bytes = std::size_t{16} << 20;
  std::size_t max_depth = InputWalk{}.max_depth;
  bool follow_symlinks = false;
};

// Defines the options and their rules: choices, ranges, and the modes that go alone.
void define_options(CLI::App& app, IndexerOptions& options);

// What a run does. --init comes first, then --compact, --rebuild and --delete; otherwise it
// indexes (and with --prune, prunes).
enum class IndexMode { kInit, kCompact, kRebuild, kDelete, kIndex };

// The options once the environment is applied.
struct ResolvedIndexerOptions : IndexerOptions {
  IndexMode mode = IndexMode::kIndex;
  std::string config_path;  // --config, else $DEPECHE_CONFIG or the XDG default
  unsigned threads = 0;     // building a first index in parts; 0: every run commits in batches
  SummaryFormat summary_format = SummaryFormat::kNone;
};

// Reads the configuration (none with --no-config); `db` becomes --db, else $DEPECHE_DB, else the configuration's, else the
// default, and `paths` the configuration's inputs when none is given (to index or delete). Throws
// depeche::Error for a bad configuration, or when there is nothing to index.
ResolvedIndexerOptions resolve(const IndexerOptions& options);

// The command line with "--summary json" and "--wait 60" joined into "--summary=json" and
// "--wait=60": these are flags whose value follows '=', so that the path after them stays a path,
// and the older spelling with a space keeps working. Any other word after them is left alone.
std::vector<std::string> join_flag_values(int argc, char** argv);

}  // namespace depeche

#endif
