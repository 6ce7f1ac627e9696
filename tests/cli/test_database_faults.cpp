// Issue 30, items 5 to 7: every database fault is a database error (exit 3) naming the database
// with Xapian's reason; never a crash, never "locked" (75), never a usage error (2), and never an
// answer that is not the one the intact database gives.
#include "support/run.h"

#include "schema.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <filesystem>
#include <functional>
#include <map>
#include <fstream>
#include <optional>
#include <random>
#include <unistd.h>

namespace t = depeche::test;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kTables = {"postlist.glass", "termlist.glass", "position.glass", "docdata.glass",
                                          "record.glass",   "spelling.glass", "synonym.glass",  "iamglass"};

enum class Damage { kGarbage, kTruncate, kDelete };

const char* name_of(Damage d) { return d == Damage::kGarbage ? "garbage" : d == Damage::kTruncate ? "truncated" : "deleted"; }

void damage(const fs::path& file, Damage how) {
  const auto size = fs::file_size(file);
  switch (how) {
    case Damage::kGarbage: {
      // Past the first blocks when there are more, so that the damage is in data, not only in a
      // header Xapian checks on opening; the same bytes every run.
      const std::uintmax_t at = size > 32768 ? 8192 : 0;
      std::mt19937 random(30);
      std::string bytes(static_cast<std::size_t>(std::min<std::uintmax_t>(size - at, 16384)), '\0');
      for (char& c : bytes) c = static_cast<char>(random());
      std::fstream out(file, std::ios::in | std::ios::out | std::ios::binary);
      out.seekp(static_cast<std::streamoff>(at));
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      break;
    }
    case Damage::kTruncate: fs::resize_file(file, size / 2); break;
    case Damage::kDelete: fs::remove(file); break;
  }
}

void copy_database(const std::string& from, const std::string& to) {
  fs::remove_all(to);
  fs::copy(from, to, fs::copy_options::recursive);
}

// A failure the user can act on: exit 3, one line naming the database, with a reason after it.
void expect_database_error(const t::RunResult& r, const std::string& db, const std::string& what) {
  EXPECT_EQ(r.status, 3) << what << "\n" << r.err;
  EXPECT_NE(r.err.find(db), std::string::npos) << what << ": the message names the database\n" << r.err;
  EXPECT_GT(r.err.size(), r.err.find(db) + db.size() + 4) << what << ": a reason follows\n" << r.err;
}

// Neither a crash, nor a usage error, nor a lock: a right answer or a database error.
void expect_right_or_database_error(const t::RunResult& r, const t::RunResult& intact, const std::string& db,
                                    const std::string& what) {
  ASSERT_LT(r.status, 128) << what << ": killed by signal " << r.status - 128 << "\n" << r.err;
  EXPECT_NE(r.status, 2) << what << "\n" << r.err;
  EXPECT_NE(r.status, 75) << what << "\n" << r.err;
  if (r.status == 3) return expect_database_error(r, db, what);
  EXPECT_EQ(r.status, intact.status) << what << "\n" << r.err;
  EXPECT_EQ(r.out, intact.out) << what << ": an answer, so the intact database's";
}

class DatabaseFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto r = t::index({"--db", base(), data()});
    ASSERT_EQ(r.status, 0) << r.err;
    // An input with one article changed, for the runs that write.
    fs::copy(data(), dir_ / "changed", fs::copy_options::recursive);
    dir_.write("changed/ouest-matin/2021/port-de-brest.txt",
               "date 2024-01-02\nUn nouveau titre\n\nLe port de Brest accueille un navire neuf.\n");
  }
  std::string data() const { return t::source_dir() + "/data"; }
  std::string base() const { return dir_ / "base"; }
  // The best hit of "port", an article every test reads.
  std::string an_id() {
    const auto r = t::search({"--db", base(), "--format", "json", "port"});
    return nlohmann::json::parse(r.out)["hits"][0]["id"].get<std::string>();
  }
  t::TempDir dir_;
};

std::vector<std::vector<std::string>> searches(const std::string& id) {
  return {{"port"}, {"\"port Brest\""}, {"--show", id}, {"--facet", "source", "port"}};
}

std::vector<std::string> with_db(const std::string& db, std::vector<std::string> args) {
  args.insert(args.begin(), {"--db", db});
  return args;
}

// What shows a database's articles whatever their docids: its export and the counts of a word
// and a phrase.
std::vector<t::RunResult> contents(const std::string& db) {
  return {t::search({"--db", db, "--export"}), t::search({"--db", db, "--count", "port"}),
          t::search({"--db", db, "--count", "\"port de Brest\""})};
}

TEST_F(DatabaseFaults, EachTableDamagedInTurnIsAnErrorOrTheRightAnswer) {
  const std::string id = an_id();
  ASSERT_FALSE(id.empty());
  const std::vector<std::vector<std::string>> queries = searches(id);
  std::vector<t::RunResult> intact;
  for (const auto& args : queries) intact.push_back(t::search(with_db(base(), args)));
  // What the intact database holds after each run that writes.
  std::map<std::string, std::vector<t::RunResult>> written;
  for (const std::string& input : {data(), dir_ / "changed"}) {
    copy_database(base(), dir_ / "fresh");
    ASSERT_EQ(t::index({"--db", dir_ / "fresh", input}).status, 0);
    written[input] = contents(dir_ / "fresh");
  }
  std::size_t damaged = 0;
  for (const std::string& table : kTables) {
    if (!fs::exists(fs::path(base()) / table)) continue;  // depeche writes no document data, Xapian 1.4 no record table
    for (Damage how : {Damage::kGarbage, Damage::kTruncate, Damage::kDelete}) {
      const std::string db = dir_ / "db";
      copy_database(base(), db);
      damage(fs::path(db) / table, how);
      ++damaged;
      const std::string what = table + " " + name_of(how);
      for (std::size_t i = 0; i < queries.size(); ++i) {
        const auto& args = queries[i];
        expect_right_or_database_error(t::search(with_db(db, args)), intact[i], db, what + ", search " + args.back());
      }
      for (const std::string& input : {data(), dir_ / "changed"}) {
        const std::string target = dir_ / "db2";
        copy_database(db, target);
        const auto r = t::index({"--db", target, input});
        const std::string run = what + ", indexing " + input;
        ASSERT_LT(r.status, 128) << run << ": killed by signal " << r.status - 128 << "\n" << r.err;
        EXPECT_NE(r.status, 2) << run << "\n" << r.err;
        EXPECT_NE(r.status, 75) << run << "\n" << r.err;
        if (r.status == 3) {
          expect_database_error(r, target, run);
          continue;
        }
        EXPECT_EQ(r.status, 0) << run << "\n" << r.err;
        // A run that says it succeeded left the database an intact one's run would have.
        const std::vector<t::RunResult> now = contents(target);
        for (std::size_t i = 0; i < now.size(); ++i) {
          if (now[i].status == 3) {
            expect_database_error(now[i], target, run + ", then searching");
            continue;
          }
          EXPECT_EQ(now[i].out, written[input][i].out) << run << ", then searching";
        }
      }
    }
  }
  EXPECT_GE(damaged, 5u * 3u) << "postlist, termlist, position, spelling, synonym and iamglass at least";
}

// A stored article that cannot be decoded made the searcher exit 2, the status of a usage error.
TEST_F(DatabaseFaults, CorruptStoredArticleIsADatabaseErrorNamingTheArticle) {
  const std::string id = an_id();
  Xapian::docid docid = 0;
  {
    Xapian::WritableDatabase w(base(), Xapian::DB_OPEN);
    const Xapian::PostingIterator p = w.postlist_begin(depeche::schema::id_term(id));
    ASSERT_NE(p, w.postlist_end(depeche::schema::id_term(id)));
    docid = *p;
    Xapian::Document doc = w.get_document(docid);
    doc.add_value(depeche::schema::kSlotArticle, std::string("\x02\x00\x00\x00{]", 6));  // fields that are not JSON
    w.replace_document(docid, doc);
    w.commit();
  }
  const std::string article = "article docid " + std::to_string(docid);
  for (const auto& args : {std::vector<std::string>{"--show", id}, {"--export"}, {"port"}}) {
    const auto r = t::search(with_db(base(), args));
    expect_database_error(r, base(), "search " + args.back());
    EXPECT_NE(r.err.find(article), std::string::npos) << r.err;
  }
  const auto deleted = t::index({"--db", base(), "--delete", id});
  EXPECT_EQ(deleted.status, 0) << "deleting by id reads no article: " << deleted.err;
}

// With position.glass deleted, "port Brest" matched its two words anywhere: two hits, exit 0.
TEST_F(DatabaseFaults, LostPositionsFailWhatNeedsThemAndRebuildRepairs) {
  const auto phrase = t::search({"--db", base(), "--count", "\"port de Brest\""});
  const auto word = t::search({"--db", base(), "port"});
  const std::string id = an_id();
  ASSERT_EQ(phrase.status, 0);
  fs::remove(fs::path(base()) / "position.glass");
  for (const auto& args : {std::vector<std::string>{"--count", "\"port de Brest\""}, {"\"port Brest\""},
                           {"port", "NEAR/3", "brest"}, {"port", "brest"}}) {
    const auto r = t::search(with_db(base(), args));
    expect_database_error(r, base(), "search " + args.back());
    EXPECT_NE(r.err.find("lost its positions"), std::string::npos) << r.err;
  }
  // What reads no position still answers, so the articles can be read and exported.
  EXPECT_EQ(t::search({"--db", base(), "port"}).out, word.out);
  EXPECT_EQ(t::search({"--db", base(), "--show", id}).status, 0);
  EXPECT_EQ(t::search({"--db", base(), "--count", "port", "brest"}).status, 0) << "counting reads no position";
  const Xapian::rev revision = Xapian::Database(base()).get_revision();
  const auto index = t::index({"--db", base(), dir_ / "changed"});
  expect_database_error(index, base(), "indexing");
  EXPECT_NE(index.err.find("depeche-index --rebuild"), std::string::npos) << index.err;
  EXPECT_EQ(Xapian::Database(base()).get_revision(), revision) << "nothing written";
  const auto rebuild = t::index({"--db", base(), "--rebuild"});
  ASSERT_EQ(rebuild.status, 0) << rebuild.err;
  EXPECT_EQ(t::search({"--db", base(), "--count", "\"port de Brest\""}).out, phrase.out);
}

// Root ignores permissions: the binary runs as nobody then. Empty when that cannot be done.
std::optional<std::vector<std::string>> unprivileged(std::vector<std::string> argv) {
  if (geteuid() != 0) return argv;
  if (!fs::exists("/usr/bin/setpriv")) return std::nullopt;
  argv.insert(argv.begin(), {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"});
  return argv;
}

// A database owned by another user, or a read-only folder, was reported as locked (exit 75, "try
// again later"): with the systemd unit's SuccessExitStatus=75, indexing stopped for good.
TEST_F(DatabaseFaults, DatabaseNotWritableIsADatabaseErrorNotALock) {
  const auto index = unprivileged({DEPECHE_INDEX_BIN, "--db", base(), dir_ / "changed"});
  const auto search = unprivileged({DEPECHE_SEARCH_BIN, "--db", base(), "--count", "\"port de Brest\""});
  if (!index) GTEST_SKIP() << "running as root without /usr/bin/setpriv: cannot run as a user without write access";
  fs::permissions(dir_.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                   fs::perms::others_read | fs::perms::others_exec);
  // Not writable by whoever runs it: the folder and every file (root's, seen by nobody; or ours, made read-only).
  for (const auto& entry : fs::recursive_directory_iterator(base()))
    fs::permissions(entry.path(), fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                    fs::perm_options::remove);
  fs::permissions(base(), fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write, fs::perm_options::remove);
  const Xapian::rev revision = Xapian::Database(base()).get_revision();
  const auto r = t::run(*index);
  fs::permissions(base(), fs::perms::owner_write, fs::perm_options::add);
  expect_database_error(r, base(), "indexing a database it cannot write");
  EXPECT_NE(r.err.find("Permission denied"), std::string::npos) << "Xapian's reason: " << r.err;
  EXPECT_EQ(r.err.find("try again"), std::string::npos) << r.err;
  EXPECT_EQ(Xapian::Database(base()).get_revision(), revision);
  const auto read = t::run(*search);
  EXPECT_EQ(read.status, 0) << "a read-only database is still searched: " << read.err;
  // A database to create in a folder it cannot write.
  const auto create = t::run(*unprivileged({DEPECHE_INDEX_BIN, "--db", base() + "/new", dir_ / "changed"}));
  expect_database_error(create, base() + "/new", "creating a database in a folder it cannot write");
  EXPECT_NE(create.err.find("Permission denied"), std::string::npos) << create.err;
}

// The same fault root meets too: the lock file cannot be opened (here, a folder in its place).
TEST_F(DatabaseFaults, LockFileThatCannotBeOpenedIsADatabaseErrorNotALock) {
  const fs::path lock = fs::path(base()) / "flintlock";
  fs::remove(lock);
  fs::create_directory(lock);
  for (const std::string wait : {"--wait=0", "--wait=2"}) {
    const auto r = t::index({"--db", base(), wait, dir_ / "changed"});
    expect_database_error(r, base(), "lock file a folder, " + wait);
    EXPECT_NE(r.err.find("Is a directory"), std::string::npos) << "Xapian's reason: " << r.err;
  }
  // A lock another process holds is still one: exit 75 (docs/exit-codes.md).
  fs::remove(lock);
  Xapian::WritableDatabase holder(base(), Xapian::DB_OPEN);
  const auto r = t::index({"--db", base(), dir_ / "changed"});
  EXPECT_EQ(r.status, 75) << r.err;
  EXPECT_NE(r.err.find("locked by another indexer"), std::string::npos) << r.err;
}

}  // namespace

// Every path that reads stored articles meets a damaged one as a database error naming it (exit 3),
// never as a usage error (2): its fields (not JSON), which every hit reads, and its body (cut
// short), which --show, --export, snippets and --rebuild read. The paths the test above does not
// take: --batch, a format without snippets, --rebuild (which leaves the database as it was).
TEST_F(DatabaseFaults, CorruptStoredArticleIsADatabaseErrorOnEveryPath) {
  const std::string id = an_id();
  const std::string intact = dir_ / "intact";
  copy_database(base(), intact);
  struct Case {
    std::string what;
    std::function<std::string(const std::string&)> damaged;  // the stored value, from the intact one
    std::vector<std::vector<std::string>> searches;
  };
  const std::vector<Case> cases = {
      {"fields", [](const std::string&) { return std::string("\x02\x00\x00\x00{]", 6); },
       {{"--batch", "-"}, {"--format", "csv", "port"}}},
      {"body", [](const std::string& value) { return value.substr(0, value.size() - 8); },
       {{"--show", id}, {"--export"}, {"--format", "json", "port"}, {"--batch", "-"}}},
  };
  for (const Case& c : cases) {
    copy_database(intact, base());
    Xapian::docid docid = 0;
    {
      Xapian::WritableDatabase w(base(), Xapian::DB_OPEN);
      docid = *w.postlist_begin(depeche::schema::id_term(id));
      Xapian::Document doc = w.get_document(docid);
      doc.add_value(depeche::schema::kSlotArticle, c.damaged(doc.get_value(depeche::schema::kSlotArticle)));
      w.replace_document(docid, doc);
      w.commit();
    }
    const std::string article = "article docid " + std::to_string(docid);
    for (const auto& args : c.searches) {
      const std::string what = c.what + " damaged: search " + args.front() + " " + args.back();
      const auto r = t::search(with_db(base(), args), args.front() == "--batch" ? "port\n" : "");
      expect_database_error(r, base(), what);
      EXPECT_NE(r.err.find(article), std::string::npos) << what << "\n" << r.err;
    }
    const auto rebuilt = t::index({"--db", base(), "--rebuild"});
    expect_database_error(rebuilt, base(), c.what + " damaged: --rebuild");
    EXPECT_NE(rebuilt.err.find("1 of "), std::string::npos) << rebuilt.err;
    EXPECT_EQ(t::search({"--db", base(), "--count", "port"}).out, t::search({"--db", intact, "--count", "port"}).out)
        << c.what << " damaged: --rebuild left the database as it was";
  }
}
