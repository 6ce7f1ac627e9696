// cli::answer_batch on a small real database: every query answered, in input order whether one
// searcher or several threads answer, each with its own status (docs/output-format.md); blank lines
// skipped, bad and over-long queries answered with their error, a printer or input that fails
// stops the batch after the answers before it.
#include "cli/batch.h"

#include "index/index_writer.h"
#include "output/printer.h"
#include "query/query_parser.h"
#include "support/gzip.h"
#include "support/temp_dir.h"
#include "util/error.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using depeche::SearchRequest;
using depeche::Searcher;
using depeche::cli::answer_batch;
using depeche::test::TempDir;

const std::vector<std::string> kWords = {"port",    "grève",   "tempête", "budget",  "marée",    "vendange",
                                         "tramway", "festival", "incendie", "concert", "élection", "récolte"};

// Each answer on one line: the query, its status and total, the ids of its hits; or its error.
class Recorder : public depeche::BatchPrinter {
 public:
  explicit Recorder(std::size_t fail_at = SIZE_MAX) : fail_at_(fail_at) {}
  void begin(const std::string& query) override {
    if (lines.size() == fail_at_) throw std::runtime_error("standard output: No space left on device");
    current_ = query + " ->";
  }
  void hit(const depeche::Hit& hit) override { current_ += " " + hit.article.id; }
  void end(const depeche::SearchResult& result) override {
    lines.push_back(current_ + (result.total > 0 ? " ok " : " no_match ") + std::to_string(result.total));
  }
  void query_error(const std::string& query, const std::string& message) override {
    lines.push_back(query + " -> error: " + message);
  }
  void count(Xapian::doccount) override { ADD_FAILURE() << "count"; }
  void article(const depeche::Article&) override { ADD_FAILURE() << "article"; }
  void timeline(const std::string&, const std::vector<depeche::FacetCount>&) override { ADD_FAILURE() << "timeline"; }
  void stats(const depeche::ArchiveStats&) override { ADD_FAILURE() << "stats"; }

  std::vector<std::string> lines;

 private:
  std::size_t fail_at_;
  std::string current_;
};

class Batch : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    depeche::IndexWriter writer(db(), 100, 0, [](const std::string& m) { ADD_FAILURE() << m; });
    for (std::size_t k = 0; k < kWords.size(); ++k) {
      depeche::Article a;
      a.id = "article-" + std::to_string(k);
      a.title = "Chronique " + kWords[k];
      a.body = "On parle ici de " + kWords[k] + " et aussi de " + kWords[(k + 1) % kWords.size()] + ", rien de plus.";
      a.date = *depeche::util::parse_iso_date("2023-05-0" + std::to_string(1 + k % 9));
      writer.article(std::move(a));
    }
    writer.finish(0);
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string db() { return *dir_ / "db"; }

  static SearchRequest request() {
    SearchRequest r;
    r.limit = 3;
    r.snippets = false;
    return r;
  }

  static std::vector<std::unique_ptr<Searcher>> searchers(std::size_t n) {
    std::vector<std::unique_ptr<Searcher>> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back(std::make_unique<Searcher>(std::vector<std::string>{db()}));
    return out;
  }

  // `n` distinct queries: most match one or two articles, some nothing, some are malformed.
  static std::vector<std::string> queries(std::size_t n) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < n; ++i) {
      const std::string unique = std::to_string(i);
      if (i % 9 == 4) out.push_back("(" + kWords[i % kWords.size()] + " n" + unique);
      else if (i % 9 == 7) out.push_back("introuvable" + unique);
      else out.push_back(kWords[i % kWords.size()] + " -absent" + unique);
    }
    return out;
  }

  // The answers one searcher gives to each query, searched one by one, as Recorder writes them.
  static std::vector<std::string> expected(const std::vector<std::string>& qs) {
    Searcher searcher({db()});
    Recorder recorder;
    for (const std::string& q : qs) {
      SearchRequest r = request();
      r.query = q;
      try {
        const depeche::SearchResult result = searcher.search(r);
        recorder.begin(q);
        for (const depeche::Hit& h : result.hits) recorder.hit(h);
        recorder.end(result);
      } catch (const depeche::QueryError& e) {
        recorder.query_error(q, e.what());
      }
    }
    return recorder.lines;
  }

  static std::string lines_of(const std::vector<std::string>& qs) {
    std::string text;
    for (const std::string& q : qs) text += q + "\n";
    return text;
  }

  // Answers `file` with `threads` searchers; checks that each answer was flushed as soon as printed.
  static std::vector<std::string> run(const std::string& file, std::size_t threads, std::size_t fail_at = SIZE_MAX) {
    Recorder recorder(fail_at);
    std::size_t flushes = 0;
    answer_batch(searchers(threads), request(), file, recorder, [&] { EXPECT_EQ(++flushes, recorder.lines.size()); });
    EXPECT_EQ(flushes, recorder.lines.size());
    return recorder.lines;
  }

  static TempDir* dir_;
};
TempDir* Batch::dir_ = nullptr;

}  // namespace

TEST_F(Batch, TheQueriesMeanSomething) {
  const std::vector<std::string> answers = expected(queries(9));
  EXPECT_EQ(answers[0], "port -absent0 -> article-0 article-11 ok 2");
  EXPECT_EQ(answers[4], "(marée n4 -> error: missing ')' for '(' at character 1");
  EXPECT_EQ(answers[7], "introuvable7 -> no_match 0");
}

TEST_F(Batch, OneSearcherAnswersInInputOrder) {
  TempDir dir;
  const std::vector<std::string> qs = queries(30);
  EXPECT_EQ(run(dir.write("queries.txt", lines_of(qs)), 1), expected(qs));
}

TEST_F(Batch, SeveralThreadsAnswerInInputOrder) {
  TempDir dir;
  // More queries than are read ahead for three searchers (64 each): the reader waits for room.
  const std::vector<std::string> qs = queries(250);
  const std::string file = dir.write("queries.txt", lines_of(qs));
  const std::vector<std::string> want = expected(qs);
  EXPECT_EQ(run(file, 3), want);
  EXPECT_EQ(run(file, 2), want);
}

TEST_F(Batch, BlankLinesAreSkippedAndBadBytesRead) {
  TempDir dir;
  const std::string file = dir.write("queries.txt", "port\n\n  \t\ncaf\xe9\r\nport)\nvendange");
  const std::vector<std::string> want = {"port -> article-0 article-11 ok 2", "caf\xc3\xa9 -> no_match 0",
                                         "port) -> error: unbalanced ')' at character 5", "vendange -> article-5 article-4 ok 2"};
  EXPECT_EQ(run(file, 1), want);
  EXPECT_EQ(run(file, 3), want);
}

TEST_F(Batch, OverlongQueryIsAnsweredWithItsErrorAndTheBatchGoesOn) {
  TempDir dir;
  const std::string huge((std::size_t{1} << 20) + 10, 'a');
  const std::string file = dir.write("queries.txt", "port\n" + huge + "\nconcert\n");
  const std::vector<std::string> answers = run(file, 2);
  ASSERT_EQ(answers.size(), 3u);
  EXPECT_EQ(answers[1], std::string(80, 'a') + "... -> error: query longer than 1 MiB");
  EXPECT_EQ(answers[2], expected({"concert"})[0]);
}

TEST_F(Batch, StdinIsAnsweredAsItComes) {
  const std::vector<std::string> qs = queries(40);
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  const std::string text = lines_of(qs);
  ASSERT_EQ(::write(pipe_fds[1], text.data(), text.size()), static_cast<ssize_t>(text.size()));
  ::close(pipe_fds[1]);
  const int saved_stdin = ::dup(0);
  ::dup2(pipe_fds[0], 0);
  ::close(pipe_fds[0]);
  std::vector<std::string> answers;
  EXPECT_NO_THROW(answers = run("-", 3));
  ::dup2(saved_stdin, 0);
  ::close(saved_stdin);
  EXPECT_EQ(answers, expected(qs));
}

TEST_F(Batch, PrinterFailureStopsTheBatchAfterTheAnswersBeforeIt) {
  TempDir dir;
  const std::vector<std::string> qs = queries(200);
  const std::string file = dir.write("queries.txt", lines_of(qs));
  const std::vector<std::string> want = expected(qs);
  for (std::size_t threads : {1u, 3u}) {
    Recorder recorder(5);
    EXPECT_THROW(answer_batch(searchers(threads), request(), file, recorder, [] {}), std::runtime_error) << threads;
    EXPECT_EQ(recorder.lines, std::vector<std::string>(want.begin(), want.begin() + 5)) << threads;
  }
}

TEST_F(Batch, DamagedInputIsReportedAfterTheQueriesBeforeTheDamage) {
  TempDir dir;
  const std::vector<std::string> qs = queries(120);
  std::string gz = depeche::test::gzip(lines_of(qs));
  gz.resize(gz.size() / 2);
  const std::string file = dir.write("queries.txt.gz", gz);
  const std::string readable = depeche::test::inflatable_prefix(gz);
  std::vector<std::string> whole;  // the queries whose line decompressed whole
  for (std::size_t start = 0, nl; (nl = readable.find('\n', start)) != std::string::npos; start = nl + 1)
    whole.push_back(readable.substr(start, nl - start));
  ASSERT_GT(whole.size(), 3u);
  ASSERT_LT(whole.size(), qs.size());
  for (std::size_t threads : {1u, 3u}) {
    Recorder recorder;
    try {
      answer_batch(searchers(threads), request(), file, recorder, [] {});
      ADD_FAILURE() << "the damage went unreported";
    } catch (const depeche::Error& e) {
      EXPECT_EQ(std::string(e.what()).rfind(file + ":" + std::to_string(whole.size() + 1) + ": ", 0), 0u) << e.what();
    }
    EXPECT_EQ(recorder.lines, expected(whole)) << threads;
  }
}

TEST_F(Batch, EachJsonAnswerCarriesItsStatus) {
  TempDir dir;
  const std::string file = dir.write("queries.txt", "port\nintrouvable\nport)\nconcert \xc3\xa9lection\n");
  std::ostringstream out;
  const auto printer = depeche::make_batch_printer(out, {});
  answer_batch(searchers(2), request(), file, *printer, [] {});
  std::istringstream lines(out.str());
  std::vector<std::string> statuses;
  for (std::string line; std::getline(lines, line);) {
    const nlohmann::json answer = nlohmann::json::parse(line);
    statuses.push_back(answer.at("query").get<std::string>() + " " + answer.at("status").get<std::string>());
  }
  EXPECT_EQ(statuses, (std::vector<std::string>{"port ok", "introuvable no_match", "port) error", "concert \xc3\xa9lection ok"}));
}
