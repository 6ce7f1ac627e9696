// Reading the dates news archives hold: ISO 8601, RFC 822 (feeds), French written dates
// ("19 juillet 2023", "1er août 2023", "mercredi 19 juillet") and numeric "23.07.2023" / "23/07/2023",
// and the datelines that give an article's publication day.
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

// The month (1-12) a French month's full name gives, in any case, with or without accents
// ("novembre", "Août", "aout"); 0 for any other word.
int french_month(std::string_view word);

// The publication day that a dateline of `text` gives, inside `within` (the article's coarser
// date: a month, a year, or none). A dateline is a piece of text made only of dates, times,
// source names, separators and publication markers:
//   - a line of its own ("31 janvier 2023", "mardi 31 janvier 2023 à 18h02", "31/01/2023 18:02",
//     "Sputnik Afrique, 23.07.2023", "(AFP) 31/01/2023");
//   - or the start or end of a paragraph, cut from its sentences by a sentence end or a spaced
//     dash, with a source, a time or a marker beside the date ("... 23.07.2023, Sputnik Afrique",
//     "PARIS, 31 janvier 2023 (AFP) - Le ...").
// It counts in the first 4 or last 3 lines of the text, or anywhere after a marker ("Publié le",
// "Mis en ligne le", "Mis à jour le", "Modifié le", "Actualisé le"). A date without its year takes
// `within`'s, but only after a marker or before a time. "Mis à jour" gives the day only when no other
// dateline does. A date that a sentence talks about ("le mercredi 19 juillet dernier", "depuis le
// 3 juillet 2023", "le 19 juillet, le ministre a...") is never taken; nor is a day outside `within`.
// nullopt when `within` is already a day, or when no dateline gives one.
std::optional<Date> find_dateline(std::string_view text, const Date& within);

}  // namespace depeche::util

#endif
