// HTML article pages (issue 6): metadata from Open Graph, JSON-LD and the page; the body without
// navigation, scripts, menus, footers and share widgets; charsets; malformed and hostile markup.
#include "readers/html_reader.h"
#include "readers/reader.h"
#include "util/utf8.h"

#include "support/collect.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using depeche::Article;
using depeche::ArticleSink;
using depeche::InputFormat;
using depeche::InputName;
using depeche::ReadLimits;

namespace {

using depeche::test::Collect;
using depeche::test::TempDir;

std::string fixture(const std::string& name) { return std::string(DEPECHE_SOURCE_DIR) + "/tests/fixtures/formats/" + name; }

Collect read(const std::string& path, const std::string& display, const ReadLimits& limits = {},
             InputFormat format = InputFormat::kAuto) {
  Collect sink;
  EXPECT_EQ(depeche::read_input(InputName{path, display}, format, limits, sink), InputFormat::kHtml) << display;
  return sink;
}

Collect read_html(const std::string& html, const std::string& display = "page.html", const ReadLimits& limits = {}) {
  Collect sink;
  depeche::read_html_bytes(html, InputName{display, display}, limits, sink);
  return sink;
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

TEST(HtmlReader, JsonLdPageGivesMetadataAndBodyWithoutBoilerplate) {
  const Collect sink = read(fixture("article-jsonld.html"), "bretagne/port.html");
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  EXPECT_TRUE(sink.problems.empty()) << sink.describe();
  const Article& a = sink.articles[0];
  ASSERT_TRUE(a.title.has_value());
  EXPECT_EQ(*a.title, "Le port de Lorient agrandit son bassin à flot") << "og:title comes first";
  EXPECT_EQ(a.url, "https://www.courrier-bretagne.example/economie/port-lorient-bassin");
  EXPECT_EQ(a.id, a.url) << "the URL is the id (docs/output-format.md)";
  EXPECT_EQ(a.source, "courrier-bretagne.example") << "the host without www., not og:site_name";
  EXPECT_EQ(a.section, "Économie");
  EXPECT_EQ(a.author, "Maëlle Le Goff");
  EXPECT_EQ(a.lang, "fr");
  EXPECT_EQ(a.date.iso(), "2024-03-14") << "JSON-LD datePublished, as written";
  EXPECT_EQ(a.origin, "bretagne/port.html");

  EXPECT_EQ(a.body.rfind("Par Maëlle Le Goff, le 14 mars 2024\n\n", 0), 0u)
      << "the <h1> is the title, not the body's start:\n" << a.body;
  EXPECT_TRUE(contains(a.body, "Les travaux du bassin à flot commenceront à l’automne.")) << a.body;
  EXPECT_TRUE(contains(a.body, "Les pêcheurs & les plaisanciers")) << "entities decoded";
  EXPECT_TRUE(contains(a.body, "Le chantier coûtera 42 millions d’euros")) << "&nbsp; is a space";
  EXPECT_TRUE(contains(a.body, "jusqu’à 180 mètres.\n\nLes pêcheurs")) << "paragraphs separated by a blank line\n" << a.body;
  EXPECT_FALSE(contains(a.body, "  ")) << "whitespace collapsed";
  EXPECT_FALSE(contains(a.body, "prévoit\n")) << "newlines inside a paragraph collapsed";
  for (const char* boilerplate :
       {"Rubriquepolitique", "Rubriquesport", "témoinscookies", "Fildariane", "Partagersurfacebook", "Copierlelien",
        "Lienconnexe", "Inscriptionlettre", "Motsclefs", "Premiercommentaire", "Lesplusluscolonne", "Mentionslégales",
        "Activezjavascript", "scriptinterdit", "dataLayer", "font-family", "Accueil", "NewsArticle"})
    EXPECT_FALSE(contains(a.body, boilerplate)) << boilerplate << " is page furniture:\n" << a.body;
  EXPECT_FALSE(contains(a.body, "<")) << a.body;
}

TEST(HtmlReader, JsonLdAloneGivesHeadlineDateAndAuthors) {
  const Collect sink = read_html(R"(<html><head>
    <script type="application/ld+json">[{"@type": "Organization", "name": "X"},
      {"@type": ["NewsArticle"], "headline": "Grêle sur le vignoble &#039;bordelais&#039;",
       "datePublished": "2023-06-02T21:10:00-04:00", "author": [{"name": "Inès Caron"}, "Luc Viala"],
       "articleSection": ["Régions"], "inLanguage": "fr-FR", "mainEntityOfPage": {"@id": "https://vins.example/grele"}}]
    </script><title>Titre de l'onglet</title></head>
    <body><article><p>La grêle a touché mille hectares.</p></article></body></html>)");
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  const Article& a = sink.articles[0];
  ASSERT_TRUE(a.title.has_value());
  EXPECT_EQ(*a.title, "Grêle sur le vignoble 'bordelais'");
  EXPECT_EQ(a.date.iso(), "2023-06-02") << "the local date, never shifted to UTC";
  EXPECT_EQ(a.author, "Inès Caron, Luc Viala");
  EXPECT_EQ(a.section, "Régions");
  EXPECT_EQ(a.lang, "fr");
  EXPECT_EQ(a.url, "https://vins.example/grele");
  EXPECT_EQ(a.source, "vins.example") << "no og:site_name: the URL's host";
  EXPECT_EQ(a.body, "La grêle a touché mille hectares.");
}

TEST(HtmlReader, MalformedJsonLdIsIgnored) {
  const Collect sink = read_html(R"(<html><head><title>Repli</title>
    <script type="application/ld+json">{"headline": "cassé", </script>
    <script type="application/ld+json">)" + std::string(50000, '[') + R"(</script></head><body><p>Texte.</p></body></html>)");
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  EXPECT_EQ(*sink.articles[0].title, "Repli");
}

TEST(HtmlReader, PlainPageUsesTitleAndTime) {
  const Collect sink = read(fixture("article-simple.html"), "alsace/vendanges.html");
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  EXPECT_TRUE(sink.problems.empty()) << sink.describe();
  const Article& a = sink.articles[0];
  ASSERT_TRUE(a.title.has_value());
  EXPECT_EQ(*a.title, "Vendanges précoces en Alsace");
  EXPECT_EQ(a.date.iso(), "2023-08-21");
  EXPECT_EQ(a.url, "");
  EXPECT_EQ(a.id, "alsace/vendanges.html") << "no URL: the display path";
  EXPECT_EQ(a.source, "");
  EXPECT_TRUE(contains(a.body, "Les vignerons d'Alsace récoltent le riesling trois semaines plus tôt que d'habitude. "
                               "La sécheresse de juillet"))
      << a.body;
  EXPECT_TRUE(contains(a.body, "des raisins.\n\nLes rendements")) << a.body;
}

TEST(HtmlReader, H1IsTheTitleWhenThereIsNoTitleElement) {
  const Collect sink = read_html("<body><h1>  La Loire   en crue </h1><p>Les quais sont inondés.</p></body>");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(*sink.articles[0].title, "La Loire en crue");
}

TEST(HtmlReader, DateMetaTagsAndPublishedTime) {
  auto date_of = [](const std::string& head) {
    const Collect sink = read_html("<html><head>" + head + "</head><body><p>Texte.</p></body></html>");
    return sink.articles.empty() ? std::string("none") : sink.articles[0].date.iso();
  };
  EXPECT_EQ(date_of(R"(<meta property="article:published_time" content="2022-03-14T18:02:11+01:00">)"), "2022-03-14");
  EXPECT_EQ(date_of(R"(<meta name="date" content="2021-12-31">)"), "2021-12-31");
  EXPECT_EQ(date_of(R"(<meta name="DC.date.issued" content="2020-05">)"), "2020-05");
  EXPECT_EQ(date_of(R"(<meta name="pubdate" content="le 19 juillet 2023">)"), "2023-07-19");
  EXPECT_EQ(date_of(""), "") << "undated";
  // article:published_time wins over a <time> in the page
  const Collect sink = read_html(R"(<html><head><meta property="article:published_time" content="2019-01-02"></head>
      <body><p>Mis à jour <time datetime="2019-02-03">3 février</time></p></body></html>)");
  EXPECT_EQ(sink.articles[0].date.iso(), "2019-01-02");
}

TEST(HtmlReader, InvalidPublishedTimeIsReported) {
  const Collect sink = read_html(R"(<html><head><meta property="article:published_time" content="hier soir"></head>
      <body><p>Texte.</p></body></html>)");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_FALSE(sink.articles[0].date.valid());
  ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
  EXPECT_TRUE(contains(sink.problems[0].message, "hier soir"));
}

TEST(HtmlReader, LanguageFromHtmlLangOrOgLocale) {
  EXPECT_EQ(read_html("<html lang='FR-be'><body><p>x</p></body></html>").articles[0].lang, "fr");
  EXPECT_EQ(read_html("<html><head><meta property='og:locale' content='en_GB'></head><body><p>x</p></body></html>")
                .articles[0].lang,
            "en");
  EXPECT_EQ(read_html("<html lang='x'><body><p>x</p></body></html>").articles[0].lang, "");
}

namespace {

// A page with the given <head> lines and <body>, read into its one article.
Article page(const std::string& head, const std::string& body) {
  const Collect sink = read_html("<html><head>" + head + "</head><body>" + body + "</body></html>");
  EXPECT_EQ(sink.articles.size(), 1u) << sink.describe();
  return sink.articles.empty() ? Article{} : sink.articles[0];
}

struct TitleCase {
  std::string head, body, title, why;
};

void expect_titles(std::initializer_list<TitleCase> cases) {
  for (const TitleCase& c : cases) {
    const Article a = page(c.head, c.body);
    ASSERT_TRUE(a.title.has_value()) << c.why;
    EXPECT_EQ(*a.title, c.title) << c.why;
  }
}

}  // namespace

// Issue 33: "Le Monde" and lemonde.fr were two values of the source facet for one site.
TEST(HtmlReader, SourceIsTheHostWhateverTheSiteCallsItself) {
  const std::string named = R"(<meta property="og:site_name" content="Le Monde">)";
  EXPECT_EQ(page(named + R"(<link rel="canonical" href="https://www.lemonde.fr/international/1.html">)", "<p>x</p>").source,
            "lemonde.fr");
  EXPECT_EQ(page(named + R"(<meta property="og:url" content="https://WWW.LeMonde.fr/a">)", "<p>x</p>").source, "lemonde.fr");
  EXPECT_EQ(page(R"(<script type="application/ld+json">{"@type": "NewsArticle", "headline": "T",
                  "url": "https://www.lemonde.fr/b", "publisher": {"@type": "Organization", "name": "Le Monde"}}</script>)",
                 "<p>x</p>").source,
            "lemonde.fr")
      << "nor the JSON-LD publisher's name";
  EXPECT_EQ(page(named + R"(<link rel="canonical" href="https://abonnes.lemonde.fr/c">)", "<p>x</p>").source,
            "abonnes.lemonde.fr")
      << "only www. is dropped";
  EXPECT_EQ(page(named, "<p>x</p>").source, "Le Monde") << "no URL, no host: the display name is all there is";
  EXPECT_EQ(page(named + R"(<link rel="canonical" href="/relatif">)", "<p>x</p>").source, "Le Monde")
      << "a relative canonical is no URL";
}

TEST(HtmlReader, SiteSuffixIsDroppedWhenThePageConfirmsTheShorterTitle) {
  expect_titles({
      {"<title>Grêle sur Bordeaux - Le Monde</title>", "<h1>Grêle sur Bordeaux</h1><p>x</p>", "Grêle sur Bordeaux",
       "the <h1> confirms"},
      {"<title>Grêle sur Bordeaux | Libération</title>", "<h1> Grêle  sur\nBordeaux </h1><p>x</p>", "Grêle sur Bordeaux",
       "spaces do not count"},
      {R"(<title>Grêle sur Bordeaux – Le Figaro</title><meta property="og:site_name" content="Le Figaro">)", "<p>x</p>",
       "Grêle sur Bordeaux", "the suffix is the site's name"},
      {R"(<title>Grêle sur Bordeaux · libération</title><meta property="og:site_name" content="Libération">)", "<p>x</p>",
       "Grêle sur Bordeaux", "the site's name in another case"},
      {R"(<title>Grêle sur Bordeaux — Sud Ouest</title><script type="application/ld+json">{"@type": "NewsArticle",
         "datePublished": "2023-06-02", "publisher": {"@type": "Organization", "name": "Sud Ouest"}}</script>)",
       "<p>x</p>", "Grêle sur Bordeaux", "the suffix is the JSON-LD publisher's name"},
      {R"(<meta property="og:title" content="Grêle sur Bordeaux - Le Monde">)", "<h1>Grêle sur Bordeaux</h1><p>x</p>",
       "Grêle sur Bordeaux", "og:title loses a suffix the <h1> confirms"},
      {"<title>Brest - Lorient : le derby - Ouest-France</title>", "<h1>Brest - Lorient : le derby</h1><p>x</p>",
       "Brest - Lorient : le derby", "only the confirmed suffix goes"},
      {"<title>Grêle sur Bordeaux - Actualité - Le Monde</title>", "<h1>Grêle sur Bordeaux</h1><p>x</p>",
       "Grêle sur Bordeaux", "a section and the site both go when the <h1> confirms"},
  });
}

TEST(HtmlReader, TitleStaysWholeWithoutConfirmation) {
  expect_titles({
      {"<title>Brest - Lorient : le derby</title>", "<p>x</p>", "Brest - Lorient : le derby", "nothing confirms a cut"},
      {R"(<title>Brest - Lorient : le derby</title><meta property="og:site_name" content="Ouest-France">)",
       "<h1>Brest - Lorient : le derby</h1><p>x</p>", "Brest - Lorient : le derby", "the <h1> is the whole title"},
      {"<title>Grêle sur Bordeaux - Le Monde</title>", "<h1>Grêle sur Bordeaux, mille hectares touchés</h1><p>x</p>",
       "Grêle sur Bordeaux - Le Monde", "an <h1> that differs confirms nothing"},
      {R"(<title>Le Monde - Grêle sur Bordeaux</title><meta property="og:site_name" content="Le Monde">)",
       "<h1>Le Monde</h1><p>x</p>", "Le Monde - Grêle sur Bordeaux", "a logo <h1> that is the site's name is no title"},
      {"<title>Grêle sur Bordeaux -Le Monde</title>", "<h1>Grêle sur Bordeaux</h1><p>x</p>", "Grêle sur Bordeaux -Le Monde",
       "a dash without its spaces is no separator"},
  });
}

TEST(HtmlReader, TitleAtTheStartOfTheBodyIsNotRepeated) {
  const Article a = page("<title>Grêle sur Bordeaux | Libération</title>",
                         "<article><h1>Grêle sur <em>Bordeaux</em></h1><p>La grêle a touché mille hectares.</p>"
                         "<p>Grêle sur Bordeaux : les vignerons comptent.</p></article>");
  EXPECT_EQ(*a.title, "Grêle sur Bordeaux");
  EXPECT_EQ(a.body, "La grêle a touché mille hectares.\n\nGrêle sur Bordeaux : les vignerons comptent.")
      << "the title once, where it is the title; its words later in the text stay";

  const Article longer = page(R"(<meta property="og:title" content="Grêle sur Bordeaux">)",
                              "<h1>Grêle sur Bordeaux : mille hectares</h1><p>La grêle a touché les vignes.</p>");
  EXPECT_EQ(longer.body, "Grêle sur Bordeaux : mille hectares\n\nLa grêle a touché les vignes.")
      << "an <h1> that says more than the title keeps its words";

  const Article sentence = page("<title>Grêle</title>", "<p>Grêle sur Bordeaux hier soir.</p><p>Suite.</p>");
  EXPECT_EQ(sentence.body, "Grêle sur Bordeaux hier soir.\n\nSuite.") << "a paragraph that begins with the title is text";

  const Article only = page("<title>Grêle sur Bordeaux</title>", "<h1>Grêle sur Bordeaux</h1>");
  EXPECT_EQ(only.body, "Grêle sur Bordeaux") << "a page that is nothing but its title keeps it as its text";
}

TEST(HtmlReader, CanonicalMustBeAbsolute) {
  const Collect sink = read_html(R"(<html><head><link rel="canonical" href="/relatif">
      <meta property="og:url" content="https://www.ouest.example/a?b=1#c"></head><body><p>x</p></body></html>)");
  EXPECT_EQ(sink.articles[0].url, "https://www.ouest.example/a?b=1#c");
  EXPECT_EQ(sink.articles[0].source, "ouest.example");
}

TEST(HtmlReader, ArticleElementIsPreferredToTheRestOfThePage) {
  const Collect sink = read_html(R"(<html><body>
      <div>Bandeau promotionnel sans classe particulière.</div>
      <article><h2>Intertitre</h2><p>Le vrai texte de l'article, assez long pour compter.</p></article>
      <div>Pied de page sans balise footer.</div></body></html>)");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].body, "Intertitre\n\nLe vrai texte de l'article, assez long pour compter.");
}

TEST(HtmlReader, ItempropArticleBodyIsPreferred) {
  const Collect sink = read_html(R"(<html><body><article><h1>T</h1><div class="chapo">Chapeau.</div>
      <div itemprop="articleBody"><p>Corps seul.</p></div><div>Encart.</div></article></body></html>)");
  EXPECT_EQ(sink.articles[0].body, "Corps seul.");
}

TEST(HtmlReader, InlineElementsNamedLikeMenusAreText) {
  // GIMP's help pages: <span class="guimenu">, and a <div class="navheader"> that is navigation.
  const Collect sink = read_html(R"(<html><body><div class="navheader"><a href="p.html">Précédent</a></div>
      <div class="sect1"><p>Ouvrez le menu <span class="guimenu">Calque</span> puis <span class="guimenuitem">Nouveau</span>.</p></div>
      <div class="navfooter"><a href="n.html">Suivant</a></div></body></html>)");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].body, "Ouvrez le menu Calque puis Nouveau.");
}

TEST(HtmlReader, WrapperNamedAfterItsMenuIsNotDropped) {
  const Collect sink = read_html(R"(<html><body><div id="page" class="with-menu">
      <div class="menu"><a>Accueil</a></div><p>Tout le texte de la page est ici, dans le conteneur.</p></div></body></html>)");
  EXPECT_EQ(sink.articles[0].body, "Tout le texte de la page est ici, dans le conteneur.");
}

TEST(HtmlReader, HiddenAndRoleNavigationAreDropped) {
  const Collect sink = read_html(R"(<html><body><div role="navigation">Liens</div><div hidden>Caché</div>
      <div aria-hidden="true">Icône</div><p>Visible.</p></body></html>)");
  EXPECT_EQ(sink.articles[0].body, "Visible.");
}

TEST(HtmlReader, HtmlToTextKeepsStructure) {
  EXPECT_EQ(depeche::html_to_text("<p>Un<br>deux</p><ul><li>trois</li><li>quatre</li></ul>"),
            "Un\ndeux\n\ntrois\n\nquatre");
  EXPECT_EQ(depeche::html_to_text("a <b>gras</b>, <i>ital</i>ique &amp; &eacute;t&eacute; &#8217;"), "a gras, italique & été ’");
  EXPECT_EQ(depeche::html_to_text("<pre>ligne 1\nligne 2</pre>"), "ligne 1\nligne 2");
  EXPECT_EQ(depeche::html_to_text("<table><tr><td>Rouen</td><td>Caen</td></tr><tr><td>Lille</td></tr></table>"),
            "Rouen Caen\n\nLille");
  EXPECT_EQ(depeche::html_to_text("x<script>var a = '<p>';</script><style>p{}</style>y"), "x y");
  EXPECT_EQ(depeche::html_to_text("texte   sans\n\nbalise"), "texte sans balise");
  EXPECT_EQ(depeche::html_to_text(""), "");
  const std::string long_text = depeche::html_to_text("<p>" + std::string(1000, 'a') + " é</p>", 256, 1001);
  EXPECT_LE(long_text.size(), 1001u);
  EXPECT_TRUE(depeche::util::is_valid_utf8(long_text));
}

TEST(HtmlReader, DeclaredLatin1PageIsConvertedSilently) {
  const Collect sink = read(fixture("latin1-declared.html"), "latin1.html");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_TRUE(sink.problems.empty()) << "a declared charset is not a problem\n" << sink.describe();
  EXPECT_EQ(*sink.articles[0].title, "Réforme des lycées");
  EXPECT_TRUE(contains(sink.articles[0].body, "Les élèves choisiront leurs spécialités dès la seconde.")) << sink.articles[0].body;
}

TEST(HtmlReader, UndeclaredWindows1252PageIsDetectedWithOneWarning) {
  const Collect sink = read(fixture("cp1252-undeclared.html"), "quimper.html");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(*sink.articles[0].title, "Crêpes et cidre à Quimper");
  EXPECT_EQ(sink.articles[0].body,
            "La fête de la crêpe réunit les créateurs du Finistère. Ils présentent leurs œuvres à la cathédrale "
            "« Saint-Corentin ».");
  ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
  EXPECT_EQ(sink.problems[0].file, "quimper.html");
  EXPECT_TRUE(contains(sink.problems[0].message, "windows-1252")) << sink.problems[0].message;
}

TEST(HtmlReader, ForcedEncodingIsUsedWithoutWarning) {
  ReadLimits limits;
  limits.encoding = "ISO-8859-15";
  const Collect sink = read_html("<p>Prix : 5 \xA4 le caf\xE9</p>", "prix.html", limits);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].body, "Prix : 5 € le café");
  EXPECT_TRUE(sink.problems.empty()) << sink.describe();
}

TEST(HtmlReader, ForcedUtf8RepairsBadBytesWithOneWarning) {
  ReadLimits limits;
  limits.encoding = "utf8";
  const Collect sink = read_html("<p>D\xC3\xA9j\xC3\xA0 un caf\xE9.</p>", "mixte.html", limits);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].body, "Déjà un café.");
  ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
}

TEST(HtmlReader, Utf8PageMislabelledLatin1StaysUtf8) {
  const Collect sink = read_html("<html><head><meta charset='iso-8859-1'><title>Été</title></head><body><p>Déjà.</p></body></html>");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(*sink.articles[0].title, "Été");
  EXPECT_EQ(sink.articles[0].body, "Déjà.");
}

TEST(HtmlReader, Utf16PageWithByteOrderMark) {
  const std::u16string page = u"<html><head><title>Nîmes</title></head><body><p>Arènes.</p></body></html>";
  std::string bytes = "\xFF\xFE";
  for (char16_t c : page) {
    bytes += static_cast<char>(c & 0xFF);
    bytes += static_cast<char>(c >> 8);
  }
  TempDir dir;
  const Collect sink = read(dir.write("nimes.html", bytes), "nimes.html");
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  EXPECT_EQ(*sink.articles[0].title, "Nîmes");
  EXPECT_EQ(sink.articles[0].body, "Arènes.");
}

TEST(HtmlReader, GzipPageIsReadTransparently) {
  std::ifstream in(fixture("article-simple.html"), std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  TempDir dir;
  const std::string path = (dir / "vendanges.html.gz");
  gzFile gz = gzopen(path.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  const std::string s = content.str();
  ASSERT_EQ(gzwrite(gz, s.data(), static_cast<unsigned>(s.size())), static_cast<int>(s.size()));
  ASSERT_EQ(gzclose(gz), Z_OK);
  const Collect sink = read(path, "vendanges.html.gz");
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  EXPECT_EQ(*sink.articles[0].title, "Vendanges précoces en Alsace");
  EXPECT_EQ(sink.articles[0].date.iso(), "2023-08-21");
}

TEST(HtmlReader, MalformedPageIsRecovered) {
  const Collect sink = read(fixture("malformed.html"), "greve.html");
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  EXPECT_EQ(*sink.articles[0].title, "Grève à la SNCF");
  EXPECT_TRUE(contains(sink.articles[0].body, "Les contrôleurs cessent le travail vendredi matin.")) << sink.articles[0].body;
  EXPECT_FALSE(contains(sink.articles[0].body, "<")) << sink.articles[0].body;
}

TEST(HtmlReader, GarbageNeverCrashes) {
  for (const std::string& junk :
       {std::string("<"), std::string("<<<>>>&&&;;"), std::string("<html"), std::string("</p></div></body>"),
        std::string("<!-- jamais fermé"), std::string("<![CDATA[ x"), std::string("<p \xFF\xFE=\"\">\xC3"),
        std::string("<svg><svg><math><p>x</p>"), std::string(10000, '<'), std::string("&#0;&#xD800;&#x110000;")}) {
    const Collect sink = read_html(junk, "junk.html");
    for (const Article& a : sink.articles) EXPECT_TRUE(depeche::util::is_valid_utf8(a.body));
    EXPECT_TRUE(sink.articles.size() + sink.problems.size() >= 1u) << "every page is read or reported";
  }
}

TEST(HtmlReader, PageWithoutTextIsReportedAndSkipped) {
  const Collect sink = read_html("<html><head><script>x()</script></head><body><nav>Menu</nav></body></html>", "vide.html");
  EXPECT_TRUE(sink.articles.empty());
  ASSERT_EQ(sink.problems.size(), 1u);
  EXPECT_EQ(sink.problems[0].file, "vide.html");
}

TEST(HtmlReader, NulBytesAreDroppedAndPageKept) {
  const Collect sink = read_html(std::string("<title>Le ti\0tre</title><p>Co\0rps.</p>", 37), "nul.html");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(*sink.articles[0].title, "Le titre");
  EXPECT_EQ(sink.articles[0].body, "Corps.");
  ASSERT_EQ(sink.problems.size(), 1u);
}

TEST(HtmlReader, NestingHundredThousandDeepIsBounded) {
  std::string page = "<html><head><title>Profond</title></head><body><p>Début du texte.</p>";
  for (int i = 0; i < 100000; ++i) page += "<div>";
  page += "au fond";
  // End tags that close nothing open: each one searched the whole stack of open elements (13 s).
  for (int i = 0; i < 100000; ++i) page += "</span>";
  for (int i = 0; i < 100000; ++i) page += "</div>";
  page += "<p>Fin du texte.</p></body></html>";
  for (std::size_t depth : {std::size_t{256}, std::size_t{12}}) {
    ReadLimits limits;
    limits.max_markup_depth = depth;
    const auto start = std::chrono::steady_clock::now();
    const Collect sink = read_html(page, "profond.html", limits);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
    ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
    EXPECT_EQ(*sink.articles[0].title, "Profond");
    const std::string& body = sink.articles[0].body;
    EXPECT_TRUE(contains(body, "Début du texte.")) << body;
    EXPECT_TRUE(contains(body, "Fin du texte.")) << body;  // libxml2 used to halt in the deep part
    // The parser's own limit is never reached, nor the configured one: the tags past it are
    // dropped and their text kept.
    EXPECT_TRUE(contains(body, "au fond")) << body;
    ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
    EXPECT_TRUE(contains(sink.problems[0].message, "nested deeper")) << sink.problems[0].message;
  }
}

TEST(HtmlReader, ShallowPagesAreNotFlattened) {
  // Paragraphs and list items without end tags, a script full of tags: none nests deeply.
  std::string page = "<title>Plat</title><script>var s = '";
  for (int i = 0; i < 500; ++i) page += "<div>";
  page += "';</script><ul>";
  for (int i = 0; i < 300; ++i) page += "<li>point " + std::to_string(i);
  page += "</ul>";
  for (int i = 0; i < 300; ++i) page += "<p>Paragraphe " + std::to_string(i);
  const Collect sink = read_html(page, "plat.html");
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  EXPECT_TRUE(sink.problems.empty()) << sink.describe();
  const std::string& body = sink.articles[0].body;
  EXPECT_TRUE(contains(body, "point 299")) << body;
  EXPECT_TRUE(contains(body, "Paragraphe 298\n\nParagraphe 299")) << body;  // each still a paragraph
}

TEST(HtmlReader, DeepNestingKeepsTheParagraphsAfterIt) {
  std::string page = "<title>Gigogne</title><p>Avant.</p>";
  for (int i = 0; i < 400; ++i) page += "<div><span>";
  page += "Au centre.";
  for (int i = 0; i < 400; ++i) page += "</span></div>";
  page += "<p>Après, premier.</p><p>Après, second.</p>";
  const Collect sink = read_html(page, "gigogne.html");
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  EXPECT_EQ(sink.articles[0].body, "Avant.\n\nAu centre.\n\nAprès, premier.\n\nAprès, second.");
  ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
  EXPECT_EQ(sink.problems[0].message, "markup nested deeper than 200 elements; the deeper tags ignored, their text kept");
}

// The tags dropped past the nesting limit used to glue the words on either side of them:
// "zzalpha</p><p>zzbeta" became one word.
TEST(HtmlReader, DeepParagraphsCellsAndItemsKeepTheirWordsApart) {
  const std::string inner = "<p>zzalpha</p><p>zzbeta</p><div>zzgamma</div><br>zzdelta<ul><li>zzun<li>zzdeux</ul>"
                            "<table><tr><td>zzcase<td>zzcellule</table>";
  for (std::size_t nesting : {std::size_t{300}, std::size_t{100000}}) {
    std::string page = "<title>Gigogne</title>";
    for (std::size_t i = 0; i < nesting; ++i) page += "<div>";
    page += inner;
    for (std::size_t i = 0; i < nesting; ++i) page += "</div>";
    page += "<p>zzfin</p>";
    for (std::size_t depth : {std::size_t{256}, std::size_t{12}}) {
      ReadLimits limits;
      limits.max_markup_depth = depth;
      const Collect sink = read_html(page, "gigogne.html", limits);
      ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
      EXPECT_EQ(words_of(sink.articles[0].body), "zzalpha zzbeta zzgamma zzdelta zzun zzdeux zzcase zzcellule zzfin") << nesting << " " << depth;
      ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
      EXPECT_EQ(sink.problems[0].message, "markup nested deeper than " + std::to_string(std::min<std::size_t>(depth, 200)) +
                                              " elements; the deeper tags ignored, their text kept");
    }
  }
}

TEST(HtmlReader, LongPageAndLongBodyAreCut) {
  std::string page = "<title>Long</title>";
  for (int i = 0; i < 2000; ++i) page += "<p>Le glacier recule chaque été.</p>";
  ReadLimits limits;
  limits.max_article_bytes = 1000;
  Collect sink = read_html(page, "long.html", limits);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_LE(sink.articles[0].body.size(), 1000u);
  EXPECT_GT(sink.articles[0].body.size(), 900u);
  EXPECT_TRUE(depeche::util::is_valid_utf8(sink.articles[0].body));
  ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();

  TempDir dir;
  limits = ReadLimits{};
  limits.max_document_bytes = 5000;
  sink = read(dir.write("long.html", page), "long.html", limits);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_LT(sink.articles[0].body.size(), 5000u);
  ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
  EXPECT_TRUE(contains(sink.problems[0].message, "5000")) << sink.problems[0].message;
}

TEST(HtmlReader, FormatIsDetectedByNameAndContent) {
  using depeche::detect_format;
  EXPECT_EQ(detect_format("a/page.html", ""), InputFormat::kHtml);
  EXPECT_EQ(detect_format("a/page.HTM.gz", "date 2023-01"), InputFormat::kHtml);
  EXPECT_EQ(detect_format("a/page.xhtml", ""), InputFormat::kHtml);
  EXPECT_EQ(detect_format("page", "  <!DOCTYPE html><p>"), InputFormat::kHtml);
  EXPECT_EQ(detect_format("page", "\xEF\xBB\xBF<html lang=fr>"), InputFormat::kHtml);
  EXPECT_EQ(detect_format("page", "<?xml version='1.0'?>\n<!-- c -->\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0\">"),
            InputFormat::kHtml);
  EXPECT_EQ(detect_format("page.xml", "<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>"), InputFormat::kHtml);
  EXPECT_EQ(detect_format("page.txt", "<head><title>x</title>"), InputFormat::kHtml);
  EXPECT_EQ(depeche::parse_input_format("html"), InputFormat::kHtml);
  EXPECT_STREQ(depeche::input_format_name(InputFormat::kHtml), "html");
}

TEST(HtmlReader, ForcedHtmlFormatReadsAnyName) {
  TempDir dir;
  const Collect sink =
      read(dir.write("sans-extension", "<p>Un paragraphe.</p>"), "sans-extension", ReadLimits{}, InputFormat::kHtml);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].body, "Un paragraphe.");
}

// The real pages in ../shared/data/html-fr/ (GIMP help, Debian Reference): every one gives a
// title and a body without markup.
TEST(HtmlReader, SharedFrenchPagesAllGiveTitleAndText) {
  const fs::path dir = fs::path(DEPECHE_SHARED_DIR) / "data" / "html-fr";
  if (!fs::is_directory(dir))
    GTEST_SKIP() << dir << " is absent: these real pages are not shipped (tests/fixtures/formats has synthetic ones)";
  std::size_t pages = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".html") continue;
    ++pages;
    const std::string display = entry.path().filename().string();
    const Collect sink = read(entry.path().string(), display);
    ASSERT_EQ(sink.articles.size(), 1u) << display << "\n" << sink.describe();
    EXPECT_TRUE(sink.problems.empty()) << display << "\n" << sink.describe();
    const Article& a = sink.articles[0];
    ASSERT_TRUE(a.title.has_value()) << display;
    EXPECT_FALSE(a.title->empty()) << display;
    EXPECT_FALSE(a.body.empty()) << display;
    EXPECT_TRUE(depeche::util::is_valid_utf8(a.body)) << display;
    for (const char* tag : {"<p>", "<p ", "</p>", "<div", "</div>", "<span", "</span>", "<a ", "</a>", "<br", "<img",
                            "<td", "<li>", "<script", "<title"})
      EXPECT_FALSE(contains(a.body, tag)) << display << " has " << tag << " in its body";
    EXPECT_FALSE(contains(a.body, "Précédent")) << display << ": the navigation header is not text";
    // (markup written as text, as in the Debian Reference's XML section "&lt;!-- comment --&gt;", is text)
  }
  EXPECT_GT(pages, 0u);
}

namespace {

// A page whose first paragraph has `n` attributes, one of whose values holds a '<'.
std::string page_with_attributes(std::size_t n) {
  std::string p = "<p data-x=\"a<b\"";
  for (std::size_t i = 1; i < n; ++i) p += " a" + std::to_string(i) + "=\"v\"";
  return "<html><head><title>Attributs</title></head><body>" + p + ">Premier paragraphe.</p><p>Second.</p></body></html>";
}

}  // namespace

// libxml2 compares each attribute with all those before it: 100,000 on one element took 107 s.
// Past 1,000 the rest are dropped before parsing, and the page says so; its text is all kept.
TEST(HtmlReader, AnElementsAttributesPastAThousandAreIgnored) {
  const Collect many = read_html(page_with_attributes(100000));
  ASSERT_EQ(many.articles.size(), 1u) << many.describe();
  EXPECT_EQ(many.articles[0].body, "Premier paragraphe.\n\nSecond.");
  ASSERT_EQ(many.problems.size(), 1u) << many.describe();
  EXPECT_EQ(many.problems[0].message, "an element with more than 1000 attributes; the rest of them ignored");

  const Collect thousand = read_html(page_with_attributes(1000));
  ASSERT_EQ(thousand.articles.size(), 1u) << thousand.describe();
  EXPECT_EQ(thousand.articles[0].body, "Premier paragraphe.\n\nSecond.");
  EXPECT_TRUE(thousand.problems.empty()) << thousand.describe();
}

TEST(HtmlReader, AttributeLimitIsConfigurableAndReportedWhereItWasMet) {
  ReadLimits limits;
  limits.max_attributes = 5;
  const Collect sink = read_html("<title>Attributs</title>\n<p>Premier.</p>\n<p a=1 b='>' c d e f g>Second.</p>",
                                 "attributs.html", limits);
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  EXPECT_EQ(sink.articles[0].body, "Premier.\n\nSecond.");
  ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
  EXPECT_EQ(sink.problems[0].line, 3u);
  EXPECT_EQ(sink.problems[0].message, "an element with more than 5 attributes; the rest of them ignored");
}

// Issue 33: a page without date metadata is dated from a dateline of its visible text, even one
// outside the article's text; a date its sentences talk about never dates it.
TEST(HtmlReader, DatelineInVisibleTextWhenMetadataHasNone) {
  TempDir dir;
  auto date_of = [&](const std::string& head, const std::string& body) {
    const std::string path = dir.write("page.html", "<html><head>" + head + "</head><body>" + body + "</body></html>");
    const Collect sink = read(path, "page.html");
    return sink.articles.empty() ? std::string("none") : sink.articles[0].date.iso();
  };
  const std::string article = "<article><h1>La Loire en crue</h1><p>Les quais sont fermés depuis le 29 janvier 2023."
                              "</p><p>Le préfet a parlé le 30 janvier 2023 à la radio.</p></article>";
  EXPECT_EQ(date_of("", "<div class='entete'>Publié le 31 janvier 2023 à 18h02</div>" + article), "2023-01-31");
  EXPECT_EQ(date_of("", "<article><h1>La Loire en crue</h1><p class='date'>mardi 31 janvier 2023 à 18h02</p>"
                        "<p>Les quais sont fermés.</p></article>"),
            "2023-01-31");
  EXPECT_EQ(date_of("", article), "") << "dates the sentences talk about";
  EXPECT_EQ(date_of(R"(<meta name="date" content="2023-01-02">)",
                    "<div>Publié le 31 janvier 2023 à 18h02</div>" + article),
            "2023-01-02")
      << "the metadata's day wins";
  EXPECT_EQ(date_of(R"(<meta name="DC.date.issued" content="2023-01">)",
                    "<div>Publié le 31 janvier 2023 à 18h02</div>" + article),
            "2023-01-31")
      << "a month from the metadata is refined";
}
