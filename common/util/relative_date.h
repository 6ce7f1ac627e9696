// Dates and times relative to now, as a reader types them in a filter: 24h, 7d, 2w, 3m, 1y,
// today, yesterday, and the French aujourd'hui and hier. A saved search keeps them as typed and
// reads them again at each run; within one run they count from one instant, so that a batch or a
// search with several filters that spans midnight reads them all alike.
#ifndef DEPECHE_INCLUDED_UTIL_RELATIVE_DATE_H
#define DEPECHE_INCLUDED_UTIL_RELATIVE_DATE_H

#include "util/date.h"

#include <ctime>
#include <optional>
#include <string_view>

namespace depeche::util {

// The forms, for messages and help.
inline constexpr const char* kRelativeDateForms = "24h, 7d, 2w, 3m, 1y, today, yesterday, aujourd'hui or hier";
// The largest count a form takes (a century of days): more is a typo, not a date.
inline constexpr long kMaxRelativeCount = 36600;

// The instant relative dates count from: the time of this function's first call in the process.
std::time_t run_start();

// The local calendar day that `text` names, counted back from `now`: today and aujourd'hui the
// day of `now`, yesterday and hier the one before, Nh the day N hours before, Nd and Nw N days and
// N weeks before, Nm and Ny N calendar months and years before (the 31st becomes the month's last
// day); nullopt when `text` is none of those forms.
std::optional<Date> relative_day(std::string_view text, std::time_t now);

// The instant that `text` names, for times of indexing: Nh, Nd and Nw that many hours, days and
// weeks before `now`, Nm and Ny the same local time that many months and years before, today and
// yesterday the local midnight that begins that day; nullopt when `text` is none of the forms.
std::optional<std::time_t> relative_instant(std::string_view text, std::time_t now);

}  // namespace depeche::util

#endif
