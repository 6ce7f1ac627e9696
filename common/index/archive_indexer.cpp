#include "index/archive_indexer.h"

#include "schema.h"
#include "util/error.h"
#include "util/hash.h"
#include "util/input_file.h"
#include "util/regular_file.h"
#include "util/utf8.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace depeche {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct FileRecord {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::string hash;
  std::string format;  // "text" or "jsonl"
  std::size_t articles = 0;
};

// A file's path as its record knows it, whatever folder the run was started from.
std::string absolute_path_of(const std::string& path) { return fs::absolute(path).lexically_normal().string(); }

std::string metadata_key(const std::string& absolute_path) {
  // Xapian keys are limited in length: long paths are hashed (the path itself is in the value).
  std::string key(schema::kMetaFilePrefix);
  return absolute_path.size() <= 200 ? key + absolute_path : key + "#" + util::hex64(util::fnv1a64(absolute_path));
}

std::optional<FileRecord> load_record(const Xapian::Database& db, const std::string& key) {
  const std::string value = db.get_metadata(key);
  if (value.empty()) return std::nullopt;
  const json j = json::parse(value, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  return FileRecord{j.value("size", std::uint64_t{0}), j.value("mtime_ns", std::int64_t{0}), j.value("hash", ""),
                    j.value("format", ""), j.value("articles", std::size_t{0})};
}

// A path is bytes; JSON holds only UTF-8. One in another charset is kept as "path_bytes", two hex
// digits a byte, so that --prune finds the very file again (a repaired name would not exist).
std::string encode(const std::string& path, const FileRecord& r) {
  json j{{"size", r.size}, {"mtime_ns", r.mtime_ns}, {"hash", r.hash}, {"format", r.format}, {"articles", r.articles}};
  if (util::is_valid_utf8(path)) {
    j["path"] = path;
  } else {
    std::string hex;
    for (unsigned char c : path) hex += "0123456789abcdef"[c >> 4], hex += "0123456789abcdef"[c & 15];
    j["path_bytes"] = hex;
  }
  return j.dump();
}

std::string recorded_path(const json& record) {
  const std::string hex = record.value("path_bytes", "");
  if (hex.empty()) return record.value("path", "");
  std::string path;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) path += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return path;
}

// Files larger than this are not hashed: one touched is read again rather than hashed (reading
// writes nothing when its articles are unchanged), so that no file costs two full reads and a
// 20 GB file is found binary from its first bytes, not after a hash of the whole.
constexpr std::uint64_t kMaxHashedBytes = std::uint64_t{64} << 20;

std::string hash_file(const std::string& path) {
  const int fd = util::open_regular_file(path);
  std::uint64_t h = util::kFnv1a64Start;
  std::vector<char> buf(1 << 16);
  for (;;) {
    const ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      throw Error(path + ": cannot read (" + std::strerror(error) + ")");
    }
    if (n == 0) break;
    h = util::fnv1a64(std::string_view(buf.data(), static_cast<std::size_t>(n)), h);
  }
  ::close(fd);
  return util::hex64(h);
}

// How a file was read, as recorded: "skipped" files (empty, binary, unknown) are recorded too,
// so that cron reports them once, not on every run until they change.
const char* format_name(InputFormat f) {
  switch (f) {
    case InputFormat::kText: return "text";
    case InputFormat::kJsonl: return "jsonl";
    case InputFormat::kHtml: return "html";
    case InputFormat::kFeed: return "feed";
    case InputFormat::kAuto: break;
  }
  return "skipped";
}

// Files that hold one article each: when such a file goes, its article goes with --prune.
// Feeds and JSON Lines dumps rotate and their items stay (docs/cron.md).
bool is_single_article(const std::string& format) { return format == "text" || format == "html"; }

// Hands articles on to the writer and counts them; every kEvery articles reports how far into the
// file reading has got, so that the bar moves within one big file for one lseek per report.
class ProgressSink : public ArticleSink {
 public:
  // `state` counts the whole file as done already; `file_size` is 0 for stdin (no bytes to show).
  ProgressSink(ArticleSink& next, Progress& state, const ArchiveIndexer::ProgressFn& progress, std::uint64_t file_size)
      : next_(next), state_(state), progress_(progress), file_size_(file_size) {}
  void reading(const util::InputFile& in) override { in_ = &in; }
  void format(InputFormat f) override { next_.format(f); }
  void article(Article&& a) override {
    next_.article(std::move(a));
    ++state_.articles;
    if (!progress_ || !in_ || ++since_report_ < kEvery) return;
    since_report_ = 0;
    Progress now = state_;
    now.bytes_done = state_.bytes_done - file_size_ + std::min(in_->bytes_consumed(), file_size_);
    progress_(now);
  }
  void problem(const std::string& file, std::size_t line, const std::string& message) override {
    next_.problem(file, line, article_goes_when_empty_ && message == kEmptyFileMessage ? "empty file; its article deleted" : message);
  }
  // A text file or page that gave an article: emptied, it loses it (not "skipped", which it is not).
  void article_goes_when_empty() { article_goes_when_empty_ = true; }

 private:
  static constexpr std::size_t kEvery = 32;  // a few reports a second at depeche's articles/s
  ArticleSink& next_;
  Progress& state_;
  const ArchiveIndexer::ProgressFn& progress_;
  std::uint64_t file_size_;
  const util::InputFile* in_ = nullptr;
  bool article_goes_when_empty_ = false;
  std::size_t since_report_ = 0;
};

}  // namespace

std::map<std::string, RecordedFile> recorded_files_by_origin(const Xapian::Database& db) {
  std::map<std::string, RecordedFile> files;
  const std::string prefix(schema::kMetaFilePrefix);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    const json j = json::parse(db.get_metadata(*it), nullptr, false);
    if (j.is_object()) files[schema::origin_file_term(*it)] = RecordedFile{recorded_path(j), j.value("format", "")};
  }
  return files;
}

ArchiveIndexer::ArchiveIndexer(IndexWriter& writer, RunOptions options, Reporter report, ProgressFn progress)
    : writer_(writer), options_(options), report_(std::move(report)), progress_(std::move(progress)) {}

void ArchiveIndexer::index(const std::vector<InputName>& inputs) {
  state_ = Progress{};
  state_.files_total = inputs.size();
  for (const InputName& input : inputs) {
    struct stat st {};
    if (input.path != "-" && ::stat(input.path.c_str(), &st) == 0) state_.bytes_total += static_cast<std::uint64_t>(st.st_size);
  }
  for (const InputName& input : inputs) {
    read_reporting(input);
    ++state_.files_done;
    if (progress_) progress_(state_);
  }
  inputs_ = inputs;
}

void ArchiveIndexer::read_reporting(const InputName& input) {
  try {
    index_file(input);
  } catch (const DataError&) {
    throw;  // the database is damaged, not this input: exit 3 (docs/exit-codes.md)
  } catch (const Error& e) {
    writer_.count_problem();
    // What opens a file names it by its path; messages name it relative to the folder given.
    std::string message = e.what();
    if (message.rfind(input.path + ": ", 0) == 0) message = input.display + message.substr(input.path.size());
    report_(message);
  }
}

void ArchiveIndexer::index_file(const InputName& input) {
  struct stat st {};
  if (input.path != "-" && ::stat(input.path.c_str(), &st) != 0) throw Error(input.display + ": cannot read");
  // stdin: read once as it comes, never recorded. Pipes, devices and sockets by name are refused
  // (util/regular_file.h): a FIFO without a writer would block with the lock held, /dev/zero never ends.
  if (input.path == "-") {
    writer_.set_origin("", input.display);
    ProgressSink sink(writer_, state_, progress_, 0);
    read_input(input, options_.format, options_.limits, sink);
    return;
  }
  if (!S_ISREG(st.st_mode)) ::close(util::open_regular_file(input.path));  // throws, saying what it is
  const std::string absolute = absolute_path_of(input.path);
  const std::string key = metadata_key(absolute);
  FileRecord now;
  now.size = static_cast<std::uint64_t>(st.st_size);
  now.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  state_.bytes_done += now.size;

  const std::optional<FileRecord> before = load_record(writer_.database(), key);
  if (before && before->size == now.size && before->mtime_ns == now.mtime_ns) {
    writer_.count_unchanged(before->articles);
    return;
  }
  // Hashed before it is read (a change made meanwhile is then seen by the next run), so that a
  // file touched, not changed, is told without reading its articles again.
  if (now.size <= kMaxHashedBytes) now.hash = hash_file(input.path);
  if (before && !now.hash.empty() && before->hash == now.hash) {  // remember the new mtime only
    now.format = before->format;
    now.articles = before->articles;
    writer_.count_unchanged(before->articles);
    writer_.set_metadata_with_other_changes(key, encode(absolute, now));
    return;
  }
  writer_.set_origin(key, input.display);
  const IndexStats stats_before = writer_.stats();
  ProgressSink sink(writer_, state_, progress_, now.size);
  if (before && is_single_article(before->format) && before->articles > 0) sink.article_goes_when_empty();
  const InputFormat format = read_input(input, options_.format, options_.limits, sink);
  now.format = format_name(format);
  // A text file emptied keeps its format: its article goes with --prune once the file is deleted.
  if (format == InputFormat::kAuto && before && before->format != "skipped") now.format = before->format;
  now.articles = writer_.origin_ids().size();
  // A single-article file: if its id changed (a new URL), the old article goes.
  if (is_single_article(now.format) && before) writer_.delete_from_origin(key, writer_.origin_ids());
  // A file that brought nothing new and nothing to report (a feed fetched again into a new file, a
  // copy) is recorded only beside other changes: until then each run reads it again and finds it
  // unchanged. One with problems is recorded at once, so that they are reported once.
  const IndexStats& stats_after = writer_.stats();
  const bool brought_nothing = stats_after.added == stats_before.added && stats_after.updated == stats_before.updated &&
                               stats_after.deleted == stats_before.deleted && stats_after.problems == stats_before.problems;
  if (brought_nothing) writer_.set_metadata_with_other_changes(key, encode(absolute, now));
  else writer_.set_metadata(key, encode(absolute, now));
}

bool ArchiveIndexer::indexed_files_below(const std::string& folder) const {
  std::string below = absolute_path_of(folder);
  if (below.back() != '/') below += '/';
  const Xapian::Database& db = writer_.database();
  const std::string short_keys = std::string(schema::kMetaFilePrefix) + below;
  if (db.metadata_keys_begin(short_keys) != db.metadata_keys_end(short_keys)) return true;
  // Long paths are keyed by their hash: their records say where they are.
  const std::map<std::string, RecordedFile> files = recorded_files_by_origin(db);
  return std::any_of(files.begin(), files.end(), [&](const auto& f) { return f.second.path.rfind(below, 0) == 0; });
}

void ArchiveIndexer::prune() {
  Xapian::WritableDatabase& db = writer_.database();
  const std::string prefix(schema::kMetaFilePrefix);
  std::vector<std::pair<std::string, std::string>> gone;  // key, path
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    const json j = json::parse(db.get_metadata(*it), nullptr, false);
    if (!j.is_object()) continue;
    const std::string path = recorded_path(j);
    std::error_code ec;
    if (path.empty() || fs::exists(path, ec) || ec) continue;
    if (is_single_article(j.value("format", ""))) gone.emplace_back(*it, path);
  }
  std::set<std::string> still_given_by;
  for (const auto& [key, path] : gone) {
    writer_.delete_from_origin(key, {}, &still_given_by);
    writer_.set_metadata(key, "");  // Xapian deletes a metadata key set to empty
  }
  // An article two files gave holds the text of the one read last: when that one goes, the other
  // file's text must replace it. Its record forgets its time and hash, so that it is read again:
  // now when this run was given it, else by the next run.
  if (still_given_by.empty()) return;
  std::set<std::string> reread;
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    if (!still_given_by.count(schema::origin_file_term(*it))) continue;
    json record = json::parse(db.get_metadata(*it), nullptr, false);
    if (!record.is_object()) continue;
    record["mtime_ns"] = 0;
    record["hash"] = "";
    writer_.set_metadata(*it, record.dump(-1, ' ', false, json::error_handler_t::replace));
    reread.insert(*it);
  }
  for (const InputName& input : inputs_)
    if (input.path != "-" && reread.count(metadata_key(absolute_path_of(input.path))))
      read_reporting(input);
}

}  // namespace depeche
