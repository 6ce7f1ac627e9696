// Which cluster (story) an article belongs to: that of its closest near-identical copy already
// in the database, found through the LSH band terms and confirmed with the MinHash signatures.
#ifndef DEPECHE_INCLUDED_INDEX_CLUSTERS_H
#define DEPECHE_INCLUDED_INDEX_CLUSTERS_H

#include "index/dedup.h"

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace depeche {

// The cluster of the most similar copy (similarity >= threshold) among the articles of `db`
// sharing a band with `sig`, leaving out `self` (the article's own document, 0 when new).
std::optional<std::string> closest_copy_cluster(const Xapian::Database& db, Xapian::docid self,
                                                const dedup::Signature& sig, double threshold);

// After a bulk load, where documents are in input order and each in its own cluster: gives each
// document the cluster it would have joined had the articles been indexed one by one, that is
// its closest copy among the documents before it. `thresholds[docid - 1]` is each document's
// copy threshold. Returns how many documents joined another's cluster.
std::size_t cluster_in_input_order(Xapian::WritableDatabase& db, const std::vector<float>& thresholds);

}  // namespace depeche

#endif
