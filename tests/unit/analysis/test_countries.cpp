// CountryFinder: French country names as ICU spells them, found on the analyzer's tokens.
#include "analysis/analyzer.h"
#include "analysis/countries.h"

#include <gtest/gtest.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <string>
#include <vector>

using depeche::analysis::Analyzer;
using depeche::analysis::CountryFinder;
using depeche::analysis::TokenList;
using V = std::vector<std::string>;

namespace {

// ICU's French name for an ISO 3166 code (what CountryFinder reports).
std::string icu_french_name(const char* code) {
  icu::UnicodeString display;
  icu::Locale("", code).getDisplayCountry(icu::Locale("fr"), display);
  std::string name;
  display.toUTF8String(name);
  return name == code ? std::string() : name;
}

class Countries : public ::testing::Test {
 protected:
  V find(const std::string& text) {
    TokenList tokens;
    analyzer_.tokenize(text, tokens);
    return finder_.find(tokens);
  }
  Analyzer analyzer_;
  CountryFinder finder_{analyzer_};
};

}  // namespace

TEST_F(Countries, TableIsBuiltFromIcu) {
  EXPECT_GT(finder_.size(), 150u) << "ICU names about 250 countries and territories";
  EXPECT_EQ(icu_french_name("ML"), "Mali");
  EXPECT_EQ(icu_french_name("US"), "États-Unis");
}

TEST_F(Countries, FindsSingleWordNames) {
  EXPECT_EQ(find("Le ministre du Mali a rencontré l’ambassadeur de l’Iran à Paris."), (V{"Iran", "Mali"}));
  EXPECT_EQ(find("La France et le Sénégal signent un accord."), (V{"France", "Sénégal"}));
}

TEST_F(Countries, FindsNamesAtSentenceStartToo) {
  EXPECT_EQ(find("Mali : la récolte de coton progresse."), V{"Mali"});
}

TEST_F(Countries, FindsMultiWordHyphenatedName) {
  EXPECT_EQ(find("Les États-Unis ont réagi."), V{"États-Unis"});
  EXPECT_EQ(find("Les Etats-Unis ont réagi."), V{"États-Unis"}) << "folded: the accent may be missing";
  EXPECT_EQ(find("Washington, capitale des ÉTATS-UNIS."), V{"États-Unis"});
}

TEST_F(Countries, FindsCoteDIvoireIfIcuNamesIt) {
  const std::string name = icu_french_name("CI");
  if (name.empty()) GTEST_SKIP() << "ICU has no French name for CI";
  EXPECT_EQ(find("Le cacao de la Côte d’Ivoire s’exporte bien."), V{name});
  EXPECT_EQ(find("Le cacao de la Côte d'Ivoire s’exporte bien."), V{name}) << "with a straight apostrophe";
  EXPECT_EQ(find("Abidjan, en Cote d'Ivoire, accueille le sommet."), V{name}) << "without the accent";
}

TEST_F(Countries, LongestNameWins) {
  const std::string gq = icu_french_name("GQ"), gn = icu_french_name("GN");
  if (gq.empty() || gn.empty()) GTEST_SKIP() << "ICU lacks GQ or GN in French";
  ASSERT_EQ(gn, "Guinée");
  EXPECT_EQ(find("Le pétrole de la Guinée équatoriale intéresse Malabo."), V{gq});
  EXPECT_EQ(find("La Guinée vote dimanche."), V{gn});
}

TEST_F(Countries, EachCountryOnceAndSorted) {
  EXPECT_EQ(find("Le Mali et l’Iran. Le Mali encore, puis la France, puis le Mali."), (V{"France", "Iran", "Mali"}));
}

TEST_F(Countries, LowerCaseWordsAreNotCountries) {
  EXPECT_EQ(find("le mali, en minuscules dans une adresse"), V{});
  EXPECT_EQ(find("Les marins souffrent du mal de dos."), V{});
  EXPECT_EQ(find("Le Mal de dos touche les marins."), V{}) << "Mal is not Mali";
  EXPECT_EQ(find("une dinde farcie pour la france profonde"), V{});
  EXPECT_EQ(find("https://exemple.fr/mali-iran-cooperation"), V{});
}

TEST_F(Countries, PartsOfNamesAreNotCountries) {
  EXPECT_EQ(find("Le Malien Ousmane rentre à Malibu."), V{});
  EXPECT_EQ(find("Les Iraniens et les Français discutent."), V{});
}

TEST_F(Countries, NothingInEmptyText) { EXPECT_EQ(find(""), V{}); }
