// floor-index: the bare-Xapian floor indexer of ../../shared/decisions.md (19).
//
//   floor-index DB CORPUS.jsonl.gz [NDOCS]
//
// The least work a Xapian indexer does on the same articles: Xapian::TermGenerator with
// Xapian::Stem("french") and STEM_SOME; the title indexed with wdf x2 and also under the prefix S, then the
// body; the id as a Q term (replace_document on it, the usual Xapian idiom). Nothing else, except two cheap
// things the benchmark needs to read results back: the id as the document data, and the section in value
// slot 0 (for the faceted floor query, counted with ValueCountMatchSpy). Xapian's defaults everywhere
// (XAPIAN_FLUSH_THRESHOLD and friends are honoured if set in the environment); one commit at the end.
//
// Prints one JSON object on stdout: ndocs, index_s (in-process: gunzip + JSON + analysis + writing + commit),
// input_bytes (uncompressed JSON Lines read), text_bytes (title + body).
#include <xapian.h>
#include <zlib.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

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

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "usage: floor-index DB CORPUS.jsonl.gz [NDOCS]\n");
    return 2;
  }
  const char* db_path = argv[1];
  const char* corpus = argv[2];
  const unsigned long long ndocs_max = argc == 4 ? std::strtoull(argv[3], nullptr, 10) : ~0ULL;

  const auto t0 = std::chrono::steady_clock::now();
  try {
    Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("french"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);

    GzLines in(corpus);
    std::string line;
    unsigned long long n = 0, bad = 0;
    std::uint64_t input_bytes = 0, text_bytes = 0;
    while (n < ndocs_max && in.next(line)) {
      input_bytes += line.size() + 1;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (!j.is_object()) {
        ++bad;
        continue;
      }
      const std::string id = str(j, "id");
      const std::string title = str(j, "title");
      const std::string body = str(j, "body");
      text_bytes += title.size() + body.size();

      Xapian::Document doc;
      tg.set_document(doc);
      tg.index_text(title, 2);
      tg.index_text(title, 1, "S");
      tg.increase_termpos();
      tg.index_text(body);
      doc.set_data(id);
      doc.add_value(0, str(j, "section"));
      const std::string idterm = "Q" + id;
      doc.add_boolean_term(idterm);
      db.replace_document(idterm, doc);
      ++n;
    }
    db.commit();
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    nlohmann::json out{{"ndocs", n},          {"index_s", secs},         {"input_bytes", input_bytes},
                       {"text_bytes", text_bytes}, {"bad_lines", bad},   {"xapian", Xapian::version_string()}};
    std::cout << out.dump() << '\n';
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "floor-index: %s\n", e.get_description().c_str());
    return 3;
  }
  return 0;
}
