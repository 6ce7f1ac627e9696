// Rebuilding from what the database stores: a small database rebuilt keeps its articles, the
// records of its files and its synonyms; one with an unreadable article is left as it was.
#include "index/rebuild.h"

#include "index/index_writer.h"
#include "index/stored_article.h"
#include "index/synonym_table.h"
#include "schema.h"
#include "support/temp_dir.h"
#include "util/error.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace {

using namespace depeche;
namespace fs = std::filesystem;

const std::string kFileRecord = std::string(schema::kMetaFilePrefix) + "/archive/une.jsonl";

std::vector<Article> sample_articles() {
  std::vector<Article> all;
  for (int i = 0; i < 3; ++i) {
    Article a;
    a.id = "article-" + std::to_string(i);
    a.url = i == 0 ? "https://x.fr/0" : "";
    a.source = "lemonde.fr";
    a.title = "Titre " + std::to_string(i);
    a.body = "Zorglub parle des élections, paragraphe " + std::to_string(i) + ".";
    a.date = util::Date{2023, 7, i + 1, util::DatePrecision::kDay};
    all.push_back(a);
  }
  all[2].title.reset();
  all[2].date = {};
  return all;
}

void write_sample(const std::string& path) {
  IndexWriter writer(path, 10, 0, [](const std::string&) {});
  writer.set_synonyms({"Zorglub, Zorgloub"}, "syn.txt");
  writer.set_metadata(kFileRecord, "recorded");
  for (Article a : sample_articles()) writer.article(std::move(a));
  writer.finish(0);
}

std::map<std::string, Article> articles_of(const std::string& path) {
  const Xapian::Database db(path);
  std::map<std::string, Article> by_id;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    Article a = load_article(db.get_document(*it));
    by_id[a.id] = a;
  }
  return by_id;
}

TEST(Rebuild, ASmallDatabaseRebuiltKeepsItsArticles) {
  test::TempDir dir;
  const std::string db = dir / "db";
  write_sample(db);
  std::vector<std::string> problems;
  const IndexStats stats = rebuild_database(db, 10, 0, 1, [&](const std::string& m) { problems.push_back(m); });
  EXPECT_EQ(stats.added, 3u);
  EXPECT_EQ(stats.problems, 0u);
  EXPECT_TRUE(problems.empty());
  const auto rebuilt = articles_of(db);
  ASSERT_EQ(rebuilt.size(), 3u);
  for (const Article& a : sample_articles()) {
    ASSERT_TRUE(rebuilt.count(a.id)) << a.id;
    const Article& b = rebuilt.at(a.id);
    EXPECT_EQ(b.url, a.url);
    EXPECT_EQ(b.source, a.source);
    EXPECT_EQ(b.title, a.title);
    EXPECT_EQ(b.body, a.body);
    EXPECT_EQ(b.date, a.date);
  }
  const Xapian::Database after(db);
  EXPECT_EQ(after.get_metadata(kFileRecord), "recorded") << "the records of indexed files stay";
  EXPECT_EQ(after.get_metadata(schema::kMetaSchemaVersion), std::to_string(schema::kSchemaVersion));
  EXPECT_EQ(read_synonyms(after).count("zorgloub"), 1u) << "the synonyms of a file no input gives again";
  EXPECT_FALSE(fs::exists(db + ".rebuild"));
}

TEST(Rebuild, AnUnreadableArticleLeavesTheDatabaseAsItWas) {
  test::TempDir dir;
  const std::string db = dir / "db";
  write_sample(db);
  {
    Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
    Xapian::Document doc = w.get_document(2);
    doc.add_value(schema::kSlotArticle, "not an article");
    w.replace_document(2, doc);
    w.commit();
  }
  try {
    rebuild_database(db, 10, 0, 1, [](const std::string&) {});
    FAIL() << "a rebuild that would lose an article refuses";
  } catch (const Fatal& e) {
    EXPECT_EQ(e.kind(), FatalKind::kDatabase);
    EXPECT_NE(std::string(e.what()).find("1 of 3 articles could not be read"), std::string::npos) << e.what();
  }
  EXPECT_EQ(Xapian::Database(db).get_doccount(), 3u);
  EXPECT_EQ(Xapian::Database(db).get_document(2).get_value(schema::kSlotArticle), "not an article");
  EXPECT_FALSE(fs::exists(db + ".rebuild"));
}

// Issue 33: a database of analysis version 4 never stored standfirsts, tags nor site names;
// --rebuild carries its articles over without them, and says so once.
TEST(Rebuild, ADatabaseFromBeforeStandfirstsIsRebuiltAndSaysWhatItCannotRecover) {
  test::TempDir dir;
  const std::string db = dir / "db";
  write_sample(db);
  {
    Xapian::WritableDatabase old(db);
    old.set_metadata(schema::kMetaAnalysisVersion, "4");
    old.commit();
  }
  std::vector<std::string> messages;
  const IndexStats stats = rebuild_database(db, 10, 0, 1, [&](const std::string& m) { messages.push_back(m); });
  EXPECT_EQ(stats.added, 3u);
  EXPECT_EQ(stats.problems, 0u) << "a note, not a problem";
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("--rebuild cannot recover them: index the archive's files again"), std::string::npos)
      << messages[0];
  EXPECT_EQ(articles_of(db).size(), 3u);
  EXPECT_EQ(Xapian::Database(db).get_metadata(schema::kMetaAnalysisVersion), std::to_string(schema::kAnalysisVersion));
}

}  // namespace
