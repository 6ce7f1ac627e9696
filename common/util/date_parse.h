// Reading the dates news archives hold: ISO 8601, RFC 822 (feeds), French written dates
// ("19 juillet 2023", "1er août 2023", "mercredi 19 juillet") and numeric "23.07.2023" / "23/07/2023".
// French month and weekday names come from ICU's locale data, not from a list of ours.
#ifndef DEPECHE_INCLUDED_UTIL_DATE_PARSE_H
#define DEPECHE_INCLUDED_UTIL_DATE_PARSE_H

#include "util/date.h"

#include <optional>
#include <string_view>

namespace depeche::util {

// The whole of `text` (trimmed) as one date in any of the forms above; nullopt otherwise.
// A French date without a year ("mercredi 19 juillet") needs `default_year`.
std::optional<Date> parse_date(std::string_view text, std::optional<int> default_year = std::nullopt);

// The first day-precision date written in `text` that falls inside `month` (a month-precision
// date): how a header saying "2023-07" is refined from a body saying "23.07.2023". Dates of other
// months are never taken. nullopt when the text names no day of that month.
std::optional<Date> find_day_in_month(std::string_view text, const Date& month);

}  // namespace depeche::util

#endif
