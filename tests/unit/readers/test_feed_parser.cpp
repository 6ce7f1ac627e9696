// The feed parser (readers/feed_parser.h): UTF-8 text pushed in pieces, articles out as items end.
#include "readers/feed_parser.h"

#include "support/collect.h"

#include <gtest/gtest.h>

#include <string>

using depeche::test::Collect;

namespace {

const depeche::InputName kName{"f.xml", "f.xml"};

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
