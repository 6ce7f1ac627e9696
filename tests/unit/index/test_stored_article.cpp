#include "index/stored_article.h"

#include "schema.h"
#include "util/error.h"

#include "support/zlib_body.h"

#include <gtest/gtest.h>

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

TEST(StoredArticle, RoundTripKeepsEveryFieldAndTheBodyOutOfTheData) {
  const depeche::Article a = sample(true);
  Xapian::Document doc;
  depeche::store_article(a, doc);
  EXPECT_EQ(doc.get_data().find("corps"), std::string::npos) << "the data a hit reads must not carry the body";
  EXPECT_LT(doc.get_value(depeche::schema::kSlotBody).size(), a.body.size() / 4) << "the body is stored compressed";
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

TEST(StoredArticle, SchemaVersion1DataIsRead) {
  const depeche::Article a = sample(true);
  Xapian::Document doc;
  doc.set_data(depeche::canonical_form(a));  // what version 1 stored: every field and the body, as JSON
  const depeche::Article back = depeche::load_article(doc, depeche::WithBody::kNo);
  EXPECT_EQ(back.body, a.body);
  EXPECT_EQ(back.id, "a1");
}

// Schema version 2 stored the body with zlib, behind the same 4-byte size; --rebuild reads it.
TEST(StoredArticle, SchemaVersion2ZlibBodyIsReadWhenSaid) {
  const depeche::Article a = sample(true);
  Xapian::Document doc;
  depeche::store_article(a, doc);
  doc.add_value(depeche::schema::kSlotBody, depeche::test::zlib_body_slot(a.body));
  EXPECT_EQ(depeche::load_article(doc, depeche::WithBody::kYes, depeche::BodyCodec::kZlib).body, a.body);
  EXPECT_THROW(depeche::load_article(doc), depeche::Error) << "a zlib body is not LZ4";
}

TEST(StoredArticle, DamagedBodyIsAnErrorNotACrash) {
  Xapian::Document doc;
  depeche::store_article(sample(true), doc);
  std::string stored = doc.get_value(depeche::schema::kSlotBody);
  for (const std::string& damaged : {stored.substr(0, 2), stored.substr(0, stored.size() / 2), std::string(4, '\xff') + "zz"}) {
    doc.add_value(depeche::schema::kSlotBody, damaged);
    EXPECT_THROW(depeche::load_article(doc), depeche::Error);
    EXPECT_THROW(depeche::load_article(doc, depeche::WithBody::kYes, depeche::BodyCodec::kZlib), depeche::Error);
  }
}

}  // namespace
