// CountryFinder: French country names (ICU's and the press's), found on the analyzer's tokens, each
// under one canonical name, and not inside other proper names.
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
  std::string canonical(const std::string& written) {
    const std::string* name = finder_.canonical(written, analyzer_);
    return name ? *name : std::string("(none)");
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

TEST_F(Countries, AliasesGiveOneCanonicalName) {
  EXPECT_EQ(find("Les combats reprennent dans l’est de la RDC."), V{"République démocratique du Congo"});
  EXPECT_EQ(find("La République démocratique du Congo vote."), V{"République démocratique du Congo"});
  EXPECT_EQ(find("Kinshasa, capitale du Congo-Kinshasa."), V{"République démocratique du Congo"});
  EXPECT_EQ(find("La junte du Myanmar et l’opposition de Birmanie."), V{"Birmanie"});
  EXPECT_EQ(find("La Grande-Bretagne et le Royaume-Uni."), V{"Royaume-Uni"});
  EXPECT_EQ(find("Les USA et les Etats-Unis."), V{"États-Unis"});
  EXPECT_EQ(find("Bangui, en Centrafrique, et la République centrafricaine."), V{"Centrafrique"});
  EXPECT_EQ(find("Les Emirats investissent."), V{"Émirats arabes unis"});
  EXPECT_EQ(find("Hanoï, au Vietnam."), V{"Viêt Nam"});
  EXPECT_EQ(find("La République tchèque, ou Tchéquie."), V{"Tchéquie"});
  EXPECT_EQ(find("Bichkek, au Kirghizistan."), V{"Kirghizstan"});
  EXPECT_EQ(find("Le Vatican et le Saint-Siège."), V{"Vatican"});
  EXPECT_EQ(find("Un État de Palestine reconnu."), V{"Palestine"});
  EXPECT_EQ(find("Brazzaville, capitale de la République du Congo."), V{"Congo-Brazzaville"});
  EXPECT_EQ(find("Le fleuve Congo déborde."), V{}) << "Congo alone names either Congo";
}

TEST_F(Countries, EveryCapitalOfTheNameMustBeWritten) {
  EXPECT_EQ(find("Saint-Denis, à La Réunion, sous la pluie."), V{"La Réunion"});
  EXPECT_EQ(find("La réunion de samedi est reportée."), V{});
  EXPECT_EQ(find("Les élus de l’Arabie Saoudite et de l’Arabie saoudite."), V{"Arabie saoudite"});
}

TEST_F(Countries, HyphenToACapitalisedWordMakesAnotherName) {
  EXPECT_EQ(find("Selon Météo-France, il pleuvra en Ile-de-France."), V{});
  EXPECT_EQ(find("Une dépêche de l’Agence France-Presse."), V{});
  EXPECT_EQ(find("Le match se joue au stade Maurice-David."), V{});
  EXPECT_EQ(find("Une campagne anti-France circule."), V{"France"}) << "joined to a lower-case word";
  EXPECT_EQ(find("Le match France-Allemagne est complet."), (V{"Allemagne", "France"})) << "two countries";
}

TEST_F(Countries, CapitalisedWordOrNumberAfterMakesAnotherName) {
  EXPECT_EQ(find("Il parlait sur France Inter puis sur France 5."), V{});
  EXPECT_EQ(find("Un documentaire de France Télévisions."), V{});
  EXPECT_EQ(find("Il vit en France. Macron le sait."), V{"France"}) << "a new sentence is not part of the name";
  EXPECT_EQ(find("Il vit en France, Paul aussi."), V{"France"}) << "punctuation separates";
  EXPECT_EQ(find("GUERRE EN UKRAINE ET EN RUSSIE"), (V{"Russie", "Ukraine"})) << "capitalised prepositions";
  EXPECT_EQ(find("Le Mondial Qatar 2022 et France 24."), V{});
  EXPECT_EQ(find("Un film.\n\nFrance 5, 16 septembre, à 21 heures."), V{});
  EXPECT_EQ(find("Battue par l’Espagne 25 à 29, puis par la Suède 2-1."), (V{"Espagne", "Suède"})) << "scores";
  EXPECT_EQ(find("Des réfugiés : l’Italie 27 000, la Grèce 12 000."), (V{"Grèce", "Italie"})) << "figures";
}

TEST_F(Countries, CapitalisedWordBeforeMakesAnotherName) {
  EXPECT_EQ(find("Il travaille pour Radio France depuis 2010."), V{});
  EXPECT_EQ(find("Le gouverneur du New Jersey parle."), V{});
  EXPECT_EQ(find("Mais la France refuse."), V{"France"});
}

TEST_F(Countries, HeadWordsMakeAnotherName) {
  EXPECT_EQ(find("Il remporte la Coupe de France et l’Open d’Australie."), V{});
  EXPECT_EQ(find("Il bat le record de France avec l’équipe de France."), V{});
  EXPECT_EQ(find("Une promenade au jardin du Luxembourg, puis au Palais du Luxembourg."), V{});
  EXPECT_EQ(find("Le Championnat de France de natation et le Tour de France."), V{});
  EXPECT_EQ(find("Le président de la France et celui du Luxembourg."), (V{"France", "Luxembourg"}));
  EXPECT_EQ(find("Après l’Espagne, c’est au tour du Portugal."), (V{"Espagne", "Portugal"})) << "tour, lower-case";
}

TEST_F(Countries, FirstNameAndSurnameIsAPerson) {
  EXPECT_EQ(find("Le procès de Dominique Strauss-Kahn s’ouvre."), V{});
  EXPECT_EQ(find("Le Boléro de Maurice Ravel est joué."), V{});
  EXPECT_EQ(find("Une toile de Salvador Dali est vendue."), V{});
}

TEST_F(Countries, FirstNamesCountAfterAnArticleOrPreposition) {
  const std::string mu = icu_french_name("MU"), sv = icu_french_name("SV");
  if (mu != "Maurice" || sv != "Salvador") GTEST_SKIP() << "ICU names MU or SV otherwise";
  EXPECT_EQ(find("Des élections au Salvador."), V{"Salvador"});
  EXPECT_EQ(find("Le tourisme reprend à l’île Maurice."), V{"Maurice"});
  EXPECT_EQ(find("Maurice est arrivé hier."), V{}) << "a first name alone";
  EXPECT_EQ(find("Le carnaval de Salvador de Bahia."), V{});
}

TEST_F(Countries, NamesListedAsNotCountries) {
  EXPECT_EQ(find("Un député de La France insoumise parle."), V{});
  EXPECT_EQ(find("Le candidat de Debout la France parle."), V{});
  EXPECT_EQ(find("Belfast, en Irlande du Nord."), V{});
}

TEST_F(Countries, CanonicalResolvesAnyNameIgnoringCaseAndAccents) {
  EXPECT_EQ(canonical("RDC"), "République démocratique du Congo");
  EXPECT_EQ(canonical("rdc"), "République démocratique du Congo");
  EXPECT_EQ(canonical("republique democratique du congo"), "République démocratique du Congo");
  EXPECT_EQ(canonical("vietnam"), "Viêt Nam");
  EXPECT_EQ(canonical("Viêt Nam"), "Viêt Nam");
  EXPECT_EQ(canonical("brésil"), "Brésil");
  EXPECT_EQ(canonical("France insoumise"), "(none)") << "not a country";
  EXPECT_EQ(canonical("Frnace"), "(none)");
}

TEST_F(Countries, NearestNamesTheClosestCountry) {
  EXPECT_EQ(finder_.nearest("Frnace", analyzer_), "France");
  EXPECT_EQ(finder_.nearest("japn", analyzer_), "Japon");
  EXPECT_EQ(finder_.nearest("Birmani", analyzer_), "Birmanie");
}
