// util::Date and parse_iso_date: the ISO forms archives use, read at their precision and never
// shifted to UTC (docs/output-format.md, `date`); calendar rules and the year range that tells a date from a typo.
#include "util/date.h"

#include <gtest/gtest.h>

#include <string>

using depeche::util::Date;
using depeche::util::DatePrecision;
using depeche::util::day_number;
using depeche::util::days_in_month;
using depeche::util::parse_iso_date;
using depeche::util::precision_name;

namespace {

// What parse_iso_date reads `text` as, in ISO form, or "none".
std::string parsed(const std::string& text) {
  const auto d = parse_iso_date(text);
  return d ? d->iso() : "none";
}

}  // namespace

TEST(Date, DaysInMonthFollowsTheGregorianLeapRules) {
  EXPECT_EQ(days_in_month(2023, 1), 31);
  EXPECT_EQ(days_in_month(2023, 4), 30);
  EXPECT_EQ(days_in_month(2023, 12), 31);
  EXPECT_EQ(days_in_month(2023, 2), 28);
  EXPECT_EQ(days_in_month(2024, 2), 29) << "divisible by 4";
  EXPECT_EQ(days_in_month(1900, 2), 28) << "a century is not leap";
  EXPECT_EQ(days_in_month(2000, 2), 29) << "but every fourth century is";
  EXPECT_EQ(days_in_month(2023, 0), 0);
  EXPECT_EQ(days_in_month(2023, 13), 0);
}

TEST(Date, DayNumbersCountDaysFrom1970AcrossLeapDaysAndCenturies) {
  auto day = [](int y, int m, int d) { return day_number(Date{y, m, d, DatePrecision::kDay}); };
  EXPECT_EQ(day(1970, 1, 1), 0L);
  EXPECT_EQ(day(1969, 12, 31), -1L);
  EXPECT_EQ(day(2000, 3, 1).value() - day(2000, 2, 28).value(), 2) << "2000 is a leap year";
  EXPECT_EQ(day(1900, 3, 1).value() - day(1900, 2, 28).value(), 1) << "1900 is not";
  EXPECT_EQ(day(2023, 1, 1).value() - day(2022, 1, 1).value(), 365);
  EXPECT_EQ(day(2022, 12, 7), 19333L);  // date +%s -d 2022-12-07 / 86400
  EXPECT_EQ(day(1000, 1, 1), -354285L);  // proleptic Gregorian, as ISO 8601 counts
  EXPECT_EQ(day_number(Date{2022, 12, 0, DatePrecision::kMonth}), std::nullopt) << "no day to count";
  EXPECT_EQ(day_number(Date{}), std::nullopt);
}

TEST(Date, IsoIsWrittenAtTheDatePrecisionWithZeroPadding) {
  EXPECT_EQ((Date{2023, 7, 23, DatePrecision::kDay}).iso(), "2023-07-23");
  EXPECT_EQ((Date{2023, 7, 0, DatePrecision::kMonth}).iso(), "2023-07");
  EXPECT_EQ((Date{2023, 0, 0, DatePrecision::kYear}).iso(), "2023");
  EXPECT_EQ((Date{1066, 1, 5, DatePrecision::kDay}).iso(), "1066-01-05");
  EXPECT_EQ((Date{2023, 7, 23, DatePrecision::kMonth}).iso(), "2023-07") << "parts below the precision are not shown";
  EXPECT_EQ(Date{}.iso(), "");
  EXPECT_FALSE(Date{}.valid());
  EXPECT_TRUE((Date{2023, 0, 0, DatePrecision::kYear}).valid());
}

TEST(Date, EqualityComparesEveryPartAndThePrecision) {
  const Date day{2023, 7, 23, DatePrecision::kDay};
  EXPECT_EQ(day, (Date{2023, 7, 23, DatePrecision::kDay}));
  EXPECT_FALSE(day == (Date{2023, 7, 23, DatePrecision::kMonth}));
  EXPECT_FALSE(day == (Date{2023, 7, 24, DatePrecision::kDay}));
  EXPECT_FALSE(day == (Date{2023, 8, 23, DatePrecision::kDay}));
  EXPECT_FALSE(day == (Date{2022, 7, 23, DatePrecision::kDay}));
}

TEST(Date, PrecisionNames) {
  EXPECT_STREQ(precision_name(DatePrecision::kYear), "year");
  EXPECT_STREQ(precision_name(DatePrecision::kMonth), "month");
  EXPECT_STREQ(precision_name(DatePrecision::kDay), "day");
  EXPECT_EQ(precision_name(DatePrecision::kNone), nullptr);
}

TEST(ParseIsoDate, YearMonthAndDayKeepTheirPrecision) {
  const auto year = parse_iso_date("2023");
  ASSERT_TRUE(year);
  EXPECT_EQ(*year, (Date{2023, 0, 0, DatePrecision::kYear}));
  const auto month = parse_iso_date("2023-07");
  ASSERT_TRUE(month);
  EXPECT_EQ(*month, (Date{2023, 7, 0, DatePrecision::kMonth}));
  const auto day = parse_iso_date("2023-07-23");
  ASSERT_TRUE(day);
  EXPECT_EQ(*day, (Date{2023, 7, 23, DatePrecision::kDay}));
}

TEST(ParseIsoDate, DateTimesKeepTheirLocalCalendarDate) {
  // Late evening in Paris is already the next day in UTC: the day written is the day kept.
  EXPECT_EQ(parsed("2022-03-14T23:30:00+01:00"), "2022-03-14");
  EXPECT_EQ(parsed("2022-03-14T00:30:00-05:00"), "2022-03-14");
  EXPECT_EQ(parsed("2022-03-14t18:02:11Z"), "2022-03-14");
  EXPECT_EQ(parsed("2022-03-14 18:02:11"), "2022-03-14");
  EXPECT_EQ(parse_iso_date("2022-03-14T18:02:11+01:00")->precision, DatePrecision::kDay);
}

TEST(ParseIsoDate, YearsOutsideTheRangeAreErrors) {
  const std::string first = std::to_string(depeche::util::kMinYear), last = std::to_string(depeche::util::kMaxYear);
  EXPECT_EQ(parsed(first), first);
  EXPECT_EQ(parsed(last + "-12-31"), last + "-12-31");
  for (const char* text : {"0999", "3000-01-01", "0000-01-01"}) EXPECT_EQ(parsed(text), "none") << text;
}

TEST(ParseIsoDate, ImpossibleMonthsAndDaysAreRefused) {
  for (const char* text : {"2023-00", "2023-13", "2023-07-00", "2023-07-32", "2023-04-31", "2023-02-29"})
    EXPECT_EQ(parsed(text), "none") << text;
  for (const char* text : {"2024-02-29", "2023-12-31", "2023-04-30"}) EXPECT_EQ(parsed(text), text);
}

TEST(ParseIsoDate, OtherShapesAreRefused) {
  for (const char* text : {"", "202", "20234", "2023-7", "2023-07-2", "2023/07/23", "2023-07-23x", "2023-07/23",
                           "23-07-2023", "2o23", "2023-0a", "2023-07-2b", " 2023", "2023 ", "2023-07-", "2023--07",
                           "juillet 2023"})
    EXPECT_EQ(parsed(text), "none") << "'" << text << "'";
  // After the 'T' of a date-time nothing is read: the time and zone are not kept.
  EXPECT_EQ(parsed("2023-07-23Tnot a time"), "2023-07-23");
}
