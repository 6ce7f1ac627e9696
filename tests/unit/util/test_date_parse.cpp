// util::parse_date and util::find_dateline: the day a dateline gives, never one a sentence names
// (issue 33, docs/query-syntax.md "Where dates come from").
#include "util/date_parse.h"

#include <gtest/gtest.h>

#include <string>

using depeche::util::Date;
using depeche::util::DatePrecision;
using depeche::util::find_dateline;
using depeche::util::parse_date;

namespace {

const Date kJuly2023{2023, 7, 0, DatePrecision::kMonth};
const Date kYear2023{2023, 0, 0, DatePrecision::kYear};
const Date kUndated{};

// The day find_dateline gives as ISO, or "none".
std::string dateline(const std::string& text, const Date& within = kJuly2023) {
  const auto d = find_dateline(text, within);
  return d ? d->iso() : "none";
}

// A text of many lines whose line `at` (0-based) is `line`: head, middle or foot.
std::string long_text(const std::string& line, std::size_t at) {
  std::string text;
  for (std::size_t i = 0; i < 12; ++i)
    text += (i == at ? line : "Le paragraphe " + std::to_string(i) + " raconte la réunion des ministres.") + "\n\n";
  return text;
}

}  // namespace

TEST(ParseDate, WrittenNumericAndIso) {
  EXPECT_EQ(parse_date("23.07.2023")->iso(), "2023-07-23");
  EXPECT_EQ(parse_date(" 23/07/2023 ")->iso(), "2023-07-23");
  EXPECT_EQ(parse_date("le 19 juillet 2023")->iso(), "2023-07-19");
  EXPECT_EQ(parse_date("1er août 2023")->iso(), "2023-08-01");
  EXPECT_EQ(parse_date("Wed, 19 Jul 2023 10:00:00 +0200")->iso(), "2023-07-19");
  EXPECT_EQ(parse_date("mercredi 19 juillet", 2023)->iso(), "2023-07-19");
  EXPECT_FALSE(parse_date("mercredi 19 juillet"));
  EXPECT_FALSE(parse_date("23.07.2023 Sputnik")) << "the whole text is one date";
  EXPECT_FALSE(parse_date("23.07/2023")) << "one separator throughout";
  EXPECT_FALSE(parse_date("23. 07. 2023"));
  EXPECT_FALSE(parse_date("31/02/2023"));
}

// The first seed's quirk: a month header and a dateline ending the standfirst.
TEST(FindDateline, SourceDatelineEndingTheStandfirstRefinesTheMonth) {
  EXPECT_EQ(dateline("Le port s'agrandit\nLes dockers ont voté, rapporte la presse locale... 12.07.2023, Radio Côte\n"
                     "Le conseil s'est réuni mercredi 5 juillet.La décision est prise."),
            "2023-07-12");
}

// The second seed's quirk: a month header and a sentence naming a day of that month.
TEST(FindDateline, SentenceNamingADayLeavesTheMonth) {
  EXPECT_EQ(dateline("Le conseil municipal a voté le budget lors d'une séance tendue, le mercredi 19 juillet dernier.\n\n"
                     "Le maire a promis des travaux."),
            "none");
  EXPECT_EQ(dateline("Le 19 juillet, le ministre a reçu les syndicats."), "none");
  EXPECT_EQ(dateline("Les prix montent depuis le 3 juillet 2023."), "none");
  EXPECT_EQ(dateline("Depuis le 3 juillet 2023"), "none") << "a capitalised word glued to a date is no source";
  EXPECT_EQ(dateline("Le rapport publié le 3 juillet 2023 accuse la mairie."), "none");
  EXPECT_EQ(dateline("Rendez-vous le 3 juillet 2023 à 18h devant la mairie."), "none");
  EXPECT_EQ(dateline("mercredi 19 juillet"), "none") << "a date without its year needs a marker or a time";
  EXPECT_EQ(dateline("Le 10 juillet 2023, M. Dupont paie 120 euros."), "none") << "a sentence cut at \"M. \"";
  EXPECT_EQ(dateline("Arles, samedi 15 juillet 2023. Depuis deux semaines, la ville attend."), "none")
      << "a scene set at the start of a paragraph";
}

// Photo captions name where and when a picture was taken, not when the article appeared.
TEST(FindDateline, PhotoCaptionsAreNoDatelines) {
  EXPECT_EQ(dateline("Au Blanc-Marais (Seine-Maritime), le 21 juillet 2023. JEAN DUPOND"), "none");
  EXPECT_EQ(dateline("Budapest, le 27 juillet 2023"), "none");
  EXPECT_EQ(dateline("Le 27 juillet 2023"), "none") << "\"le\" before a date only after a marker";
}

TEST(FindDateline, FormsOfADateline) {
  EXPECT_EQ(dateline("Publié le 31 juillet 2023 à 18h02"), "2023-07-31");
  EXPECT_EQ(dateline("Publiée le 1er juillet 2023"), "2023-07-01");
  EXPECT_EQ(dateline("Mis en ligne le 04/07/2023"), "2023-07-04");
  EXPECT_EQ(dateline("mardi 11 juillet 2023 à 18h02"), "2023-07-11");
  EXPECT_EQ(dateline("11/07/2023 18:02"), "2023-07-11");
  EXPECT_EQ(dateline("11.07.2023 à 18:02"), "2023-07-11");
  EXPECT_EQ(dateline("11 juillet 2023"), "2023-07-11") << "a date alone on its line";
  EXPECT_EQ(dateline("Sputnik Afrique, 23.07.2023"), "2023-07-23");
  EXPECT_EQ(dateline("23.07.2023, Sputnik Afrique"), "2023-07-23");
  EXPECT_EQ(dateline("(AFP) 31/07/2023"), "2023-07-31");
  EXPECT_EQ(dateline("Le Monde avec AFP | 31 juil. 2023 – 07:15"), "2023-07-31");
  EXPECT_EQ(dateline("Publié le mardi 11 juillet à 18h02"), "2023-07-11") << "the year from the header";
  EXPECT_EQ(dateline("PARIS, 12 juillet 2023 (AFP) - Le gouvernement a présenté son plan."), "2023-07-12");
  EXPECT_EQ(dateline("Le gouvernement a présenté son plan. Publié le 12 juillet 2023."), "2023-07-12");
  EXPECT_EQ(dateline("Le gouvernement a présenté son plan. 12 juillet 2023"), "none")
      << "a bare date cut from a paragraph needs a source, a time or a marker";
}

TEST(FindDateline, UpdateOnlyWhenNoOtherDateline) {
  EXPECT_EQ(dateline("Mis à jour le 20 juillet 2023 à 09h15"), "2023-07-20");
  EXPECT_EQ(dateline("Publié le 18 juillet 2023 à 18h02, mis à jour le 20 juillet 2023 à 09h15"), "2023-07-18");
  EXPECT_EQ(dateline("Mis à jour le 20 juillet 2023\nPublié le 18 juillet 2023"), "2023-07-18");
  EXPECT_EQ(dateline("Dernière mise à jour : 20/07/2023"), "2023-07-20");
  EXPECT_EQ(dateline("mise à jour le 20 juillet 2023"), "none") << "a marker opening a line is capitalised";
}

TEST(FindDateline, HeadAndFootOnlyUnlessMarked) {
  EXPECT_EQ(dateline(long_text("12/07/2023 18:02", 1)), "2023-07-12");
  EXPECT_EQ(dateline(long_text("Radio Côte, 12.07.2023", 11)), "2023-07-12");
  EXPECT_EQ(dateline(long_text("12/07/2023 18:02", 6)), "none") << "a schedule in the middle of the text";
  EXPECT_EQ(dateline(long_text("Publié le 12 juillet 2023", 6)), "2023-07-12");
  EXPECT_EQ(dateline(long_text("Actualisé le 12 juillet 2023", 6)), "none") << "a chart's update note";
}

TEST(FindDateline, OnlyInsideTheStatedPeriod) {
  EXPECT_EQ(dateline("Publié le 31 août 2023"), "none") << "another month than the header's";
  EXPECT_EQ(dateline("Publié le 31 août 2023", kYear2023), "2023-08-31");
  EXPECT_EQ(dateline("Publié le 31 août 2022", kYear2023), "none");
  EXPECT_EQ(dateline("Publié le 31 août 2022", kUndated), "2022-08-31");
  EXPECT_EQ(dateline("Publié le mardi 31 janvier à 18h02", kUndated), "none") << "no year to take";
  EXPECT_EQ(dateline("Publié le 31 août 2023", Date{2023, 8, 12, DatePrecision::kDay}), "none") << "already a day";
  EXPECT_EQ(dateline("Publié le 31 juin 2023"), "none") << "no such day";
}
