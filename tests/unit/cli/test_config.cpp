#include "cli/config.h"

#include "util/error.h"

#include <gtest/gtest.h>

namespace {

using depeche::cli::check_config_value;
using depeche::cli::check_saved_name;
using depeche::cli::parse_config;

TEST(Config, ParsesKeysValuesAndComments) {
  const auto c = parse_config("# a comment\ndb = /srv/db\nindex = /a\n  index=/b  \nsaved.mali = Mali date:2023.. #x = y\n", "cfg");
  EXPECT_EQ(c.db, "/srv/db");
  EXPECT_EQ(c.inputs, (std::vector<std::string>{"/a", "/b"}));
  EXPECT_EQ(c.saved.at("mali"), "Mali date:2023.. #x = y");
  EXPECT_THROW(parse_config("db\n", "cfg"), depeche::Error);
  EXPECT_THROW(parse_config("colour = red\n", "cfg"), depeche::Error);
}

TEST(Config, SavedNamesAreOneWordAFileMayBearAndQueriesOneLine) {
  for (const char* ok : {"mali", "Mali-2023", "a_b.c", "élections", "Škoda", "Москва", "x"}) EXPECT_NO_THROW(check_saved_name(ok)) << ok;
  for (const std::string& bad : std::vector<std::string>{"", ".hidden", "..", "../x", "a/b", "a b", "a=b", "a\nb", "a\tb", "a\x1b", "nbsp\xc2\xa0",
                                "c1\xc2\x85", "times\xc3\x97", "cjk\xe4\xb8\xad", "bad\xff", std::string(65, 'a')})
    EXPECT_THROW(check_saved_name(bad), depeche::Error) << bad;
  EXPECT_NO_THROW(check_config_value("\"fibre optique\" = # é", "q"));
  for (const char* bad : {"a\nb", "a\rb", "a\x1b[2J", "a\x7f", "a\tb"}) EXPECT_THROW(check_config_value(bad, "q"), depeche::Error);
}

}  // namespace
