// floor-index: the bare-Xapian floor indexer of ../../shared/decisions.md (19).
//
//   floor-index [--parts WORKERS] DB CORPUS.jsonl.gz [NDOCS]
//
// The least work a Xapian indexer does on the same articles: Xapian::TermGenerator with
// Xapian::Stem("french") and STEM_SOME; the title indexed with wdf x2 and also under the prefix S, then the
// body; the id as a Q term (replace_document on it, the usual Xapian idiom). Nothing else, except three cheap
// things the benchmark needs to read results back and to filter: the id as the document data, the section in
// value slot 0 (for the faceted floor query, counted with ValueCountMatchSpy) and the date as YYYYMMDD in slot 1
// (for date-filtered queries). Xapian's defaults everywhere (XAPIAN_FLUSH_THRESHOLD and friends are honoured if
// set in the environment); one commit at the end.
//
// --parts WORKERS: the floor of issue 15's measurements, and the only one that finishes at a million articles:
// WORKERS threads each write part databases of kPartDocs consecutive articles (no fsync), merged in input order
// with Xapian::Database::compact (kPartsPerMerge at a time, as opening a thousand parts at once costs memory).
//
// Prints one JSON object on stdout: ndocs, index_s (in-process: gunzip + JSON + analysis + writing + commit,
// and the merge with --parts), input_bytes (uncompressed JSON Lines read), text_bytes (title + body).
#include <xapian.h>
#include <zlib.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

// Reads a gzip (or plain) file line by line, whatever the line length.
class GzLines {
 public:
  explicit GzLines(const char* path) : file_(gzopen(path, "rb")) {
    if (!file_) {
      std::fprintf(stderr, "floor-index: %s: cannot open\n", path);
      std::exit(2);
    }
    gzbuffer(file_, 1 << 17);
  }
  ~GzLines() { gzclose(file_); }
  GzLines(const GzLines&) = delete;
  GzLines& operator=(const GzLines&) = delete;

  bool next(std::string& line) {
    line.clear();
    for (;;) {
      if (pos_ == buf_.size()) {
        if (eof_) return !line.empty();
        buf_.resize(1 << 16);
        const int got = gzread(file_, &buf_[0], static_cast<unsigned>(buf_.size()));
        if (got < 0) {
          int err = 0;
          std::fprintf(stderr, "floor-index: read error: %s\n", gzerror(file_, &err));
          std::exit(3);
        }
        buf_.resize(static_cast<std::size_t>(got));
        pos_ = 0;
        if (got == 0) {
          eof_ = true;
          return !line.empty();
        }
      }
      const char* start = buf_.data() + pos_;
      const std::size_t avail = buf_.size() - pos_;
      const auto* nl = static_cast<const char*>(std::memchr(start, '\n', avail));
      const std::size_t take = nl ? static_cast<std::size_t>(nl - start) : avail;
      line.append(start, take);
      pos_ += take;
      if (nl) {
        ++pos_;
        return true;
      }
    }
  }

 private:
  gzFile file_;
  std::string buf_;
  std::size_t pos_ = 0;
  bool eof_ = false;
};

std::string str(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// "2023-07-23" -> "20230723", "2023-07" -> "20230700"; empty when the article has no date.
std::string date_value(const std::string& iso) {
  std::string digits;
  for (char c : iso.substr(0, 10))
    if (c >= '0' && c <= '9') digits += c;
  if (digits.size() < 4) return {};
  digits.resize(8, '0');
  return digits;
}

struct Counts {
  unsigned long long docs = 0, bad = 0;
  std::uint64_t text_bytes = 0;
};

class FloorIndexer {
 public:
  FloorIndexer() {
    tg_.set_stemmer(Xapian::Stem("french"));
    tg_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  }

  void add(Xapian::WritableDatabase& db, const std::string& line, Counts& counts) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) return;
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object()) {
      ++counts.bad;
      return;
    }
    const std::string id = str(j, "id");
    const std::string title = str(j, "title");
    const std::string body = str(j, "body");
    counts.text_bytes += title.size() + body.size();

    Xapian::Document doc;
    tg_.set_document(doc);
    tg_.index_text(title, 2);
    tg_.index_text(title, 1, "S");
    tg_.increase_termpos();
    tg_.index_text(body);
    doc.set_data(id);
    doc.add_value(0, str(j, "section"));
    doc.add_value(1, date_value(str(j, "date")));
    const std::string idterm = "Q" + id;
    doc.add_boolean_term(idterm);
    db.replace_document(idterm, doc);
    ++counts.docs;
  }

 private:
  Xapian::TermGenerator tg_;
};

constexpr std::size_t kPartDocs = 1000;
constexpr std::size_t kPartsPerMerge = 32;

// Chunks of kPartDocs lines, numbered in input order, handed from the reading thread to the workers.
class ChunkQueue {
 public:
  void push(std::size_t number, std::vector<std::string> lines) {
    std::unique_lock<std::mutex> lock(mutex_);
    room_.wait(lock, [&] { return queue_.size() < kMaxQueued; });
    queue_.push_back({number, std::move(lines)});
    ready_.notify_one();
  }
  void close() {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
    ready_.notify_all();
  }
  std::optional<std::pair<std::size_t, std::vector<std::string>>> pop() {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [&] { return !queue_.empty() || closed_; });
    if (queue_.empty()) return std::nullopt;
    auto chunk = std::move(queue_.front());
    queue_.erase(queue_.begin());
    room_.notify_one();
    return chunk;
  }

 private:
  static constexpr std::size_t kMaxQueued = 4;
  std::mutex mutex_;
  std::condition_variable ready_, room_;
  std::vector<std::pair<std::size_t, std::vector<std::string>>> queue_;
  bool closed_ = false;
};

std::string part_path(const std::string& dir, std::size_t number) {
  char name[32];
  std::snprintf(name, sizeof name, "/part-%07zu", number);
  return dir + name;
}

// Compacts `parts` (in order) into `out`, at most kPartsPerMerge at a time, then once more.
void merge(const std::vector<std::string>& parts, const std::string& out, const std::string& dir) {
  std::vector<std::string> inputs = parts;
  for (std::size_t round = 0; inputs.size() > kPartsPerMerge; ++round) {
    std::vector<std::string> merged;
    for (std::size_t i = 0; i < inputs.size(); i += kPartsPerMerge) {
      Xapian::Database group;
      for (std::size_t k = i; k < std::min(inputs.size(), i + kPartsPerMerge); ++k) group.add_database(Xapian::Database(inputs[k]));
      merged.push_back(dir + "/merge-" + std::to_string(round) + "-" + std::to_string(i / kPartsPerMerge));
      group.compact(merged.back());
    }
    for (const std::string& p : inputs) std::filesystem::remove_all(p);
    inputs = std::move(merged);
  }
  Xapian::Database all;
  for (const std::string& p : inputs) all.add_database(Xapian::Database(p));
  std::filesystem::remove_all(out);
  all.compact(out);
}

Counts index_in_parts(const std::string& db_path, GzLines& in, unsigned long long ndocs_max, unsigned workers,
                      std::uint64_t& input_bytes) {
  const std::string dir = db_path + ".floor-parts";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  ChunkQueue queue;
  std::vector<Counts> counts(workers);
  std::vector<std::thread> threads;
  for (unsigned w = 0; w < workers; ++w)
    threads.emplace_back([&, w] {
      FloorIndexer indexer;
      while (auto chunk = queue.pop()) {
        Xapian::WritableDatabase part(part_path(dir, chunk->first), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
        for (const std::string& line : chunk->second) indexer.add(part, line, counts[w]);
        part.commit();
      }
    });
  std::size_t chunks = 0;
  std::vector<std::string> lines;
  std::string line;
  for (unsigned long long n = 0; n < ndocs_max && in.next(line); ++n) {
    input_bytes += line.size() + 1;
    lines.push_back(std::move(line));
    if (lines.size() == kPartDocs) queue.push(chunks++, std::exchange(lines, {}));
  }
  if (!lines.empty()) queue.push(chunks++, std::move(lines));
  queue.close();
  for (std::thread& t : threads) t.join();
  std::vector<std::string> parts;
  for (std::size_t k = 0; k < chunks; ++k) parts.push_back(part_path(dir, k));
  merge(parts, db_path, dir);
  std::filesystem::remove_all(dir);
  Counts total;
  for (const Counts& c : counts) {
    total.docs += c.docs;
    total.bad += c.bad;
    total.text_bytes += c.text_bytes;
  }
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  unsigned workers = 0;
  int first = 1;
  if (argc > 2 && std::strcmp(argv[1], "--parts") == 0) {
    workers = static_cast<unsigned>(std::strtoul(argv[2], nullptr, 10));
    first = 3;
  }
  const int rest = argc - first;
  if (rest < 2 || rest > 3 || (first == 3 && workers == 0)) {
    std::fprintf(stderr, "usage: floor-index [--parts WORKERS] DB CORPUS.jsonl.gz [NDOCS]\n");
    return 2;
  }
  const std::string db_path = argv[first];
  const char* corpus = argv[first + 1];
  const unsigned long long ndocs_max = rest == 3 ? std::strtoull(argv[first + 2], nullptr, 10) : ~0ULL;

  const auto t0 = std::chrono::steady_clock::now();
  try {
    GzLines in(corpus);
    std::uint64_t input_bytes = 0;
    Counts counts;
    if (workers > 0) {
      counts = index_in_parts(db_path, in, ndocs_max, workers, input_bytes);
    } else {
      Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
      FloorIndexer indexer;
      std::string line;
      for (unsigned long long n = 0; n < ndocs_max && in.next(line); ++n) {
        input_bytes += line.size() + 1;
        indexer.add(db, line, counts);
      }
      db.commit();
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    nlohmann::json out{{"ndocs", counts.docs},         {"index_s", secs},       {"input_bytes", input_bytes},
                       {"text_bytes", counts.text_bytes}, {"bad_lines", counts.bad}, {"parts_workers", workers},
                       {"xapian", Xapian::version_string()}};
    std::cout << out.dump() << '\n';
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "floor-index: %s\n", e.get_description().c_str());
    return 3;
  }
  return 0;
}
