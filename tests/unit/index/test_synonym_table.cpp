// The synonym table: built from groups, written only when it changes, read back as written.
#include "index/synonym_table.h"

#include "analysis/analyzer.h"
#include "support/temp_dir.h"
#include "util/error.h"

#include <gtest/gtest.h>

namespace {

TEST(SynonymTable, EachWordOfAGroupLeadsToTheOthers) {
  depeche::analysis::Analyzer analyzer;
  const depeche::SynonymTable table = depeche::synonym_table({"Zorglub, Zorgloub, Zôrglub"}, "test", analyzer);
  EXPECT_EQ(table.at("zorglub"), (std::set<std::string>{"zorgloub"})) << "Zôrglub folds to zorglub: one word";
  EXPECT_EQ(table.at("zorgloub"), (std::set<std::string>{"zorglub"}));
  EXPECT_EQ(table.at("kiev"), (std::set<std::string>{"kyiv"})) << "the default groups are there too";
  EXPECT_THROW(depeche::synonym_table({"seul"}, "test", analyzer), depeche::Error);
}

TEST(SynonymTable, WrittenOnlyWhenItChanges) {
  depeche::test::TempDir dir;  // an in-memory database has no synonym table
  Xapian::WritableDatabase db(dir / "db", Xapian::DB_CREATE);
  const depeche::SynonymTable wanted{{"kiev", {"kyiv"}}, {"kyiv", {"kiev"}}};
  EXPECT_TRUE(depeche::write_synonyms(db, wanted));
  EXPECT_EQ(depeche::read_synonyms(db), wanted);
  EXPECT_FALSE(depeche::write_synonyms(db, wanted));
  EXPECT_TRUE(depeche::write_synonyms(db, {}));
  EXPECT_TRUE(depeche::read_synonyms(db).empty());
}

}  // namespace
