// Our article text format (docs/sample-archive.md) and bad bytes (docs/robustness.md):
// parse_text_article on one file's content,
// read_input on files (recoding, NUL bytes, empty files, gzip).
#include "readers/reader.h"
#include "readers/text_reader.h"
#include "util/utf8.h"

#include "support/collect.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace std::string_literals;  // "...\0..."s keeps its NUL bytes
using depeche::Article;
using depeche::ArticleSink;
using depeche::InputFormat;
using depeche::InputName;
using depeche::ReadLimits;
using depeche::util::DatePrecision;

namespace {

using depeche::test::Collect;
using depeche::test::Problem;
using depeche::test::TempDir;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The synthetic seeds the project ships (tests/fixtures/seeds/README.md).
std::string seed(const char* name) { return std::string(DEPECHE_SOURCE_DIR) + "/tests/fixtures/seeds/" + name; }

Article parse(const std::string& content, Collect& sink, const std::string& display = "a/article.txt") {
  return depeche::parse_text_article(content, InputName{display, display}, sink);
}

// Reads one file written in `dir` through the public entry point, with automatic detection.
Collect read_file(const TempDir& dir, const std::string& name, const std::string& content,
                  InputFormat format = InputFormat::kAuto) {
  Collect sink;
  const std::string path = dir.write(name, content);
  depeche::read_input(InputName{path, name}, format, ReadLimits{}, sink);
  return sink;
}

}  // namespace

TEST(TextReader, FirstSeedHasMonthDateUrlTitleAndBody) {
  Collect sink;
  const Article a = parse(slurp(seed("000_iran-mali.txt")), sink, "000_iran-mali.txt");
  EXPECT_TRUE(sink.problems.empty()) << sink.describe();
  EXPECT_EQ(a.date.iso(), "2023-07");
  EXPECT_EQ(a.date.precision, DatePrecision::kMonth);
  EXPECT_EQ(a.url, "https://www.sahel-depeches.example/20230723/"
                   "l-iran-propose-au-mali-son-savoir-faire-en-telecommunications.html");
  EXPECT_EQ(a.id, a.url) << "an article with a URL is identified by it";
  EXPECT_EQ(a.source, "sahel-depeches.example");
  ASSERT_TRUE(a.title.has_value());
  EXPECT_EQ(*a.title, "L’Iran propose au Mali son savoir-faire en télécommunications et en cybersécurité");
  EXPECT_EQ(a.body.rfind("Téhéran se dit prêt à former des ingénieurs maliens", 0), 0u) << a.body.substr(0, 80);
  EXPECT_NE(a.body.find("23.07.2023, Agence Sahel Presse"), std::string::npos) << "the dateline stays in the text";
  EXPECT_NE(a.body.find("dans l’agriculture, l’irrigation et l’élevage."), std::string::npos);
  EXPECT_EQ(a.body.find("date 2023-07"), std::string::npos);
}

TEST(TextReader, SecondSeedHasNoUrlNoTitleAndBodyFromTheDateLine) {
  Collect sink;
  const Article a = parse(slurp(seed("001_reecriture.txt")), sink, "001_reecriture.txt");
  EXPECT_TRUE(sink.problems.empty()) << sink.describe();
  EXPECT_EQ(a.date.iso(), "2023-07");
  EXPECT_EQ(a.date.precision, DatePrecision::kMonth);
  EXPECT_TRUE(a.url.empty()) << a.url;
  EXPECT_TRUE(a.source.empty()) << a.source;
  EXPECT_FALSE(a.title.has_value()) << *a.title;
  EXPECT_EQ(a.id, "001_reecriture.txt");
  EXPECT_EQ(a.body.rfind("Le gouvernement malien a fait savoir cette semaine", 0), 0u) << a.body.substr(0, 100);
  // The paragraphs after the first one are part of the body, not a title.
  EXPECT_NE(a.body.find("Pour Bamako, cette offre tombe à point nommé."), std::string::npos);
  EXPECT_NE(a.body.find("C’est dans ce contexte que l’Iran cherche"), std::string::npos);
}

TEST(TextReader, SeedsThroughReadInputKeepTheirIdentity) {
  Collect sink;
  depeche::read_input(InputName{seed("001_reecriture.txt"), "001_reecriture.txt"}, InputFormat::kAuto, ReadLimits{}, sink);
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.id, "001_reecriture.txt");
  EXPECT_FALSE(a.title.has_value());
  // The header states 2023-07; "le mercredi 19 juillet" is the day of a meeting, no dateline.
  EXPECT_EQ(a.date.iso(), "2023-07");
  EXPECT_EQ(a.date.precision, DatePrecision::kMonth);

  // The first seed's standfirst ends with the dateline "23.07.2023, Agence Sahel Presse".
  const std::string first = seed("000_iran-mali.txt");
  Collect first_sink;
  depeche::read_input(InputName{first, "000_iran-mali.txt"}, InputFormat::kAuto, ReadLimits{}, first_sink);
  ASSERT_EQ(first_sink.articles.size(), 1u) << first_sink.describe();
  EXPECT_EQ(first_sink.articles[0].date.iso(), "2023-07-23");
  EXPECT_EQ(first_sink.articles[0].date.precision, DatePrecision::kDay);
}

TEST(TextReader, LeadingSpacesBeforeDateAndDayPrecision) {
  Collect sink;
  const Article a = parse("   \tdate 2021-03-05 https://www.ouest-exemple.fr/brest/port\n\nLe port de Brest\n\n"
                          "Les dockers ont déchargé trois navires.\n",
                          sink);
  EXPECT_TRUE(sink.problems.empty()) << sink.describe();
  EXPECT_EQ(a.date.precision, DatePrecision::kDay);
  EXPECT_EQ(a.date.iso(), "2021-03-05");
  EXPECT_EQ(a.url, "https://www.ouest-exemple.fr/brest/port");
  EXPECT_EQ(a.source, "ouest-exemple.fr");
  ASSERT_TRUE(a.title.has_value());
  EXPECT_EQ(*a.title, "Le port de Brest");
  EXPECT_EQ(a.body, "Les dockers ont déchargé trois navires.");
}

TEST(TextReader, TitleWithoutUrl) {
  Collect sink;
  const Article a = parse("date 2022-11\n\nLa récolte de coton\n\nLes paysans attendent la pluie.\nElle tarde.\n", sink,
                          "2022/coton.txt");
  EXPECT_TRUE(sink.problems.empty()) << sink.describe();
  EXPECT_TRUE(a.url.empty());
  EXPECT_EQ(a.id, "2022/coton.txt");
  ASSERT_TRUE(a.title.has_value());
  EXPECT_EQ(*a.title, "La récolte de coton");
  EXPECT_EQ(a.body, "Les paysans attendent la pluie.\nElle tarde.");
}

TEST(TextReader, InvalidDateIsReportedWithFileAndLineAndArticleKeptUndated) {
  for (const char* bad : {"2023-13", "2023-02-30", "juillet", "23-07-2023"}) {
    Collect sink;
    const Article a = parse(std::string("date ") + bad + "\n\nUn titre\n\nLe corps du texte.\n", sink, "x/mauvais.txt");
    ASSERT_EQ(sink.problems.size(), 1u) << bad << "\n" << sink.describe();
    EXPECT_EQ(sink.problems[0].file, "x/mauvais.txt");
    EXPECT_EQ(sink.problems[0].line, 1u);
    EXPECT_NE(sink.problems[0].message.find(bad), std::string::npos) << sink.problems[0].message;
    EXPECT_FALSE(a.date.valid()) << bad;
    ASSERT_TRUE(a.title.has_value()) << bad;
    EXPECT_EQ(*a.title, "Un titre");
    EXPECT_EQ(a.body, "Le corps du texte.");
  }
}

TEST(TextReader, InvalidDateThroughReadInputStillDeliversTheArticle) {
  TempDir dir;
  const Collect sink = read_file(dir, "2023/faux.txt", "date 2023-00-12\n\nTitre\n\nUn texte court.\n");
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  EXPECT_FALSE(sink.articles[0].date.valid());
  ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
  EXPECT_EQ(sink.problems[0].file, "2023/faux.txt");
  EXPECT_EQ(sink.problems[0].line, 1u);
}

TEST(TextReader, MissingHeaderIsReportedAndArticleKeptUndated) {
  Collect sink;
  const Article a = parse("Un titre sans date\n\nLe corps sans en-tête.\n", sink, "sans-date.txt");
  ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
  EXPECT_EQ(sink.problems[0].file, "sans-date.txt");
  EXPECT_EQ(sink.problems[0].line, 1u);
  EXPECT_FALSE(a.date.valid());
  EXPECT_NE(a.body.find("Le corps sans en-tête."), std::string::npos) << a.body;
}

TEST(TextReader, MissingHeaderThroughReadInputOfTxtFile) {
  TempDir dir;
  const Collect sink = read_file(dir, "notes/sans-date.txt", "Un titre sans date\n\nLe corps sans en-tête.\n");
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  EXPECT_FALSE(sink.articles[0].date.valid());
  EXPECT_EQ(sink.articles[0].id, "notes/sans-date.txt");
  ASSERT_FALSE(sink.problems.empty());
  EXPECT_EQ(sink.problems[0].file, "notes/sans-date.txt");
}

TEST(TextReader, Windows1252BytesAreRecodedWithOneProblem) {
  TempDir dir;
  // "Café", "été", "élève" in Windows-1252: é is the single byte 0xE9.
  const Collect sink = read_file(dir, "cp1252.txt",
                                 "date 2022-05\n\nCaf\xE9 du port\n\nL'\xE9t\xE9, l'\xE9l\xE8ve boit un caf\xE9.\n");
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  const Article& a = sink.articles[0];
  ASSERT_TRUE(a.title.has_value());
  EXPECT_EQ(*a.title, "Café du port");
  EXPECT_EQ(a.body, "L'été, l'élève boit un café.");
  EXPECT_TRUE(depeche::util::is_valid_utf8(a.body));
  ASSERT_EQ(sink.problems.size(), 1u) << "one warning per file, not one per byte\n" << sink.describe();
  EXPECT_EQ(sink.problems[0].file, "cp1252.txt");
  EXPECT_EQ(sink.problems[0].line, 3u) << "the first bad byte is on line 3";
  EXPECT_EQ(a.date.iso(), "2022-05");
}

TEST(TextReader, Windows1252PunctuationIsRecoded) {
  TempDir dir;
  // 0x92 is ’ and 0x9C is œ in Windows-1252.
  const Collect sink = read_file(dir, "quotes.txt", "date 2022-05\n\nTitre\n\nL\x92\x9Cuvre est finie.\n");
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  EXPECT_EQ(sink.articles[0].body, "L’œuvre est finie.");
  EXPECT_EQ(sink.problems.size(), 1u) << sink.describe();
}

// Windows-1252 leaves five bytes undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D): U+FFFD, not the C1
// control characters ICU maps them to (docs/robustness.md).
TEST(TextReader, UndefinedWindows1252BytesBecomeReplacementCharacters) {
  TempDir dir;
  const Collect sink = read_file(dir, "c1.txt", "date 2022-05\n\nTitre\n\nUn \x81 octet et un caf\xE9.\n");
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  EXPECT_EQ(sink.articles[0].body, "Un \uFFFD octet et un café.");
  EXPECT_EQ(sink.problems.size(), 1u) << sink.describe();
}

// After a byte-order mark, or with --encoding, what the conversion replaced or dropped was silent.
TEST(TextReader, RepairsAfterAByteOrderMarkOrAForcedCharsetAreReported) {
  TempDir dir;
  const Collect bom = read_file(dir, "bom.txt", "\xEF\xBB\xBF" "date 2022-05\n\nTitre\n\nCaf\xE9 et \x00nul.\n"s);
  ASSERT_EQ(bom.articles.size(), 1u) << bom.describe();
  EXPECT_EQ(bom.articles[0].body, "Café et nul.");
  ASSERT_EQ(bom.problems.size(), 2u) << bom.describe();
  EXPECT_EQ(bom.problems[0].message, "invalid UTF-8, read as Windows-1252");
  EXPECT_EQ(bom.problems[1].message, "NUL bytes dropped");

  Collect forced;
  ReadLimits limits;
  limits.encoding = "windows-1252";
  const std::string path = dir.write("force.txt", "date 2022-05\n\nTitre\n\nUn \x81 octet.\n");
  depeche::read_input(InputName{path, "force.txt"}, InputFormat::kAuto, limits, forced);
  ASSERT_EQ(forced.articles.size(), 1u) << forced.describe();
  ASSERT_EQ(forced.problems.size(), 1u) << forced.describe();
  EXPECT_EQ(forced.problems[0].message, "bytes not valid in windows-1252 replaced with U+FFFD");
}

TEST(TextReader, NulBytesAreDroppedAndArticleKept) {
  TempDir dir;
  const char raw[] = "date 2022-05\n\nLe ti\0tre\n\nLe co\0\0rps du texte.\n";
  const std::string content(raw, sizeof raw - 1);
  ASSERT_EQ(std::count(content.begin(), content.end(), '\0'), 3);
  const Collect sink = read_file(dir, "nul.txt", content);
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  const Article& a = sink.articles[0];
  ASSERT_TRUE(a.title.has_value());
  EXPECT_EQ(*a.title, "Le titre");
  EXPECT_EQ(a.body, "Le corps du texte.");
  EXPECT_EQ(a.body.find('\0'), std::string::npos);
  EXPECT_EQ(a.date.iso(), "2022-05");
}

TEST(TextReader, EmptyFileGivesNoArticleAndIsReported) {
  TempDir dir;
  for (const InputFormat format : {InputFormat::kAuto, InputFormat::kText}) {
    const Collect sink = read_file(dir, "vide.txt", "", format);
    EXPECT_TRUE(sink.articles.empty());
    ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
    EXPECT_EQ(sink.problems[0].file, "vide.txt");
  }
}

TEST(TextReader, BlankFileGivesNoArticle) {
  TempDir dir;
  const Collect sink = read_file(dir, "blanc.txt", "\n  \n\t\n", InputFormat::kText);
  EXPECT_TRUE(sink.articles.empty());
  EXPECT_FALSE(sink.problems.empty());
}

// Blank lines before the header once made the date line the title: undated, URL lost.
TEST(TextReader, BlankLinesBeforeTheHeaderAreSkipped) {
  Collect sink;
  const Article a = parse("\n \n\ndate 2023-07-01 https://exemple.fr/vide\nTitre\n\nCorps.\n", sink);
  EXPECT_TRUE(sink.problems.empty()) << sink.describe();
  EXPECT_EQ(a.date.iso(), "2023-07-01");
  EXPECT_EQ(a.url, "https://exemple.fr/vide");
  EXPECT_EQ(a.title, "Titre");
  EXPECT_EQ(a.body, "Corps.");
  parse("\n\ndate 2023-13\nTitre\n\nCorps.\n", sink);
  ASSERT_EQ(sink.problems.size(), 1u);
  EXPECT_EQ(sink.problems[0].line, 3u) << "the header's own line";
}

TEST(TextReader, CrlfLinesAndUpperCaseSchemes) {
  Collect sink;
  const Article a = parse("date 2023-07-01 HTTPS://Exemple.fr/Crlf\r\nTitre\r\n\r\nUne ligne.\r\nUne autre.\r\n", sink);
  EXPECT_EQ(a.url, "HTTPS://Exemple.fr/Crlf");
  EXPECT_EQ(a.title, "Titre");
  EXPECT_EQ(a.body, "Une ligne.\nUne autre.") << "no carriage return kept";
}

// A paragraph over 300 bytes is body, even alone before a blank line.
TEST(TextReader, LongFirstParagraphIsNotATitle) {
  Collect sink;
  const std::string paragraph(330, 'a');
  const Article a = parse("date 2023-07-01\n" + paragraph + ".\n\nSuite.\n", sink);
  EXPECT_FALSE(a.title);
  EXPECT_EQ(a.body, paragraph + ".\n\nSuite.");
}

TEST(TextReader, HeaderAloneIsReportedAndSkipped) {
  TempDir dir;
  const Collect sink = read_file(dir, "seul.txt", "date 2023-07-01 https://exemple.fr/seul\n\n\n");
  EXPECT_TRUE(sink.articles.empty()) << sink.describe();
  ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
  EXPECT_EQ(sink.problems[0].message, "article has neither title nor text; skipped");
}

TEST(TextReader, GzipFileIsReadTransparently) {
  TempDir dir;
  const std::string content =
      "date 2024-01-15 https://alpes-exemple.fr/neige\n\nLa neige revient\n\nLes stations rouvrent leurs pistes.\n";
  const std::string path = (dir / "hiver/neige.txt.gz");
  fs::create_directories(fs::path(path).parent_path());
  gzFile gz = gzopen(path.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  ASSERT_EQ(gzwrite(gz, content.data(), static_cast<unsigned>(content.size())), static_cast<int>(content.size()));
  ASSERT_EQ(gzclose(gz), Z_OK);
  ASSERT_NE(slurp(path).substr(0, 2), "da") << "the file on disk is compressed";

  Collect sink;
  depeche::read_input(InputName{path, "hiver/neige.txt.gz"}, InputFormat::kAuto, ReadLimits{}, sink);
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  EXPECT_TRUE(sink.problems.empty()) << sink.describe();
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.date.iso(), "2024-01-15");
  EXPECT_EQ(a.url, "https://alpes-exemple.fr/neige");
  ASSERT_TRUE(a.title.has_value());
  EXPECT_EQ(*a.title, "La neige revient");
  EXPECT_EQ(a.body, "Les stations rouvrent leurs pistes.");
}

TEST(TextReader, LongArticleIsCutToMaxArticleBytes) {
  TempDir dir;
  std::string body;
  while (body.size() < 4000) body += "Le glacier recule chaque été. ";
  const std::string path = dir.write("long.txt", "date 2023-08\n\nGlaciers\n\n" + body + "\n");
  Collect sink;
  depeche::read_input(InputName{path, "long.txt"}, InputFormat::kAuto, ReadLimits{1 << 20, 1000}, sink);
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  EXPECT_LE(sink.articles[0].body.size(), 1000u);
  EXPECT_GT(sink.articles[0].body.size(), 500u);
  EXPECT_TRUE(depeche::util::is_valid_utf8(sink.articles[0].body));
  ASSERT_FALSE(sink.problems.empty());
  EXPECT_EQ(sink.problems[0].file, "long.txt");
}

TEST(TextReader, YearOnlyHeaderIsAYearPrecisionDate) {
  Collect sink;
  const Article a = parse("date 2021 https://www.ouest-exemple.fr/bilan\n\nBilan de l'année\n\nLe port a grandi.\n", sink);
  EXPECT_TRUE(sink.problems.empty()) << sink.describe();
  EXPECT_EQ(a.date.precision, DatePrecision::kYear);
  EXPECT_EQ(a.date.iso(), "2021");
  EXPECT_EQ(a.url, "https://www.ouest-exemple.fr/bilan");
}

// The seeds' two quirks, on synthetic text (issue 33): a month header refined by a dateline that
// ends the standfirst, and a month header kept when only a sentence names a day.
TEST(TextReader, MonthHeaderRefinedByADatelineNotByASentence) {
  TempDir dir;
  Collect refined = read_file(dir, "a.txt",
                              " date 2023-07 https://radio-cote.example/20230712/port\n\nLe port s'agrandit\n\n"
                              "Les dockers ont voté l'extension, rapporte la presse locale... 12.07.2023, Radio Côte\n\n"
                              "Le conseil s'était réuni mercredi 5 juillet.La décision est prise.\n");
  ASSERT_EQ(refined.articles.size(), 1u) << refined.describe();
  EXPECT_EQ(refined.articles[0].date.iso(), "2023-07-12");
  EXPECT_EQ(refined.articles[0].date.precision, DatePrecision::kDay);

  Collect kept = read_file(dir, "b.txt",
                           " date 2023-07 Le conseil municipal a voté le budget lors d'une séance tendue, le mercredi "
                           "19 juillet dernier.\n\nLe maire a promis des travaux depuis le 3 juillet.\n");
  ASSERT_EQ(kept.articles.size(), 1u) << kept.describe();
  EXPECT_EQ(kept.articles[0].date.iso(), "2023-07");
  EXPECT_EQ(kept.articles[0].date.precision, DatePrecision::kMonth);
}

TEST(TextReader, DatelineFormsRefineMonthAndYearHeaders) {
  TempDir dir;
  auto date_of = [&](const std::string& header, const std::string& dateline) {
    const Collect sink = read_file(dir, "f.txt", "date " + header + "\n\nLa crue de la Loire\n\n" + dateline +
                                                     "\n\nLes quais sont fermés. Le 19 janvier, le préfet a parlé.\n");
    return sink.articles.empty() ? std::string("none") : sink.articles[0].date.iso();
  };
  EXPECT_EQ(date_of("2023-01", "Publié le 31 janvier 2023 à 18h02"), "2023-01-31");
  EXPECT_EQ(date_of("2023-01", "mardi 31 janvier 2023 à 18h02"), "2023-01-31");
  EXPECT_EQ(date_of("2023-01", "Mis à jour le 31 janvier 2023 à 18h02"), "2023-01-31");
  EXPECT_EQ(date_of("2023-01", "31/01/2023 18:02"), "2023-01-31");
  EXPECT_EQ(date_of("2023-01", "31.01.2023 à 18:02"), "2023-01-31");
  EXPECT_EQ(date_of("2023-01", "Ouest Exemple, 31.01.2023"), "2023-01-31");
  EXPECT_EQ(date_of("2023-01", "(AFP) 31/01/2023"), "2023-01-31");
  EXPECT_EQ(date_of("2023", "Publié le 31 janvier 2023 à 18h02"), "2023-01-31") << "a year header too";
  EXPECT_EQ(date_of("2023-01", "Publié le 3 février 2023"), "2023-01") << "another month: not taken";
  EXPECT_EQ(date_of("2023-01-30", "Publié le 31 janvier 2023"), "2023-01-30") << "a day stays";
  EXPECT_EQ(date_of("2023-01", "Les eaux montent depuis le 3 janvier 2023."), "2023-01");
}
