// A feed item made an article (readers/feed_item.h).
#include "readers/feed_item.h"

#include "support/collect.h"

#include <gtest/gtest.h>

using depeche::feed::BodyType;
using depeche::feed::FeedFields;
using depeche::feed::Flattening;
using depeche::feed::Item;
using depeche::test::Collect;

namespace {

const depeche::InputName kName{"f.rss", "dir/f.rss"};

Collect emit(const Item& item, const FeedFields& feed = {}, depeche::ReadLimits limits = {}) {
  Collect sink;
  Flattening flattening;
  depeche::feed::emit_item_article(item, feed, 256, flattening, kName, limits, sink);
  return sink;
}

}  // namespace

TEST(FeedItem, FieldsBecomeTheArticle) {
  Item it;
  it.index = 3;
  it.line = 40;
  it.title = "Un &amp; deux";
  it.title_html = true;
  it.link = "/2023/07/a";
  it.description = "<p>Premier.</p><p>Second.</p>";
  it.pub_date = "Sun, 23 Jul 2023 10:00:00 +0200";
  it.author = "redaction@site.fr (La Rédaction)";
  FeedFields feed;
  feed.link = "https://www.site.fr/";
  feed.lang = "fr-FR";
  const Collect sink = emit(it, feed);
  ASSERT_EQ(sink.articles.size(), 1u) << sink.describe();
  const depeche::Article& a = sink.articles[0];
  EXPECT_EQ(a.id, "https://www.site.fr/2023/07/a");
  EXPECT_EQ(a.title.value_or("?"), "Un & deux");
  EXPECT_EQ(a.body, "Premier.\n\nSecond.");
  EXPECT_EQ(a.date.iso(), "2023-07-23");
  EXPECT_EQ(a.author, "La Rédaction");
  EXPECT_EQ(a.lang, "fr");
  EXPECT_EQ(a.source, "site.fr");
  EXPECT_EQ(a.origin, "dir/f.rss");
}

TEST(FeedItem, ProblemsNameTheItem) {
  Item it;
  it.index = 2;
  it.line = 9;
  it.pub_date = "demain";
  it.summary = "texte\n\nsuite";
  it.summary_type = BodyType::kText;
  const Collect sink = emit(it);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].body, "texte\n\nsuite");
  EXPECT_EQ(sink.articles[0].id.rfind("f.rss#", 0), 0u);  // no link, no guid: named by content
  EXPECT_EQ(sink.describe(), "dir/f.rss:9: item 2: invalid date 'demain'; indexed undated\n");
  Item empty;
  empty.index = 5;
  EXPECT_EQ(emit(empty).describe(), "dir/f.rss:1: item 5 has neither title nor text; skipped\n");
}

TEST(FeedItem, AnItemWithoutLinkOrIdIsNamedAlikeInEveryFetchFile) {
  Item it;
  it.title = "Brève";
  it.summary = "Le conseil vote le budget.";
  it.summary_type = BodyType::kText;
  FeedFields site;
  site.link = "https://www.site.fr/";
  FeedFields titled;
  titled.title_text = "La Gazette";
  auto id_in = [&it](const FeedFields& feed, const depeche::InputName& name) {
    Collect sink;
    Flattening flattening;
    depeche::feed::emit_item_article(it, feed, 256, flattening, name, {}, sink);
    return sink.articles.at(0).id;
  };
  const depeche::InputName first{"une-0900.xml", "feeds/une-0900.xml"}, second{"une-0915.xml", "feeds/une-0915.xml"};
  EXPECT_EQ(id_in(site, first), id_in(site, second));
  EXPECT_EQ(id_in(site, first).rfind("site.fr#", 0), 0u) << id_in(site, first);
  EXPECT_EQ(id_in(titled, first), id_in(titled, second)) << "a feed without a site is named by its title";
  EXPECT_EQ(id_in(titled, first).rfind("La Gazette#", 0), 0u) << id_in(titled, first);
  EXPECT_NE(id_in({}, first), id_in({}, second)) << "with neither, only its file names the feed";
}

TEST(FeedItem, LongBodiesAreCut) {
  Item it;
  it.index = 1;
  it.line = 2;
  it.content = std::string(50, 'a') + " fin";
  it.content_type = BodyType::kText;
  depeche::ReadLimits limits;
  limits.max_article_bytes = 20;
  const Collect sink = emit(it, {}, limits);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_LE(sink.articles[0].body.size(), 20u);
  EXPECT_EQ(sink.describe(), "dir/f.rss:2: item 1 longer than 20 bytes; indexed its beginning\n");
}
