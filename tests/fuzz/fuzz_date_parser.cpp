// fuzz_date_parser: util::parse_date and util::find_dateline, the dates archives hold
// (ISO 8601, RFC 822, French written and numeric dates, datelines).
// The first input byte picks the month or year given to find_dateline and the default year given
// to parse_date (some years out of [kMinYear, kMaxYear] on purpose); the rest is the text.
// Properties: every date returned is well formed (fuzz_support.h check_date); parse_date gives
// the same answer on the text with surrounding blanks (it trims); find_dateline returns a day,
// and only a day of the month or year it was given (date_parse.h: "nor is a day outside
// `within`"), nothing for an article already dated to the day, and on an undated article a day
// that it also finds when told that day's month (the period only narrows what is taken).
#include "fuzz_support.h"
#include "util/date_parse.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace {

constexpr const char* kTarget = "fuzz_date_parser";
constexpr int kYears[] = {2023, 2024, 2000, 1900, 1000, 2999, 999, 3000, 0, -1, 99999, 2147483647};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace depeche::util;
  if (size == 0) return 0;
  const std::uint8_t selector = data[0];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

  const std::optional<Date> plain = parse_date(text);
  if (plain) depeche::fuzz::check_date(kTarget, *plain);
  const std::string padded = " \t" + std::string(text) + "\n ";
  const std::optional<Date> trimmed = parse_date(padded);
  DEPECHE_FUZZ_CHECK(kTarget, plain.has_value() == trimmed.has_value() && (!plain || *plain == *trimmed));

  const int default_year = kYears[(selector >> 4) % (sizeof kYears / sizeof kYears[0])];
  if (auto d = parse_date(text, default_year)) depeche::fuzz::check_date(kTarget, *d);

  const int year = (selector & 0x80) ? 2023 : 1999 + (selector >> 4);
  const Date month{year, 1 + (selector & 0x0F) % 12, 0, DatePrecision::kMonth};
  auto check_inside = [](const std::optional<Date>& d, const Date& within) {
    if (!d) return;
    depeche::fuzz::check_date(kTarget, *d);
    DEPECHE_FUZZ_CHECK(kTarget, d->precision == DatePrecision::kDay && d->year == within.year &&
                                    (within.precision == DatePrecision::kYear || d->month == within.month));
  };
  check_inside(find_dateline(text, month), month);
  const Date year_only{year, 0, 0, DatePrecision::kYear};
  check_inside(find_dateline(text, year_only), year_only);
  if (auto any = find_dateline(text, Date{})) {
    depeche::fuzz::check_date(kTarget, *any);
    DEPECHE_FUZZ_CHECK(kTarget, any->precision == DatePrecision::kDay);
    DEPECHE_FUZZ_CHECK(kTarget, find_dateline(text, Date{any->year, any->month, 0, DatePrecision::kMonth}).has_value());
  }
  // Already a day: nothing to refine.
  const Date day{year, month.month, 1, DatePrecision::kDay};
  DEPECHE_FUZZ_CHECK(kTarget, !find_dateline(text, day));
  return 0;
}
