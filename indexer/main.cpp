// depeche-index: parse options, run the archive indexer over the inputs, report.
#include "options.h"

#include "cli/tool_main.h"
#include "cli/jobs.h"

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
#include "util/error.h"
#include "util/printable.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <unistd.h>

namespace {

std::string g_database_path;  // for the last-resort message of on_terminate()

void print_summary(const depeche::IndexerOptions& o, const depeche::IndexStats& s, std::size_t failed) {
  if (o.summary == "json") {
    std::cout << nlohmann::json{{"added", s.added},     {"updated", s.updated}, {"unchanged", s.unchanged},
                                {"deleted", s.deleted}, {"failed", failed}}
                     .dump()
              << '\n';
  } else if (o.summary == "text") {
    std::cout << "added " << s.added << ", updated " << s.updated << ", unchanged " << s.unchanged << ", deleted "
              << s.deleted << ", failed " << failed << '\n';
  }
}

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
    depeche::util::InputFile in("-");
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

int write_initial_config(const depeche::IndexerOptions& o, const std::string& config_path, const std::string& db) {
  namespace fs = std::filesystem;
  if (fs::exists(config_path)) throw depeche::Error(config_path + ": already exists; edit it or remove it first");
  std::vector<std::string> inputs;
  for (const std::string& p : o.paths) inputs.push_back(fs::absolute(p).lexically_normal().string());
  depeche::cli::check_config_value(db, "the database path");
  for (const std::string& input : inputs) depeche::cli::check_config_value(input, "an input's path");
  fs::create_directories(fs::path(config_path).parent_path());
  std::ofstream(config_path) << depeche::cli::initial_config(db, inputs);
  std::cout << "wrote " << depeche::util::printable(config_path) << '\n';
  return depeche::exit_code::kOk;
}

int run(depeche::IndexerOptions o) {
  using namespace depeche;
  const std::string config_path = o.config.empty() ? cli::default_config_path() : o.config;
  const cli::Config config = cli::load_config(config_path, !o.config.empty() && !o.init);
  o.db = cli::resolve_db(o.db, config);
  g_database_path = o.db;
  if (o.init) return write_initial_config(o, config_path, o.db);
  if (o.paths.empty() && !o.rebuild && !o.compact) {
    if (config.inputs.empty())
      throw Error("nothing to index: give files or folders, or name them in " + config_path + " (see --init)");
    o.paths = config.inputs;
  }
  // Checked before anything is read or created (decisions.md 21); symbolic links resolved, so that
  // a first index's swap replaces the folder the link names, not the link.
  const bool indexing = !o.compact && !o.rebuild && !o.delete_ids;
  o.db = checked_database_folder(o.db, indexing ? DatabaseUse::kCreateOrOpen : DatabaseUse::kOpen,
                                 indexing ? o.paths : std::vector<std::string>{});
  std::filesystem::create_directories(std::filesystem::path(o.db).parent_path().empty()
                                          ? std::filesystem::path(".")
                                          : std::filesystem::path(o.db).parent_path());
  auto to_stderr = [](const std::string& message) { cli::print_message("depeche-index", message); };
  // 0 jobs: no bulk load, every run commits in batches.
  const unsigned jobs = o.resumable ? 0 : cli::threads_for(o.jobs);
  if (o.compact) {
    const CompactStats s = compact_database(o.db, o.wait_seconds);
    if (o.summary == "json")
      std::cout << nlohmann::json{{"bytes_before", s.bytes_before}, {"bytes_after", s.bytes_after}}.dump() << '\n';
    else if (o.summary == "text")
      std::cout << "compacted " << s.bytes_before << " bytes into " << s.bytes_after << '\n';
    return exit_code::kOk;
  }
  if (o.rebuild) {
    const IndexStats s = rebuild_database(o.db, o.batch_size, o.wait_seconds, jobs, to_stderr);
    print_summary(o, s, s.problems);
    return s.problems ? exit_code::kSomeInputFailed : exit_code::kOk;
  }
  check_before_writing(o.db);
  if (o.delete_ids) {
    IndexWriter writer(o.db, o.batch_size, o.wait_seconds, to_stderr);
    std::size_t failed = 0;
    for (const std::string& id : ids_to_delete(o.paths, failed, to_stderr)) {
      if (!writer.delete_id(id)) {
        ++failed;
        to_stderr("no article with id or URL '" + id + "'");
      }
    }
    writer.finish(failed);
    print_summary(o, writer.stats(), failed);
    return failed ? exit_code::kSomeInputFailed : exit_code::kOk;
  }
  ReadLimits limits{o.max_line_bytes, o.max_article_bytes};
  limits.encoding = o.encoding;
  const RunOptions run_options{parse_input_format(o.input_format), limits};
  const bool show_progress = o.progress && isatty(STDERR_FILENO);
  ProgressBar bar(std::cerr);
  auto report = [&](const std::string& message) {
    bar.finish();
    cli::print_message("depeche-index", message);
  };

  std::size_t missing_inputs = 0, skipped_inputs = 0;
  std::vector<InputName> inputs;
  std::vector<std::string> empty_folders;
  for (const std::string& path : o.paths) {
    const auto problem = [&](const std::string& m, bool unseen) {
      ++(unseen ? missing_inputs : skipped_inputs);
      report(o.prune && unseen ? m + "; nothing pruned in this run" : m);
    };
    const std::vector<InputName> found = expand_inputs({path}, InputWalk{o.max_depth, o.follow_symlinks}, problem);
    if (found.empty() && std::filesystem::is_directory(path)) empty_folders.push_back(path);
    inputs.insert(inputs.end(), found.begin(), found.end());
  }
  IndexWriter writer(o.db, o.batch_size, o.wait_seconds, report, parse_shard_by(o.shard_by), jobs);
  if (!o.synonyms.empty()) {
    std::ifstream in(o.synonyms);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    writer.set_synonyms(lines, o.synonyms);
  } else if (writer.database().synonym_keys_begin() == writer.database().synonym_keys_end()) {
    writer.set_synonyms({}, "");
  }
  ArchiveIndexer indexer(writer, run_options, report, [&](const Progress& p) {
    if (show_progress) bar.update(p);
  });
  indexer.index(inputs);
  // A folder that is missing, unreadable or emptied this time (an unmounted share leaves an empty
  // mount point, a renamed folder) is not a folder whose files were all deleted: nothing is pruned.
  if (o.prune)
    for (const std::string& folder : empty_folders)
      if (indexer.indexed_files_below(folder)) {
        ++missing_inputs;
        report(folder + ": empty, though its files were indexed before (an unmounted share?); nothing pruned in this run");
      }
  if (o.prune && missing_inputs == 0) indexer.prune();
  const std::size_t failed = missing_inputs + skipped_inputs + writer.stats().problems;
  writer.finish(failed);
  bar.finish();
  print_summary(o, writer.stats(), failed);
  return failed ? exit_code::kSomeInputFailed : exit_code::kOk;
}

// Xapian 1.4 can throw a second exception while unwinding from a failed write (a full disk),
// which ends in std::terminate. What is committed is safe (as after a crash); say so in one line.
[[noreturn]] void on_terminate() {
  std::string what = "unexpected error";
  try {
    if (auto e = std::current_exception()) std::rethrow_exception(e);
  } catch (const Xapian::Error& e) {
    what = e.get_description();
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
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
