// The Article <-> JSON field table (article.h): one row per field, looked up by key,
// values absent as each writer omits them.
#include "readers/article_fields.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

using depeche::Article;
using depeche::ArticleFieldKind;

TEST(ArticleFields, EveryKeyIsUniqueAndFound) {
  std::set<std::string> keys;
  for (const auto& f : depeche::article_fields()) {
    EXPECT_TRUE(keys.insert(f.key).second) << f.key;
    EXPECT_EQ(depeche::find_article_field(f.key), &f);
    const bool has_member = f.kind == ArticleFieldKind::kText || f.kind == ArticleFieldKind::kBody;
    EXPECT_EQ(f.text != nullptr, has_member) << f.key;
  }
  EXPECT_EQ(depeche::find_article_field("rank"), nullptr);
  EXPECT_EQ(depeche::find_article_field(""), nullptr);
}

TEST(ArticleFields, InExportOrderWithOriginTheOnlyOneNotOfTheArticle) {
  std::string order, not_exported;
  for (const auto& f : depeche::article_fields()) (f.of_the_article ? order : not_exported) += std::string(f.key) + " ";
  EXPECT_EQ(order, "id url source section lang author date title standfirst body tags source_name ");
  EXPECT_EQ(not_exported, "origin ");
}

TEST(ArticleFields, EmptyValuesAreAbsentButIdAndBody) {
  const Article a;
  for (const auto& f : depeche::article_fields()) {
    const auto value = depeche::field_value(a, f);
    EXPECT_EQ(value.has_value(), f.always) << f.key;
    if (value) {
      EXPECT_EQ(*value, "");
    }
  }
}

TEST(ArticleFields, ValuesGoInAndComeOut) {
  Article a;
  for (const auto& f : depeche::article_fields())
    depeche::set_field_value(a, f, f.kind == ArticleFieldKind::kDate ? "2023-07" : std::string("v-") + f.key);
  EXPECT_EQ(a.id, "v-id");
  EXPECT_EQ(a.origin, "v-origin");
  EXPECT_EQ(a.body, "v-body");
  ASSERT_TRUE(a.title);
  EXPECT_EQ(*a.title, "v-title");
  EXPECT_EQ(a.date.iso(), "2023-07");
  EXPECT_EQ(a.tags, std::vector<std::string>{"v-tags"}) << "a string adds one tag";
  for (const auto& f : depeche::article_fields())
    EXPECT_EQ(depeche::field_value(a, f).value_or("?"), f.kind == ArticleFieldKind::kDate   ? "2023-07"
                                                         : f.kind == ArticleFieldKind::kTags ? "?"
                                                                                             : std::string("v-") + f.key);
}

TEST(ArticleFields, AnEmptyTitleIsWrittenAndABadDateIgnored) {
  Article a;
  depeche::set_field_value(a, *depeche::find_article_field("title"), "");
  depeche::set_field_value(a, *depeche::find_article_field("date"), "juillet");
  EXPECT_EQ(depeche::field_value(a, *depeche::find_article_field("title")), std::optional<std::string>(""));
  EXPECT_FALSE(a.date.valid());
  EXPECT_FALSE(depeche::field_value(a, *depeche::find_article_field("date")));
}

TEST(ArticleFields, PutFieldWritesTheTagsAsAnArrayAndNothingWhenAbsent) {
  Article a;
  nlohmann::json j = nlohmann::json::object();
  for (const auto& f : depeche::article_fields()) depeche::put_field(j, a, f);
  EXPECT_EQ(j.dump(), R"({"body":"","id":""})");
  a.tags = {"Économie", "Bretagne"};
  a.standfirst = "Un chapô.";
  depeche::put_field(j, a, *depeche::find_article_field("tags"));
  depeche::put_field(j, a, *depeche::find_article_field("standfirst"));
  EXPECT_EQ(j["tags"], nlohmann::json({"Économie", "Bretagne"}));
  EXPECT_EQ(j["standfirst"], "Un chapô.");
}

TEST(ArticleFields, StandfirstsAndTagsAreSettled) {
  Article a;
  a.body = "Le fleuve monte.\nLes digues tiennent.";
  a.standfirst = " Le fleuve\tmonte. ";
  a.tags = {"", "  Loire  ", "Loire", "Crue\x1b[0m", std::string(300, 'x')};
  EXPECT_TRUE(depeche::settle_standfirst_and_tags(a).empty());
  EXPECT_EQ(a.standfirst, "") << "the body holds it, white space folded";
  EXPECT_EQ(a.tags, (std::vector<std::string>{"Loire", "Crue [0m", std::string(depeche::kMaxTagBytes, 'x')}));

  a.standfirst = "Les digues cèdent.";
  EXPECT_TRUE(depeche::settle_standfirst_and_tags(a).empty());
  EXPECT_EQ(a.standfirst, "Les digues cèdent.") << "not in the body: kept";
}

TEST(ArticleFields, CommaSeparatedKeywordsAreSplit) {
  std::vector<std::string> tags;
  depeche::add_comma_separated("économie, social,,Bretagne", tags);
  EXPECT_EQ(tags, (std::vector<std::string>{"économie", " social", "", "Bretagne"})) << "cleaned afterwards";
}
