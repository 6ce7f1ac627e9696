// The Article <-> JSON field table (article.h): one row per field, looked up by key,
// values absent as each writer omits them.
#include "readers/article_fields.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

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
  EXPECT_EQ(order, "id url source section lang author date title body ");
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
  for (const auto& f : depeche::article_fields())
    EXPECT_EQ(depeche::field_value(a, f).value_or("?"),
              f.kind == ArticleFieldKind::kDate ? "2023-07" : std::string("v-") + f.key);
}

TEST(ArticleFields, AnEmptyTitleIsWrittenAndABadDateIgnored) {
  Article a;
  depeche::set_field_value(a, *depeche::find_article_field("title"), "");
  depeche::set_field_value(a, *depeche::find_article_field("date"), "juillet");
  EXPECT_EQ(depeche::field_value(a, *depeche::find_article_field("title")), std::optional<std::string>(""));
  EXPECT_FALSE(a.date.valid());
  EXPECT_FALSE(depeche::field_value(a, *depeche::find_article_field("date")));
}
