// One indexing run over input files: skips files unchanged since the last run (size and mtime,
// then content hash), re-reads changed ones, and with prune deletes the articles of deleted files.
// Each file's record is committed with its last article, so a crash makes the next run redo
// exactly the files it had not finished.
#ifndef DEPECHE_INCLUDED_INDEX_ARCHIVE_INDEXER_H
#define DEPECHE_INCLUDED_INDEX_ARCHIVE_INDEXER_H

#include "index/index_writer.h"
#include "index/progress.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace depeche {

struct RunOptions {
  InputFormat format = InputFormat::kAuto;
  ReadLimits limits;
};

// An input file as its record in the database knows it: its absolute path, and the format it was
// read as ("text", "jsonl", "html", "feed" or "skipped").
struct RecordedFile {
  std::string path;
  std::string format;
};
// Every recorded file, by the origin term its articles carry (schema::origin_file_term).
std::map<std::string, RecordedFile> recorded_files_by_origin(const Xapian::Database& db);

class ArchiveIndexer {
 public:
  using Reporter = std::function<void(const std::string& message)>;
  using ProgressFn = std::function<void(const Progress&)>;

  ArchiveIndexer(IndexWriter& writer, RunOptions options, Reporter report, ProgressFn progress = {});

  void index(const std::vector<InputName>& inputs);
  // Whether files below `folder` were indexed by an earlier run: a folder found empty that held
  // them is more likely an unmounted share than an archive whose every file was deleted.
  bool indexed_files_below(const std::string& folder) const;
  // Deletes the articles of single-article files (our text format, HTML pages) that no longer exist.
  // Articles from JSON Lines files stay: such files are dumps and feeds that rotate.
  void prune();

 private:
  void index_file(const InputName& input);
  void read_reporting(const InputName& input);  // index_file, its errors reported and counted
  IndexWriter& writer_;
  RunOptions options_;
  Reporter report_;
  ProgressFn progress_;
  Progress state_;
  std::vector<InputName> inputs_;  // this run's, read again by prune() when it must
};

}  // namespace depeche

#endif
