// Reading any input: the format named or detected from the name and first bytes, what is skipped
// (empty, binary, unknown), and what every article goes through before the sink sees it (control
// characters taken out, a dateline of its own text dating it to the day).
#include "readers/reader.h"

#include "support/collect.h"
#include "support/temp_dir.h"
#include "util/error.h"

#include <gtest/gtest.h>

namespace {

using namespace depeche;
using test::Collect;
using test::TempDir;

struct Read {
  InputFormat format;
  Collect sink;
};

Read read_file(const TempDir& dir, const std::string& name, const std::string& content, InputFormat format = InputFormat::kAuto) {
  Read r;
  const std::string path = dir.write(name, content);
  r.format = read_input(InputName{path, "in/" + name}, format, ReadLimits{}, r.sink);
  return r;
}

TEST(Reader, InputFormatNamesRoundTrip) {
  for (const char* name : {"text", "jsonl", "html", "feed"}) EXPECT_STREQ(input_format_name(parse_input_format(name)), name);
  EXPECT_EQ(parse_input_format("auto"), InputFormat::kAuto);
  EXPECT_STREQ(input_format_name(InputFormat::kAuto), "");
  EXPECT_THROW(parse_input_format("xml"), Error);
}

TEST(Reader, FileNameIsTheLastPartOfTheDisplayName) {
  EXPECT_EQ(file_name_of({"/tmp/x/une.jsonl", "lemonde/2023/une.jsonl"}), "une.jsonl");
  EXPECT_EQ(file_name_of({"-", "-"}), "-");
}

TEST(Reader, DetectsTheFormatFromTheNameFirst) {
  EXPECT_EQ(detect_format("a.jsonl", "date 2023"), InputFormat::kJsonl) << "the name wins over the content";
  EXPECT_EQ(detect_format("a.NDJSON.gz", ""), InputFormat::kJsonl);
  EXPECT_EQ(detect_format("a.json", ""), InputFormat::kJsonl);
  EXPECT_EQ(detect_format("page.HTM", ""), InputFormat::kHtml);
  EXPECT_EQ(detect_format("page.xhtml", ""), InputFormat::kHtml);
  EXPECT_EQ(detect_format("flux.rss", ""), InputFormat::kFeed);
  EXPECT_EQ(detect_format("flux.atom.gz", ""), InputFormat::kFeed);
}

TEST(Reader, AnXmlFileIsAFeedUnlessItsRootIsHtml) {
  EXPECT_EQ(detect_format("a.xml", "<?xml version=\"1.0\"?><rss>"), InputFormat::kFeed);
  EXPECT_EQ(detect_format("a.xml", ""), InputFormat::kFeed);
  EXPECT_EQ(detect_format("a.xml", "<?xml version=\"1.0\"?>\n<!-- c -->\n<html xmlns=\"x\">"), InputFormat::kHtml);
}

TEST(Reader, DetectsTheFormatFromTheFirstBytes) {
  EXPECT_EQ(detect_format("a", "  \n{\"id\":1}"), InputFormat::kJsonl);
  EXPECT_EQ(detect_format("a", "date 2023-07\nTitre"), InputFormat::kText);
  EXPECT_EQ(detect_format("a", "date\t2023"), InputFormat::kText);
  EXPECT_EQ(detect_format("a", "<!DOCTYPE HTML PUBLIC \"x\"><p>"), InputFormat::kHtml);
  EXPECT_EQ(detect_format("a", "<!-- generated --><?php x ?><BODY>"), InputFormat::kHtml);
  EXPECT_EQ(detect_format("a", "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"), InputFormat::kFeed);
  EXPECT_EQ(detect_format("a", "<rdf:RDF>"), InputFormat::kFeed);
  EXPECT_EQ(detect_format("a", "<svg>"), InputFormat::kAuto);
  EXPECT_EQ(detect_format("a", "Bonjour"), InputFormat::kAuto);
  EXPECT_EQ(detect_format("a.txt", "Bonjour"), InputFormat::kText) << ".txt only when the content does not tell";
  EXPECT_EQ(detect_format("a.txt", "   "), InputFormat::kAuto);
}

TEST(Reader, DetectsUtf16MarkupByItsByteOrderMark) {
  std::string head = "\xff\xfe";
  for (char c : std::string("<html><body>")) head += {c, '\0'};
  EXPECT_EQ(detect_format("page", head), InputFormat::kHtml);
}

TEST(Reader, EmptyBinaryAndUnknownFilesAreSkippedWithAProblem) {
  TempDir dir;
  Read r = read_file(dir, "vide.txt", "");
  EXPECT_EQ(r.format, InputFormat::kAuto);
  ASSERT_EQ(r.sink.problems.size(), 1u);
  EXPECT_EQ(r.sink.problems[0].file, "in/vide.txt");
  EXPECT_EQ(r.sink.problems[0].message, kEmptyFileMessage);

  r = read_file(dir, "image", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01", 20));
  EXPECT_EQ(r.format, InputFormat::kAuto);
  ASSERT_EQ(r.sink.problems.size(), 1u);
  EXPECT_EQ(r.sink.problems[0].message, "binary file; skipped");

  r = read_file(dir, "notes", "Bonjour\n");
  EXPECT_EQ(r.format, InputFormat::kAuto);
  ASSERT_EQ(r.sink.problems.size(), 1u);
  EXPECT_EQ(r.sink.problems[0].message.rfind("unknown format", 0), 0u) << r.sink.describe();
  EXPECT_TRUE(r.sink.articles.empty());
}

TEST(Reader, AFormatNamedIsReadAsThat) {
  TempDir dir;
  const Read r = read_file(dir, "notes", "date 2023-07-23\nTitre\nLe texte.\n", InputFormat::kText);
  EXPECT_EQ(r.format, InputFormat::kText);
  ASSERT_EQ(r.sink.articles.size(), 1u) << r.sink.describe();
  EXPECT_EQ(r.sink.articles[0].title, "Titre");
  EXPECT_EQ(r.sink.articles[0].date.iso(), "2023-07-23");
}

TEST(Reader, TextHeaderAloneIsSkipped) {
  TempDir dir;
  const Read r = read_file(dir, "seul.txt", "date 2023-07-23\n");
  EXPECT_TRUE(r.sink.articles.empty());
  ASSERT_EQ(r.sink.problems.size(), 1u);
  EXPECT_EQ(r.sink.problems[0].message, "article has neither title nor text; skipped");
}

TEST(Reader, EveryArticleLosesItsControlCharacters) {
  TempDir dir;
  const Read r = read_file(dir, "a.jsonl", R"({"id":"x\u001b1","title":"Un\u001b[2J titre\u0007","body":"a\u0007b\r\nc"})" "\n");
  ASSERT_EQ(r.sink.articles.size(), 1u) << r.sink.describe();
  const Article& a = r.sink.articles[0];
  EXPECT_EQ(a.id, "x\x1b" "1") << "the id is kept verbatim";
  EXPECT_EQ(a.title, "Un [2J titre");
  EXPECT_EQ(a.body, "a b\nc");
}

TEST(Reader, ADatelineOfItsOwnTextDatesAnArticleToTheDay) {
  TempDir dir;
  Read r = read_file(dir, "a.txt", "date 2023-07\nTitre\n23.07.2023, Sputnik Afrique\nLe texte.\n");
  ASSERT_EQ(r.sink.articles.size(), 1u) << r.sink.describe();
  EXPECT_EQ(r.sink.articles[0].date.iso(), "2023-07-23");

  r = read_file(dir, "b.txt", "date 2023-07-02\nTitre\n23.07.2023, Sputnik Afrique\nLe texte.\n");
  ASSERT_EQ(r.sink.articles.size(), 1u);
  EXPECT_EQ(r.sink.articles[0].date.iso(), "2023-07-02") << "a date to the day stays";

  r = read_file(dir, "c.txt", "date 2023-07\nTitre\nLe ministre est venu depuis le 3 juillet 2023.\n");
  ASSERT_EQ(r.sink.articles.size(), 1u);
  EXPECT_EQ(r.sink.articles[0].date.iso(), "2023-07") << "a date a sentence talks about is no dateline";
}

TEST(Reader, TheSinkIsToldOfEachInputBeforeItsArticles) {
  struct Order : Collect {
    std::vector<std::string> events;
    void reading(const util::InputFile&) override { events.push_back("reading"); }
    void article(Article&& a) override {
      events.push_back("article");
      Collect::article(std::move(a));
    }
  } sink;
  TempDir dir;
  const std::string path = dir.write("a.jsonl", "{\"id\":\"1\",\"body\":\"x\"}\n{\"id\":\"2\",\"body\":\"y\"}\n");
  read_input({path, "a.jsonl"}, InputFormat::kAuto, ReadLimits{}, sink);
  EXPECT_EQ(sink.events, (std::vector<std::string>{"reading", "article", "article"}));
}

TEST(Reader, AFileThatCannotBeOpenedThrows) {
  TempDir dir;
  Collect sink;
  EXPECT_THROW(read_input({dir / "absent.txt", "absent.txt"}, InputFormat::kAuto, ReadLimits{}, sink), Error);
}

}  // namespace
