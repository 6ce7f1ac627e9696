// BulkLoader on a small set of articles built in memory: part databases written by several
// threads and merged (in one round or several) must hold what one writer adding the same
// articles in order writes, docid N being the Nth article; the parts go away, a failed merge
// says which database it was for.
#include "index/bulk_loader.h"

#include "index/article_document.h"
#include "index/document_builder.h"
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

using depeche::Article;
using depeche::BulkLoader;
using depeche::test::TempDir;
namespace fs = std::filesystem;

// `count` articles of a few stories told in several sources, some near-identical, with their own
// words so that each part's spelling dictionary differs.
std::vector<Article> articles(int count) {
  static const char* const kStories[] = {
      "Les dockers du port de Marseille ont voté la grève reconductible contre la réforme des retraites.",
      "Le conseil municipal de Lyon a adopté le budget malgré l'opposition des élus écologistes.",
      "Une tempête a privé d'électricité des milliers de foyers bretons pendant deux jours.",
  };
  std::vector<Article> out;
  for (int i = 0; i < count; ++i) {
    Article a;
    a.id = "https://exemple.fr/article-" + std::to_string(i);
    a.url = a.id;
    a.source = i % 2 ? "exemple.fr" : "autre.example";
    a.lang = i % 5 == 4 ? "en" : "fr";
    a.title = "Dépêche numéro " + std::to_string(i);
    a.body = std::string(kStories[i % 3]) + " Mot" + std::to_string(i) + " propre à cette dépêche.";
    if (i % 4 != 3) a.date = *depeche::util::parse_iso_date("2023-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10));
    out.push_back(std::move(a));
  }
  return out;
}

std::string origin_of(int i) { return "XOtest-file-" + std::to_string(i % 3); }

// What a database holds, by docid: data, terms with wdf and positions, values but the indexing time.
struct Dump {
  std::vector<std::string> documents;
  std::map<std::string, Xapian::doccount> spelling;
};

Dump dump(const std::string& path) {
  Dump d;
  const Xapian::Database db(path);
  for (Xapian::docid id = 1; id <= db.get_lastdocid(); ++id) {
    const Xapian::Document doc = db.get_document(id);
    std::string text = doc.get_data() + "\n";
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      text += *t + " wdf " + std::to_string(t.get_wdf()) + " at";
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) text += " " + std::to_string(*p);
      text += "\n";
    }
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v)
      if (v.get_valueno() != depeche::schema::kSlotIndexedAt && v.get_valueno() != depeche::schema::kSlotFirstIndexedAt)
        text += "value " + std::to_string(v.get_valueno()) + " " + *v + "\n";
    d.documents.push_back(text);
  }
  for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) d.spelling[*w] = w.get_termfreq();
  return d;
}

// One writer adding the articles in order, as the loader's workers prepare them.
void write_one_by_one(const std::string& path, const std::vector<Article>& all) {
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
  depeche::DocumentBuilder builder;
  depeche::SpellingCounts spellings;
  for (std::size_t i = 0; i < all.size(); ++i) {
    depeche::PreparedDocument p = depeche::prepare_document(builder, all[i], depeche::content_hash(all[i]), origin_of(static_cast<int>(i)));
    depeche::schema::set_cluster(p.doc, depeche::schema::own_cluster(all[i].id));
    db.add_document(p.doc);
    spellings.add_article(builder);
  }
  spellings.write_to(db);
  db.commit();
}

void load(const std::string& parts, const std::string& output, const std::vector<Article>& all,
                        unsigned workers, std::size_t part_articles) {
  BulkLoader loader(parts, workers, part_articles);
  for (std::size_t i = 0; i < all.size(); ++i) {
    Article copy = all[i];
    loader.add(std::move(copy), origin_of(static_cast<int>(i)));
  }
  EXPECT_EQ(loader.size(), all.size());
  loader.merge_into(output);
}

void expect_same_database(const std::string& got_path, const std::string& expected_path) {
  const Dump got = dump(got_path), expected = dump(expected_path);
  ASSERT_EQ(got.documents.size(), expected.documents.size());
  for (std::size_t i = 0; i < got.documents.size(); ++i) EXPECT_EQ(got.documents[i], expected.documents[i]) << "docid " << i + 1;
  EXPECT_EQ(got.spelling, expected.spelling);
  EXPECT_GT(got.spelling.size(), 20u);
}

}  // namespace

TEST(BulkLoader, PartsMergedHoldWhatOneWriterWrites) {
  TempDir dir;
  const std::vector<Article> all = articles(11);
  write_one_by_one(dir / "one", all);
  // Three articles a part, the last one short: four parts written by two threads.
  load(dir / "parts", dir / "bulk", all, 2, 3);
  expect_same_database(dir / "bulk", dir / "one");
  EXPECT_FALSE(fs::exists(dir / "parts")) << "parts are removed once merged";
}

TEST(BulkLoader, MorePartsThanOneMergeTakesAreMergedInRounds) {
  TempDir dir;
  const std::vector<Article> all = articles(static_cast<int>(BulkLoader::kMaxPartsPerMerge) + 1);
  write_one_by_one(dir / "one", all);
  load(dir / "parts", dir / "bulk", all, 2, 1);
  expect_same_database(dir / "bulk", dir / "one");
  EXPECT_FALSE(fs::exists(dir / "parts"));
}

TEST(BulkLoader, OneWorkerAndZeroSizesStillLoadEverything) {
  TempDir dir;
  const std::vector<Article> all = articles(4);
  write_one_by_one(dir / "one", all);
  load(dir / "parts", dir / "bulk", all, 0, 0);  // read as one thread, one article a part
  expect_same_database(dir / "bulk", dir / "one");
}

TEST(BulkLoader, NothingAddedMakesAnEmptyDatabase) {
  TempDir dir;
  load(dir / "parts", dir / "bulk", {}, 2, 3);
  EXPECT_EQ(Xapian::Database(dir / "bulk").get_doccount(), 0u);
  EXPECT_FALSE(fs::exists(dir / "parts"));
}

TEST(BulkLoader, AbandonedLoadRemovesItsParts) {
  TempDir dir;
  {
    BulkLoader loader(dir / "parts", 2, 1);
    for (Article& a : articles(5)) loader.add(std::move(a), origin_of(0));
    EXPECT_TRUE(fs::exists(dir / "parts"));
  }
  EXPECT_FALSE(fs::exists(dir / "parts"));
}

TEST(BulkLoader, PartsOfAnInterruptedLoadAreClearedFirst) {
  TempDir dir;
  fs::create_directory(dir / "parts");
  Xapian::WritableDatabase(dir / "parts/part-00000000", Xapian::DB_CREATE).commit();
  const std::vector<Article> all = articles(3);
  write_one_by_one(dir / "one", all);
  load(dir / "parts", dir / "bulk", all, 1, 2);
  expect_same_database(dir / "bulk", dir / "one");
}

TEST(BulkLoader, ForeignFileWherePartsGoIsRefused) {
  TempDir dir;
  const std::string foreign = dir.write("parts/notes.txt", "x");
  try {
    BulkLoader loader(dir / "parts", 1, 1);
    ADD_FAILURE() << "the folder was taken";
  } catch (const depeche::Fatal& e) {
    EXPECT_EQ(e.kind(), depeche::FatalKind::kDatabase);
  }
  EXPECT_TRUE(fs::exists(foreign));
}

TEST(BulkLoader, MergeThatCannotWriteSaysForWhichDatabase) {
  TempDir dir;
  const std::string file = dir.write("file", "x");
  try {
    load(dir / "parts", file + "/db", articles(3), 2, 1);
    ADD_FAILURE() << "merged into a file";
  } catch (const depeche::Fatal& e) {
    EXPECT_EQ(e.kind(), depeche::FatalKind::kDatabase);
    EXPECT_EQ(std::string(e.what()).rfind(file + "/db: merging the parts failed: ", 0), 0u) << e.what();
  }
  EXPECT_FALSE(fs::exists(dir / "parts"));
}
