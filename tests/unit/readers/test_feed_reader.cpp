// RSS and Atom feeds (issue 6): one article per item, ids from links, HTML made text, charsets,
// malformed XML recovered and reported, hostile feeds (entities, nesting, size) bounded.
#include "readers/feed_reader.h"
#include "readers/reader.h"
#include "util/error.h"
#include "util/utf8.h"

#include "support/collect.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <zlib.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

// AddressSanitizer keeps freed memory in quarantine: peak memory says nothing under it.
#if defined(__SANITIZE_ADDRESS__)
#define DEPECHE_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DEPECHE_TEST_ASAN 1
#endif
#endif

namespace fs = std::filesystem;
using namespace std::string_literals;  // "...\0..."s keeps its NUL bytes
using depeche::Article;
using depeche::ArticleSink;
using depeche::InputFormat;
using depeche::InputName;
using depeche::ReadLimits;

namespace {

using depeche::test::Collect;
using depeche::test::TempDir;

std::string fixture(const std::string& name) { return std::string(DEPECHE_SOURCE_DIR) + "/tests/fixtures/formats/" + name; }

Collect read(const std::string& path, const std::string& display, const ReadLimits& limits = {}) {
  Collect sink;
  EXPECT_EQ(depeche::read_input(InputName{path, display}, InputFormat::kAuto, limits, sink), InputFormat::kFeed) << display;
  return sink;
}

Collect read_feed(const std::string& xml, const std::string& display = "flux.xml", const ReadLimits& limits = {}) {
  Collect sink;
  depeche::read_feed_bytes(xml, InputName{display, display}, limits, sink);
  return sink;
}

std::string rss(const std::string& items, const std::string& channel = "<link>https://flux.example/</link>") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>" + channel + items +
         "</channel></rss>\n";
}

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

// The words of a text, one space between each: what a search sees of its breaks.
std::string words_of(const std::string& text) {
  std::istringstream in(text);
  std::string word, words;
  while (in >> word) words += (words.empty() ? "" : " ") + word;
  return words;
}

}  // namespace

TEST(FeedReader, RssItemsWithHtmlDescriptionsAndContentEncoded) {
  const Collect sink = read(fixture("feed-rss.xml"), "flux/gazette.xml");
  ASSERT_EQ(sink.articles.size(), 3u) << sink.describe();
  EXPECT_TRUE(sink.problems.empty()) << sink.describe();

  const Article& tram = sink.articles[0];
  EXPECT_EQ(tram.id, "https://gazette-rhone.example/transports/tramway-t10");
  EXPECT_EQ(tram.url, tram.id);
  ASSERT_TRUE(tram.title.has_value());
  EXPECT_EQ(*tram.title, "Lyon inaugure la ligne de tramway T10");
  EXPECT_EQ(tram.date.iso(), "2024-03-12") << "RFC 822 date as written (it is the 13th in UTC)";
  EXPECT_EQ(tram.author, "Étienne Roux");
  EXPECT_EQ(tram.section, "Transports") << "the first category";
  EXPECT_EQ(tram.lang, "fr");
  EXPECT_EQ(tram.source, "gazette-rhone.example") << "the channel's link, not the image's";
  EXPECT_EQ(tram.origin, "flux/gazette.xml");
  EXPECT_EQ(tram.body,
            "La nouvelle ligne de tramway relie Gerland à Vénissieux en vingt minutes.\n\n"
            "Elle dessert l’hôpital et le campus.")
      << "content:encoded is preferred to description; &rsquo; decoded; script dropped";

  const Article& crue = sink.articles[1];
  EXPECT_EQ(crue.author, "Claire Morel") << "RSS author 'email (Name)'";
  EXPECT_EQ(crue.date.iso(), "2024-03-13");
  EXPECT_EQ(crue.body, "Les quais bas sont fermés à la circulation.\n\nLa décrue est attendue jeudi.")
      << "escaped HTML in description made text";

  const Article& breve = sink.articles[2];
  EXPECT_EQ(breve.id, "gazette-42") << "no link: the guid";
  EXPECT_EQ(breve.url, "") << "a guid that is not a permalink is no URL";
  EXPECT_EQ(breve.body, "Un texte court, écrit sans balise.") << "undeclared HTML entity decoded";
  EXPECT_FALSE(breve.date.valid());
  for (const Article& a : sink.articles) {
    EXPECT_FALSE(contains(a.body, "<")) << a.body;
    EXPECT_FALSE(contains(a.body, "interdit")) << a.body;
  }
}

TEST(FeedReader, AtomEntries) {
  const Collect sink = read(fixture("feed-atom.xml"), "alpes.atom.xml");
  ASSERT_EQ(sink.articles.size(), 3u) << sink.describe();
  EXPECT_TRUE(sink.problems.empty()) << sink.describe();

  const Article& galibier = sink.articles[0];
  EXPECT_EQ(galibier.id, "https://www.journal-alpes.example/2024/02/galibier-ferme");
  EXPECT_EQ(*galibier.title, "Avalanche : le col du Galibier fermé");
  EXPECT_EQ(galibier.date.iso(), "2024-02-02") << "published before updated";
  EXPECT_EQ(galibier.author, "Joël Perrin") << "author/name, not the email";
  EXPECT_EQ(galibier.section, "Montagne") << "category label";
  EXPECT_EQ(galibier.lang, "fr") << "the feed's xml:lang";
  EXPECT_EQ(galibier.source, "journal-alpes.example") << "the feed's alternate link";
  EXPECT_EQ(galibier.body,
            "Le risque d’avalanche est fort au-dessus de 2 000 mètres.\n\nLes secours déconseillent les randonnées à skis.")
      << "XHTML content made text, its script dropped, preferred to the summary";

  const Article& liaison = sink.articles[1];
  EXPECT_EQ(liaison.url, "https://www.journal-alpes.example/2024/02/liaison-chamonix") << "a link without rel";
  EXPECT_EQ(*liaison.title, "Chamonix & Zermatt : la liaison rouverte") << "type=html title made text";
  EXPECT_EQ(liaison.date.iso(), "2024-02-01");
  EXPECT_EQ(liaison.body, "Le train du Montenvers circule de nouveau.\n\nLes guides se réjouissent.");

  const Article& sans_lien = sink.articles[2];
  EXPECT_EQ(sans_lien.id, "tag:journal-alpes.example,2024:1003") << "no link: the Atom id";
  EXPECT_EQ(sans_lien.body, "Une brève sans adresse.");
  EXPECT_EQ(sans_lien.date.iso(), "2024-01-31");
}

// Alone, "/2023/07/article" from two sites' feeds was one id: one article replaced the other.
TEST(FeedReader, RelativeLinksAreMadeAbsoluteAgainstTheSite) {
  auto atom = [](const std::string& site_link, const std::string& entry_link) {
    return "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">" + site_link +
           "<entry><title>Un</title><link href=\"" + entry_link + "\"/><updated>2023-07-01T10:00:00Z</updated></entry></feed>";
  };
  EXPECT_EQ(read_feed(atom("<link href=\"https://a.example/\"/>", "/2023/07/article")).articles.at(0).id,
            "https://a.example/2023/07/article");
  EXPECT_EQ(read_feed(atom("<link href=\"https://b.example/rubrique/\"/>", "article.html")).articles.at(0).url,
            "https://b.example/rubrique/article.html");
  EXPECT_EQ(read_feed(atom("<link rel=\"self\" href=\"https://c.example/flux.atom\"/>", "/un")).articles.at(0).url,
            "https://c.example/un")
      << "the feed's own address when it names no site";
  const Collect without_base = read_feed(atom("", "/2023/07/article"), "seul.atom");
  EXPECT_EQ(without_base.articles.at(0).url, "") << "no site to make it absolute: not a URL";
  EXPECT_NE(without_base.articles.at(0).id, "/2023/07/article");
  EXPECT_EQ(read_feed(rss("<item><title>Un</title><link>/un</link></item>")).articles.at(0).url, "https://flux.example/un");
}

// Numbered by position, the items of a rewritten feed (A, B, then C, A) took each other's ids, and
// B was lost, though a feed's items stay when it rotates (docs/cron.md).
TEST(FeedReader, ItemWithoutLinkOrGuidIsNamedByTheFeedAndItsContent) {
  const std::string a = "<item><title>Un</title><description>Premier.</description></item>";
  const std::string b = "<item><title>Deux</title></item>";
  const std::string c = "<item><title>Trois</title></item>";
  const Collect before = read_feed(rss(a + b), "jour.rss");
  const Collect after = read_feed(rss(c + a), "jour.rss");
  ASSERT_EQ(before.articles.size(), 2u) << before.describe();
  ASSERT_EQ(after.articles.size(), 2u) << after.describe();
  EXPECT_EQ(before.articles[0].id.rfind("flux.example#", 0), 0u) << before.articles[0].id;
  EXPECT_NE(before.articles[0].id, before.articles[1].id);
  EXPECT_EQ(after.articles[1].id, before.articles[0].id) << "the same item, moved";
  EXPECT_NE(after.articles[0].id, before.articles[1].id) << "another item";
  // Fetched into another file, the same item is the same article; a feed without a site of its
  // own names it by its file's name.
  EXPECT_EQ(read_feed(rss(a), "jour-0915.rss").articles.at(0).id, before.articles[0].id);
  const Collect siteless = read_feed(rss(a, ""), "archive/jour.rss");
  EXPECT_EQ(siteless.articles.at(0).id.rfind("jour.rss#", 0), 0u) << siteless.articles.at(0).id;
}

TEST(FeedReader, PermalinkGuidIsTheUrl) {
  const Collect sink = read_feed(rss("<item><title>Un</title><guid>https://flux.example/un</guid></item>"));
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].url, "https://flux.example/un");
  EXPECT_EQ(sink.articles[0].id, "https://flux.example/un");
}

TEST(FeedReader, SameLinkInTwoDailyFilesIsTheSameId) {
  const Collect first = read(fixture("feeds/ouest-2024-03-01.rss"), "feeds/ouest-2024-03-01.rss");
  const Collect second = read(fixture("feeds/ouest-2024-03-02.rss"), "feeds/ouest-2024-03-02.rss");
  ASSERT_EQ(first.articles.size(), 2u);
  ASSERT_EQ(second.articles.size(), 2u);
  EXPECT_EQ(first.articles[0].id, second.articles[0].id);
  EXPECT_EQ(first.articles[0].id, "https://ouest-quotidien.example/culture/festival-goelands");
  EXPECT_NE(first.articles[1].id, second.articles[1].id);
}

TEST(FeedReader, RdfFeed) {
  const Collect sink = read_feed(R"(<?xml version="1.0"?>
    <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
             xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://rdf.example/"><title>RDF</title><link>https://rdf.example/</link>
        <items><rdf:Seq><rdf:li rdf:resource="https://rdf.example/1"/></rdf:Seq></items></channel>
      <item rdf:about="https://rdf.example/1"><title>Un</title><link>https://rdf.example/1</link>
        <dc:date>2021-09-08T10:00:00+02:00</dc:date><dc:subject>Sciences</dc:subject><dc:language>fr</dc:language>
        <description>Texte.</description></item>
    </rdf:RDF>)");
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  EXPECT_EQ(sink.articles[0].id, "https://rdf.example/1");
  EXPECT_EQ(sink.articles[0].date.iso(), "2021-09-08");
  EXPECT_EQ(sink.articles[0].section, "Sciences");
  EXPECT_EQ(sink.articles[0].lang, "fr");
  EXPECT_EQ(sink.articles[0].source, "rdf.example");
}

TEST(FeedReader, DeclaredLatin1FeedIsConvertedSilently) {
  const Collect sink = read(fixture("feed-latin1.xml"), "echo.xml");
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  EXPECT_TRUE(sink.problems.empty()) << sink.describe();
  EXPECT_EQ(*sink.articles[0].title, "Élection à Besançon");
  EXPECT_EQ(sink.articles[0].body, "Les électeurs éliront le maire dimanche.");
}

TEST(FeedReader, UndeclaredWindows1252FeedIsDetectedWithOneWarning) {
  const Collect sink = read_feed(rss("<item><title>Caf\xE9 cr\xE8me</title><description>L\x92\xE9t\xE9 \xE0 Lyon.</description></item>"),
                                 "cp1252.rss");
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  // The XML declaration says UTF-8 and is wrong: the bytes decide.
  EXPECT_EQ(*sink.articles[0].title, "Café crème");
  EXPECT_EQ(sink.articles[0].body, "L’été à Lyon.");
  ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
  EXPECT_EQ(sink.problems[0].file, "cp1252.rss");
}

TEST(FeedReader, Utf8FeedMislabelledLatin1StaysUtf8) {
  const std::string xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><title>Été</title></item></channel></rss>";
  const Collect sink = read_feed(xml);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(*sink.articles[0].title, "Été");
}

TEST(FeedReader, Utf16DeclarationOnAnAsciiFileIsIgnored) {
  const Collect sink = read_feed("<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss><channel><item><title>Simple</title></item></channel></rss>");
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  EXPECT_EQ(*sink.articles[0].title, "Simple");
}

TEST(FeedReader, ForcedEncoding) {
  ReadLimits limits;
  limits.encoding = "ISO-8859-15";
  const Collect sink = read_feed(rss("<item><title>5 \xA4</title></item>"), "f.rss", limits);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(*sink.articles[0].title, "5 €");
  EXPECT_TRUE(sink.problems.empty()) << sink.describe();
}

TEST(FeedReader, Utf16FeedWithByteOrderMark) {
  const std::u16string xml = u"<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss><channel><item><title>Nîmes</title></item></channel></rss>";
  std::string bytes = "\xFF\xFE";
  for (char16_t c : xml) {
    bytes += static_cast<char>(c & 0xFF);
    bytes += static_cast<char>(c >> 8);
  }
  TempDir dir;
  const Collect sink = read(dir.write("nimes.xml", bytes), "nimes.xml");
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  EXPECT_EQ(*sink.articles[0].title, "Nîmes");
}

TEST(FeedReader, GzipFeedIsStreamed) {
  TempDir dir;
  const std::string path = (dir / "flux.rss.gz");
  gzFile gz = gzopen(path.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  const std::string xml = rss("<item><title>Compressé</title><link>https://flux.example/gz</link></item>");
  gzwrite(gz, xml.data(), static_cast<unsigned>(xml.size()));
  ASSERT_EQ(gzclose(gz), Z_OK);
  const Collect sink = read(path, "flux.rss.gz");
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  EXPECT_EQ(*sink.articles[0].title, "Compressé");
}

TEST(FeedReader, MalformedXmlIsRecoveredAndReportedOnce) {
  const Collect sink = read(fixture("malformed.xml"), "casse/malformed.xml");
  ASSERT_EQ(sink.articles.size(), 4u) << sink.describe();
  EXPECT_EQ(sink.articles[0].body, "Texte du premier article été.");
  EXPECT_EQ(sink.articles[1].body, "Le montant n’est pas connu étonnamment.") << "entities after an error still decoded";
  EXPECT_EQ(*sink.articles[2].title, "Balise non fermée") << "an unclosed <b> does not swallow the item";
  EXPECT_EQ(sink.articles[2].id, "https://malforme.example/3");
  EXPECT_EQ(sink.articles[3].id, "https://malforme.example/4") << "the item the file ends in";
  ASSERT_EQ(sink.problems.size(), 2u) << sink.describe();
  for (const auto& p : sink.problems) EXPECT_EQ(p.file, "casse/malformed.xml");
  EXPECT_TRUE(contains(sink.describe(), "malformed XML")) << sink.describe();
}

TEST(FeedReader, NotAFeedIsReportedAndSkipped) {
  // (its attributes are not read once the parser is stopped: a fuzzer found that use after free)
  Collect sink = read_feed("<?xml version='1.0'?><catalogue xml:lang='fr'><livre>x</livre></catalogue>", "catalogue.xml");
  EXPECT_TRUE(sink.articles.empty());
  ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
  EXPECT_TRUE(contains(sink.problems[0].message, "<catalogue>")) << sink.problems[0].message;

  for (const std::string& junk : {std::string(""), std::string("   \n"), std::string("pas du XML"), std::string("<"),
                                  std::string("<rss"), std::string("\xFF\xFE\xFD"), std::string(5000, '<')}) {
    sink = read_feed(junk, "junk.xml");
    EXPECT_TRUE(sink.articles.empty()) << junk;
    EXPECT_GE(sink.problems.size(), 1u) << junk;
    EXPECT_LE(sink.problems.size(), 2u) << junk << "\n" << sink.describe();  // the charset, and what it is not
  }
}

TEST(FeedReader, NoExternalOrDeclaredEntities) {
  // An external entity (file disclosure) and an entity expansion bomb: neither is expanded.
  std::string bomb = "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\"><!ENTITY a0 \"hahahahahahahahahaha\">";
  for (int i = 1; i < 30; ++i) {  // a29 would be 10^29 copies of a0
    bomb += "<!ENTITY a" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) bomb += "&a" + std::to_string(i - 1) + ";";
    bomb += "\">";
  }
  bomb += "]><rss><channel><item><title>Début &xxe; &a29; fin</title><link>https://x.example/1</link></item></channel></rss>";
  const auto start = std::chrono::steady_clock::now();
  const Collect sink = read_feed(bomb);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  EXPECT_FALSE(contains(*sink.articles[0].title, "root:")) << *sink.articles[0].title;
  EXPECT_FALSE(contains(*sink.articles[0].title, "haha")) << *sink.articles[0].title;
  EXPECT_TRUE(contains(*sink.articles[0].title, "Début")) << *sink.articles[0].title;
}

TEST(FeedReader, NestingHundredThousandDeepIsBounded) {
  std::string deep = "<item><title>Profond</title><description>";
  for (int i = 0; i < 100000; ++i) deep += "<b>";
  deep += "au fond";
  for (int i = 0; i < 100000; ++i) deep += "</b>";
  deep += "</description></item><item><title>Après</title><link>https://flux.example/apres</link></item>";
  for (std::size_t depth : {std::size_t{256}, std::size_t{16}}) {
    ReadLimits limits;
    limits.max_markup_depth = depth;
    const auto start = std::chrono::steady_clock::now();
    const Collect sink = read_feed(rss("<item><title>Avant</title></item>" + deep), "profond.xml", limits);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
    ASSERT_EQ(sink.articles.size(), 3u) << sink.describe();
    EXPECT_EQ(*sink.articles[2].title, "Après") << "the rest of the feed is read";
    EXPECT_EQ(sink.articles[1].body, "au fond") << "the tags of a deep description are dropped, not its text";
    ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
    EXPECT_TRUE(contains(sink.problems[0].message, "nested deeper")) << sink.problems[0].message;
  }
}

// Paragraphs, cells and items deeper than the limit still separate words, in unescaped HTML, in
// escaped HTML and in Atom XHTML.
TEST(FeedReader, DeepFieldsKeepTheirWordsApart) {
  std::string open, close;
  for (int i = 0; i < 300; ++i) {
    open += "<div>";
    close += "</div>";
  }
  const std::string inner = "<p>zzalpha</p><p>zzbeta</p><div>zzgamma</div><br/>zzdelta<ul><li>zzun</li><li>zzdeux</li></ul>"
                            "<table><tr><td>zzcase</td><td>zzcellule</td></tr></table>";
  const std::string html = open + inner + close;
  std::string escaped;
  for (char c : html) escaped += c == '<' ? "&lt;" : c == '>' ? "&gt;" : std::string(1, c);
  const std::string feed =
      rss("<item><title>Brut</title><link>https://flux.example/1</link><description>" + html + "</description></item>"
          "<item><title>Échappé</title><link>https://flux.example/2</link><description>" + escaped + "</description></item>"
          "<item><title>Données</title><link>https://flux.example/3</link><description><![CDATA[" + html + "]]></description></item>");
  const std::string atom = "<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>X</title><link href='https://flux.example/4'/>"
                           "<content type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'>" + html + "</div></content></entry></feed>";
  for (std::size_t depth : {std::size_t{256}, std::size_t{16}}) {
    ReadLimits limits;
    limits.max_markup_depth = depth;
    for (const std::string& xml : {feed, atom}) {
      const Collect sink = read_feed(xml, "profond.xml", limits);
      ASSERT_FALSE(sink.articles.empty()) << sink.describe();
      ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
      EXPECT_TRUE(contains(sink.problems[0].message, "their text kept")) << sink.problems[0].message;
      for (const Article& a : sink.articles) {
        for (const char* word : {"zzalpha", "zzbeta", "zzgamma", "zzdelta", "zzun", "zzdeux", "zzcase", "zzcellule"})
          EXPECT_TRUE(contains(" " + a.body + " ", word)) << depth << " " << a.id << ": " << a.body;
        EXPECT_TRUE(contains(words_of(a.body), "zzalpha zzbeta zzgamma zzdelta zzun zzdeux zzcase zzcellule"))
            << depth << " " << a.id << ": " << a.body;
      }
    }
  }
}

namespace {

// An RSS feed whose second of three items has `n` attributes, on one line or one a line.
std::string feed_with_attributes(std::size_t n, bool one_a_line) {
  std::string item = "<item";
  for (std::size_t i = 0; i < n; ++i) item += (one_a_line ? "\n a" : " a") + std::to_string(i) + "=\"v>'\"";
  return rss("\n<item><title>Avant</title><link>https://flux.example/avant</link></item>\n" + item +
             "><title>Attributs</title><link>https://flux.example/attr</link><description>Texte gardé.</description></item>"
             "\n<item><title>Après</title><link>https://flux.example/apres</link></item>\n");
}

}  // namespace

// libxml2 compares each attribute with all those before it, before any callback sees them:
// 400,000 on one item took 112 s. Past the limit they are cut from the text before parsing.
TEST(FeedReader, AnElementsAttributesPastTheLimitAreIgnored) {
  for (bool one_a_line : {false, true}) {
    const Collect sink = read_feed(feed_with_attributes(20000, one_a_line), "attributs.xml");
    ASSERT_EQ(sink.articles.size(), 3u) << sink.describe();
    EXPECT_EQ(*sink.articles[1].title, "Attributs");
    EXPECT_EQ(sink.articles[1].body, "Texte gardé.");
    EXPECT_EQ(*sink.articles[2].title, "Après");
    ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
    EXPECT_EQ(sink.problems[0].file, "attributs.xml");
    EXPECT_EQ(sink.problems[0].line, 4u);
    EXPECT_EQ(sink.problems[0].message, "an element with more than 1000 attributes; the rest of them ignored");
  }

  ReadLimits limits;
  limits.max_attributes = 10;
  Collect sink = read_feed(feed_with_attributes(10, false), "attributs.xml", limits);
  EXPECT_EQ(sink.articles.size(), 3u) << sink.describe();
  EXPECT_TRUE(sink.problems.empty()) << sink.describe();
  // Cut inside a self-closing element, which stays empty: the item after it is read.
  std::string link = "<link href='https://flux.example/1'";
  for (char c = 'a'; c <= 'l'; ++c) link += std::string(" ") + c + "='1'";
  sink = read_feed(rss("<item><title>Un</title>" + link + "/><description>Corps.</description></item>"
                       "<item><title>Deux</title></item>"),
                   "attributs.xml", limits);
  ASSERT_EQ(sink.articles.size(), 2u) << sink.describe();
  EXPECT_EQ(sink.articles[0].body, "Corps.");
  ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
  EXPECT_EQ(sink.problems[0].message, "an element with more than 10 attributes; the rest of them ignored");
}

TEST(FeedReader, StartTagsAloneStopAtTheHardDepth) {
  std::string xml = "<rss><channel><item><title>Seul</title></item>";
  for (int i = 0; i < 300000; ++i) xml += "<x>";
  const Collect sink = read_feed(xml, "balises.xml");
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  EXPECT_FALSE(sink.problems.empty());
}

TEST(FeedReader, NulBytesAreDroppedAndReported) {
  const Collect sink = read_feed(rss("<item><title>Titre\0nul</title><link>https://flux.example/1</link></item>"s));
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  EXPECT_EQ(*sink.articles[0].title, "Titrenul");
  ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
  EXPECT_EQ(sink.problems[0].message, "NUL bytes dropped");
}

TEST(FeedReader, LongItemIsCutAndLongLineEndsTheFeed) {
  std::string body;
  while (body.size() < 5000) body += "Le glacier recule chaque été. ";
  ReadLimits limits;
  limits.max_article_bytes = 1000;
  Collect sink = read_feed(rss("<item><title>Long</title><description>" + body + "</description></item>"
                               "<item><title>Court</title></item>"),
                           "long.xml", limits);
  ASSERT_EQ(sink.articles.size(), 2u) << sink.describe();
  EXPECT_LE(sink.articles[0].body.size(), 1000u);
  EXPECT_GT(sink.articles[0].body.size(), 900u);
  EXPECT_TRUE(depeche::util::is_valid_utf8(sink.articles[0].body));
  ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();

  // A line longer than max_document_bytes: the feed is read up to it.
  TempDir dir;
  limits = ReadLimits{};
  limits.max_document_bytes = 4096;
  const std::string path = dir.write("ligne.rss", "<rss><channel>\n<item><title>Avant</title></item>\n<item><title>" +
                                                      std::string(10000, 'x') + "</title></item>\n"
                                                      "<item><title>Après</title></item>\n</channel></rss>\n");
  sink = read(path, "ligne.rss", limits);
  ASSERT_GE(sink.articles.size(), 1u) << sink.describe();
  EXPECT_EQ(*sink.articles[0].title, "Avant");
  ASSERT_FALSE(sink.problems.empty());
  EXPECT_TRUE(contains(sink.problems[0].message, "4096")) << sink.describe();
  EXPECT_EQ(sink.problems[0].line, 3u);
}

// A big feed is streamed: memory does not grow with the number of items. make test reads 200,000
// items; the million-item run belongs to make check-long (docs/robustness.md).
TEST(FeedReader, ManyItemsAreStreamedInBoundedMemory) {
  const int items = std::getenv("DEPECHE_LONG_TESTS") ? 1000000 : 200000;
  TempDir dir;
  const std::string path = (dir / "enorme.rss.gz");
  gzFile gz = gzopen(path.c_str(), "wb1");
  ASSERT_NE(gz, nullptr);
  gzputs(gz, "<?xml version=\"1.0\"?>\n<rss><channel><link>https://gros.example/</link>\n");
  for (int i = 0; i < items; ++i) {
    const std::string item = "<item><title>Dépêche " + std::to_string(i) + "</title><link>https://gros.example/" +
                             std::to_string(i) + "</link><pubDate>Mon, 04 Mar 2024 10:00:00 +0100</pubDate>"
                             "<description>Texte numéro " + std::to_string(i) + ".</description></item>\n";
    gzwrite(gz, item.data(), static_cast<unsigned>(item.size()));
  }
  gzputs(gz, "</channel></rss>\n");
  ASSERT_EQ(gzclose(gz), Z_OK);

  struct Count : ArticleSink {
    std::size_t articles = 0, problems = 0;
    std::string last;
    void article(Article&& a) override {
      ++articles;
      last = a.id;
    }
    void problem(const std::string&, std::size_t, const std::string&) override { ++problems; }
  } sink;
  rusage before{}, after{};
  getrusage(RUSAGE_SELF, &before);
  depeche::read_input(InputName{path, "enorme.rss.gz"}, InputFormat::kAuto, ReadLimits{}, sink);
  getrusage(RUSAGE_SELF, &after);
  EXPECT_EQ(sink.articles, static_cast<std::size_t>(items));
  EXPECT_EQ(sink.problems, 0u);
  EXPECT_EQ(sink.last, "https://gros.example/" + std::to_string(items - 1));
#ifndef DEPECHE_TEST_ASAN
  EXPECT_LT(after.ru_maxrss - before.ru_maxrss, 64 * 1024) << "kB of peak memory added while reading";
#endif
}

TEST(FeedReader, FormatIsDetectedByNameAndContent) {
  using depeche::detect_format;
  EXPECT_EQ(detect_format("f.rss", ""), InputFormat::kFeed);
  EXPECT_EQ(detect_format("f.atom.gz", ""), InputFormat::kFeed);
  EXPECT_EQ(detect_format("f.xml", "<?xml version='1.0'?><rss>"), InputFormat::kFeed);
  EXPECT_EQ(detect_format("f.xml", "<catalogue/>"), InputFormat::kFeed) << "the feed reader reports what it is not";
  EXPECT_EQ(detect_format("f", "<?xml version='1.0'?>\n<!-- flux -->\n<feed xmlns='http://www.w3.org/2005/Atom'>"),
            InputFormat::kFeed);
  EXPECT_EQ(detect_format("f", "<rdf:RDF xmlns:rdf='x'>"), InputFormat::kFeed);
  EXPECT_EQ(detect_format("f", "<catalogue/>"), InputFormat::kAuto);
  EXPECT_EQ(detect_format("f.jsonl", "<rss>"), InputFormat::kJsonl) << "names first";
  EXPECT_EQ(detect_format("f", "date 2023-01-02\n<rss>"), InputFormat::kText);
  EXPECT_EQ(depeche::parse_input_format("feed"), InputFormat::kFeed);
  EXPECT_STREQ(depeche::input_format_name(InputFormat::kFeed), "feed");
  EXPECT_THROW(depeche::parse_input_format("xml"), depeche::Error);
}

// Issue 33: an item without date is dated from a dateline of its body, never from a date its
// sentences talk about; an item's own date is kept.
TEST(FeedReader, ItemWithoutDateIsDatedFromADatelineOfItsBody) {
  TempDir dir;
  const Collect sink = read(dir.write("flux.rss", rss(
      "<item><title>Crue</title><link>https://flux.example/crue</link>"
      "<description><![CDATA[<p>Publié le 31 janvier 2024 à 18h02</p><p>Les quais sont fermés.</p>]]></description></item>"
      "<item><title>Pont</title><link>https://flux.example/pont</link>"
      "<description>Le pont a rouvert le 30 janvier 2024 après des travaux.</description></item>"
      "<item><title>Port</title><link>https://flux.example/port</link><pubDate>Tue, 30 Jan 2024 10:00:00 +0100</pubDate>"
      "<description><![CDATA[<p>Publié le 31 janvier 2024 à 18h02</p><p>Le port grandit.</p>]]></description></item>")), "flux.rss");
  ASSERT_EQ(sink.articles.size(), 3u) << sink.describe();
  EXPECT_EQ(sink.articles[0].date.iso(), "2024-01-31");
  EXPECT_FALSE(sink.articles[1].date.valid());
  EXPECT_EQ(sink.articles[2].date.iso(), "2024-01-30");
}
