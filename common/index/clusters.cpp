#include "index/clusters.h"

#include "index/article_document.h"
#include "schema.h"

#include <map>
#include <set>

namespace depeche {
namespace {

// Candidates compared per article: enough for any real story's copies, bounded for boilerplate
// that thousands of articles share.
constexpr Xapian::doccount kMaxCandidates = 64;

std::vector<std::string> band_terms(const dedup::Signature& sig) {
  std::vector<std::string> terms;
  for (const std::string& key : dedup::band_keys(sig)) terms.push_back(schema::band_term(key));
  return terms;
}

// Candidates in ascending docid order: ties in similarity go to the later one, as when indexed one by one.
template <typename Candidates, typename ClusterOf>
std::optional<std::string> best_copy(const Xapian::Database& db, const Candidates& candidates, const dedup::Signature& sig,
                                     double threshold, ClusterOf cluster_of) {
  std::optional<std::string> cluster;
  double best = threshold;
  for (Xapian::docid other : candidates) {
    const auto other_sig = dedup::decode(db.get_document(other).get_value(schema::kSlotSignature));
    if (!other_sig) continue;
    const double sim = dedup::similarity(sig, *other_sig);
    if (sim >= best) {
      best = sim;
      cluster = cluster_of(other);
    }
  }
  return cluster;
}

}  // namespace

std::optional<std::string> closest_copy_cluster(const Xapian::Database& db, Xapian::docid self,
                                                const dedup::Signature& sig, double threshold) {
  const std::vector<std::string> terms = band_terms(sig);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  std::vector<Xapian::docid> candidates;
  const Xapian::MSet mset = enquire.get_mset(0, kMaxCandidates);
  for (auto it = mset.begin(); it != mset.end(); ++it)
    if (*it != self) candidates.push_back(*it);
  return best_copy(db, candidates, sig, threshold,
                   [&](Xapian::docid d) { return db.get_document(d).get_value(schema::kSlotCluster); });
}

std::size_t cluster_in_input_order(Xapian::WritableDatabase& db, const std::vector<float>& thresholds) {
  // Only documents sharing a band with another can join a cluster.
  std::vector<bool> shares_band(db.get_lastdocid() + 1, false);
  const std::string prefix(schema::kPrefixBand);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
    if (t.get_termfreq() > 1)
      for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) shares_band[*p] = true;

  std::map<Xapian::docid, std::string> joined;  // docid -> the cluster it joined
  auto cluster_of = [&](Xapian::docid d) {
    const auto it = joined.find(d);
    return it != joined.end() ? it->second : db.get_document(d).get_value(schema::kSlotCluster);
  };
  for (Xapian::docid d = 1; d < shares_band.size(); ++d) {
    if (!shares_band[d] || d > thresholds.size()) continue;
    const auto sig = dedup::decode(db.get_document(d).get_value(schema::kSlotSignature));
    if (!sig) continue;
    // As the one-by-one writer's query would: the first candidates in docid order, all before d.
    std::set<Xapian::docid> candidates;
    for (const std::string& term : band_terms(*sig)) {
      Xapian::doccount taken = 0;
      for (auto p = db.postlist_begin(term); p != db.postlist_end(term) && *p < d && taken < kMaxCandidates; ++p, ++taken)
        candidates.insert(*p);
    }
    while (candidates.size() > kMaxCandidates) candidates.erase(std::prev(candidates.end()));
    if (auto cluster = best_copy(db, candidates, *sig, thresholds[d - 1], cluster_of)) joined.emplace(d, *cluster);
  }
  // In docid order, as the one-by-one writer meets them: each joining article marks its cluster.
  for (const auto& [d, cluster] : joined) {
    Xapian::Document doc = db.get_document(d);
    schema::set_cluster(doc, cluster);
    mark_if_copies(db, d, doc);
    db.replace_document(d, doc);
  }
  return joined.size();
}

}  // namespace depeche
