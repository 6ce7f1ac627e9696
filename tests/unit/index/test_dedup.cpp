#include "index/dedup.h"

#include "analysis/analyzer.h"

#include <gtest/gtest.h>

namespace dd = depeche::dedup;
using depeche::analysis::Analyzer;
using depeche::analysis::TokenList;

namespace {

const char* kStory =
    "Le conseil régional de Bretagne a adopté jeudi un plan de quarante millions d'euros pour moderniser les "
    "ports de pêche de Brest, Concarneau et Lorient. Les travaux commenceront au printemps et dureront trois ans. "
    "Les pêcheurs saluent une décision attendue depuis longtemps, mais regrettent que les criées ne soient pas "
    "concernées. Le président de la région a promis une seconde enveloppe l'an prochain si les chantiers avancent "
    "comme prévu. Les élus d'opposition dénoncent un calendrier trop serré et demandent une étude d'impact sur "
    "les zones humides voisines. La préfecture doit encore valider le projet avant l'été, après une consultation "
    "publique de six semaines ouverte à tous les habitants concernés par les travaux portuaires et leurs nuisances.";

dd::Signature sign(const std::string& title, const std::string& body) {
  static Analyzer analyzer;
  TokenList t, b;
  analyzer.tokenize(title, t);
  analyzer.tokenize(body, b);
  auto s = dd::signature(t, b);
  EXPECT_TRUE(s.has_value());
  return s.value_or(dd::Signature{});
}

double threshold(const std::string& body) {
  Analyzer analyzer;
  TokenList b;
  analyzer.tokenize(body, b);
  return dd::copy_threshold(b);
}

TEST(Dedup, CopyWithSmallEditsIsACopy) {
  std::string edited = kStory;
  edited.replace(edited.find("jeudi"), 5, "mercredi");
  edited.replace(edited.find("trois ans"), 9, "quatre ans");
  EXPECT_GE(dd::similarity(sign("Ports bretons", kStory), sign("Ports bretons", edited)), threshold(kStory));
}

TEST(Dedup, RetitledCopyWithBoilerplateIsACopy) {
  const std::string reposted = std::string(kStory) + " Avec agences. Lire aussi : notre dossier sur la pêche.";
  EXPECT_GE(dd::similarity(sign("Ports bretons : 40 millions", kStory), sign("Brest et Lorient modernisés", reposted)),
            threshold(kStory));
}

TEST(Dedup, AnotherStoryOnTheSameTopicIsNot) {
  const char* other =
      "À Lorient, les pêcheurs ont manifesté vendredi contre la hausse du prix du gazole, qui menace la rentabilité "
      "des chalutiers. Plusieurs bateaux sont restés à quai et la criée a fonctionné au ralenti. Le comité régional "
      "des pêches réclame une aide d'urgence de l'État et une réunion avec le ministre avant la fin du mois. "
      "Les mareyeurs craignent une pénurie de poisson frais dans les semaines qui viennent si le mouvement dure, "
      "et plusieurs restaurateurs de la ville disent déjà revoir leurs menus pour tenir compte des prix.";
  EXPECT_LT(dd::similarity(sign("Ports bretons", kStory), sign("Colère des pêcheurs", other)), dd::kCopyThreshold);
}

TEST(Dedup, ShortBodiesCountTheirTitle) {
  const std::string stock = "Chaque jour, un dessinateur du réseau publie en une un dessin sur l'actualité de la semaine.";
  const double same_title = dd::similarity(sign("Le dessin de Martin", stock), sign("Le dessin de Martin", stock));
  const double other_title = dd::similarity(sign("Le dessin de Martin", stock), sign("Une caricature signée Zoé Lambert", stock));
  EXPECT_EQ(same_title, 1.0);
  EXPECT_LT(other_title, dd::kShortCopyThreshold);
}

TEST(Dedup, SignatureRoundTripsAndBandsMatchForCopies) {
  const auto s = sign("Ports bretons", kStory);
  EXPECT_EQ(dd::decode(dd::encode(s)), s);
  EXPECT_EQ(dd::band_keys(s), dd::band_keys(sign("Autre titre", kStory)));
  EXPECT_FALSE(dd::decode("too short").has_value());
}

TEST(Dedup, TooShortTextHasNoSignature) {
  Analyzer analyzer;
  TokenList t, b;
  analyzer.tokenize("Brève", t);
  analyzer.tokenize("Trois mots seulement.", b);
  EXPECT_FALSE(dd::signature(t, b).has_value());
}

}  // namespace
