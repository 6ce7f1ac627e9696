// ArchiveIndexer's progress reports: they come while a big file is read, not only once it is done.
#include "index/archive_indexer.h"

#include "support/gzip.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using depeche::ArchiveIndexer;
using depeche::IndexWriter;
using depeche::InputName;
using depeche::Progress;

namespace {

// n distinct articles, gzip-compressed: several of InputFile's 64 KiB reads, so the compressed
// offset moves while the file is read.
std::string write_gz_articles(const depeche::test::TempDir& dir, std::size_t n) {
  const std::string gz = depeche::test::gzip(depeche::test::jsonl_records(n));
  const std::string path = dir / "big.jsonl.gz";
  std::ofstream(path, std::ios::binary) << gz;
  return path;
}

}  // namespace

TEST(ArchiveIndexer, ReportsProgressWithinOneMultiArticleFile) {
  depeche::test::TempDir dir;
  const std::string path = write_gz_articles(dir, 300);
  IndexWriter writer(dir / "db", 1000, 0, [](const std::string&) {});
  std::vector<Progress> reports;
  ArchiveIndexer indexer(writer, {}, [](const std::string& m) { ADD_FAILURE() << m; },
                         [&](const Progress& p) { reports.push_back(p); });
  indexer.index({InputName{path, "big.jsonl.gz"}});

  ASSERT_GE(reports.size(), 3u) << "reports while reading, then one at the end";
  const Progress& last = reports.back();
  EXPECT_EQ(last.files_done, 1u);
  EXPECT_EQ(last.articles, 300u);
  EXPECT_EQ(last.bytes_done, last.bytes_total);
  std::size_t within_file = 0;
  for (std::size_t i = 0; i + 1 < reports.size(); ++i) {
    const Progress& p = reports[i];
    EXPECT_EQ(p.files_done, 0u);
    EXPECT_LE(p.bytes_done, p.bytes_total);
    if (i > 0) {
      EXPECT_GT(p.articles, reports[i - 1].articles);
      EXPECT_GE(p.bytes_done, reports[i - 1].bytes_done);
    }
    if (p.bytes_done > 0 && p.bytes_done < p.bytes_total) ++within_file;
  }
  EXPECT_GE(within_file, 2u) << "bytes consumed so far of the compressed file, not 0 or all of it";
}

// A .gz cut short is reported (every run, since it is not recorded as done) and every article
// that decompressed whole before the cut is kept.
TEST(ArchiveIndexer, TruncatedGzipIsReportedAndNotRecordedAsDone) {
  depeche::test::TempDir dir;
  const std::string path = write_gz_articles(dir, 300);
  std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
  std::ifstream in(path, std::ios::binary);
  const std::string cut{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const std::string prefix = depeche::test::inflatable_prefix(cut);
  const auto whole = static_cast<std::size_t>(std::count(prefix.begin(), prefix.end(), '\n'));
  for (int run = 1; run <= 2; ++run) {
    std::vector<std::string> problems;
    IndexWriter writer(dir / "db", 1000, 0, [](const std::string&) {});
    ArchiveIndexer indexer(writer, {}, [&](const std::string& m) { problems.push_back(m); });
    indexer.index({InputName{path, "big.jsonl.gz"}});
    writer.finish(problems.size());
    ASSERT_EQ(problems.size(), 1u) << "run " << run;
    // Named relative to the folder given, as every other message: the full path led it.
    EXPECT_EQ(problems[0], "big.jsonl.gz:" + std::to_string(whole + 1) + ": gzip data cut short at byte " +
                               std::to_string(cut.size()) + ": read up to line " + std::to_string(whole) +
                               ", the rest is missing");
    const depeche::IndexStats& stats = writer.stats();
    if (run == 1) {
      EXPECT_GT(whole, 50u);
      EXPECT_EQ(stats.added, whole) << "every article before the cut";
    } else {
      EXPECT_EQ(stats.added, 0u);
      EXPECT_EQ(stats.unchanged, whole) << "read again: what it held is still there";
    }
  }
}
