// What indexing adds to an article's analysed text (DocumentBuilder): its content hash, its
// body's shingle terms (near-duplicates), the file it came from and its cluster. Shared by the
// one-by-one writer and the parallel first load, so both write the same documents.
#ifndef DEPECHE_INCLUDED_INDEX_ARTICLE_DOCUMENT_H
#define DEPECHE_INCLUDED_INDEX_ARTICLE_DOCUMENT_H

#include "index/dedup.h"
#include "index/document_builder.h"

#include <xapian.h>

#include <optional>
#include <string>
#include <unordered_map>

namespace depeche {

struct PreparedDocument {
  Xapian::Document doc;  // everything but the cluster
  dedup::Shingles shingles;  // also in doc, as terms
};

// Hash of the stored article: an unchanged article is not rewritten.
std::string content_hash(const Article& a);

// When an article was written and when its id first entered the archive, in seconds since the
// epoch (UTC, with microseconds, so that "new since this mark" never confuses two articles of one
// second): an update keeps the first, a rebuild carries both over.
struct IndexingTimes {
  double indexed_at = 0;
  double first_indexed_at = 0;
  static IndexingTimes now();  // a new article's
  // The times `doc` was written with; a document from before kSlotFirstIndexedAt existed was
  // first indexed, as far as anyone knows, when it was last written.
  static IndexingTimes of(const Xapian::Document& doc);
  // An update of `before`, written now.
  static IndexingTimes update_of(const Xapian::Document& before);
};

// `origin_term` is empty for articles read from stdin; `times` are a new article's by default.
PreparedDocument prepare_document(DocumentBuilder& builder, const Article& a, const std::string& hash,
                                  const std::string& origin_term, const IndexingTimes& times = IndexingTimes::now());

// Before `doc` (docid `self`, 0 when new) is written in its cluster: when the cluster has another
// article, marks `doc` and every other article of the cluster with kHasCopiesTerm (rewriting those
// not yet marked).
void mark_if_copies(Xapian::WritableDatabase& db, Xapian::docid self, Xapian::Document& doc);

// Words for Xapian's spelling dictionary (folded, as indexed), counted in articles and handed to
// Xapian once per word per batch: Xapian's add_spelling() costs the same for an increment of one
// as of many, and called per article it was a quarter of the indexing time.
class SpellingCounts {
 public:
  // Room for the words of about `articles` articles: a part's table grown from empty was
  // rehashed a dozen times, 1 % of a first index.
  void reserve_for(std::size_t articles);
  // Counts the words of the builder's last article, once each.
  void add_article(const DocumentBuilder& builder);
  // Adds another batch's counts to these.
  void add(const SpellingCounts& other);
  // Adds the counts to the database's dictionary and starts again from zero.
  void write_to(Xapian::WritableDatabase& db);
  // Adds the counts of one share of the words (by hash: share out of `shares`), so that several
  // threads can each write theirs to a database of its own.
  void write_share_to(Xapian::WritableDatabase& db, std::size_t share, std::size_t shares) const;

 private:
  std::unordered_map<std::string, Xapian::termcount> counts_;  // word -> articles that have it
};

}  // namespace depeche

#endif
