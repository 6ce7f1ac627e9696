#include "index/article_document.h"

#include "index/stored_article.h"
#include "schema.h"

#include <chrono>

namespace depeche {

std::string content_hash(const Article& a) { return schema::encode_hash(canonical_hash(a)); }

IndexingTimes IndexingTimes::now() {
  const double seconds = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  return {seconds, seconds};
}

IndexingTimes IndexingTimes::of(const Xapian::Document& doc) {
  const double indexed_at = schema::decode_indexed_at(doc.get_value(schema::kSlotIndexedAt));
  const std::string first = doc.get_value(schema::kSlotFirstIndexedAt);
  return {indexed_at, first.empty() ? indexed_at : schema::decode_indexed_at(first)};
}

IndexingTimes IndexingTimes::update_of(const Xapian::Document& before) {
  return {now().indexed_at, of(before).first_indexed_at};
}

PreparedDocument prepare_document(DocumentBuilder& builder, const Article& a, const std::string& hash,
                                  const std::string& origin_term, const IndexingTimes& times) {
  PreparedDocument p{builder.build(a), dedup::shingles(a.body, builder.body_tokens())};
  p.doc.add_value(schema::kSlotIndexedAt, schema::encode_indexed_at(times.indexed_at));
  p.doc.add_value(schema::kSlotFirstIndexedAt, schema::encode_indexed_at(times.first_indexed_at));
  p.doc.add_value(schema::kSlotContentHash, hash);
  for (std::uint64_t shingle : p.shingles.hashes) p.doc.add_boolean_term(schema::shingle_term(shingle));
  if (p.shingles.whole) p.doc.add_boolean_term(std::string(schema::kWholeBodyTerm));
  if (const std::string page = dedup::same_page_key(a.url); !page.empty())
    p.doc.add_boolean_term(std::string(schema::kPrefixSamePage).append(page));
  if (!origin_term.empty()) p.doc.add_boolean_term(origin_term);
  return p;
}

void mark_if_copies(Xapian::WritableDatabase& db, Xapian::docid self, Xapian::Document& doc) {
  const std::string cluster_term = schema::cluster_term(doc.get_value(schema::kSlotCluster));
  const std::string mark(schema::kHasCopiesTerm);
  std::vector<Xapian::docid> others;
  for (auto p = db.postlist_begin(cluster_term); p != db.postlist_end(cluster_term); ++p)
    if (*p != self) others.push_back(*p);
  if (others.empty()) return;
  doc.add_boolean_term(mark);
  Xapian::PostingIterator marked = db.postlist_begin(mark);
  for (Xapian::docid other : others) {
    marked.skip_to(other);
    if (marked != db.postlist_end(mark) && *marked == other) continue;
    Xapian::Document copy = db.get_document(other);
    copy.add_boolean_term(mark);
    db.replace_document(other, copy);
  }
}

void SpellingCounts::reserve_for(std::size_t articles) {
  // 1,000 news articles have about 40,000 distinct spelling words; more articles share more.
  constexpr std::size_t kWordsPerArticle = 64;
  counts_.reserve(articles * kWordsPerArticle);
}

void SpellingCounts::add_article(const DocumentBuilder& builder) {
  constexpr std::size_t kMinWordBytes = 4;
  for (const DocumentBuilder::Word& word : builder.words()) {
    const std::string_view w = word.folded;
    // Words with a digit are identifiers (n12345, a320, 2023), never misspelt; a feed of a million
    // distinct ones grew one spelling fragment list until Xapian 1.4.22 failed every commit ("Too
    // few chunks of compressed data", at 169,000 words beginning "n1").
    if (w.size() < kMinWordBytes || w.find_first_of("0123456789") != std::string_view::npos) continue;
    ++counts_[std::string(w)];
  }
}

void SpellingCounts::add(const SpellingCounts& other) {
  for (const auto& [word, articles] : other.counts_) counts_[word] += articles;
}

void SpellingCounts::write_to(Xapian::WritableDatabase& db) {
  write_share_to(db, 0, 1);
  counts_.clear();
}

void SpellingCounts::write_share_to(Xapian::WritableDatabase& db, std::size_t share, std::size_t shares) const {
  const std::hash<std::string> hash;
  for (const auto& [word, articles] : counts_)
    if (shares == 1 || hash(word) % shares == share) db.add_spelling(word, articles);
}

}  // namespace depeche
