// Which cluster (story) an article belongs to. An article is a copy of a cluster when it is a copy
// of the cluster's first article, its representative (whose id names the cluster, own_cluster;
// once that article is deleted or rewritten into another story, the first member left), never
// merely of a later member: copies do not chain. Two articles are copies when their own
// shingles, those found in fewer than dedup::kBoilerplateBodies bodies of the database, are mostly
// the same (dedup::copy_similarity: all their shingles for two long bodies when one is all
// boilerplate). The database counts the bodies (the term frequency of each shingle term), whatever
// the order articles came in or the parts a first index was written in.
#ifndef DEPECHE_INCLUDED_INDEX_CLUSTERS_H
#define DEPECHE_INCLUDED_INDEX_CLUSTERS_H

#include "index/article_document.h"

#include <xapian.h>

#include <optional>
#include <string>

namespace depeche {

// The cluster of the representative that `article` (not yet written to `db`) copies most, among
// the articles of `db` but `self` (the article's own document, 0 when new).
std::optional<std::string> closest_copy_cluster(const Xapian::Database& db, Xapian::docid self,
                                                const PreparedDocument& article);

// After a bulk load, where documents are in input order and each in its own cluster: gives each
// document the cluster it would have joined had the articles been indexed one by one into the
// finished archive, that is that of the representative before it it copies most, counting
// boilerplate over the whole archive. Returns how many documents joined another's cluster.
std::size_t cluster_in_input_order(Xapian::WritableDatabase& db);

}  // namespace depeche

#endif
