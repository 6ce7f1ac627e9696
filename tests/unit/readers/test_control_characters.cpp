// Issue 31: control characters an input hides in an article are taken out as it is read, in
// every format, before anything is indexed or stored.
#include "readers/article_fields.h"
#include "util/printable.h"

#include "support/collect.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

namespace {

using depeche::Article;
using depeche::util::has_control_characters;
namespace t = depeche::test;

TEST(ControlCharacters, OneLineFieldsGetSpacesTheBodyKeepsItsLines) {
  Article a;
  a.id = "id\x1b";
  a.url = "https://x.fr/\x1b";
  a.title = "\x1b]0;pwned\x07Titre\x1b[2J\xc2\x9b";
  a.source = "src\x07";
  a.section = "a\nb";
  a.author = "\tNom\r";
  a.lang = "fr\x7f";
  a.body = "un\x1b[2Jdeux\r\ntrois\rquatre\tcinq\xc2\x85six\n";
  depeche::remove_control_characters(a);
  EXPECT_EQ(*a.title, "]0;pwned Titre [2J");
  EXPECT_EQ(a.source, "src");
  EXPECT_EQ(a.section, "a b");
  EXPECT_EQ(a.author, "Nom");
  EXPECT_EQ(a.lang, "fr");
  EXPECT_EQ(a.body, "un [2Jdeux\ntrois\nquatre\tcinq six\n");
  EXPECT_EQ(a.id, "id\x1b") << "ids are kept verbatim (docs/robustness.md)";
  EXPECT_EQ(a.url, "https://x.fr/\x1b");

  Article untitled;
  untitled.title = "\x07\x1b";
  untitled.body = "Texte «\xc2\xa0é\xc2\xa0»";
  depeche::remove_control_characters(untitled);
  EXPECT_FALSE(untitled.title) << "a title of controls alone is no title";
  EXPECT_EQ(untitled.body, "Texte «\xc2\xa0é\xc2\xa0»") << "no-break spaces are no controls";
}

TEST(ControlCharacters, EveryReaderTakesThemOut) {
  t::TempDir dir;
  const std::string evil = "\x1b[2J\x1b]0;pwned\x07\x1b]52;c;aGk=\x07\xc2\x9b\r";
  dir.write("in/texte.txt", "date 2023-07-01\nTitre " + evil + " texte\n\nCorps " + evil + " texte.\nFin.\n");
  dir.write("in/lignes.jsonl", R"({"id":"j1","date":"2023-07-01","source":"src\u001b[2J","title":"Titre \u001b]0;pwned\u0007 json","body":"Corps \u001b[2J\u009b json"})" "\n");
  // Written as character references too, which the markup readers decode.
  dir.write("in/page.html", "<html><head><title>Titre " + evil + " &#27;[2J&#x9b;&#7; html</title></head><body><p>Corps " + evil +
                                " html, assez long pour être lu comme un article.</p></body></html>\n");
  dir.write("in/flux.rss", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title><item><title>Titre " + evil +
                               " &#x1b;]0;x&#x07; flux</title><link>https://x.fr/a</link><description>Corps " + evil +
                               " flux</description><pubDate>Sat, 01 Jul 2023 10:00:00 GMT</pubDate></item></channel></rss>\n");
  const t::Collect sink = t::read_all(dir / "in");
  ASSERT_EQ(sink.articles.size(), 4u) << sink.describe();
  for (const Article& a : sink.articles) {
    ASSERT_TRUE(a.title) << a.id;
    EXPECT_FALSE(has_control_characters(*a.title)) << a.id << ": " << *a.title;
    EXPECT_FALSE(has_control_characters(a.source)) << a.id;
    std::string body = a.body;
    for (char& c : body)
      if (c == '\n' || c == '\t') c = ' ';
    EXPECT_FALSE(has_control_characters(body)) << a.id << ": " << a.body;
    EXPECT_NE(a.body.find("Corps"), std::string::npos) << a.id;
  }
}

}  // namespace
