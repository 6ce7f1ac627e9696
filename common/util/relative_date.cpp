#include "util/relative_date.h"

#include <algorithm>

namespace depeche::util {
namespace {

struct Form {
  long count = 0;
  char unit = 0;       // 'h', 'd', 'w', 'm', 'y'
  bool named = false;  // today, yesterday...: a whole day, not a span back from now
};

std::optional<Form> read_form(std::string_view text) {
  if (text == "today" || text == "aujourd'hui" || text == "aujourd\u2019hui") return Form{0, 'd', true};
  if (text == "yesterday" || text == "hier") return Form{1, 'd', true};
  if (text.size() < 2) return std::nullopt;
  const char unit = text.back();
  if (unit != 'h' && unit != 'd' && unit != 'w' && unit != 'm' && unit != 'y') return std::nullopt;
  Form form{0, unit, false};
  for (char c : text.substr(0, text.size() - 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    form.count = form.count * 10 + (c - '0');
    if (form.count > kMaxRelativeCount) return std::nullopt;
  }
  return form;
}

// `local` moved back by `months` calendar months, its day kept or clamped to the month's last.
std::tm months_before(std::tm local, long months) {
  const long month_index = local.tm_year * 12L + local.tm_mon - months;
  local.tm_year = static_cast<int>(month_index / 12);
  local.tm_mon = static_cast<int>(month_index % 12);
  local.tm_mday = std::min(local.tm_mday, days_in_month(local.tm_year + 1900, local.tm_mon + 1));
  return local;
}

std::tm local_time(std::time_t t) {
  std::tm local{};
  localtime_r(&t, &local);
  return local;
}

std::optional<Date> valid_day(const std::tm& local) {
  const int year = local.tm_year + 1900;
  if (year < kMinYear || year > kMaxYear) return std::nullopt;
  return Date{year, local.tm_mon + 1, local.tm_mday, DatePrecision::kDay};
}

}  // namespace

std::time_t run_start() {
  static const std::time_t start = std::time(nullptr);
  return start;
}

std::optional<Date> relative_day(std::string_view text, std::time_t now) {
  const std::optional<Form> form = read_form(text);
  if (!form) return std::nullopt;
  std::tm local = local_time(now);
  switch (form->unit) {
    case 'h': return valid_day(local_time(now - form->count * 3600));
    case 'm': return valid_day(months_before(local, form->count));
    case 'y': return valid_day(months_before(local, form->count * 12));
    default: break;
  }
  // Days are counted on the calendar, at noon, so that a change to or from summer time moves no day.
  local.tm_mday -= static_cast<int>(form->unit == 'w' ? 7 * form->count : form->count);
  local.tm_hour = 12;
  local.tm_min = local.tm_sec = 0;
  local.tm_isdst = -1;
  const std::time_t noon = std::mktime(&local);
  if (noon == static_cast<std::time_t>(-1)) return std::nullopt;
  return valid_day(local_time(noon));
}

std::optional<std::time_t> relative_instant(std::string_view text, std::time_t now) {
  const std::optional<Form> form = read_form(text);
  if (!form) return std::nullopt;
  if (form->named) {  // the local midnight that begins the day
    const std::optional<Date> day = relative_day(text, now);
    if (!day) return std::nullopt;
    std::tm midnight{};
    midnight.tm_year = day->year - 1900;
    midnight.tm_mon = day->month - 1;
    midnight.tm_mday = day->day;
    midnight.tm_isdst = -1;
    const std::time_t t = std::mktime(&midnight);
    return t == static_cast<std::time_t>(-1) ? std::nullopt : std::optional<std::time_t>(t);
  }
  switch (form->unit) {
    case 'h': return now - form->count * 3600;
    case 'd': return now - form->count * 86400;
    case 'w': return now - form->count * 7 * 86400;
    default: break;
  }
  std::tm local = months_before(local_time(now), form->unit == 'y' ? form->count * 12 : form->count);
  local.tm_isdst = -1;
  const std::time_t t = std::mktime(&local);
  return t == static_cast<std::time_t>(-1) ? std::nullopt : std::optional<std::time_t>(t);
}

}  // namespace depeche::util
