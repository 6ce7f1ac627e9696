// Facet columns (issue 15) count exactly what the value slots count, however the database was
// written: one by one, replaced and deleted, in bulk, rebuilt, upgraded from an earlier depeche,
// sharded; and the searcher counts from them, with the same results.
#include "index/facet_columns.h"

#include "index/index_writer.h"
#include "index/rebuild.h"
#include "query/searcher.h"
#include "schema.h"
#include "support/collect.h"
#include "support/facet_check.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <set>
#include <sstream>

namespace {

using depeche::Article;
using depeche::IndexWriter;
using depeche::test::facet_columns_mismatch;
using depeche::test::TempDir;

// The sample archive, whose articles state no section nor language: most are given some here.
std::vector<Article> sample_archive() {
  depeche::test::Collect sink = depeche::test::read_all(DEPECHE_SOURCE_DIR "/data");
  EXPECT_TRUE(sink.problems.empty()) << sink.describe();
  static const char* kSections[] = {"", "Économie", "Monde", "Culture", "Sport", "Monde"};
  for (std::size_t i = 0; i < sink.articles.size(); ++i) {
    sink.articles[i].section = kSections[i % 6];
    sink.articles[i].lang = i % 7 == 3 ? "" : "fr";
  }
  return sink.articles;
}

void report(const std::string& message) { ADD_FAILURE() << message; }

void write(const std::string& path, const std::vector<Article>& articles, unsigned bulk_jobs = 0,
           depeche::ShardBy shard_by = depeche::ShardBy::kNone) {
  IndexWriter writer(path, 10, 0, report, shard_by, bulk_jobs, 5);
  for (Article a : articles) writer.article(std::move(a));
  writer.finish(0);
}

// What the searcher answers for a few requests with every single-valued facet, as text.
std::string facets_of(const std::vector<std::string>& paths) {
  depeche::Searcher searcher(paths);
  std::ostringstream out;
  for (const char* query : {"", "ministre", "Lyon OR Bamako", "zzzinconnu élections"})
    for (bool collapse : {true, false}) {
      depeche::SearchRequest request;
      request.query = query;
      request.collapse = collapse;
      request.facets = {"source", "section", "lang", "year", "month"};
      request.facet_limit = 3;
      for (const depeche::Facet& f : searcher.search(request).facets) {
        out << query << (collapse ? " collapsed " : " ") << f.name << " distinct " << f.distinct << ":";
        for (const auto& v : f.values) out << " " << v.value << "=" << v.count;
        out << "\n";
      }
    }
  return out.str();
}

// The searcher's facets with columns equal those counted from the value slots (the columns
// removed from a copy).
void expect_same_facets_as_value_slots(const std::string& path) {
  const std::string copy = path + ".values-only";
  std::filesystem::copy(path, copy, std::filesystem::copy_options::recursive);
  depeche::test::remove_facet_columns(copy);
  const std::string with_columns = facets_of({path});
  EXPECT_EQ(with_columns, facets_of({copy}));
  EXPECT_NE(with_columns.find(" Monde="), std::string::npos) << with_columns;
}

TEST(FacetColumns, CountTheSameAsTheValueSlotsWhenWrittenOneByOne) {
  TempDir dir;
  write(dir / "db", sample_archive());
  EXPECT_EQ(facet_columns_mismatch(dir / "db"), "");
  expect_same_facets_as_value_slots(dir / "db");
}

TEST(FacetColumns, StayExactWhenArticlesAreReplacedAndDeleted) {
  TempDir dir;
  std::vector<Article> articles = sample_archive();
  write(dir / "db", articles);
  {
    IndexWriter writer(dir / "db", 3, 0, report);
    for (std::size_t i = 0; i < articles.size(); i += 4) {
      Article a = articles[i];
      a.section = i % 8 ? "Rubrique nouvelle" : "";
      a.source = "autre-" + std::to_string(i % 3) + ".example";
      a.body += " Mise à jour.";
      writer.article(std::move(a));
    }
    for (std::size_t i = 1; i < articles.size(); i += 5) EXPECT_TRUE(writer.delete_id(articles[i].id));
    writer.finish(0);
  }
  EXPECT_EQ(facet_columns_mismatch(dir / "db"), "");
  expect_same_facets_as_value_slots(dir / "db");
}

TEST(FacetColumns, AreBuiltAfterABulkFirstIndexAndARebuild) {
  TempDir dir;
  write(dir / "db", sample_archive(), 2);
  EXPECT_EQ(facet_columns_mismatch(dir / "db"), "");
  depeche::rebuild_database(dir / "db", 7, 0, 0, report);
  EXPECT_EQ(facet_columns_mismatch(dir / "db"), "");
  depeche::rebuild_database(dir / "db", 7, 0, 2, report);
  EXPECT_EQ(facet_columns_mismatch(dir / "db"), "");
}

TEST(FacetColumns, AnOldDatabaseWithoutColumnsIsCountedFromValuesThenUpgradedByTheNextRun) {
  TempDir dir;
  const std::vector<Article> articles = sample_archive();
  write(dir / "db", articles);
  depeche::test::remove_facet_columns(dir / "db");
  EXPECT_NE(facet_columns_mismatch(dir / "db"), "");
  const std::string from_values = facets_of({dir / "db"});
  write(dir / "db", articles);  // nothing changed but the missing columns
  EXPECT_EQ(facet_columns_mismatch(dir / "db"), "");
  EXPECT_EQ(facets_of({dir / "db"}), from_values);
  // The upgrade is written once: a rerun with nothing to do writes nothing.
  const Xapian::rev revision = Xapian::Database(dir / "db").get_revision();
  write(dir / "db", articles);
  EXPECT_EQ(Xapian::Database(dir / "db").get_revision(), revision);
}

// Why several databases searched as one are counted from their value slots: Xapian 1.4 calls a
// match spy with each database's own docids, and nothing tells which database a document is from.
// Should this fail (a Xapian that gives the combined docids), the columns could serve them too.
TEST(FacetColumns, XapianHandsMatchSpiesEachDatabasesOwnDocids) {
  TempDir dir;
  const std::vector<Article> articles = sample_archive();
  write(dir / "a", std::vector<Article>(articles.begin(), articles.begin() + 10));
  write(dir / "b", std::vector<Article>(articles.begin() + 10, articles.end()));
  Xapian::Database all(dir / "a");
  all.add_database(Xapian::Database(dir / "b"));
  struct Docids : Xapian::MatchSpy {
    std::multiset<Xapian::docid> seen;
    void operator()(const Xapian::Document& doc, double) override { seen.insert(doc.get_docid()); }
  } spy;
  Xapian::Enquire enquire(all);
  enquire.set_query(Xapian::Query::MatchAll);
  enquire.add_matchspy(&spy);
  enquire.get_mset(0, 0, all.get_doccount());
  std::multiset<Xapian::docid> own;
  for (const char* name : {"a", "b"}) {
    const Xapian::Database db(dir / name);
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) own.insert(*it);
  }
  EXPECT_EQ(spy.seen, own);
}

TEST(FacetColumns, DatabasesSearchedTogetherCountTheSameAsOne) {
  TempDir dir;
  const std::vector<Article> articles = sample_archive();
  write(dir / "all", articles);
  write(dir / "a", std::vector<Article>(articles.begin(), articles.begin() + 10));
  write(dir / "b", std::vector<Article>(articles.begin() + 10, articles.end()));
  EXPECT_EQ(facets_of({dir / "a", dir / "b"}), facets_of({dir / "all"}));
  write(dir / "sharded", articles, 0, depeche::ShardBy::kYear);
  std::size_t shards = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "sharded"))
    if (entry.is_directory() && entry.path().filename() != "control") {
      ++shards;
      EXPECT_EQ(facet_columns_mismatch(entry.path().string()), "") << "each shard keeps its own columns";
    }
  EXPECT_GT(shards, 2u);
  EXPECT_EQ(facets_of({dir / "sharded"}), facets_of({dir / "all"}));
}

TEST(FacetColumns, TheSearcherCountsFromTheColumns) {
  TempDir dir;
  write(dir / "db", sample_archive());
  const std::string before = facets_of({dir / "db"});
  {  // Sections wiped from the value slot behind the columns' back: only the columns still know them.
    Xapian::WritableDatabase db(dir / "db", Xapian::DB_OPEN);
    for (Xapian::docid id = 1; id <= db.get_lastdocid(); ++id) {
      Xapian::Document doc = db.get_document(id);
      doc.add_value(depeche::schema::kSlotSection, "");  // removes it, whether there or not
      db.replace_document(id, doc);
    }
    db.commit();
  }
  EXPECT_EQ(facets_of({dir / "db"}), before);
}

TEST(FacetColumns, AFullDictionaryLeavesTheSlotToTheValueCount) {
  TempDir dir;
  {
    Xapian::WritableDatabase db(dir / "db", Xapian::DB_CREATE);
    depeche::FacetColumnWriter columns(db);
    for (int i = 0; i < 65536; ++i) {
      Xapian::Document doc;
      doc.add_value(depeche::schema::kSlotSection, "rubrique " + std::to_string(i));
      doc.add_value(depeche::schema::kSlotLang, "fr");
      columns.record(db.add_document(doc), doc);
    }
    columns.flush();
    db.commit();
  }
  const Xapian::Database db(dir / "db");
  EXPECT_EQ(depeche::load_facet_column(db, depeche::schema::kSlotSection), nullptr);
  EXPECT_NE(depeche::load_facet_column(db, depeche::schema::kSlotLang), nullptr);
}

}  // namespace
