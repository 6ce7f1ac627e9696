// JSON Lines input: identity (docs/robustness.md), dates as stated (docs/output-format.md), and
// hostile or damaged lines.
#include "readers/article_fields.h"
#include "readers/jsonl_reader.h"
#include "readers/reader.h"
#include "util/utf8.h"

#include "support/collect.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
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

const InputName kName{"flux/depeches.jsonl", "flux/depeches.jsonl"};

std::optional<Article> parse_line(const std::string& line, Collect& sink, std::size_t line_no = 7) {
  return depeche::parse_jsonl_line(line, kName, line_no, sink);
}

Collect read_file(const TempDir& dir, const std::string& name, const std::string& content,
                  const ReadLimits& limits = {}) {
  Collect sink;
  const std::string path = dir.write(name, content);
  depeche::read_input(InputName{path, name}, InputFormat::kAuto, limits, sink);
  return sink;
}

}  // namespace

TEST(JsonlReader, AllFieldsAreRead) {
  Collect sink;
  const auto a = parse_line(
      R"({"id":"AFP-2023.07/Brest:12","url":"https://www.ouest-exemple.fr/port","source":"Ouest Exemple",)"
      R"("date":"2023-07-12","title":"Le port de Brest","body":"Les dockers déchargent.","section":"économie",)"
      R"("lang":"fr","author":"Anne Kerloc'h"})",
      sink);
  ASSERT_TRUE(a) << sink.describe();
  EXPECT_TRUE(sink.problems.empty()) << sink.describe();
  EXPECT_EQ(a->id, "AFP-2023.07/Brest:12");
  EXPECT_EQ(a->url, "https://www.ouest-exemple.fr/port");
  EXPECT_EQ(a->source, "Ouest Exemple") << "a given source wins over the URL's host";
  EXPECT_EQ(a->date.iso(), "2023-07-12");
  ASSERT_TRUE(a->title);
  EXPECT_EQ(*a->title, "Le port de Brest");
  EXPECT_EQ(a->body, "Les dockers déchargent.");
  EXPECT_EQ(a->section, "économie");
  EXPECT_EQ(a->lang, "fr");
  EXPECT_EQ(a->author, "Anne Kerloc'h");
}

TEST(JsonlReader, IdIsKeptVerbatim) {
  Collect sink;
  for (const std::string id : {"  Mixed Case/Id?x=1&y=2#frag ", "https://exemple.fr/a", "\u00c9T\u00c9-2023", "42"}) {
    const auto a = parse_line(R"({"id":")" + id + R"(","url":"https://autre.fr/b","body":"Un texte."})", sink);
    ASSERT_TRUE(a) << id << "\n" << sink.describe();
    EXPECT_EQ(a->id, id);
  }
  // A numeric id is kept as its decimal text.
  const auto n = parse_line(R"({"id":1234567,"body":"Un texte."})", sink);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->id, "1234567");
  // Past long long, an id once wrapped to a negative number, and collided with it.
  for (const std::string id : {"18446744073709551615", "9223372036854775808", "-9223372036854775808", "-1"}) {
    const auto big = parse_line(R"({"id":)" + id + R"(,"body":"Un texte."})", sink);
    ASSERT_TRUE(big);
    EXPECT_EQ(big->id, id);
  }
  EXPECT_TRUE(sink.problems.empty()) << sink.describe();
  // Past 64 bits, or with a fraction, the number is not kept exactly: not an id, and said so.
  const auto huge = parse_line(R"({"id":123456789012345678901234,"body":"Un texte."})", sink);
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->id.rfind("depeches.jsonl#", 0), 0u) << "named as if it had none";
  ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
  EXPECT_NE(sink.problems[0].message.find("is not a string or a 64-bit integer; ignored"), std::string::npos)
      << sink.describe();
}

TEST(JsonlReader, IdFromUrlWhenMissing) {
  Collect sink;
  const auto a = parse_line(R"({"url":"https://www.lemonde-exemple.fr/article/123?utm=x","body":"Un texte."})", sink);
  ASSERT_TRUE(a) << sink.describe();
  EXPECT_EQ(a->id, "https://www.lemonde-exemple.fr/article/123?utm=x");
  const auto empty_id = parse_line(R"({"id":"","url":"https://exemple.fr/z","body":"Un texte."})", sink);
  ASSERT_TRUE(empty_id);
  EXPECT_EQ(empty_id->id, "https://exemple.fr/z");
}

// Neither id nor URL: a record is named by its file's name and its content (docs/robustness.md).
TEST(JsonlReader, IdFromFileNameAndContentWhenNeitherIdNorUrl) {
  Collect sink;
  const auto a = parse_line(R"({"title":"Sans identifiant","body":"Un texte."})", sink, 3);
  ASSERT_TRUE(a) << sink.describe();
  EXPECT_EQ(a->id.rfind("depeches.jsonl#", 0), 0u) << a->id;
  EXPECT_EQ(a->id.size(), std::string("depeches.jsonl#").size() + 16) << a->id;
  EXPECT_TRUE(a->url.empty());
  EXPECT_TRUE(a->source.empty());
  EXPECT_EQ(parse_line(R"({"title":"Sans identifiant","body":"Un texte."})", sink, 9)->id, a->id) << "not by line";
  EXPECT_NE(parse_line(R"({"title":"Sans identifiant","body":"Un autre texte."})", sink, 3)->id, a->id);
  EXPECT_NE(parse_line(R"({"title":"Sans identifiant","body":"Un texte.","date":"2023-01-02"})", sink, 3)->id, a->id);
}

// Removing a line renamed every record below it: one article lost, another stored twice.
TEST(JsonlReader, RemovingALineRenamesNoOtherRecord) {
  TempDir dir;
  const Collect before = read_file(dir, "archive/sans-id.jsonl",
                                   "{\"body\":\"Premier.\"}\n\n{\"body\":\"Troisième.\"}\n{\"body\":\"Quatrième.\"}\n");
  const Collect after = read_file(dir, "archive/sans-id.jsonl", "{\"body\":\"Troisième.\"}\n{\"body\":\"Quatrième.\"}\n");
  ASSERT_EQ(before.articles.size(), 3u) << before.describe();
  ASSERT_EQ(after.articles.size(), 2u) << after.describe();
  EXPECT_EQ(after.articles[0].id, before.articles[1].id);
  EXPECT_EQ(after.articles[1].id, before.articles[2].id);
  EXPECT_EQ(before.articles[0].id.rfind("sans-id.jsonl#", 0), 0u) << "the file's name, not its folder";
  const Collect elsewhere = read_file(dir, "other/sans-id.jsonl", "{\"body\":\"Premier.\"}\n");
  ASSERT_EQ(elsewhere.articles.size(), 1u);
  EXPECT_EQ(elsewhere.articles[0].id, before.articles[0].id) << "the same record in another folder is the same article";
}

TEST(JsonlReader, SourceFromUrlHostWithoutWww) {
  Collect sink;
  struct Case {
    const char* url;
    const char* source;
  };
  for (const Case& c : {Case{"https://www.lemonde-exemple.fr/international/x.html", "lemonde-exemple.fr"},
                        Case{"https://fr.sputniknews.africa/20230723/x.html", "fr.sputniknews.africa"},
                        Case{"http://WWW.Ouest-Exemple.FR:8080/a?b=c", "ouest-exemple.fr"},
                        Case{"https://wwwinfo.exemple.fr/a", "wwwinfo.exemple.fr"}}) {
    const auto a = parse_line(std::string(R"({"url":")") + c.url + R"(","body":"Un texte."})", sink);
    ASSERT_TRUE(a) << c.url;
    EXPECT_EQ(a->source, c.source) << c.url;
  }
}

TEST(JsonlReader, DateTimeKeepsItsOwnCalendarDate) {
  Collect sink;
  const auto a = parse_line(R"({"id":"x","date":"2022-03-14T18:02:11+01:00","body":"Un texte."})", sink);
  ASSERT_TRUE(a) << sink.describe();
  EXPECT_EQ(a->date.iso(), "2022-03-14");
  EXPECT_EQ(a->date.precision, DatePrecision::kDay);
  // Late evening west of UTC: in UTC it is already the 15th, but the article says the 14th.
  const auto late = parse_line(R"({"id":"y","date":"2022-03-14T23:30:00-05:00","body":"Un texte."})", sink);
  ASSERT_TRUE(late);
  EXPECT_EQ(late->date.iso(), "2022-03-14");
  // Just after midnight east of UTC: in UTC it is still the 13th.
  const auto early = parse_line(R"({"id":"z","date":"2022-03-14T00:30:00+02:00","body":"Un texte."})", sink);
  ASSERT_TRUE(early);
  EXPECT_EQ(early->date.iso(), "2022-03-14");
  EXPECT_TRUE(sink.problems.empty()) << sink.describe();
}

TEST(JsonlReader, MonthAndYearPrecisionDates) {
  Collect sink;
  const auto month = parse_line(R"({"id":"m","date":"2021-11","body":"Un texte."})", sink);
  ASSERT_TRUE(month);
  EXPECT_EQ(month->date.precision, DatePrecision::kMonth);
  EXPECT_EQ(month->date.iso(), "2021-11");
  const auto year = parse_line(R"({"id":"y","date":"2020","body":"Un texte."})", sink);
  ASSERT_TRUE(year);
  EXPECT_EQ(year->date.precision, DatePrecision::kYear);
  EXPECT_EQ(year->date.iso(), "2020");
}

TEST(JsonlReader, InvalidDateIsReportedAndArticleKeptUndated) {
  Collect sink;
  const auto a = parse_line(R"({"id":"x","date":"2022-02-30","body":"Un texte."})", sink, 12);
  ASSERT_TRUE(a);
  EXPECT_FALSE(a->date.valid());
  ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
  EXPECT_EQ(sink.problems[0].file, "flux/depeches.jsonl");
  EXPECT_EQ(sink.problems[0].line, 12u);
}

TEST(JsonlReader, BlankLineIsSkippedSilently) {
  Collect sink;
  EXPECT_FALSE(parse_line("   \t\r", sink));
  EXPECT_TRUE(sink.problems.empty());
}

TEST(JsonlReader, MalformedLineIsReportedAndTheNextLinesStillRead) {
  TempDir dir;
  const Collect sink = read_file(dir, "flux.jsonl",
                                 "{\"id\":\"a\",\"body\":\"Premier texte.\"}\n"
                                 "{\"id\":\"b\",\"body\":\"Texte coupé\n"
                                 "[1, 2, 3]\n"
                                 "{\"id\":\"c\",\"body\":\"Troisième texte.\"}\n"
                                 "{\"id\":\"d\",\"body\":\"Quatrième texte.\"}\n");
  ASSERT_EQ(sink.articles.size(), 3u) << sink.describe();
  EXPECT_EQ(sink.articles[0].id, "a");
  EXPECT_EQ(sink.articles[1].id, "c");
  EXPECT_EQ(sink.articles[2].id, "d");
  ASSERT_EQ(sink.problems.size(), 2u) << sink.describe();
  EXPECT_EQ(sink.problems[0].file, "flux.jsonl");
  EXPECT_EQ(sink.problems[0].line, 2u);
  EXPECT_EQ(sink.problems[1].line, 3u) << "an array is not an article";
}

TEST(JsonlReader, DeeplyNestedJsonDoesNotCrashAndIsReported) {
  const std::size_t depth = 100000;
  const std::string arrays = std::string(depth, '[') + std::string(depth, ']');
  {
    Collect sink;
    EXPECT_FALSE(parse_line(arrays, sink, 5));
    ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
    EXPECT_EQ(sink.problems[0].line, 5u);
  }
  {  // Unclosed: malformed as well as deep.
    Collect sink;
    EXPECT_FALSE(parse_line(std::string(depth, '['), sink, 6));
    ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
    EXPECT_EQ(sink.problems[0].line, 6u);
  }
  {  // An article object carrying a deep value, then a good line: read on, report the deep one.
    TempDir dir;
    std::string objects;
    for (std::size_t i = 0; i < depth; ++i) objects += "{\"a\":";
    objects += "1" + std::string(depth, '}');
    const Collect sink = read_file(dir, "profond.jsonl",
                                   "{\"id\":\"profond\",\"body\":\"Un texte.\",\"extra\":" + objects + "}\n" +
                                       arrays + "\n{\"id\":\"suivant\",\"body\":\"Un autre texte.\"}\n");
    ASSERT_FALSE(sink.articles.empty()) << sink.describe();
    EXPECT_EQ(sink.articles.back().id, "suivant");
    bool line2_reported = false;
    for (const Problem& p : sink.problems) line2_reported = line2_reported || p.line == 2;
    EXPECT_TRUE(line2_reported) << sink.describe();
  }
}

TEST(JsonlReader, DeepValueInsideAnArticleIsReported) {
  // The reader drops values nested past its depth limit; dropping part of a line must not be silent.
  const std::size_t depth = 100000;
  std::string objects;
  for (std::size_t i = 0; i < depth; ++i) objects += "{\"a\":";
  objects += "1" + std::string(depth, '}');
  Collect sink;
  parse_line("{\"id\":\"profond\",\"title\":\"Titre\",\"body\":\"Un texte.\",\"extra\":" + objects + "}", sink, 4);
  ASSERT_EQ(sink.problems.size(), 1u) << "a line nested " << depth << " deep is reported\n" << sink.describe();
  EXPECT_EQ(sink.problems[0].line, 4u);
}

TEST(JsonlReader, OverLongLineIsSkippedWithAMessage) {
  TempDir dir;
  const std::string long_body(500, 'x');
  const Collect sink = read_file(dir, "long.jsonl",
                                 "{\"id\":\"court\",\"body\":\"Un texte.\"}\n"
                                 "{\"id\":\"long\",\"body\":\"" + long_body + "\"}\n"
                                 "{\"id\":\"apres\",\"body\":\"Un autre texte.\"}\n",
                                 ReadLimits{200, 1 << 20});
  ASSERT_EQ(sink.articles.size(), 2u) << sink.describe();
  EXPECT_EQ(sink.articles[0].id, "court");
  EXPECT_EQ(sink.articles[1].id, "apres");
  ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
  EXPECT_EQ(sink.problems[0].file, "long.jsonl");
  EXPECT_EQ(sink.problems[0].line, 2u);
  EXPECT_NE(sink.problems[0].message.find("200"), std::string::npos) << "names the limit: " << sink.problems[0].message;
}

TEST(JsonlReader, OverLongBodyIsCutToMaxArticleBytes) {
  TempDir dir;
  std::string body;
  while (body.size() < 1000) body += "été ";  // multi-byte characters, so a cut can fall inside one
  const Collect sink = read_file(dir, "gros.jsonl", "{\"id\":\"gros\",\"title\":\"Titre\",\"body\":\"" + body + "\"}\n",
                                 ReadLimits{1 << 20, 101});
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  const std::string& cut = sink.articles[0].body;
  EXPECT_LE(cut.size(), 101u);
  EXPECT_GE(cut.size(), 98u);
  EXPECT_TRUE(depeche::util::is_valid_utf8(cut));
  EXPECT_EQ(body.compare(0, cut.size(), cut), 0) << "the beginning is kept";
  ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
  EXPECT_EQ(sink.problems[0].line, 1u);
}

TEST(JsonlReader, InvalidUtf8IsRecodedAndReported) {
  TempDir dir;
  const Collect sink = read_file(dir, "latin.jsonl", "{\"id\":\"a\",\"body\":\"Caf\xE9 cr\xE8me.\"}\n");
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  EXPECT_EQ(sink.articles[0].body, "Café crème.");
  ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
  EXPECT_EQ(sink.problems[0].line, 1u);
}

TEST(JsonlReader, EscapedNulCharactersAreDroppedAndReported) {
  // A raw NUL byte is dropped before parsing; "\u0000" only appears once the JSON is decoded.
  Collect sink;
  const auto a = parse_line(R"({"id":"n\u0000ul","title":"Titre\u0000nul","body":"Le\u0000 corps.","date":"2023-01-05\u0000"})",
                            sink, 3);
  ASSERT_TRUE(a) << sink.describe();
  EXPECT_EQ(a->id, "nul");
  EXPECT_EQ(*a->title, "Titrenul");
  EXPECT_EQ(a->body, "Le corps.");
  EXPECT_EQ(a->date.iso(), "2023-01-05");
  ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
  EXPECT_EQ(sink.problems[0].line, 3u);
  EXPECT_EQ(sink.problems[0].message, "NUL characters (\\u0000) dropped");
  Collect only_nul;
  EXPECT_FALSE(parse_line(R"({"id":"vide","title":"\u0000"})", only_nul, 4)) << "a title of NULs is no title";
}

// A lone surrogate escape made the parser reject the whole line: the article was lost for one
// character (docs/robustness.md: replaced with U+FFFD, one warning, the article kept).
TEST(JsonlReader, LoneSurrogateEscapesBecomeReplacementCharacters) {
  Collect sink;
  const auto a = parse_line(R"({"id":"s","title":"Un \ud800 seul","body":"Paire \ud83d\ude00, bas \udc00, \\ud800 \u00e9."})", sink);
  ASSERT_TRUE(a) << sink.describe();
  EXPECT_EQ(*a->title, "Un \uFFFD seul");
  EXPECT_EQ(a->body, "Paire \U0001F600, bas \uFFFD, \\ud800 é.") << "pairs, escaped backslashes and other escapes kept";
  ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
  EXPECT_EQ(sink.problems[0].line, 7u);
  EXPECT_NE(sink.problems[0].message.find("replaced with U+FFFD"), std::string::npos);
  EXPECT_FALSE(parse_line(R"({"id":"t","body":"\ud800)", sink)) << "still malformed otherwise";
}

TEST(JsonlReader, ArticleWithNeitherTitleNorBodyIsReported) {
  Collect sink;
  EXPECT_FALSE(parse_line(R"({"id":"vide","url":"https://exemple.fr/v"})", sink, 9));
  ASSERT_EQ(sink.problems.size(), 1u);
  EXPECT_EQ(sink.problems[0].line, 9u);
}

TEST(JsonlReader, GzipFileIsReadTransparently) {
  TempDir dir;
  const std::string path = dir.write("flux.jsonl.gz", "");
  const std::string content =
      "{\"id\":\"g1\",\"date\":\"2023-01-02\",\"body\":\"Premier texte.\"}\n"
      "{\"id\":\"g2\",\"body\":\"Second texte.\"}\n";
  gzFile gz = gzopen(path.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  ASSERT_EQ(gzwrite(gz, content.data(), static_cast<unsigned>(content.size())), static_cast<int>(content.size()));
  ASSERT_EQ(gzclose(gz), Z_OK);
  Collect sink;
  depeche::read_input(InputName{path, "flux.jsonl.gz"}, InputFormat::kAuto, ReadLimits{}, sink);
  ASSERT_EQ(sink.articles.size(), 2u) << sink.describe();
  EXPECT_EQ(sink.articles[0].id, "g1");
  EXPECT_EQ(sink.articles[0].date.iso(), "2023-01-02");
  EXPECT_EQ(sink.articles[1].id, "g2");
  EXPECT_TRUE(sink.problems.empty()) << sink.describe();
}

// Standfirsts, tags and site names (issue 33): each under the names archives give it.
TEST(JsonlReader, StandfirstTagsAndSiteNameAreRead) {
  Collect sink;
  const auto a = parse_line(
      R"({"id":"a1","title":"Le port de Brest","description":"La grève des dockers bloque les ferries.",)"
      R"("chapo":"Un autre chapô, moins prioritaire.","body":"Les dockers déchargent.",)"
      R"("tags":["Économie","Bretagne"],"site_name":"Ouest Exemple"})",
      sink);
  ASSERT_TRUE(a) << sink.describe();
  EXPECT_TRUE(sink.problems.empty()) << sink.describe();
  EXPECT_EQ(a->standfirst, "La grève des dockers bloque les ferries.") << "description comes first";
  EXPECT_EQ(a->tags, (std::vector<std::string>{"Économie", "Bretagne"}));
  EXPECT_EQ(a->source_name, "Ouest Exemple");
}

TEST(JsonlReader, StandfirstFromItsOtherNamesAndTagsFromAKeywordString) {
  Collect sink;
  const auto a = parse_line(
      R"({"id":"a2","title":"Vendanges","chapo":"Les vignerons récoltent tôt cette année.","body":"Le raisin est mûr.",)"
      R"("keywords":"viticulture, climat ,, Bourgogne","source_name":"Le Bien Public"})",
      sink);
  ASSERT_TRUE(a) << sink.describe();
  EXPECT_EQ(a->standfirst, "Les vignerons récoltent tôt cette année.");
  EXPECT_EQ(a->tags, (std::vector<std::string>{"viticulture", "climat", "Bourgogne"})) << "trimmed, the empty one dropped";
  EXPECT_EQ(a->source_name, "Le Bien Public");
}

TEST(JsonlReader, AStandfirstTheBodyHoldsIsNotKeptTwice) {
  Collect sink;
  const auto a = parse_line(
      R"({"id":"a3","title":"Marée noire","description":"Le pétrole  atteint\nla côte.",)"
      R"("body":"Le pétrole atteint la côte. Les bénévoles nettoient les plages."})",
      sink);
  ASSERT_TRUE(a) << sink.describe();
  EXPECT_EQ(a->standfirst, "") << "the body holds it, white space folded";
}

TEST(JsonlReader, TagsThatAreNotStringsAreReportedAndTheRestKept) {
  Collect sink;
  const auto a = parse_line(
      R"({"id":"a4","title":"Budget","body":"Le budget est voté.","tags":["finances",12,{"nom":"x"},"",null,"finances"]})",
      sink, 9);
  ASSERT_TRUE(a) << sink.describe();
  EXPECT_EQ(a->tags, (std::vector<std::string>{"finances"}));
  ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
  EXPECT_EQ(sink.problems[0].line, 9u);
  EXPECT_EQ(sink.problems[0].message, "3 tags that are not strings ignored");

  Collect object_sink;
  const auto b = parse_line(R"({"id":"a5","title":"Budget","body":"Voté.","keywords":{"a":1}})", object_sink, 3);
  ASSERT_TRUE(b);
  EXPECT_TRUE(b->tags.empty());
  ASSERT_EQ(object_sink.problems.size(), 1u);
  EXPECT_EQ(object_sink.problems[0].message, "keywords is neither a string nor an array of strings; ignored");
}

TEST(JsonlReader, HostileStandfirstsAndTagsAreBounded) {
  TempDir dir;
  std::string tags;
  for (int i = 0; i < 10000; ++i) tags += (i ? ",\"mot" : "\"mot") + std::to_string(i) + "\"";
  const std::string huge(10 << 20, 'a');
  const std::string lines = R"({"id":"b1","title":"Beaucoup","body":"Un texte.","tags":[)" + tags + "]}\n" +
                            R"({"id":"b2","title":"Long","body":"Un texte.","description":")" + huge + "\"}\n" +
                            R"({"id":"b3","title":"Contrôle","body":"Un texte.","tags":["a\u0007b","\u001b[31mrouge"," "]})" + "\n";
  const Collect sink = read_file(dir, "hostile.jsonl", lines);
  ASSERT_EQ(sink.articles.size(), 3u) << sink.describe();
  EXPECT_EQ(sink.articles[0].tags.size(), depeche::kMaxTags);
  EXPECT_EQ(sink.articles[0].tags.front(), "mot0");
  EXPECT_EQ(sink.articles[1].standfirst.size(), depeche::kMaxStandfirstBytes);
  EXPECT_EQ(sink.articles[2].tags, (std::vector<std::string>{"a b", "[31mrouge"})) << "controls made spaces, trimmed";
  ASSERT_EQ(sink.problems.size(), 2u) << sink.describe();
  EXPECT_EQ(depeche::problem_line(sink.problems[0].file, sink.problems[0].line, sink.problems[0].message),
            "hostile.jsonl:1: 9900 tags past the first 100 ignored");
  EXPECT_EQ(depeche::problem_line(sink.problems[1].file, sink.problems[1].line, sink.problems[1].message),
            "hostile.jsonl:2: standfirst longer than 65536 bytes; indexed its beginning");
}
