// depeche-index: parse options, run the archive indexer over the inputs, report.
#include "options.h"

#include "cli/tool_main.h"

#include "index/archive_indexer.h"
#include "index/compact.h"
#include "index/database_folder.h"
#include "index/inputs.h"
#include "index/damage.h"
#include "index/rebuild.h"
#include "cli/config.h"
#include "util/input_file.h"
#include "cli/exit_codes.h"
#include "output/progress.h"
#include "output/summary_printer.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/printable.h"

#include <cstring>
#include <cerrno>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <unistd.h>

namespace {

using namespace depeche;

std::string g_database_path;  // for the last-resort message of on_terminate()

void to_stderr(const std::string& message) { cli::print_message("depeche-index", message); }

// Ids from the command line, or one per line from stdin for "-". Damaged gzip data on stdin is
// reported, and counted in `problems`, the ids before it deleted.
std::vector<std::string> ids_to_delete(const std::vector<std::string>& args, std::size_t& problems,
                                       const std::function<void(const std::string&)>& report) {
  std::vector<std::string> ids;
  for (const std::string& arg : args) {
    if (arg != "-") {
      ids.push_back(arg);
      continue;
    }
    util::InputFile in("-");
    std::string line;
    bool truncated;
    while (in.read_line(line, std::size_t{1} << 16, truncated))
      if (!line.empty()) ids.push_back(line);
    if (const auto& damage = in.damage()) {
      ++problems;
      report("-:" + std::to_string(damage->line) + ": " + damage->message);
    }
  }
  return ids;
}

// --init: a configuration naming the database and the inputs, so that cron needs no options.
int write_initial_config(const ResolvedIndexerOptions& o) {
  namespace fs = std::filesystem;
  // One emptied by --forget, or left with comments only, holds nothing to lose.
  if (fs::exists(o.config_path) && cli::holds_settings(o.config_path))
    throw Error(o.config_path + ": already exists; edit it or remove it first");
  std::vector<std::string> inputs;
  for (const std::string& p : o.paths) inputs.push_back(fs::absolute(p).lexically_normal().string());
  cli::check_config_value(o.db, "the database path");
  for (const std::string& input : inputs) cli::check_config_value(input, "an input's path");
  const fs::path folder = fs::path(o.config_path).parent_path();  // none for a bare file name
  if (!folder.empty()) fs::create_directories(folder);
  util::write_file_atomically(o.config_path, cli::initial_config(o.db, inputs));
  std::cout << "wrote " << util::printable(o.config_path) << '\n';
  return exit_code::kOk;
}

// Checked before anything is read or created (docs/robustness.md, "What is yours stays"); symbolic
// links resolved, so that a first index's swap replaces the folder the link names, not the link.
// Returns the folder.
std::string checked_database(const ResolvedIndexerOptions& o) {
  const bool indexing = o.mode == IndexMode::kIndex;
  const std::string db = checked_database_folder(o.db, indexing ? DatabaseUse::kCreateOrOpen : DatabaseUse::kOpen,
                                                 indexing ? o.paths : std::vector<std::string>{});
  const std::filesystem::path parent = std::filesystem::path(db).parent_path();
  std::filesystem::create_directories(parent.empty() ? std::filesystem::path(".") : parent);
  return db;
}

int compact(const ResolvedIndexerOptions& o, SummaryPrinter& summary) {
  summary.compaction(compact_database(o.db, o.wait_seconds));
  return exit_code::kOk;
}

int rebuild(const ResolvedIndexerOptions& o, SummaryPrinter& summary) {
  const IndexStats s = rebuild_database(o.db, o.batch_size, o.wait_seconds, o.threads, to_stderr);
  summary.run(s, s.problems);
  return s.problems ? exit_code::kSomeInputFailed : exit_code::kOk;
}

int delete_articles(const ResolvedIndexerOptions& o, SummaryPrinter& summary) {
  IndexWriter writer(o.db, o.batch_size, o.wait_seconds, to_stderr);
  std::size_t failed = 0;
  for (const std::string& id : ids_to_delete(o.paths, failed, to_stderr)) {
    if (!writer.delete_id(id)) {
      ++failed;
      to_stderr("no article with id or URL '" + id + "'");
    }
  }
  writer.finish(failed);
  summary.run(writer.stats(), failed);
  return failed ? exit_code::kSomeInputFailed : exit_code::kOk;
}

// The files below the inputs, and what kept some from being read.
struct FoundInputs {
  std::vector<InputName> files;
  std::vector<std::string> empty_folders;
  std::size_t missing = 0;  // inputs not seen: pruning would take them for deleted
  std::size_t skipped = 0;  // seen but not read (a link not followed, too deep)
};

FoundInputs find_inputs(const ResolvedIndexerOptions& o, const std::function<void(const std::string&)>& report) {
  FoundInputs found;
  for (const std::string& path : o.paths) {
    const auto problem = [&](const std::string& m, bool unseen) {
      ++(unseen ? found.missing : found.skipped);
      report(o.prune && unseen ? m + "; nothing pruned in this run" : m);
    };
    const std::vector<InputName> files = expand_inputs({path}, InputWalk{o.max_depth, o.follow_symlinks}, problem);
    if (files.empty() && std::filesystem::is_directory(path)) found.empty_folders.push_back(path);
    found.files.insert(found.files.end(), files.begin(), files.end());
  }
  return found;
}

// The built-in groups plus those of --synonyms; without it, a database that has groups keeps them
// (those of an earlier --synonyms) and one without any gets the built-in ones.
void load_synonyms(IndexWriter& writer, const std::string& path) {
  if (!path.empty()) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    writer.set_synonyms(lines, path);
  } else if (writer.database().synonym_keys_begin() == writer.database().synonym_keys_end()) {
    writer.set_synonyms({}, "");
  }
}

int index_inputs(const ResolvedIndexerOptions& o, SummaryPrinter& summary) {
  ReadLimits limits{o.max_line_bytes, o.max_article_bytes};
  limits.encoding = o.encoding;
  const RunOptions run_options{parse_input_format(o.input_format), limits};
  const bool show_progress = o.progress && isatty(STDERR_FILENO);
  ProgressBar bar(std::cerr);
  auto report = [&](const std::string& message) {
    bar.finish();
    to_stderr(message);
  };
  FoundInputs inputs = find_inputs(o, report);
  IndexWriter writer(o.db, o.batch_size, o.wait_seconds, report, parse_shard_by(o.shard_by), o.threads);
  load_synonyms(writer, o.synonyms);
  ArchiveIndexer indexer(writer, run_options, report, [&](const Progress& p) {
    if (show_progress) bar.update(p);
  });
  indexer.index(inputs.files);
  // A folder that is missing, unreadable or emptied this time (an unmounted share leaves an empty
  // mount point, a renamed folder) is not a folder whose files were all deleted: nothing is pruned.
  if (o.prune)
    for (const std::string& folder : inputs.empty_folders)
      if (indexer.indexed_files_below(folder)) {
        ++inputs.missing;
        report(folder + ": empty, though its files were indexed before (an unmounted share?); nothing pruned in this run");
      }
  if (o.prune && inputs.missing == 0) indexer.prune();
  const std::size_t failed = inputs.missing + inputs.skipped + writer.stats().problems;
  writer.finish(failed);
  bar.finish();
  summary.run(writer.stats(), failed);
  return failed ? exit_code::kSomeInputFailed : exit_code::kOk;
}

int run(const IndexerOptions& options) {
  ResolvedIndexerOptions o = resolve(options);
  g_database_path = o.db;
  if (o.mode == IndexMode::kInit) return write_initial_config(o);
  o.db = checked_database(o);
  SummaryPrinter summary(std::cout, o.summary_format);
  if (o.mode == IndexMode::kCompact) return compact(o, summary);
  if (o.mode == IndexMode::kRebuild) return rebuild(o, summary);
  check_before_writing(o.db);
  if (o.mode == IndexMode::kDelete) return delete_articles(o, summary);
  return index_inputs(o, summary);
}

// Xapian 1.4 can throw a second exception while unwinding from a failed write (a full disk),
// which ends in std::terminate. What is committed is safe (as after a crash); say so in one line,
// and give the disk back the work folders (a first index's parts), which a rerun would clear anyway.
[[noreturn]] void on_terminate() {
  // Read first: what the handler below does may change it.
  const int last_error = errno;
  std::string what = "unexpected error";
  try {
    if (auto e = std::current_exception()) std::rethrow_exception(e);
    // Terminated while unwinding, the exception is not at hand; the failed write's errno still is.
    if (last_error == EFBIG || last_error == ENOSPC || last_error == EDQUOT) what = std::strerror(last_error);
  } catch (const Xapian::Error& e) {
    what = e.get_description();
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
  }
  if (!g_database_path.empty()) {
    try {
      depeche::clear_leftovers(g_database_path);
    } catch (...) {  // a folder holding files depeche did not write: the rerun names it
    }
  }
  depeche::cli::print_message("depeche-index", g_database_path + ": write failed (" + what +
                                                   "); the database is as at its last commit, rerun when there is room");
  std::_Exit(depeche::exit_code::kDatabase);
}

}  // namespace

int main(int argc, char** argv) {
  std::set_terminate(on_terminate);
  // Over a file size limit (ulimit -f), fail the write and report it, rather than being killed
  // by SIGXFSZ without a word: the database stays as at its last commit either way.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{"depeche-index"};
  depeche::IndexerOptions options;
  depeche::define_options(app, options);
  std::vector<std::string> args = depeche::join_flag_values(argc, argv);
  std::vector<char*> joined;
  for (std::string& arg : args) joined.push_back(arg.data());
  return depeche::cli::tool_main(app, static_cast<int>(joined.size()), joined.data(), "depeche-index", options.db,
                                 [&] { return run(options); });
}
