#include "index/dedup.h"

#include "analysis/analyzer.h"

#include <gtest/gtest.h>

#include <algorithm>

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

dd::Shingles shingles_of(const std::string& body) {
  static Analyzer analyzer;
  TokenList b;
  analyzer.tokenize(body, b);
  return dd::shingles(body, b);
}

TEST(Dedup, CopyWithSmallEditsIsACopy) {
  std::string edited = kStory;
  edited.replace(edited.find("jeudi"), 5, "mercredi");
  edited.replace(edited.find("trois ans"), 9, "quatre ans");
  EXPECT_GE(dd::similarity(shingles_of(kStory), shingles_of(edited)), dd::kCopyThreshold);
}

TEST(Dedup, AnotherStoryOnTheSameTopicIsNot) {
  const char* other =
      "À Lorient, les pêcheurs ont manifesté vendredi contre la hausse du prix du gazole, qui menace la rentabilité "
      "des chalutiers. Plusieurs bateaux sont restés à quai et la criée a fonctionné au ralenti. Le comité régional "
      "des pêches réclame une aide d'urgence de l'État et une réunion avec le ministre avant la fin du mois. "
      "Les mareyeurs craignent une pénurie de poisson frais dans les semaines qui viennent si le mouvement dure, "
      "et plusieurs restaurateurs de la ville disent déjà revoir leurs menus pour tenir compte des prix.";
  EXPECT_LT(dd::similarity(shingles_of(kStory), shingles_of(other)), dd::kCopyThreshold);
}

TEST(Dedup, ProseLinesAreNotCode) {
  for (const char* prose : {"Les travaux commenceront au printemps.", "Source : Assurance Maladie", "7 jours",
                            "(à partir de la date du début des signes", "Les écoles ;", "Activer", "", "   ",
                            "Le vote a eu lieu mardi = une première depuis 2017."})
    EXPECT_FALSE(dd::is_code_line(prose)) << prose;
}

TEST(Dedup, CodeLinesAreCode) {
  for (const char* code : {"font-family: \"Marr Sans\", Helvetica, Arial;", "margin: 1rem auto;",
                           ".article-body blockquote, .article__content .article__cite {", "\"type\": \"bar\",",
                           "require([\"d3\"], function (d3) {", "ticking = false;", "c0-1.6,1.3-2.8,2.8-2.8H102.1 M102.1,132.7",
                           "103.04,", "],", "\"Chypre\",", "boutonSon.classList.toggle(\"unmuted\");", "1 000000",
                           "data-widget-apple=\"https://podcasts.example/la-monnaie-de-main-en-main/id16\""})
    EXPECT_TRUE(dd::is_code_line(code)) << code;
}

TEST(Dedup, CodeIsNotShingled) {
  const std::string css =
      "\n.graphique {\nfont-family: \"Marr Sans\", Helvetica, Arial;\nmargin: 1rem auto;\n}\n"
      "\"data\": [103.04, 66.36, 33.45],\nc0-1.6,1.3-2.8,2.8-2.8H102.1 M102.1,132.7H48.5c-2.1\n";
  EXPECT_EQ(shingles_of(kStory + css).hashes, shingles_of(kStory).hashes);
  EXPECT_TRUE(shingles_of(css + css + css).hashes.empty());
}

TEST(Dedup, AShortBodyKeepsEveryShingleALongOneHalfItsFirstThenAnEighth) {
  const dd::Shingles teaser = shingles_of("Retrouvez chaque soir les résultats du scrutin, circonscription par circonscription, "
                                          "avec la carte des candidats qualifiés pour le second tour.");
  EXPECT_TRUE(teaser.whole);
  EXPECT_EQ(teaser.hashes.size(), 20u - dd::kShingleWords + 1) << "20 words, every shingle";
  const std::string story = std::string(kStory) + " " + kStory + " " + kStory;  // about 330 words
  const dd::Shingles long_story = shingles_of(story);
  EXPECT_FALSE(long_story.whole);
  for (std::uint64_t s : long_story.hashes) {
    EXPECT_EQ(s % dd::kHeadSampleEvery, 0u) << "every shingle kept is in the head's sample";
    EXPECT_LT(s, std::uint64_t{1} << dd::kShingleBits);
  }
  const dd::Shingles head = shingles_of(story.substr(0, story.find("Les pêcheurs")));  // 35 words
  ASSERT_TRUE(head.whole);
  const auto head_kept = static_cast<std::size_t>(std::count_if(head.hashes.begin(), head.hashes.end(), [&](std::uint64_t s) {
    return std::binary_search(long_story.hashes.begin(), long_story.hashes.end(), s);
  }));
  const auto head_halves = static_cast<std::size_t>(std::count_if(
      head.hashes.begin(), head.hashes.end(), [](std::uint64_t s) { return s % dd::kHeadSampleEvery == 0; }));
  EXPECT_EQ(head_kept, head_halves) << "the first words' shingles of the half sample are all kept";
  EXPECT_LT(long_story.hashes.size(), head.hashes.size() / 2 + 60u) << "then about one in 8 of the 270 others";
}

TEST(Dedup, TooFewOwnShinglesAreNobodysCopy) {
  const dd::Shingles few = shingles_of("Trois mots seulement, puis rien.");
  EXPECT_LT(few.hashes.size(), dd::kMinOwnShingles);
  EXPECT_EQ(dd::similarity(few, few), 0.0) << "too short to tell a copy from a coincidence";
  EXPECT_EQ(dd::similarity(dd::Shingles{}, dd::Shingles{}), 0.0);
}

TEST(Dedup, ALongAndAShortBodyCompareTheirSampledShingles) {
  const dd::Shingles story = shingles_of(kStory);
  dd::Shingles head = story;
  head.whole = true;
  EXPECT_EQ(dd::similarity(story, head), 1.0) << "the same sample either way";
}

}  // namespace

// The page a URL names, as its publisher numbers it; nothing from a date, a query string or a
// malformed address.
TEST(Dedup, SamePageKeyIsTheHostAndThePublishersNumber) {
  using depeche::dedup::same_page_key;
  EXPECT_EQ(same_page_key("https://www.lemonde.fr/international/article/2022/11/29/guerre-en-ukraine_6117346_3212.html"),
            "lemonde.fr/6117346");
  EXPECT_EQ(same_page_key("https://WWW.LeMonde.fr/live/2022/10/07/guerre_6117346_3211.html"), "lemonde.fr/6117346");
  EXPECT_EQ(same_page_key("http://news.example/a/1234567/"), "news.example/1234567") << "the last segment";
  EXPECT_EQ(same_page_key("https://news.example/2022/11/29/titre-du-jour"), "") << "a date is no page number";
  EXPECT_EQ(same_page_key("https://news.example/archives/20221129-titre.html"), "") << "nor is YYYYMMDD";
  EXPECT_EQ(same_page_key("https://news.example/archives/202211-titre.html"), "") << "nor YYYYMM";
  EXPECT_EQ(same_page_key("https://news.example/article?id=1234567"), "") << "the path only";
  EXPECT_EQ(same_page_key("https://news.example/a/12345"), "") << "five digits are too few";
  EXPECT_EQ(same_page_key("https://news.example/a/" + std::string(19, '7')), "") << "nineteen too many";
  EXPECT_EQ(same_page_key("https://news.example/a/123456-titre-654321789"), "news.example/654321789") << "the longest";
  for (const char* odd : {"", "1234567", "://1234567", "http:///1234567", "https://host", "mailto:x@y.fr/1234567"})
    EXPECT_EQ(same_page_key(odd), "") << odd;
}
