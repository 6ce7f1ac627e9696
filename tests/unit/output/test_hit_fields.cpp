// The printable fields of a hit: their names and order, the JSON of an article and of a hit, a
// field as table text, and the JSON text that escapes what nlohmann leaves for a terminal to obey.
#include "output/hit_fields.h"

#include "output/printer.h"
#include "util/error.h"

#include <gtest/gtest.h>

namespace {

using namespace depeche;

Article dated_article() {
  Article a;
  a.id = "a1";
  a.url = "https://x.fr/a1";
  a.source = "lemonde";
  a.title = "Titre";
  a.body = "Le corps.";
  a.date = util::Date{2023, 7, 23, util::DatePrecision::kDay};
  return a;
}

Hit sample_hit() {
  Hit h;
  h.rank = 3;
  h.score = 1.23456;
  h.percent = 87;
  h.article = dated_article();
  h.snippet.text = "un mot ici";
  h.snippet.marks = {{3, 6}};
  h.cluster = "c1";
  h.copy_count = 1;
  h.copies = {{"a2", ""}};
  return h;
}

std::vector<std::string> keys_of(const ojson& j) {
  std::vector<std::string> keys;
  for (const auto& item : j.items()) keys.push_back(item.key());
  return keys;
}

TEST(HitFields, CheckFieldsNamesTheUnknownOneAndTheKnownOnes) {
  EXPECT_NO_THROW(check_fields({"rank", "snippet", "date_precision"}));
  try {
    check_fields({"id", "titel"});
    FAIL() << "an unknown field is an error";
  } catch (const Error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("'titel'"), std::string::npos) << message;
    EXPECT_NE(message.find("known: rank, id, score"), std::string::npos) << message;
  }
}

TEST(HitFields, ArticleJsonListsItsFieldsInTheDocumentedOrderWithNulls) {
  const ojson j = article_json(dated_article());
  EXPECT_EQ(keys_of(j), (std::vector<std::string>{"id", "date", "date_precision", "source", "source_name", "section",
                                                  "tags", "lang", "author", "title", "standfirst", "url"}));
  EXPECT_TRUE(j["standfirst"].is_null());
  EXPECT_TRUE(j["source_name"].is_null());
  EXPECT_EQ(j["tags"], ojson::array()) << "no tags: an empty list";
  EXPECT_EQ(j["date"], "2023-07-23");
  EXPECT_EQ(j["date_precision"], "day");
  EXPECT_TRUE(j["section"].is_null()) << "an empty field is null";
  EXPECT_EQ(j["title"], "Titre");
}

TEST(HitFields, UndatedAndUntitledArticlesHaveNulls) {
  Article a;
  a.id = "x";
  a.body = "texte";
  const ojson j = article_json(a);
  EXPECT_TRUE(j["date"].is_null());
  EXPECT_TRUE(j["date_precision"].is_null());
  EXPECT_TRUE(j["title"].is_null());
  a.title = "";
  EXPECT_EQ(article_json(a)["title"], "") << "an empty title is still a title";
}

TEST(HitFields, HitJsonPutsTheHitsOwnFieldsAroundTheArticles) {
  const ojson j = hit_json(sample_hit());
  const std::vector<std::string> keys = keys_of(j);
  ASSERT_GE(keys.size(), 3u);
  EXPECT_EQ(std::vector<std::string>(keys.begin(), keys.begin() + 3), (std::vector<std::string>{"rank", "score", "percent"}));
  EXPECT_EQ(std::vector<std::string>(keys.end() - 6, keys.end()),
            (std::vector<std::string>{"url", "snippet", "highlights", "cluster", "copy_count", "copies"}));
  EXPECT_EQ(j["rank"], 3);
  EXPECT_EQ(j["percent"], 87);
  EXPECT_EQ(j["highlights"], ojson::parse("[[3,6]]"));
  EXPECT_EQ(j["cluster"], "c1");
  EXPECT_EQ(j["copies"], ojson::parse(R"([{"id":"a2","source":null}])")) << "a copy without source has null";
  EXPECT_FALSE(j.contains("explain")) << "only with --explain";
}

TEST(HitFields, HitJsonExplainsWhereEachTermMatched) {
  Hit h = sample_hit();
  h.cluster.clear();
  h.explanation = std::vector<TermContribution>{{"mot", "word", true, true, 0.5}, {"mo", "stem", false, false, 0.25}};
  const ojson j = hit_json(h);
  EXPECT_TRUE(j["cluster"].is_null());
  EXPECT_EQ(j["explain"], ojson::parse(R"([{"term":"mot","kind":"word","where":["title","body"],"weight":0.5},
                                            {"term":"mo","kind":"stem","where":[],"weight":0.25}])"));
}

TEST(HitFields, FieldTextForTables) {
  const Hit h = sample_hit();
  EXPECT_EQ(hit_field_text(h, "rank"), "3");
  EXPECT_EQ(hit_field_text(h, "percent"), "87");
  EXPECT_EQ(hit_field_text(h, "score"), "1.2346") << "four decimals";
  EXPECT_EQ(hit_field_text(h, "snippet"), "un mot ici");
  EXPECT_EQ(hit_field_text(h, "date"), "2023-07-23");
  EXPECT_EQ(hit_field_text(h, "date_precision"), "day");
  EXPECT_EQ(hit_field_text(h, "section"), "") << "null is an empty cell";
  Hit untitled = h;
  untitled.article.title.reset();
  EXPECT_EQ(hit_field_text(untitled, "title"), "");
}

TEST(HitFields, JsonTextEscapesDelAndC1ButKeepsOtherText) {
  const ojson j{{"k", "é\x7f\xc2\x9b\x1b ok"}};
  EXPECT_EQ(json_text(j), R"({"k":"é\u007f\u009b\u001b ok"})");
  EXPECT_EQ(json_text(ojson{{"bad", "\xff"}}), "{\"bad\":\"\xef\xbf\xbd\"}") << "invalid UTF-8 becomes U+FFFD";
}

}  // namespace
