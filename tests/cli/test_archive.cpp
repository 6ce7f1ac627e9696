// Issue 16: delete, rebuild, export, stats, versioned output.
#include "support/run.h"
#include "support/old_layouts.h"

#include "index/stored_article.h"
#include "schema.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <set>
#include <sstream>

namespace t = depeche::test;
using nlohmann::json;

namespace {

class Archive : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto r = t::index({"--db", db(), t::source_dir() + "/data", t::seeds_dir()});
    ASSERT_EQ(r.status, 0) << r.err;
  }
  std::string db() const { return dir_ / "db"; }
  int count(const std::string& database, const std::vector<std::string>& query = {}) {
    std::vector<std::string> args{"--db", database, "--count"};
    args.insert(args.end(), query.begin(), query.end());
    return std::stoi(t::search(args).out);
  }
  std::set<std::string> ids(const std::string& database) {
    std::set<std::string> out;
    std::istringstream lines(t::search({"--db", database, "--export"}).out);
    for (std::string line; std::getline(lines, line);) out.insert(json::parse(line)["id"].get<std::string>());
    return out;
  }
  t::TempDir dir_;
};

TEST_F(Archive, DeleteRemovesOneAndReportsMissingIds) {
  const int before = count(db());
  auto r = t::index({"--db", db(), "--delete", t::rewrite_id({db()})});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(count(db()), before - 1);
  r = t::index({"--db", db(), "--delete", "-"}, "no-such-article\n");
  EXPECT_EQ(r.status, 4);
  EXPECT_NE(r.err.find("no-such-article"), std::string::npos);
}

TEST_F(Archive, DeleteByUrl) {
  const int before = count(db());
  const auto r = t::index({"--db", db(), "--delete", t::kSeedUrl});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(count(db()), before - 1);
}

TEST_F(Archive, ExportThenReindexGivesTheSameArchive) {
  const auto exported = t::search({"--db", db(), "--export"});
  ASSERT_EQ(exported.status, 0);
  const auto r = t::index({"--db", dir_ / "copy", "-"}, exported.out);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(t::search({"--db", dir_ / "copy", "--export"}).out, exported.out);
  for (const char* q : {"iran", "mali", "date:2022", "source:info-sahel.example"})
    EXPECT_EQ(t::search({"--db", db(), "--format", "json", "--no-collapse", q}).out,
              t::search({"--db", dir_ / "copy", "--format", "json", "--no-collapse", q}).out)
        << q;
}

TEST_F(Archive, StatsAgreeWithCount) {
  const json s = json::parse(t::search({"--db", db(), "--stats", "--format", "json"}).out);
  EXPECT_EQ(s["articles"], count(db()));
  int per_year = 0;
  for (const auto& y : s["per_year"]) per_year += y["count"].get<int>();
  EXPECT_EQ(per_year + s["undated"].get<int>(), s["articles"].get<int>());
  EXPECT_EQ(s["clusters"], s["articles"].get<int>() - 1) << "data/ holds one pair of copies";
  EXPECT_EQ(s["schema_version"], std::to_string(depeche::schema::kSchemaVersion));
  EXPECT_EQ(s["last_run"]["added"], s["articles"]);
}

TEST_F(Archive, OlderVersionIsRefusedThenRebuiltKeepingEveryId) {
  const auto before = ids(db());
  {
    Xapian::WritableDatabase w(db(), Xapian::DB_OPEN);
    w.set_metadata(depeche::schema::kMetaAnalysisVersion, "0");
    w.commit();
  }
  auto r = t::search({"--db", db(), "iran"});
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.err.find("--rebuild"), std::string::npos);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
  EXPECT_EQ(t::index({"--db", db(), t::source_dir() + "/data"}).status, 3) << "the indexer never mixes versions";

  r = t::index({"--db", db(), "--rebuild"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(ids(db()), before);
  EXPECT_EQ(t::search({"--db", db(), "--count", "iran"}).status, 0);
  // The records of indexed files survive: a rerun finds nothing to do.
  r = t::index({"--db", db(), t::source_dir() + "/data", t::seeds_dir(), "--summary=json"});
  EXPECT_EQ(json::parse(r.out)["unchanged"], before.size());
}

// Schema version 2 moved the body out of the document data, version 3 compresses it with LZ4
// instead of zlib, version 4 moved the fields in front of it, version 5 named articles without URL
// by their input folder too, version 6 compresses the body with zstd: --rebuild carries older
// databases over, bodies and ids included.
void rewrite_as_version(const std::string& path, int version) {
  Xapian::WritableDatabase w(path, Xapian::DB_OPEN);
  for (auto it = w.postlist_begin(""); it != w.postlist_end(""); ++it) {
    Xapian::Document doc = w.get_document(*it);
    depeche::Article a = depeche::load_article(doc);
    if (version <= depeche::schema::kLastSchemaWithRelativeIds && a.url.empty()) {  // the path below the input folder
      doc.remove_term(depeche::schema::id_term(a.id));
      a.id.erase(0, a.id.find('/') + 1);
      doc.add_boolean_term(depeche::schema::id_term(a.id));
    }
    depeche::test::store_as_version(a, version, doc);
    w.replace_document(*it, doc);
  }
  w.set_metadata(depeche::schema::kMetaSchemaVersion, std::to_string(version));
  w.commit();
}

TEST_F(Archive, OlderSchemaVersionsAreRebuiltWithTheirBodies) {
  const std::string before = t::search({"--db", db(), "--export"}).out;
  for (int version : {1, 2, 3, 4, 5}) {
    SCOPED_TRACE("schema version " + std::to_string(version));
    rewrite_as_version(db(), version);
    EXPECT_EQ(t::search({"--db", db(), "--export"}).status, 3);
    EXPECT_EQ(t::search({"--db", db(), "iran"}).status, 3);
    const auto r = t::index({"--db", db(), "--rebuild"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(t::search({"--db", db(), "--export"}).out, before);
    Xapian::Database rebuilt(db());
    const Xapian::Document first = rebuilt.get_document(*rebuilt.postlist_begin(""));
    EXPECT_EQ(first.get_data(), "") << "since version 4, nothing is kept in the document data";
    EXPECT_EQ(depeche::load_article(first).id, depeche::load_article(first, depeche::WithBody::kNo).id);
  }
}

// --rebuild refused a sharded database ('rebuild each shard folder'), and rebuilding its control
// folder as told dropped the layout: every later run failed. The shards are rebuilt, then the
// control database takes the new versions.
TEST_F(Archive, ShardedDatabaseIsRebuiltWhole) {
  const std::string sharded = dir_ / "sharded";
  ASSERT_EQ(t::index({"--db", sharded, "--shard-by", "year", t::source_dir() + "/data", t::seeds_dir()}).status, 0);
  const std::string before = t::search({"--db", sharded, "--export"}).out;
  for (const auto& entry : std::filesystem::directory_iterator(sharded)) {
    if (!entry.is_directory()) continue;
    Xapian::WritableDatabase w(entry.path().string(), Xapian::DB_OPEN);
    w.set_metadata(depeche::schema::kMetaAnalysisVersion, "0");
    w.commit();
  }
  EXPECT_EQ(t::search({"--db", sharded, "iran"}).status, 3);
  const auto r = t::index({"--db", sharded, "--rebuild"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(t::search({"--db", sharded, "--export"}).out, before);
  for (const auto& entry : std::filesystem::directory_iterator(sharded)) {
    if (!entry.is_directory()) continue;
    EXPECT_EQ(Xapian::Database(entry.path().string()).get_metadata(depeche::schema::kMetaAnalysisVersion),
              std::to_string(depeche::schema::kAnalysisVersion))
        << entry.path();
  }
  const auto rerun = t::index({"--db", sharded, t::source_dir() + "/data", t::seeds_dir(), "--summary=json"});
  ASSERT_EQ(rerun.status, 0) << rerun.err;
  EXPECT_EQ(json::parse(rerun.out)["unchanged"], std::count(before.begin(), before.end(), '\n'))
      << "the records of indexed files and the layout are kept";
  EXPECT_EQ(json::parse(rerun.out)["added"], 0);
}

// A rebuild that could read none of the stored articles (a database it cannot decode) swapped in
// an empty database and deleted the old one: all its articles were gone.
TEST_F(Archive, RebuildThatCannotReadEveryArticleKeepsTheDatabase) {
  {
    Xapian::WritableDatabase w(db(), Xapian::DB_OPEN);
    Xapian::Document doc = w.get_document(*w.postlist_begin(""));
    doc.add_value(depeche::schema::kSlotArticle, std::string("\x02\x00\x00\x00{]", 6));  // fields that are not JSON
    w.replace_document(*w.postlist_begin(""), doc);
    w.set_metadata(depeche::schema::kMetaAnalysisVersion, "0");
    w.commit();
  }
  const auto r = t::index({"--db", db(), "--rebuild"});
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.err.find("1 of " + std::to_string(Xapian::Database(db()).get_doccount()) + " articles could not be read; the database is left as it was"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(Xapian::Database(db()).get_metadata(depeche::schema::kMetaAnalysisVersion), "0") << "the old database";
  EXPECT_FALSE(std::filesystem::exists(db() + ".rebuild"));
}

// The groups of --synonyms FILE are in no input a rebuild reads again: they were lost with it, and
// the defaults came back only at the next run, which then wrote a revision with nothing to do.
TEST_F(Archive, RebuildKeepsTheSynonymGroups) {
  dir_.write("syn.txt", "zorglub, iran\n");
  ASSERT_EQ(t::index({"--db", db(), "--synonyms", dir_ / "syn.txt", t::source_dir() + "/data", t::seeds_dir()}).status, 0);
  const std::string found = t::search({"--db", db(), "--count", "zorglub"}).out;
  ASSERT_NE(found, "0\n");
  ASSERT_EQ(t::index({"--db", db(), "--rebuild"}).status, 0);
  EXPECT_EQ(t::search({"--db", db(), "--count", "zorglub"}).out, found);
  const Xapian::rev revision = Xapian::Database(db()).get_revision();
  ASSERT_EQ(t::index({"--db", db(), "--synonyms", dir_ / "syn.txt", t::source_dir() + "/data", t::seeds_dir()}).status, 0);
  EXPECT_EQ(Xapian::Database(db()).get_revision(), revision) << "nothing left to write";
}

TEST_F(Archive, FormatVersionTooOldOrTooNew) {
  EXPECT_EQ(t::search({"--db", db(), "--format", "json", "--format-version", "1", "iran"}).status, 0);
  EXPECT_EQ(t::search({"--db", db(), "--format", "json", "--format-version", "0", "iran"}).status, 20);
  const auto r = t::search({"--db", db(), "--format", "json", "--format-version", "99", "iran"});
  EXPECT_EQ(r.status, 21);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
  for (const char* format : {"json", "jsonl"})
    EXPECT_NE(t::search({"--db", db(), "--format", format, "iran"}).out.find("\"format_version\":1"), std::string::npos);
}

}  // namespace
