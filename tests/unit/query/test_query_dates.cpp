// take_preferred_period: a date typed among a query's words, taken out of them as a period to prefer.
#include "query/query_dates.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using depeche::lex;
using depeche::LexemeKind;
using depeche::take_preferred_period;

namespace {

// The period found in `query` ("" if none), and the words left, space-separated, in `left`.
std::string period_of(const std::string& query, std::string* left = nullptr) {
  std::vector<depeche::Lexeme> lexemes = lex(query);
  const auto period = take_preferred_period(lexemes);
  if (left) {
    left->clear();
    for (const auto& l : lexemes)
      if (l.kind != LexemeKind::kEnd) left->append(left->empty() ? "" : " ").append(l.text);
  }
  return period ? period->date.iso() + "=" + period->text : "";
}

}  // namespace

TEST(QueryDates, MonthAndYearAmongWords) {
  std::string left;
  EXPECT_EQ(period_of("adopté jeux novembre 2022", &left), "2022-11=novembre 2022");
  EXPECT_EQ(left, "adopté jeux");
  EXPECT_EQ(period_of("Novembre 2022 adopté", &left), "2022-11=Novembre 2022");
  EXPECT_EQ(left, "adopté");
}

TEST(QueryDates, DaysYearsAndIsoForms) {
  EXPECT_EQ(period_of("feu d'artifice 14 juillet 2016"), "2016-07-14=14 juillet 2016");
  EXPECT_EQ(period_of("grève 1er août 2023"), "2023-08-01=1er août 2023");
  EXPECT_EQ(period_of("retraites 2023"), "2023=2023");
  EXPECT_EQ(period_of("retraites 2023-01"), "2023-01=2023-01");
  EXPECT_EQ(period_of("\"réforme des retraites\" 2023"), "2023=2023") << "a phrase is something else to search";
}

TEST(QueryDates, ADateAloneStaysWords) {
  std::string left;
  EXPECT_EQ(period_of("2022", &left), "");
  EXPECT_EQ(left, "2022");
  EXPECT_EQ(period_of("novembre 2022"), "");
  EXPECT_EQ(period_of("source:lemonde.fr 2022"), "") << "a filter is not a word to search";
}

TEST(QueryDates, NotNumbersThatAreNoYearNorWordsTheUserBound) {
  EXPECT_EQ(period_of("1500 manifestants"), "");
  EXPECT_EQ(period_of("manifestants 12000"), "");
  EXPECT_EQ(period_of("accord NOT 2022"), "");
  EXPECT_EQ(period_of("accord -2022"), "");
  EXPECT_EQ(period_of("accord OR 2022"), "");
  EXPECT_EQ(period_of("accord NEAR 2022"), "");
  EXPECT_EQ(period_of("mercredi 19 juillet accord"), "") << "a day without its year names no period";
}

TEST(QueryDates, OnlyTheFirstDateIsTaken) {
  std::string left;
  EXPECT_EQ(period_of("jeux 2022 2023", &left), "2022=2022");
  EXPECT_EQ(left, "jeux 2023");
}
