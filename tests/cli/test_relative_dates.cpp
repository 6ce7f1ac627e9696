// Issue 37: --since, --until, date: and --indexed-since take dates counted back from now (24h, 7d,
// 2w, 3m, 1y, today, yesterday, aujourd'hui, hier), in local time; a saved search keeps them as
// typed, so that it reads them anew each day; anything else is a usage error naming the forms.
#include "support/indexed_corpus.h"
#include "support/run.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ctime>
#include <string>
#include <vector>

namespace t = depeche::test;
using nlohmann::json;

namespace {

// The local date `days` days before now, YYYY-MM-DD.
std::string days_ago(int days) {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  local.tm_mday -= days;
  local.tm_hour = 12;
  local.tm_isdst = -1;
  const std::time_t noon = std::mktime(&local);
  localtime_r(&noon, &local);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &local);
  return text;
}

class RelativeDatesCli : public t::IndexedCorpus<RelativeDatesCli> {
 protected:
  static void SetUpTestSuite() {
    today_ = new std::string(days_ago(0));
    std::string input;
    for (const auto& [id, days] : std::vector<std::pair<std::string, int>>{{"today", 0}, {"yesterday", 1}, {"ten-days", 10}, {"hundred-days", 100}})
      input += json{{"id", id}, {"date", days_ago(days)}, {"body", "Le conseil municipal vote le budget " + id + "."}}.dump() + "\n";
    index_once({"-"}, input);
  }
  static void TearDownTestSuite() { delete today_; }
  void SetUp() override {
    if (days_ago(0) != *today_) GTEST_SKIP() << "midnight passed since the archive was indexed";
  }
  static std::string count(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db(), "--count"});
    const t::RunResult r = t::search(args);
    return r.status == 2 ? "usage error: " + r.err : r.out;
  }
  static std::string* today_;
};

std::string* RelativeDatesCli::today_ = nullptr;

}  // namespace

TEST_F(RelativeDatesCli, SinceAndUntilCountDaysBackInLocalTime) {
  EXPECT_EQ(count({"--since", "today"}), "1\n");
  EXPECT_EQ(count({"--since", "aujourd'hui"}), "1\n");
  EXPECT_EQ(count({"--since", "yesterday"}), "2\n");
  EXPECT_EQ(count({"--since", "hier"}), "2\n");
  EXPECT_EQ(count({"--since", "7d"}), "2\n");
  EXPECT_EQ(count({"--since", "2w"}), "3\n");
  EXPECT_EQ(count({"--since", "1y"}), "4\n");
  EXPECT_EQ(count({"--since", "3m"}), "3\n") << "100 days is more than three months";
  EXPECT_EQ(count({"--until", "yesterday"}), "3\n");
  EXPECT_EQ(count({"--since", "2w", "--until", "yesterday"}), "2\n");
  EXPECT_EQ(count({"date:7d.."}), "2\n");
  EXPECT_EQ(count({"date:hier"}), "1\n") << "one day";
  EXPECT_EQ(count({"date:2w..hier"}), "2\n");
  EXPECT_EQ(count({"--since", "7d"}), count({"--since", days_ago(7)})) << "the same as the date it stands for";
  EXPECT_EQ(count({"date:today..yesterday"}), "usage error: depeche-search: date range 'today..yesterday' ends before it starts\n");
}

TEST_F(RelativeDatesCli, IndexedSinceTakesSpansAndMidnights) {
  EXPECT_EQ(count({"--indexed-since", "1h"}), "4\n") << "all indexed a moment ago";
  EXPECT_EQ(count({"--indexed-since", "today"}), "4\n");
  EXPECT_EQ(count({"--indexed-since", "2w"}), count({"--indexed-since", days_ago(14)}))
      << "two weeks ago is before the local midnight of that day's date";
}

TEST_F(RelativeDatesCli, OtherFormsAreUsageErrorsNamingTheForms) {
  for (const char* bad : {"7x", "-7d", "7D", "demain", "36601d", "1.5d"}) {
    const std::string answer = count({"--since", bad});
    EXPECT_EQ(answer.rfind("usage error: ", 0), 0u) << bad << ": " << answer;
    EXPECT_NE(answer.find("24h, 7d, 2w, 3m, 1y, today, yesterday"), std::string::npos) << answer;
  }
  const std::string indexed = count({"--indexed-since", "2q"});
  EXPECT_NE(indexed.find("invalid time '2q'"), std::string::npos) << indexed;
  EXPECT_NE(indexed.find("7d"), std::string::npos) << indexed;
}

TEST_F(RelativeDatesCli, ASavedSearchKeepsTheRelativeDateAsTyped) {
  t::TempDir home;
  const std::vector<std::string> env{"HOME=" + home.path(), "XDG_CONFIG_HOME=", "DEPECHE_CONFIG=", "DEPECHE_DB=" + db()};
  ASSERT_EQ(t::run({DEPECHE_SEARCH_BIN, "--save", "recent", "--since", "7d", "budget"}, "", env).status, 0);
  const t::RunResult listed = t::run({DEPECHE_SEARCH_BIN, "--list-saved"}, "", env);
  EXPECT_NE(listed.out.find("date:7d.."), std::string::npos) << listed.out;
  EXPECT_EQ(t::run({DEPECHE_SEARCH_BIN, "--saved", "recent", "--count"}, "", env).out, "2\n");
}
