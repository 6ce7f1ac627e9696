// Issue 30, item 8: a damaged .gz gives every record that decompressed before the damage, then
// one line saying where it is and what was lost, and the run exits 4 (some input failed).
#include "support/gzip.h"
#include "support/run.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>

namespace t = depeche::test;
using t::TempDir;

namespace {

const std::string kRecords = t::jsonl_records(200);

std::size_t newlines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

std::size_t exported(const std::string& db) { return newlines(t::search({"--db", db, "--export"}).out); }

// Indexes `gz` as in/records.jsonl.gz; the indexer's status and stderr.
t::RunResult index_gz(const TempDir& dir, const std::string& gz) {
  dir.write("in/records.jsonl.gz", gz);
  return t::index({"--db", dir / "db", dir / "in"});
}

}  // namespace

TEST(DamagedGzip, BadCrcIndexesEveryRecordAndWarnsOnce) {
  TempDir dir;
  std::string gz = t::gzip(kRecords);
  gz[gz.size() - 8] = static_cast<char>(gz[gz.size() - 8] ^ 0x5a);
  const auto r = index_gz(dir, gz);
  EXPECT_EQ(r.status, 4) << r.err;
  EXPECT_EQ(r.err, "depeche-index: in/records.jsonl.gz:201: gzip check failed (incorrect data check): the 200 lines "
                   "read may hold wrong text\n");
  EXPECT_EQ(exported(dir / "db"), 200u);
}

TEST(DamagedGzip, BadLengthTrailerIndexesEveryRecordAndWarnsOnce) {
  TempDir dir;
  std::string gz = t::gzip(kRecords);
  gz[gz.size() - 2] = static_cast<char>(gz[gz.size() - 2] ^ 0x10);
  const auto r = index_gz(dir, gz);
  EXPECT_EQ(r.status, 4) << r.err;
  EXPECT_EQ(r.err, "depeche-index: in/records.jsonl.gz:201: gzip check failed (incorrect length check): the 200 lines "
                   "read may hold wrong text\n");
  EXPECT_EQ(exported(dir / "db"), 200u);
}

// Reported at every run: a file cut short is not recorded as done, so a rerun cannot pass it by.
TEST(DamagedGzip, CutShortIndexesEveryWholeRecordBeforeTheCut) {
  TempDir dir;
  const std::string gz = t::gzip(kRecords);
  const std::string cut = gz.substr(0, gz.size() / 2);
  const std::size_t whole = newlines(t::inflatable_prefix(cut));
  ASSERT_GT(whole, 50u);
  for (int run = 1; run <= 2; ++run) {
    const auto r = index_gz(dir, cut);
    EXPECT_EQ(r.status, 4) << r.err;
    EXPECT_EQ(r.err, "depeche-index: in/records.jsonl.gz:" + std::to_string(whole + 1) + ": gzip data cut short at byte " +
                         std::to_string(cut.size()) + ": read up to line " + std::to_string(whole) +
                         ", the rest is missing\n")
        << "run " << run;
    EXPECT_EQ(exported(dir / "db"), whole) << "run " << run;
  }
}

TEST(DamagedGzip, GarbageAfterTheMemberIsReportedAndEveryRecordIndexed) {
  TempDir dir;
  const std::string gz = t::gzip(kRecords);
  const auto r = index_gz(dir, gz + std::string(1000, '\0') + "garbage");
  EXPECT_EQ(r.status, 4) << r.err;
  EXPECT_EQ(r.err, "depeche-index: in/records.jsonl.gz:201: 1007 bytes after the end of the gzip data (byte " +
                       std::to_string(gz.size()) + ") are not gzip; ignored\n");
  EXPECT_EQ(exported(dir / "db"), 200u);
}

// Through a pipe the file's size is unknown: the line says what it can.
TEST(DamagedGzip, DamageOnStdinIsReportedToo) {
  TempDir dir;
  const std::string gz = t::gzip(kRecords);
  const auto r = t::index({"--db", dir / "db", "--input-format", "jsonl", "-"}, gz + "garbage");
  EXPECT_EQ(r.status, 4) << r.err;
  EXPECT_EQ(r.err, "depeche-index: -:201: bytes after the end of the gzip data (byte " + std::to_string(gz.size()) +
                       ") are not gzip; ignored\n");
  EXPECT_EQ(exported(dir / "db"), 200u);
}

TEST(DamagedGzip, ConcatenatedGzipFilesAreReadWhole) {
  TempDir dir;
  const std::size_t half = kRecords.find('\n', kRecords.size() / 2) + 1;
  const auto r = index_gz(dir, t::gzip(kRecords.substr(0, half)) + t::gzip(kRecords.substr(half)));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(exported(dir / "db"), 200u);
}

// Every format reads through the same layer: a text article cut keeps its whole lines.
TEST(DamagedGzip, TextArticleCutShortKeepsItsWholeLinesAndSaysSo) {
  TempDir dir;
  std::string text = "date 2023-04-02 https://www.exemple-gz.example/digue\n\nLa digue\n\n";
  for (int i = 0; i < 3000; ++i) text += "Ligne " + std::to_string(i) + " du chantier de la digue.\n";
  const std::string gz = t::gzip(text);
  const std::string cut = gz.substr(0, gz.size() * 2 / 3);
  dir.write("in/digue.txt.gz", cut);
  const auto r = t::index({"--db", dir / "db", dir / "in"});
  EXPECT_EQ(r.status, 4) << r.err;
  EXPECT_EQ(newlines(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find("digue.txt.gz:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(": gzip data cut short at byte " + std::to_string(cut.size())), std::string::npos) << r.err;
  EXPECT_EQ(t::search({"--db", dir / "db", "--count", "chantier"}).out, "1\n");
}

// Hostile input: none of these may crash, hang, grow memory or pass unreported.
TEST(DamagedGzip, HostileGzipFiles) {
  TempDir dir;
  std::string garbage = "\x1f\x8b";
  for (std::uint32_t i = 0; i < 1000000; ++i) garbage += static_cast<char>((i * 7919u + i / 13) % 256);
  dir.write("in/garbage.jsonl.gz", garbage);
  dir.write("in/empty.jsonl.gz", "");
  dir.write("in/plain.jsonl.gz", R"({"id": "plain", "title": "Pas compressé", "body": "Un fichier nommé .gz sans l’être."})" "\n");
  // 200 MB of one line, in 200 KB: the line is skipped at the limit, in bounded memory.
  ASSERT_EQ(t::run({"sh", "-c", "head -c 209715200 /dev/zero | tr '\\0' x | gzip -1 > " + dir / "in/bomb.jsonl.gz"}).status, 0);
  const auto r = t::index({"--db", dir / "db", dir / "in", "--max-line-bytes", "1000000"});
  EXPECT_EQ(r.status, 4) << r.err;
  EXPECT_EQ(newlines(r.err), 3u) << r.err;
  EXPECT_NE(r.err.find("garbage.jsonl.gz:1: damaged gzip data at byte "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nothing could be read"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("empty.jsonl.gz:1: empty file; skipped"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bomb.jsonl.gz:1: line longer than 1000000 bytes; skipped"), std::string::npos) << r.err;
  EXPECT_LT(r.peak_rss_kb, 150L * 1024) << "kB: the decompressed 200 MB were never held";
  EXPECT_EQ(exported(dir / "db"), 1u) << "the file named .gz that is not gzip is read as it is";
}
