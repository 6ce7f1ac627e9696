// A date typed among a query's words ("adopté jeux novembre 2022", "retraites 2023", "14 juillet
// 2016") is a preference, not words to require: the articles of that period rank first.
// docs/query-syntax.md, "Dates among the words".
#ifndef DEPECHE_INCLUDED_QUERY_QUERY_DATES_H
#define DEPECHE_INCLUDED_QUERY_QUERY_DATES_H

#include "query/query_lexer.h"
#include "util/date.h"

#include <optional>
#include <string>
#include <vector>

namespace depeche {

struct PreferredPeriod {
  util::Date date;   // a year, a month or a day
  std::string text;  // as typed: "novembre 2022"
};

// Takes the first date written as plain words out of `lexemes` and returns it: a French date
// ending with its year ("novembre 2022", "14 juillet 2016", "1er août 2023"), an ISO date
// (2022-11, 2022-11-14) or a year alone (1900-2099). Only when another word or phrase remains to
// search: "2022" alone, or with filters only, stays a word. Words next to an operator (NOT 2022,
// -2022, 2022 NEAR x, a OR 2022) are the user's, never taken.
std::optional<PreferredPeriod> take_preferred_period(std::vector<Lexeme>& lexemes);

}  // namespace depeche

#endif
