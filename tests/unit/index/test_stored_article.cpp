#include "index/stored_article.h"

#include "schema.h"
#include "util/error.h"
#include "util/hash.h"

#include "support/old_layouts.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace {

depeche::Article sample(bool titled) {
  depeche::Article a;
  a.id = "a1";
  a.url = "https://example.fr/a1";
  a.source = "example.fr";
  a.section = "Économie";
  if (titled) a.title = "Le titre";
  a.body = "Un corps d’article assez long pour que la compression serve à quelque chose. " + std::string(2000, 'x');
  a.date = *depeche::util::parse_iso_date("2023-07-23");
  return a;
}

TEST(StoredArticle, RoundTripKeepsEveryFieldInOneValueWithTheBodyCompressed) {
  const depeche::Article a = sample(true);
  Xapian::Document doc;
  depeche::store_article(a, doc);
  EXPECT_EQ(doc.get_data(), "") << "Xapian compresses the data with zlib, which a hit would inflate";
  const std::string stored = doc.get_value(depeche::schema::kSlotArticle);
  EXPECT_NE(stored.find(depeche::stored_fields(a)), std::string::npos) << "the fields are stored as they are";
  EXPECT_EQ(stored.find(std::string(200, 'x')), std::string::npos) << "the body is stored compressed";
  EXPECT_LT(stored.size(), a.body.size() / 4);
  const depeche::Article back = depeche::load_article(doc);
  EXPECT_EQ(depeche::canonical_form(back), depeche::canonical_form(a));
  EXPECT_EQ(back.body, a.body);
}

TEST(StoredArticle, BodyIsReadOnlyWhenAsked) {
  for (bool titled : {true, false}) {
    Xapian::Document doc;
    depeche::store_article(sample(titled), doc);
    EXPECT_TRUE(depeche::load_article(doc, depeche::WithBody::kNo).body.empty());
    EXPECT_EQ(depeche::load_article(doc, depeche::WithBody::kWhenUntitled).body.empty(), titled)
        << "an untitled hit is shown by the start of its body";
    EXPECT_EQ(depeche::load_article(doc, depeche::WithBody::kNo).title.has_value(), titled);
  }
}

TEST(StoredArticle, OlderSchemaVersionsAreReadInTheirLayout) {
  using depeche::StoredLayout;
  for (bool titled : {true, false}) {
    const depeche::Article a = sample(titled);
    for (auto [version, layout] : {std::pair{1, StoredLayout::kDataAndZlibBody}, {2, StoredLayout::kDataAndZlibBody},
                                   {3, StoredLayout::kDataAndLz4Body}, {4, StoredLayout::kOneValueLz4Body},
                                   {5, StoredLayout::kOneValueLz4Body}}) {
      SCOPED_TRACE("schema version " + std::to_string(version));
      Xapian::Document doc;
      depeche::test::store_as_version(a, version, doc);
      const depeche::Article back = depeche::load_article(doc, depeche::WithBody::kYes, layout);
      EXPECT_EQ(depeche::canonical_form(back), depeche::canonical_form(a));
      EXPECT_EQ(depeche::load_article(doc, depeche::WithBody::kNo, layout).id, "a1");
      EXPECT_THROW(depeche::load_article(doc), depeche::Error) << "an older layout is not read as version 6's";
    }
    Xapian::Document v2;
    depeche::test::store_as_version(a, 2, v2);
    EXPECT_THROW(depeche::load_article(v2, depeche::WithBody::kYes, StoredLayout::kDataAndLz4Body), depeche::Error)
        << "a zlib body is not LZ4";
  }
}

// zstd may shrink a body far more than LZ4 or deflate could: the bound that refuses a damaged size
// must not refuse a real body of one repeated character.
TEST(StoredArticle, ABodyOfOneRepeatedCharacterRoundTrips) {
  depeche::Article a = sample(true);
  a.body = std::string(3'000'000, '=');
  Xapian::Document doc;
  depeche::store_article(a, doc);
  EXPECT_LT(doc.get_value(depeche::schema::kSlotArticle).size(), a.body.size() / 1032) << "beyond deflate's ratio";
  EXPECT_EQ(depeche::load_article(doc).body, a.body);
}

TEST(StoredArticle, DamagedValueIsAnErrorNotACrash) {
  Xapian::Document doc;
  depeche::store_article(sample(true), doc);
  const std::string stored = doc.get_value(depeche::schema::kSlotArticle);
  const std::size_t fields_end = 4 + depeche::stored_fields(sample(true)).size();
  for (const std::string& damaged : {stored.substr(0, 2), stored.substr(0, fields_end - 1), stored.substr(0, fields_end + 2),
                                     stored.substr(0, stored.size() / 2), std::string(4, '\xff') + "zz",
                                     stored.substr(0, fields_end) + std::string(4, '\xff') + "zz"}) {
    doc.add_value(depeche::schema::kSlotArticle, damaged);
    EXPECT_THROW(depeche::load_article(doc), depeche::Error);
  }
  // Damage in the body does not stop the fields from being read.
  doc.add_value(depeche::schema::kSlotArticle, stored.substr(0, fields_end + (stored.size() - fields_end) / 2));
  EXPECT_THROW(depeche::load_article(doc), depeche::Error);
  EXPECT_EQ(depeche::load_article(doc, depeche::WithBody::kNo).id, "a1");
  doc.add_value(depeche::schema::kSlotArticle, "");
  EXPECT_THROW(depeche::load_article(doc), depeche::Error) << "a document without an article";
}

}  // namespace

// Content hashes already in databases must not change: canonical_hash is the hash of canonical_form,
// computed without it, for every body, escapes, UTF-8 and bytes that are not UTF-8 alike.
TEST(StoredArticle, CanonicalHashIsTheHashOfTheCanonicalForm) {
  std::vector<std::string> bodies = {"", "plain", "quote \" backslash \\ slash / del \x7f",
                                     "é à ç € 𝄞 \xef\xbf\xbf \xf4\x8f\xbf\xbf",  // the highest code points
                                     "\xc3", "abc\xc3", "\x80 lone", "\xc0\x80 overlong", "\xe0\x9f\xbf overlong",
                                     "\xed\xa0\x80 surrogate", "\xf4\x90\x80\x80 too high", "\xf5\x80\x80\x80", "\xff"};
  std::string controls;
  for (int c = 1; c < 0x20; ++c) controls += static_cast<char>(c);
  bodies.push_back(controls + "end");
  std::mt19937 random(20261124);
  const std::string alphabet[] = {"a", " ", "\"", "\\", "\n", "\t", "\x01", "\x1f", "é", "€", "𝄞", "\xc3", "\x80", "\xed\xa0\x80"};
  for (int i = 0; i < 2000; ++i) {
    std::string body;
    for (int n = random() % 40; n > 0; --n) body += alphabet[random() % std::size(alphabet)];
    bodies.push_back(body);
  }
  for (bool titled : {true, false})
    for (const char* author : {"", "Jeanne \"JD\" Dupont", "\xc3 bad"})
      for (const std::string& body : bodies) {
        depeche::Article a = sample(titled);
        a.author = author;
        a.body = body;
        ASSERT_EQ(depeche::canonical_hash(a), depeche::util::fnv1a64(depeche::canonical_form(a)))
            << "author " << testing::PrintToString(a.author) << ", body " << testing::PrintToString(body);
      }
}

// Fields as no version writes them: read where they make sense, skipped where they do not, an
// error only when they are not a JSON object.
TEST(StoredArticle, UnexpectedFieldsAreSkippedNotFatal) {
  auto stored_with = [](const std::string& fields) {
    std::string value;
    for (int i = 0; i < 4; ++i) value += static_cast<char>((fields.size() >> (8 * i)) & 0xff);
    Xapian::Document doc;
    doc.add_value(depeche::schema::kSlotArticle, value + fields);
    return doc;
  };
  const depeche::Article a = depeche::load_article(stored_with(
      R"({"id":"x1","title":null,"extra":{"id":"nested","title":"no"},"url":42,"list":["a",{"b":1}],"source":"s.fr",)"
      R"("date":"2023-07","section":"Monde"})"));
  EXPECT_EQ(a.id, "x1") << "a nested key of the same name does not count";
  EXPECT_FALSE(a.title.has_value());
  EXPECT_EQ(a.url, "");
  EXPECT_EQ(a.source, "s.fr");
  EXPECT_EQ(a.section, "Monde");
  EXPECT_EQ(a.date.iso(), "2023-07");
  for (const char* not_an_object : {R"(["id","x1"])", R"("x1")", "", R"({"id":"x1"} trailing)", R"({"id":"x1")"})
    EXPECT_THROW(depeche::load_article(stored_with(not_an_object)), depeche::Error) << not_an_object;
}

namespace {

// Standfirsts, tags and site names (issue 33) are stored, read back and hashed.
TEST(StoredArticle, StandfirstTagsAndSiteNameRoundTripAndChangeTheHash) {
  depeche::Article a = sample(true);
  a.standfirst = "Un chapô qui résume l’article.";
  a.tags = {"Économie", "Bretagne", "port \"autonome\""};
  a.source_name = "Le Courrier Exemple";
  Xapian::Document doc;
  depeche::store_article(a, doc);
  const depeche::Article back = depeche::load_article(doc, depeche::WithBody::kNo);
  EXPECT_EQ(back.standfirst, a.standfirst);
  EXPECT_EQ(back.tags, a.tags);
  EXPECT_EQ(back.source_name, a.source_name);
  EXPECT_EQ(depeche::canonical_hash(a), depeche::util::fnv1a64(depeche::canonical_form(a)));
  for (auto change : {+[](depeche::Article& x) { x.standfirst += " Modifié."; },
                      +[](depeche::Article& x) { x.tags.pop_back(); },
                      +[](depeche::Article& x) { x.source_name = "Autre"; }}) {
    depeche::Article changed = a;
    change(changed);
    EXPECT_NE(depeche::canonical_hash(changed), depeche::canonical_hash(a)) << "a changed field is a changed article";
    EXPECT_EQ(depeche::canonical_hash(changed), depeche::util::fnv1a64(depeche::canonical_form(changed)));
  }
}

}  // namespace
