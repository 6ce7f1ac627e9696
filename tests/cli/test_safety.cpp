// Issue 30: what the user has stays, every article keeps its own id, every failure says so.
// docs/robustness.md, "What is yours stays".
#include "support/run.h"
#include "support/old_layouts.h"

#include "index/stored_article.h"
#include "schema.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace t = depeche::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const char* const kArticle = "date 2023-07-01\nLe port de Brest\n\nLes dockers déchargent un cargo au port de Brest.\n";

std::set<std::string> ids(const std::string& db) {
  std::set<std::string> out;
  std::istringstream lines(t::search({"--db", db, "--export"}).out);
  for (std::string line; std::getline(lines, line);) out.insert(json::parse(line)["id"].get<std::string>());
  return out;
}

json summary(const t::RunResult& r) {
  EXPECT_FALSE(r.out.empty()) << r.err;
  return json::parse(r.out, nullptr, false);
}

std::set<std::string> entries(const std::string& folder) {
  std::set<std::string> names;
  for (const auto& e : fs::recursive_directory_iterator(folder)) names.insert(fs::relative(e.path(), folder).string());
  return names;
}

// `depeche-index --db mydocs data/` deleted mydocs/thesis.txt: the first index's swap replaced the
// folder whole. Every mode refuses such a folder before reading anything, and touches nothing.
TEST(Safety, FolderWithOtherFilesIsNeverTakenForADatabase) {
  t::TempDir dir;
  dir.write("mydocs/thesis.txt", "x\n");
  dir.write("in/une.txt", kArticle);
  const std::set<std::string> before = entries(dir / "mydocs");
  for (const std::vector<std::string>& mode :
       {std::vector<std::string>{dir / "in"}, {dir / "in", "--jobs", "1"}, {"--compact"}, {"--rebuild"}, {"--delete", "x"}}) {
    std::vector<std::string> args{"--db", dir / "mydocs"};
    args.insert(args.end(), mode.begin(), mode.end());
    const auto r = t::index(args);
    EXPECT_EQ(r.status, 3) << mode.front() << ": " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(entries(dir / "mydocs"), before) << mode.front();
  }
  EXPECT_NE(t::index({"--db", dir / "mydocs", dir / "in"}).err.find("thesis.txt"), std::string::npos)
      << "the message shows what is there";
}

// `depeche-index --db datacopy datacopy/` indexed 42 articles, then deleted the 42 source files.
TEST(Safety, DatabaseAndInputInsideEachOtherAreRefused) {
  t::TempDir dir;
  dir.write("archive/2023/une.txt", kArticle);
  const std::set<std::string> before = entries(dir / "archive");
  for (const auto& [db, input] : {std::pair{dir / "archive", dir / "archive"},
                                  {dir / "archive/db", dir / "archive"},
                                  {dir / "archive/2023/db", dir / "archive/2023/"},
                                  {dir / "archive", dir / "archive/2023/une.txt"},
                                  {dir / "archive/../archive", dir / "archive"}}) {
    const auto r = t::index({"--db", db, input});
    EXPECT_EQ(r.status, 2) << db << " / " << input << ": " << r.err;
    EXPECT_NE(r.err.find("contain each other"), std::string::npos) << r.err;
    EXPECT_EQ(entries(dir / "archive"), before) << db << " / " << input;
  }
  // Beside the inputs is fine.
  EXPECT_EQ(t::index({"--db", dir / "db", dir / "archive"}).status, 0);
}

TEST(Safety, LinkToAFolderIsFollowedAndStaysALink) {
  t::TempDir dir;
  dir.write("in/une.txt", kArticle);
  fs::create_directories(dir / "real");
  fs::create_directory_symlink(dir / "real", dir / "link");
  for (const char* jobs : {"2", "1"}) {  // a first index in bulk (swapped in), then one by one
    const auto r = t::index({"--db", dir / "link", dir / "in", "--jobs", jobs});
    EXPECT_EQ(r.status, 0) << r.err;
  }
  EXPECT_TRUE(fs::is_symlink(dir / "link"));
  EXPECT_TRUE(fs::exists(dir / "real/iamglass"));
  EXPECT_EQ(t::search({"--db", dir / "link", "--count", "brest"}).out, "1\n");
  EXPECT_EQ(t::index({"--db", dir / "link", "--compact"}).status, 0);
  EXPECT_TRUE(fs::is_symlink(dir / "link")) << "--compact swaps the folder the link names";
  EXPECT_EQ(t::search({"--db", dir / "link", "--count", "brest"}).out, "1\n");

  fs::create_directory_symlink(dir / "nowhere", dir / "broken");
  const auto broken = t::index({"--db", dir / "broken", dir / "in"});
  EXPECT_EQ(broken.status, 3);
  EXPECT_NE(broken.err.find("broken symbolic link"), std::string::npos) << broken.err;
  EXPECT_FALSE(fs::exists(dir / "nowhere"));
}

TEST(Safety, AFileOrAnotherProgramsDatabaseIsRefused) {
  t::TempDir dir;
  dir.write("in/une.txt", kArticle);
  const std::string file = dir.write("notes.txt", "mes notes\n");
  EXPECT_EQ(t::index({"--db", file, dir / "in"}).status, 3);
  std::ifstream in(file);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "mes notes\n");
  {
    Xapian::WritableDatabase other(dir / "omega", Xapian::DB_CREATE);
    Xapian::Document doc;
    doc.add_term("Qother");
    other.add_document(doc);
    other.commit();
  }
  const auto r = t::index({"--db", dir / "omega", dir / "in"});
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.err.find("did not write"), std::string::npos) << r.err;
  EXPECT_EQ(Xapian::Database(dir / "omega").get_doccount(), 1u);
  EXPECT_EQ(t::index({"--db", dir / "omega", "--compact"}).status, 3);
}

// A file someone put in a database folder goes nowhere with the database: a swap (--compact,
// --rebuild) is refused, and the folders of a bulk load or compaction hold only what depeche wrote.
TEST(Safety, FilesInsideADatabaseFolderAreNeverMovedOrRemoved) {
  t::TempDir dir;
  dir.write("in/une.txt", kArticle);
  ASSERT_EQ(t::index({"--db", dir / "db", dir / "in"}).status, 0);
  dir.write("db/LISEZ-MOI.txt", "ne pas effacer\n");
  for (const char* mode : {"--compact", "--rebuild"}) {
    const auto r = t::index({"--db", dir / "db", mode});
    EXPECT_EQ(r.status, 3) << mode;
    EXPECT_NE(r.err.find("LISEZ-MOI.txt"), std::string::npos) << r.err;
    EXPECT_TRUE(fs::exists(dir / "db/LISEZ-MOI.txt")) << mode;
    EXPECT_FALSE(fs::exists(dir / ("db" + std::string(mode == std::string("--compact") ? ".compact" : ".rebuild"))));
  }
  EXPECT_EQ(t::index({"--db", dir / "db", dir / "in"}).status, 0) << "indexing into it still works";
  EXPECT_EQ(t::search({"--db", dir / "db", "--count", "brest"}).out, "1\n");

  // A folder that bears the name of a bulk load's or a compaction's leftovers keeps what is not a
  // database, and nothing is built there.
  for (const char* folder : {"fresh.depeche-new", "fresh.depeche-parts/part-00000000"}) {
    dir.write(std::string(folder) + "/garder.txt", "x\n");
    const auto r = t::index({"--db", dir / "fresh", dir / "in", "--jobs", "2"});
    EXPECT_EQ(r.status, 3) << folder;
    EXPECT_NE(r.err.find("garder.txt"), std::string::npos) << r.err;
    EXPECT_TRUE(fs::exists(dir / (std::string(folder) + "/garder.txt")));
    fs::remove_all(dir / "fresh.depeche-new");
    fs::remove_all(dir / "fresh.depeche-parts");
  }
  dir.write("db.compact/garder.txt", "x\n");
  fs::remove(dir / "db/LISEZ-MOI.txt");
  EXPECT_EQ(t::index({"--db", dir / "db", "--compact"}).status, 3);
  EXPECT_TRUE(fs::exists(dir / "db.compact/garder.txt"));
  EXPECT_EQ(t::search({"--db", dir / "db", "--count", "brest"}).out, "1\n");
}

// Both inputs held 2023/une.txt (no URL): "added 1, updated 1", A's article gone.
TEST(Safety, TwoInputsWithTheSamePathsKeepTheirOwnArticles) {
  t::TempDir dir;
  dir.write("A/2023/une.txt", "date 2023-07-01\nUn titre\n\nLe zorglub de A.\n");
  dir.write("B/2023/une.txt", "date 2023-07-02\nUn autre titre\n\nLe zorglub de B.\n");
  dir.write("a/today.jsonl", "{\"title\":\"Un\",\"body\":\"Le zorglub un.\"}\n");
  dir.write("b/today.jsonl", "{\"title\":\"Deux\",\"body\":\"Le zorglub deux.\"}\n");
  for (const char* jobs : {"1", "2"}) {
    const std::string db = dir / (std::string("db") + jobs);
    const auto r = t::index({"--db", db, dir / "A", dir / "B", dir / "a", dir / "b", "--jobs", jobs, "--summary=json"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(summary(r)["added"], 4);
    const std::set<std::string> got = ids(db);
    EXPECT_EQ(got.size(), 4u);
    EXPECT_TRUE(got.count("A/2023/une.txt") && got.count("B/2023/une.txt")) << *got.begin();
    EXPECT_EQ(t::search({"--db", db, "--show", "A/2023/une.txt", "--format", "json"}).status, 0);
  }
  // A file named directly is named by its own name.
  EXPECT_EQ(t::index({"--db", dir / "direct", dir / "A/2023/une.txt"}).status, 0);
  EXPECT_EQ(ids(dir / "direct"), (std::set<std::string>{"une.txt"}));
}

// Two different files giving one id in one run are reported, never silently merged (docs/robustness.md);
// the same article in two files (a copy) is not a conflict.
TEST(Safety, OneIdGivenByTwoFilesWithOtherTextsIsReported) {
  t::TempDir dir;
  dir.write("in/a.txt", "date 2023-07-01 https://exemple.fr/x\nTitre\n\nLe texte de a.\n");
  dir.write("in/b.txt", "date 2023-07-01 https://exemple.fr/x\nTitre\n\nLe texte de b.\n");
  dir.write("in/c.txt", "date 2023-07-01 https://exemple.fr/x\nTitre\n\nLe texte de b.\n");
  dir.write("in/d.jsonl", "{\"id\":\"42\",\"body\":\"Premier.\"}\n{\"id\":\"42\",\"body\":\"Corrigé.\"}\n");
  for (const char* jobs : {"1", "2"}) {
    const auto r = t::index({"--db", dir / (std::string("db") + jobs), dir / "in", "--jobs", jobs});
    EXPECT_EQ(r.status, 4) << r.err;
    EXPECT_EQ(r.err, "depeche-index: in/b.txt:1: article 'https://exemple.fr/x' was also given, with another text, "
                     "by in/a.txt; this one replaces it\n")
        << "c.txt repeats b.txt's text, and one file may correct its own record";
    EXPECT_EQ(t::search({"--db", dir / (std::string("db") + jobs), "--count", "texte"}).out, "1\n");
  }
}

// Removing a record renamed every record below it: one article was lost, another stored twice.
TEST(Safety, RemovingAJsonLinesRecordRenamesNoOther) {
  t::TempDir dir;
  dir.write("in/flux.jsonl", "{\"title\":\"Un\",\"body\":\"Le zorglub un.\"}\n{\"title\":\"Deux\",\"body\":\"Le zorglub "
                             "deux.\"}\n{\"title\":\"Trois\",\"body\":\"Le zorglub trois.\"}\n");
  ASSERT_EQ(t::index({"--db", dir / "db", dir / "in"}).status, 0);
  const std::set<std::string> before = ids(dir / "db");
  dir.write("in/flux.jsonl", "{\"title\":\"Deux\",\"body\":\"Le zorglub deux.\"}\n{\"title\":\"Trois\",\"body\":\"Le "
                             "zorglub trois.\"}\n{\"title\":\"Quatre\",\"body\":\"Le zorglub quatre.\"}\n");
  const json s = summary(t::index({"--db", dir / "db", dir / "in", "--summary=json"}));
  EXPECT_EQ(s["unchanged"], 2);
  EXPECT_EQ(s["added"], 1);
  EXPECT_EQ(s["updated"], 0);
  const std::set<std::string> after = ids(dir / "db");
  EXPECT_EQ(after.size(), 4u) << "the first record stays: JSON Lines dumps rotate";
  EXPECT_TRUE(std::includes(after.begin(), after.end(), before.begin(), before.end()));
}

// An unmounted share leaves an empty mount point: --prune deleted all its articles.
TEST(Safety, PruneOfAnInputFoundEmptyDeletesNothing) {
  t::TempDir dir;
  dir.write("share/a.txt", kArticle);
  dir.write("share/sub/b.txt", "date 2023-07-02\nAutre\n\nLe zorglub.\n");
  dir.write("local/c.txt", "date 2023-07-03\nLocal\n\nLe zorglub local.\n");
  ASSERT_EQ(t::index({"--db", dir / "db", dir / "share", dir / "local"}).status, 0);
  fs::remove_all(dir / "share");
  fs::create_directories(dir / "share");
  fs::remove(dir / "local/c.txt");
  dir.write("local/d.txt", "date 2023-07-04\nNouveau\n\nLe zorglub nouveau.\n");
  const auto r = t::index({"--db", dir / "db", dir / "share", dir / "local", "--prune", "--summary=json"});
  EXPECT_EQ(r.status, 4);
  EXPECT_NE(r.err.find("share: empty, though its files were indexed before"), std::string::npos) << r.err;
  EXPECT_EQ(summary(r)["deleted"], 0) << "nothing pruned in such a run";
  EXPECT_EQ(summary(r)["added"], 1) << "the rest is indexed";
  EXPECT_EQ(t::search({"--db", dir / "db", "--count", "zorglub"}).out, "3\n");
  // Mounted again, the next run prunes only what is gone.
  dir.write("share/a.txt", kArticle);
  dir.write("share/sub/b.txt", "date 2023-07-02\nAutre\n\nLe zorglub.\n");
  const auto back = t::index({"--db", dir / "db", dir / "share", dir / "local", "--prune", "--summary=json"});
  EXPECT_EQ(back.status, 0) << back.err;
  EXPECT_EQ(summary(back)["deleted"], 1) << "c.txt";
  // A folder that was always empty is no share gone away.
  fs::create_directories(dir / "vide");
  EXPECT_EQ(t::index({"--db", dir / "db", dir / "vide", dir / "share", dir / "local", "--prune"}).status, 0);
}

// A database of schema 4 named these articles by their path below the input folder, or that path,
// '#' and a line number or hash; --rebuild renames them as a new index would, and later runs find
// them unchanged or update them, never adding them twice.
TEST(Safety, RebuildRenamesTheIdsOfAnOlderSchema) {
  t::TempDir dir;
  dir.write("lemonde/2023/une.txt", kArticle);
  dir.write("lemonde/flux.jsonl", "{\"title\":\"Un\",\"body\":\"Le zorglub un.\"}\n{\"title\":\"Deux\",\"body\":\"Le "
                                  "zorglub deux.\",\"date\":\"2023-07\"}\n");
  dir.write("lemonde/une.rss",
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><link>https://flux.example/</link>"
            "<item><title>Trois</title><description>Le zorglub trois.</description></item></channel></rss>\n");
  dir.write("vrac.rss", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
                        "<item><title>Quatre</title><description>Le zorglub quatre.</description></item></channel></rss>\n");
  const std::string db = dir / "db";
  ASSERT_EQ(t::index({"--db", db, dir / "lemonde", dir / "vrac.rss"}).status, 0);
  const std::set<std::string> current = ids(db);
  ASSERT_EQ(current.size(), 5u);
  {  // as depeche 4 named them, every article with its file's origin term
    Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
    std::map<std::string, std::string> file_keys;  // a file's name as messages give it -> its record's key
    const std::string prefix(depeche::schema::kMetaFilePrefix);
    for (auto key = w.metadata_keys_begin(prefix); key != w.metadata_keys_end(prefix); ++key) {
      const std::string path = json::parse(w.get_metadata(*key)).value("path", "");
      for (const char* name : {"lemonde/flux.jsonl", "lemonde/une.rss", "vrac.rss"})
        if (path.size() >= std::string(name).size() && path.compare(path.size() - std::string(name).size(), std::string::npos, name) == 0)
          file_keys[name] = *key;
    }
    int line = 0;
    for (auto it = w.postlist_begin(""); it != w.postlist_end(""); ++it) {
      Xapian::Document doc = w.get_document(*it);
      depeche::Article a = depeche::load_article(doc);
      if (auto key = file_keys.find(a.origin); key != file_keys.end())
        doc.add_boolean_term(depeche::schema::origin_file_term(key->second));
      doc.remove_term(depeche::schema::id_term(a.id));
      if (a.id == "lemonde/2023/une.txt") a.id = "2023/une.txt";
      else if (a.id.rfind("flux.jsonl#", 0) == 0) a.id = "flux.jsonl#" + std::to_string(++line);
      else if (a.id.rfind("flux.example#", 0) == 0) a.id = "une.rss" + a.id.substr(a.id.find('#'));
      doc.add_boolean_term(depeche::schema::id_term(a.id));
      depeche::test::store_as_version(a, 4, doc);
      w.replace_document(*it, doc);
    }
    w.set_metadata(depeche::schema::kMetaSchemaVersion, "4");
    w.commit();
  }
  auto r = t::search({"--db", db, "zorglub"});
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.err.find("run depeche-index --rebuild"), std::string::npos) << r.err;
  r = t::index({"--db", db, "--rebuild"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(ids(db), current);
  json s = summary(t::index({"--db", db, dir / "lemonde", dir / "vrac.rss", "--summary=json"}));
  EXPECT_EQ(s["unchanged"], 5);
  // Every file read again: each record is the one the file gives, none is added twice.
  dir.write("lemonde/flux.jsonl", "{\"title\":\"Un\",\"body\":\"Le zorglub un.\"}\n{\"title\":\"Deux\",\"body\":\"Le "
                                  "zorglub deux.\",\"date\":\"2023-07\"}\n{\"title\":\"Cinq\",\"body\":\"Le zorglub cinq.\"}\n");
  dir.write("lemonde/une.rss",
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><link>https://flux.example/</link>"
            "<item><title>Trois</title><description>Le zorglub trois.</description></item></channel></rss>\n\n");
  dir.write("lemonde/2023/une.txt", std::string(kArticle) + "\nUn paragraphe de plus.\n");
  s = summary(t::index({"--db", db, dir / "lemonde", dir / "vrac.rss", "--summary=json"}));
  EXPECT_EQ(s["added"], 1) << s.dump();
  EXPECT_EQ(t::search({"--db", db, "--count", "zorglub"}).out, "5\n");
  EXPECT_EQ(Xapian::Database(db).get_doccount(), 6u);
}

TEST(Safety, ADatabaseOfANewerDepecheAsksForAnUpgrade) {
  t::TempDir dir;
  dir.write("in/une.txt", kArticle);
  ASSERT_EQ(t::index({"--db", dir / "db", dir / "in"}).status, 0);
  {
    Xapian::WritableDatabase w(dir / "db", Xapian::DB_OPEN);
    w.set_metadata(depeche::schema::kMetaSchemaVersion, std::to_string(depeche::schema::kSchemaVersion + 1));
    w.commit();
  }
  for (const t::RunResult& r : {t::search({"--db", dir / "db", "brest"}), t::index({"--db", dir / "db", dir / "in"})}) {
    EXPECT_EQ(r.status, 3);
    EXPECT_NE(r.err.find("upgrade depeche"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("--rebuild"), std::string::npos) << r.err;
  }
}

// What an interrupted compaction, rebuild or first index left went only when the same operation
// ran again: a full disk stayed full until then. Any run that holds the lock removes it.
TEST(Safety, LeftoversOfAnInterruptedRunGoWithTheNextRunOfAnyKind) {
  t::TempDir dir;
  dir.write("in/une.txt", kArticle);
  for (const char* layout : {"none", "year"}) {
    const std::string db = dir / (std::string("db-") + layout);
    ASSERT_EQ(t::index({"--db", db, dir / "in", "--shard-by", layout}).status, 0);
    const std::string shard = std::string(layout) == "none" ? db : db + "/2023";
    for (const std::string& leftover : {db + ".depeche-parts/part-00000000", db + ".depeche-new", shard + ".compact", shard + ".rebuild"}) {
      fs::create_directories(leftover);
      std::ofstream(leftover + "/postlist.glass") << std::string(4096, 'x');
      std::ofstream(leftover + "/iamglass") << "x";
    }
    const auto r = t::index({"--db", db, "--delete", "https://nowhere.example/x"});
    EXPECT_EQ(r.status, 4) << r.err;
    for (const std::string& leftover : {db + ".depeche-parts", db + ".depeche-new", shard + ".compact", shard + ".rebuild"})
      EXPECT_FALSE(fs::exists(leftover)) << layout << ": " << leftover;
  }
}

}  // namespace
