// util::relative_day and relative_instant: the relative forms of --since, --until, date: and
// --indexed-since, counted back from a given instant in local time (docs/query-syntax.md, "Dates").
#include "util/relative_date.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>

using depeche::util::relative_day;
using depeche::util::relative_instant;

namespace {

// Runs the test under the time zone `zone`, the process's own restored afterwards.
class RelativeDate : public ::testing::Test {
 protected:
  void use_zone(const char* zone) {
    const char* old = std::getenv("TZ");
    saved_ = old ? std::optional<std::string>(old) : std::nullopt;
    setenv("TZ", zone, 1);
    tzset();
  }
  void TearDown() override {
    if (saved_) setenv("TZ", saved_->c_str(), 1);
    else unsetenv("TZ");
    tzset();
  }
  // The instant of a local date and time in the current zone.
  static std::time_t at(int year, int month, int day, int hour, int minute = 0) {
    std::tm local{};
    local.tm_year = year - 1900;
    local.tm_mon = month - 1;
    local.tm_mday = day;
    local.tm_hour = hour;
    local.tm_min = minute;
    local.tm_isdst = -1;
    return std::mktime(&local);
  }
  static std::string day(const char* text, std::time_t now) {
    const auto d = relative_day(text, now);
    return d ? d->iso() : "none";
  }

  std::optional<std::string> saved_;
};

}  // namespace

TEST_F(RelativeDate, DaysCountBackOnTheLocalCalendar) {
  use_zone("UTC");
  const std::time_t now = at(2024, 3, 1, 0, 30);  // half past midnight, the day after a leap day
  EXPECT_EQ(day("today", now), "2024-03-01");
  EXPECT_EQ(day("aujourd'hui", now), "2024-03-01");
  EXPECT_EQ(day("aujourd\u2019hui", now), "2024-03-01") << "the typographic apostrophe French keyboards give";
  EXPECT_EQ(day("yesterday", now), "2024-02-29");
  EXPECT_EQ(day("hier", now), "2024-02-29");
  EXPECT_EQ(day("0d", now), "2024-03-01");
  EXPECT_EQ(day("1d", now), "2024-02-29");
  EXPECT_EQ(day("7d", now), "2024-02-23");
  EXPECT_EQ(day("2w", now), "2024-02-16");
  EXPECT_EQ(day("24h", now), "2024-02-29") << "24 hours before half past midnight is yesterday";
  EXPECT_EQ(day("1h", now), "2024-02-29");
  EXPECT_EQ(day("1h", at(2024, 3, 1, 1, 30)), "2024-03-01");
  EXPECT_EQ(day("365d", now), "2023-03-02");
}

TEST_F(RelativeDate, MonthsAndYearsKeepTheDayOrTheMonthsLast) {
  use_zone("UTC");
  EXPECT_EQ(day("1m", at(2024, 3, 31, 12)), "2024-02-29") << "no 31 February: the month's last day";
  EXPECT_EQ(day("3m", at(2024, 1, 15, 12)), "2023-10-15") << "across a year";
  EXPECT_EQ(day("1y", at(2024, 2, 29, 12)), "2023-02-28");
  EXPECT_EQ(day("12m", at(2024, 2, 29, 12)), "2023-02-28");
  EXPECT_EQ(day("4y", at(2024, 2, 29, 12)), "2020-02-29");
}

TEST_F(RelativeDate, SummerTimeMovesNoDay) {
  if (!std::filesystem::exists("/usr/share/zoneinfo/Europe/Paris")) GTEST_SKIP() << "no tzdata for Europe/Paris";
  use_zone("Europe/Paris");
  // The clocks went forward at 02:00 on 31 March 2024: that day had 23 hours.
  EXPECT_EQ(day("1d", at(2024, 4, 1, 0, 10)), "2024-03-31");
  EXPECT_EQ(day("2d", at(2024, 4, 1, 0, 10)), "2024-03-30");
  EXPECT_EQ(day("today", at(2024, 4, 1, 0, 10)), "2024-04-01");
  EXPECT_EQ(*relative_instant("today", at(2024, 3, 31, 23)), at(2024, 3, 31, 0));
  EXPECT_EQ(*relative_instant("yesterday", at(2024, 4, 1, 9)), at(2024, 3, 31, 0));
  EXPECT_EQ(at(2024, 4, 1, 0) - *relative_instant("yesterday", at(2024, 4, 1, 9)), 23 * 3600);
}

TEST_F(RelativeDate, InstantsAreSpansBackOrLocalMidnights) {
  use_zone("UTC");
  const std::time_t now = at(2024, 3, 10, 15, 45);
  EXPECT_EQ(*relative_instant("24h", now), now - 24 * 3600);
  EXPECT_EQ(*relative_instant("7d", now), now - 7 * 86400);
  EXPECT_EQ(*relative_instant("2w", now), now - 14 * 86400);
  EXPECT_EQ(*relative_instant("1m", now), at(2024, 2, 10, 15, 45));
  EXPECT_EQ(*relative_instant("1y", now), at(2023, 3, 10, 15, 45));
  EXPECT_EQ(*relative_instant("today", now), at(2024, 3, 10, 0));
  EXPECT_EQ(*relative_instant("hier", now), at(2024, 3, 9, 0));
}

TEST_F(RelativeDate, OtherTextIsNoRelativeForm) {
  use_zone("UTC");
  const std::time_t now = at(2024, 3, 10, 12);
  for (const char* text : {"", "d", "7", "7D", "7x", "-1d", "+1d", "1.5d", " 7d", "7d ", "7dd", "Today", "demain",
                           "36601d", "99999999999999999999y", "2023-07", "2023"}) {
    EXPECT_FALSE(relative_day(text, now).has_value()) << text;
    EXPECT_FALSE(relative_instant(text, now).has_value()) << text;
  }
  EXPECT_TRUE(relative_day("36600d", now).has_value()) << "a century of days";
  EXPECT_FALSE(relative_day("36600y", now).has_value()) << "before the year 1000: no date";
}
