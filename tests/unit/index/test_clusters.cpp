// Clusters of near-identical copies: an edited copy joins its original's cluster, a rewrite that
// shares a few sentences does not, whether articles come one by one or in a bulk load.
#include "index/clusters.h"

#include "index/article_document.h"
#include "schema.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>
#include <xapian.h>

namespace {

using namespace depeche;

// Distinct made-up words, so that shared shingles are only those the test shares.
std::string word(std::size_t i) {
  static const char* const kSyllables[] = {"ba", "ke", "lo", "mi", "ru", "sa", "te", "vo"};
  return std::string(kSyllables[i % 8]) + kSyllables[i / 8 % 8] + kSyllables[i / 64 % 8] + kSyllables[i / 512 % 8];
}

std::string words(std::size_t from, std::size_t to) {
  std::string text;
  for (std::size_t i = from; i < to; ++i) text += word(i) + (i % 12 == 11 ? ". " : " ");
  return text;
}

struct Indexed {
  PreparedDocument prepared;
  Xapian::docid docid;
};

class Clusters : public ::testing::Test {
 protected:
  // Prepares the article as the writer does and adds it in its own cluster.
  Indexed add(const std::string& id, const std::string& body) {
    Article a;
    a.id = id;
    a.title = "Titre " + id;
    a.body = body;
    Indexed i{prepare_document(builder_, a, content_hash(a), ""), 0};
    schema::set_cluster(i.prepared.doc, schema::own_cluster(id));
    i.docid = db_.add_document(i.prepared.doc);
    return i;
  }
  std::string cluster_of(Xapian::docid d) { return db_.get_document(d).get_value(schema::kSlotCluster); }

  test::TempDir dir_;
  Xapian::WritableDatabase db_{dir_ / "db", Xapian::DB_CREATE};
  DocumentBuilder builder_;
  const std::string original_ = words(0, 200);
  // The original with one sentence changed: a copy.
  const std::string edited_ = words(0, 96) + words(500, 508) + words(104, 200);
  // The story rewritten: its first sentences kept, the rest new.
  const std::string rewrite_ = words(0, 48) + words(1000, 1200);
};

TEST_F(Clusters, AnEditedCopyFindsItsOriginalsCluster) {
  const Indexed original = add("original", original_);
  const Indexed copy = add("copy", edited_);
  ASSERT_TRUE(copy.prepared.signature);
  EXPECT_EQ(closest_copy_cluster(db_, copy.docid, *copy.prepared.signature, copy.prepared.copy_threshold),
            schema::own_cluster("original"));
  EXPECT_EQ(closest_copy_cluster(db_, original.docid, *original.prepared.signature, original.prepared.copy_threshold),
            schema::own_cluster("copy"))
      << "either way round";
}

TEST_F(Clusters, ARewriteIsAnotherStory) {
  add("original", original_);
  const Indexed rewrite = add("rewrite", rewrite_);
  EXPECT_EQ(closest_copy_cluster(db_, rewrite.docid, *rewrite.prepared.signature, rewrite.prepared.copy_threshold),
            std::nullopt);
}

TEST_F(Clusters, AnArticleIsNotItsOwnCopy) {
  const Indexed original = add("original", original_);
  EXPECT_EQ(closest_copy_cluster(db_, original.docid, *original.prepared.signature, original.prepared.copy_threshold),
            std::nullopt);
  EXPECT_EQ(closest_copy_cluster(db_, 0, *original.prepared.signature, original.prepared.copy_threshold),
            schema::own_cluster("original"))
      << "a new article with the same text is a copy";
}

TEST_F(Clusters, ABulkLoadClustersAsIfIndexedOneByOne) {
  std::vector<float> thresholds;
  for (const auto& [id, body] : std::vector<std::pair<std::string, std::string>>{
           {"original", original_}, {"rewrite", rewrite_}, {"copy", edited_}, {"other", words(2000, 2200)}})
    thresholds.push_back(static_cast<float>(add(id, body).prepared.copy_threshold));
  db_.commit();
  EXPECT_EQ(cluster_in_input_order(db_, thresholds), 1u);
  EXPECT_EQ(cluster_of(3), schema::own_cluster("original")) << "the copy joined the earlier original";
  EXPECT_EQ(cluster_of(1), schema::own_cluster("original"));
  EXPECT_EQ(cluster_of(2), schema::own_cluster("rewrite"));
  EXPECT_EQ(cluster_of(4), schema::own_cluster("other"));
  const std::string mark(schema::kHasCopiesTerm);
  std::vector<Xapian::docid> marked(db_.postlist_begin(mark), db_.postlist_end(mark));
  EXPECT_EQ(marked, (std::vector<Xapian::docid>{1, 3})) << "both articles of the cluster know they have copies";
}

}  // namespace
