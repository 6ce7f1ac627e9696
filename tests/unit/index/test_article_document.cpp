// What indexing adds to the analysed document: the content hash, the near-duplicate signature and
// its band terms, the origin file's term, the copies mark, and the spelling counts.
#include "index/article_document.h"

#include "index/stored_article.h"
#include "schema.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <chrono>

namespace {

using namespace depeche;

// A body of `words` distinct words.
std::string body_of(std::size_t words) {
  std::string body;
  for (std::size_t i = 0; i < words; ++i) body += "mot" + std::string(1, static_cast<char>('a' + i % 26)) +
                                                  std::string(1, static_cast<char>('a' + i / 26 % 26)) + " ";
  return body;
}

Article article(const std::string& id, const std::string& body) {
  Article a;
  a.id = id;
  a.title = "Titre";
  a.body = body;
  return a;
}

bool has_term(const Xapian::Document& doc, const std::string& term) {
  Xapian::TermIterator t = doc.termlist_begin();
  t.skip_to(term);
  return t != doc.termlist_end() && *t == term;
}

std::size_t terms_with_prefix(const Xapian::Document& doc, const std::string& prefix) {
  std::size_t n = 0;
  for (Xapian::TermIterator t = doc.termlist_begin(); t != doc.termlist_end(); ++t) n += (*t).rfind(prefix, 0) == 0;
  return n;
}

TEST(ArticleDocument, ContentHashChangesWithTheArticle) {
  const Article a = article("a", "Le texte.");
  EXPECT_EQ(content_hash(a), schema::encode_hash(canonical_hash(a)));
  EXPECT_EQ(content_hash(a).size(), 16u);
  EXPECT_EQ(content_hash(a), content_hash(article("a", "Le texte.")));
  EXPECT_NE(content_hash(a), content_hash(article("a", "Le texte!")));
  Article retitled = a;
  retitled.title = "Autre";
  EXPECT_NE(content_hash(a), content_hash(retitled));
  Article resourced = a;
  resourced.source = "figaro";
  EXPECT_NE(content_hash(a), content_hash(resourced));
}

// A new article is indexed now, and first entered the archive now; given times are written as given.
TEST(ArticleDocument, TheIndexingTimesAreRecorded) {
  const double before = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  DocumentBuilder builder;
  const Article a = article("a", body_of(20));
  const PreparedDocument fresh = prepare_document(builder, a, content_hash(a), "");
  const double after = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  const IndexingTimes times = IndexingTimes::of(fresh.doc);
  EXPECT_GE(times.indexed_at, before - 1e-3);
  EXPECT_LE(times.indexed_at, after + 1e-3);
  EXPECT_EQ(times.first_indexed_at, times.indexed_at);
  const PreparedDocument carried = prepare_document(builder, a, content_hash(a), "", IndexingTimes{1800000000.5, 1700000000.25});
  EXPECT_EQ(schema::decode_indexed_at(carried.doc.get_value(schema::kSlotIndexedAt)), 1800000000.5);
  EXPECT_EQ(schema::decode_indexed_at(carried.doc.get_value(schema::kSlotFirstIndexedAt)), 1700000000.25);
}

TEST(ArticleDocument, ALongArticleHasItsShingleTerms) {
  DocumentBuilder builder;
  const Article a = article("a", body_of(200));
  const PreparedDocument p = prepare_document(builder, a, content_hash(a), "XForigin");
  EXPECT_FALSE(p.shingles.whole);
  EXPECT_FALSE(p.shingles.hashes.empty());
  EXPECT_EQ(p.doc.get_value(schema::kSlotContentHash), content_hash(a));
  EXPECT_EQ(terms_with_prefix(p.doc, std::string(schema::kPrefixShingle)), p.shingles.hashes.size());
  for (std::uint64_t s : p.shingles.hashes) EXPECT_TRUE(has_term(p.doc, schema::shingle_term(s)));
  EXPECT_FALSE(has_term(p.doc, std::string(schema::kWholeBodyTerm)));
  EXPECT_TRUE(has_term(p.doc, "XForigin"));
  EXPECT_EQ(load_article(p.doc).body, a.body) << "the article built as DocumentBuilder builds it";
}

TEST(ArticleDocument, AShortArticleIsMarkedWhole) {
  DocumentBuilder builder;
  const PreparedDocument shorter = prepare_document(builder, article("s", body_of(40)), "h", "");
  EXPECT_TRUE(shorter.shingles.whole);
  EXPECT_TRUE(has_term(shorter.doc, std::string(schema::kWholeBodyTerm)));
  const PreparedDocument tiny = prepare_document(builder, article("t", "Deux mots."), "h", "");
  EXPECT_EQ(terms_with_prefix(tiny.doc, std::string(schema::kPrefixShingle)), 0u) << "fewer words than a shingle";
  EXPECT_EQ(terms_with_prefix(tiny.doc, std::string(schema::kPrefixOriginFile)), 0u) << "stdin: no origin term";
}

TEST(ArticleDocument, AnArticleJoiningAClusterMarksEveryArticleOfIt) {
  test::TempDir dir;
  Xapian::WritableDatabase db(dir / "db", Xapian::DB_CREATE);
  auto in_cluster = [](const std::string& cluster) {
    Xapian::Document doc;
    schema::set_cluster(doc, cluster);
    return doc;
  };
  const std::string mark(schema::kHasCopiesTerm);
  Xapian::Document first = in_cluster("c1");
  mark_if_copies(db, 0, first);
  EXPECT_FALSE(has_term(first, mark)) << "alone in its cluster";
  const Xapian::docid first_id = db.add_document(first);
  db.add_document(in_cluster("c2"));

  Xapian::Document second = in_cluster("c1");
  mark_if_copies(db, 0, second);
  EXPECT_TRUE(has_term(second, mark));
  EXPECT_TRUE(has_term(db.get_document(first_id), mark)) << "the article already there is rewritten";
  EXPECT_FALSE(has_term(db.get_document(2), mark)) << "another cluster is left alone";

  db.add_document(second);
  Xapian::Document rewritten = db.get_document(first_id);
  mark_if_copies(db, first_id, rewritten);
  EXPECT_TRUE(has_term(rewritten, mark)) << "rewriting an article of the cluster keeps it marked";
  EXPECT_EQ(db.get_termfreq(mark), 2u);
}

// How many articles gave `word` to the spelling dictionary; 0 when it is not there.
Xapian::doccount spelling_frequency(const Xapian::Database& db, const std::string& word) {
  for (auto t = db.spellings_begin(); t != db.spellings_end(); ++t)
    if (*t == word) return t.get_termfreq();
  return 0;
}

TEST(ArticleDocument, SpellingCountsArticlesPerWordLeavingOutShortWordsAndIdentifiers) {
  test::TempDir dir;
  Xapian::WritableDatabase db(dir / "db", Xapian::DB_CREATE);
  DocumentBuilder builder;
  SpellingCounts counts;
  builder.build(article("a", "Les élections élections du n12345 et A320."));
  counts.add_article(builder);
  builder.build(article("b", "Encore des élections."));
  SpellingCounts other;
  other.add_article(builder);
  counts.add(other);
  counts.write_to(db);
  db.commit();
  EXPECT_EQ(spelling_frequency(db, "elections"), 2u) << "counted once per article";
  EXPECT_EQ(spelling_frequency(db, "encore"), 1u);
  EXPECT_EQ(spelling_frequency(db, "titre"), 2u) << "title words too";
  EXPECT_EQ(spelling_frequency(db, "les"), 0u) << "shorter than four bytes";
  EXPECT_EQ(spelling_frequency(db, "n12345"), 0u) << "a word with a digit is an identifier";
  EXPECT_EQ(spelling_frequency(db, "a320"), 0u);
  counts.write_to(db);
  db.commit();
  EXPECT_EQ(spelling_frequency(db, "elections"), 2u) << "write_to starts again from zero";
}

}  // namespace
