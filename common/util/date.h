// Calendar dates as articles state them: no time zone shift, precision kept.
#ifndef DEPECHE_INCLUDED_UTIL_DATE_H
#define DEPECHE_INCLUDED_UTIL_DATE_H

#include <optional>
#include <string>
#include <string_view>

namespace depeche::util {

enum class DatePrecision { kNone, kYear, kMonth, kDay };

struct Date {
  int year = 0, month = 0, day = 0;  // 0 for the parts below the precision
  DatePrecision precision = DatePrecision::kNone;

  bool valid() const { return precision != DatePrecision::kNone; }
  // "2023", "2023-07" or "2023-07-23"; empty when undated.
  std::string iso() const;
  bool operator==(const Date& o) const {
    return year == o.year && month == o.month && day == o.day && precision == o.precision;
  }
};

const char* precision_name(DatePrecision p);  // "year", "month", "day", or nullptr

// Years outside this range are treated as errors in the input, not as dates.
inline constexpr int kMinYear = 1000;
inline constexpr int kMaxYear = 2999;

int days_in_month(int year, int month);

// Days from 1970-01-01 to a day-precision date (negative before it); nullopt at a coarser precision.
std::optional<long> day_number(const Date& d);

// Parses the ISO 8601 forms archives use: "2023", "2023-07", "2023-07-23", and a date-time
// such as "2022-03-14T18:02:11+01:00", whose calendar date is kept as written (never
// converted to UTC). Trailing text after a date-time is ignored; anything else is nullopt.
std::optional<Date> parse_iso_date(std::string_view text);

}  // namespace depeche::util

#endif
