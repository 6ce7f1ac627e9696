// The feed parser (readers/feed_parser.h): UTF-8 text pushed in pieces, articles out as items end.
#include "readers/feed_parser.h"

#include "readers/article_fields.h"

#include "support/collect.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using depeche::Article;
using depeche::test::Collect;

namespace {

const depeche::InputName kName{"f.xml", "f.xml"};

// The articles of a whole feed pushed at once.
Collect parse(const std::string& xml) {
  Collect sink;
  depeche::feed::FeedParser parser(kName, {}, sink);
  parser.push(xml, true);
  parser.finish();
  return sink;
}

std::string rss(const std::string& items, const std::string& channel) {
  return "<rss version=\"2.0\"><channel>" + channel + items + "</channel></rss>";
}

}  // namespace

TEST(FeedParser, ItemsArriveAsTheirEndTagsDo) {
  Collect sink;
  depeche::ReadLimits limits;
  depeche::feed::FeedParser parser(kName, limits, sink);
  EXPECT_TRUE(parser.push("<rss><channel><link>https://site.fr/</link><item><title>Un</title>", false));
  EXPECT_TRUE(sink.articles.empty());
  EXPECT_TRUE(parser.push("<link>/a</link></item>\n<item><title>Deux</ti", false));
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].url, "https://site.fr/a");
  EXPECT_EQ(parser.line(), 2u);
  parser.push("tle></item></channel></rss>", true);
  parser.finish();
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[1].title.value_or("?"), "Deux");
  EXPECT_TRUE(sink.problems.empty()) << sink.describe();
}

TEST(FeedParser, AtomEntriesAndTheirAuthors) {
  Collect sink;
  depeche::feed::FeedParser parser(kName, {}, sink);
  parser.push(R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"><link href="https://site.fr/"/>
    <entry><title type="html">&lt;b&gt;Titre&lt;/b&gt;</title><id>urn:x</id><author><name>Anne</name><email>a@b</email></author>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Texte&eacute;</p></div></content></entry></feed>)",
              true);
  parser.finish();
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  const depeche::Article& a = sink.articles[0];
  EXPECT_EQ(a.title.value_or("?"), "Titre");
  EXPECT_EQ(a.id, "urn:x");
  EXPECT_EQ(a.author, "Anne");
  EXPECT_EQ(a.body, "Texteé");
  EXPECT_EQ(a.lang, "fr");
}

TEST(FeedParser, WhatIsNotAFeedIsSaid) {
  Collect sink;
  depeche::feed::FeedParser parser(kName, {}, sink);
  EXPECT_FALSE(parser.push("<html><body>x</body></html>", true));
  parser.finish();
  EXPECT_TRUE(sink.articles.empty());
  EXPECT_EQ(sink.describe(), "f.xml:1: not an RSS or Atom feed (root element <html>); skipped\n");
}

// Standfirsts, tags and site names (issue 33).
TEST(FeedParser, RssSummaryBesideContentIsTheStandfirstAndCategoriesAreTags) {
  const Collect sink = parse(rss(
      "<item><title>Crue de la Loire</title><link>https://flux.example/crue</link>"
      "<description>&lt;p&gt;Orléans surveille le fleuve heure par heure.&lt;/p&gt;</description>"
      "<content:encoded xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">&lt;p&gt;Les digues tiennent.&lt;/p&gt;</content:encoded>"
      "<category>Environnement</category><category> Loiret </category><category>Environnement</category></item>"
      "<item><title>Brève</title><link>https://flux.example/breve</link>"
      "<description>Le marché ouvre dimanche.</description></item>",
      "<title>La Gazette &amp; le Fleuve</title><link>https://flux.example/</link>"));
  ASSERT_EQ(sink.articles.size(), 2u) << sink.describe();
  EXPECT_TRUE(sink.problems.empty()) << sink.describe();
  const Article& crue = sink.articles[0];
  EXPECT_EQ(crue.body, "Les digues tiennent.");
  EXPECT_EQ(crue.standfirst, "Orléans surveille le fleuve heure par heure.");
  EXPECT_EQ(crue.section, "Environnement") << "the first category, as before";
  EXPECT_EQ(crue.tags, (std::vector<std::string>{"Environnement", "Loiret"}));
  EXPECT_EQ(crue.source_name, "La Gazette & le Fleuve") << "the channel's title";
  EXPECT_EQ(crue.source, "flux.example");
  const Article& breve = sink.articles[1];
  EXPECT_EQ(breve.body, "Le marché ouvre dimanche.") << "without content the description stays the body";
  EXPECT_EQ(breve.standfirst, "");
}

TEST(FeedParser, AtomSummaryBesideContentAndCategoryLabelsOrTerms) {
  const Collect sink = parse(
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Alpes Info</title><link href=\"https://alpes.example/\"/>"
      "<entry><title>Avalanche</title><link href=\"https://alpes.example/avalanche\"/>"
      "<summary>Risque fort en Savoie ce week-end.</summary>"
      "<content type=\"html\">&lt;p&gt;Les pisteurs déclenchent des coulées.&lt;/p&gt;</content>"
      "<category term=\"montagne\" label=\"Montagne\"/><category term=\"meteo\"/></entry></feed>");
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.standfirst, "Risque fort en Savoie ce week-end.");
  EXPECT_EQ(a.body, "Les pisteurs déclenchent des coulées.");
  EXPECT_EQ(a.tags, (std::vector<std::string>{"Montagne", "meteo"})) << "the label, else the term";
  EXPECT_EQ(a.source_name, "Alpes Info");
}

TEST(FeedParser, TenThousandCategoriesAreBoundedAndReported) {
  std::string categories;
  for (int i = 0; i < 10000; ++i) categories += "<category>c" + std::to_string(i) + "</category>";
  const Collect sink = parse(rss("<item><title>Tri</title><link>https://flux.example/tri</link><description>Texte.</description>" +
                                 categories + "</item>",
                                 "<link>https://flux.example/</link>"));
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  EXPECT_EQ(sink.articles[0].tags.size(), depeche::kMaxTags);
  ASSERT_EQ(sink.problems.size(), 1u) << sink.describe();
  EXPECT_EQ(sink.problems[0].message, "item 1: 9900 categories past the first 100 ignored");
}
