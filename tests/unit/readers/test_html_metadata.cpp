// What a page says about its article (readers/html_metadata.h).
#include "readers/html_metadata.h"

#include "readers/html_tree.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace html = depeche::html;

namespace {

struct Page {
  explicit Page(const std::string& source) : doc(html::parse_html(source, "UTF-8", 200, 1000)) {
    scan = html::scan_page(doc.get(), 100);
    ld = html::read_linked_data(scan.json_ld);
  }
  html::DocPtr doc;
  html::PageScan scan;
  html::LinkedData ld;
};

}  // namespace

TEST(HtmlMetadata, MetaTagsGiveTheFields) {
  const Page page(R"(<html lang="fr-FR"><head><title>Le titre - Le Site</title>
    <meta property="og:site_name" content="Le Site"><link rel="canonical" href="https://www.site.fr/a">
    <meta property="article:section" content="Monde"><meta name="author" content="A. Dupont">
    <meta charset="iso-8859-15"></head><body><h1>Le titre</h1></body></html>)");
  depeche::Article a;
  html::read_page_metadata(page.scan, page.ld, 100, a);
  EXPECT_EQ(a.title.value_or("?"), "Le titre");
  EXPECT_EQ(a.url, "https://www.site.fr/a");
  EXPECT_EQ(a.source, "site.fr");
  EXPECT_EQ(a.section, "Monde");
  EXPECT_EQ(a.author, "A. Dupont");
  EXPECT_EQ(a.lang, "fr");
  EXPECT_EQ(page.scan.charset, "iso-8859-15");
}

TEST(HtmlMetadata, JsonLdFillsWhatTagsLack) {
  const Page page(R"(<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "headline": "Titre &amp; co",
    "datePublished": "2023-07-23T10:00:00+02:00", "author": [{"name": "A"}, "B"], "inLanguage": "fr"}]}</script>)");
  EXPECT_EQ(page.ld.author, "A, B");
  depeche::Article a;
  html::read_page_metadata(page.scan, page.ld, 100, a);
  EXPECT_EQ(a.title.value_or("?"), "Titre & co");
  EXPECT_EQ(a.author, "A, B");
  std::string unreadable;
  EXPECT_EQ(html::page_date(page.scan, page.ld, nullptr, 100, 1000, unreadable).iso(), "2023-07-23");
  EXPECT_EQ(unreadable, "");
}

TEST(HtmlMetadata, AnUnreadableStatedDateIsSaid) {
  const Page page(R"(<meta property="article:published_time" content="hier"><p>texte</p>)");
  std::string unreadable;
  EXPECT_FALSE(html::page_date(page.scan, page.ld, nullptr, 100, 1000, unreadable).valid());
  EXPECT_EQ(unreadable, "hier");
}

TEST(HtmlMetadata, SiteSuffixNeedsConfirmation) {
  EXPECT_EQ(html::without_site_suffix("Titre - Le Monde", {}, {"Le Monde"}), "Titre");
  EXPECT_EQ(html::without_site_suffix("Titre | Autre", {"Titre"}, {}), "Titre");
  EXPECT_EQ(html::without_site_suffix("Brest - Lorient : le derby", {}, {}), "Brest - Lorient : le derby");
  EXPECT_EQ(html::without_site_suffix("Le Monde - Titre", {"Le Monde"}, {"Le Monde"}), "Le Monde - Titre");
}

TEST(HtmlMetadata, CleanInlineDecodesAndCollapses) {
  EXPECT_EQ(html::clean_inline("  l&#039;été\n  <b>chaud</b> "), "l'été chaud");
  EXPECT_EQ(html::clean_inline("a   b"), "a b");
  EXPECT_EQ(html::declared_html_charset("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><html>", 1000), "ISO-8859-1");
  EXPECT_EQ(html::declared_html_charset("<meta http-equiv=Content-Type content='text/html; charset=windows-1252'>", 1000),
            "windows-1252");
}

// Standfirsts, tags and site names (issue 33).
namespace {

// The fields read_page_metadata gives a page.
depeche::Article metadata_of(const std::string& source) {
  const Page page(source);
  depeche::Article a;
  html::read_page_metadata(page.scan, page.ld, 100, a);
  return a;
}

}  // namespace

TEST(HtmlMetadata, StandfirstTagsAndSiteNameFromMetaTags) {
  const depeche::Article a = metadata_of(
      "<html><head><title>Sécheresse en Provence - Le Sud Exemple</title>"
      "<meta property=\"og:site_name\" content=\"Le Sud Exemple\">"
      "<meta property=\"og:description\" content=\"Les nappes phréatiques atteignent un niveau historiquement bas.\">"
      "<meta name=\"description\" content=\"Une description moins précise.\">"
      "<meta property=\"article:tag\" content=\"Climat\"><meta property=\"article:tag\" content=\"Agriculture\">"
      "<link rel=\"canonical\" href=\"https://www.sud-exemple.fr/secheresse\"></head><body></body></html>");
  EXPECT_EQ(a.standfirst, "Les nappes phréatiques atteignent un niveau historiquement bas.") << "og:description first";
  EXPECT_EQ(a.tags, (std::vector<std::string>{"Climat", "Agriculture"}));
  EXPECT_EQ(a.source_name, "Le Sud Exemple");
  EXPECT_EQ(a.source, "sud-exemple.fr") << "the source stays the host";
}

TEST(HtmlMetadata, DescriptionMetaJsonLdKeywordsAndPublisher) {
  const depeche::Article a = metadata_of(
      "<html><head><meta name=\"description\" content=\"Le conseil municipal vote le budget.\">"
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Budget voté\","
      "\"keywords\":\"finances locales, Nantes\",\"publisher\":{\"@type\":\"Organization\",\"name\":\"Nantes Exemple\"}}"
      "</script></head><body></body></html>");
  EXPECT_EQ(a.standfirst, "Le conseil municipal vote le budget.") << "<meta name=description> without og:description";
  EXPECT_EQ(a.tags, (std::vector<std::string>{"finances locales", "Nantes"}));
  EXPECT_EQ(a.source_name, "Nantes Exemple") << "JSON-LD publisher without og:site_name";

  const depeche::Article b = metadata_of(
      "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Titre\","
      "\"keywords\":[\"un\",2,\"deux\"]}</script></head><body></body></html>");
  EXPECT_EQ(b.tags, (std::vector<std::string>{"un", "deux"})) << "the strings of an array";
}
