#include "util/date.h"

#include <cstdio>

namespace depeche::util {
namespace {

bool read_digits(std::string_view s, std::size_t pos, std::size_t count, int& value) {
  if (pos + count > s.size()) return false;
  value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::optional<long> day_number(const Date& d) {
  if (d.precision != DatePrecision::kDay) return std::nullopt;
  // Counted in years that begin on 1 March, so that a leap day ends its year; 719,468 days from
  // 0000-03-01 to 1970-01-01.
  const long year = d.month <= 2 ? d.year - 1 : d.year;
  const long month_from_march = (d.month + 9) % 12;
  const long day_of_year = (153 * month_from_march + 2) / 5 + d.day - 1;
  const long era = year / 400, year_of_era = year % 400;
  const long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

const char* precision_name(DatePrecision p) {
  switch (p) {
    case DatePrecision::kYear: return "year";
    case DatePrecision::kMonth: return "month";
    case DatePrecision::kDay: return "day";
    case DatePrecision::kNone: break;
  }
  return nullptr;
}

std::string Date::iso() const {
  char buf[16];
  switch (precision) {
    case DatePrecision::kYear: std::snprintf(buf, sizeof buf, "%04d", year); break;
    case DatePrecision::kMonth: std::snprintf(buf, sizeof buf, "%04d-%02d", year, month); break;
    case DatePrecision::kDay: std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day); break;
    case DatePrecision::kNone: return {};
  }
  return buf;
}

std::optional<Date> parse_iso_date(std::string_view s) {
  Date d;
  if (!read_digits(s, 0, 4, d.year) || d.year < kMinYear || d.year > kMaxYear) return std::nullopt;
  if (s.size() == 4) {
    d.precision = DatePrecision::kYear;
    return d;
  }
  if (s[4] != '-' || !read_digits(s, 5, 2, d.month) || d.month < 1 || d.month > 12) return std::nullopt;
  if (s.size() == 7) {
    d.precision = DatePrecision::kMonth;
    return d;
  }
  if (s.size() < 10 || s[7] != '-' || !read_digits(s, 8, 2, d.day) || d.day < 1 ||
      d.day > days_in_month(d.year, d.month))
    return std::nullopt;
  if (s.size() > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
  d.precision = DatePrecision::kDay;
  return d;
}

}  // namespace depeche::util
