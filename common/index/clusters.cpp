#include "index/clusters.h"

#include "index/article_document.h"
#include "index/stored_article.h"
#include "schema.h"

#include <algorithm>
#include <functional>
#include <map>
#include <unordered_map>

namespace depeche {
namespace {

// Candidates compared per article, those sharing the most own shingles with it: enough for any
// story's representatives, bounded whatever the archive.
constexpr std::size_t kMaxCandidates = 16;

// An article's own shingles: those found in fewer than dedup::kBoilerplateBodies bodies.
struct OwnShingles {
  dedup::Shingles own;
  std::vector<std::uint64_t> elsewhere;  // those of them that another article of the database has
};

// For an article not yet written to `db` (`in_db`: whether an earlier version of it is there).
OwnShingles own_shingles(const Xapian::Database& db, const dedup::Shingles& shingles, bool in_db) {
  OwnShingles out;
  out.own.whole = shingles.whole;
  for (std::uint64_t s : shingles.hashes) {
    const Xapian::doccount in_others = db.get_termfreq(schema::shingle_term(s));  // and perhaps its earlier version
    if (in_others + (in_db ? 0 : 1) >= dedup::kBoilerplateBodies) continue;
    out.own.hashes.push_back(s);
    if (in_others > 0) out.elsewhere.push_back(s);
  }
  return out;
}

// For a document of the database, from its terms.
OwnShingles stored_own_shingles(const Xapian::Database& db, Xapian::docid d) {
  OwnShingles out;
  const std::string prefix(schema::kPrefixShingle), whole(schema::kWholeBodyTerm);
  auto t = db.termlist_begin(d);
  for (t.skip_to(prefix); t != db.termlist_end(d) && (*t).compare(0, prefix.size(), prefix) == 0; ++t) {
    const Xapian::doccount bodies = t.get_termfreq();
    if (bodies >= dedup::kBoilerplateBodies) continue;
    if (auto hash = schema::decode_hash(std::string_view(*t).substr(prefix.size()))) {
      out.own.hashes.push_back(*hash);
      if (bodies > 1) out.elsewhere.push_back(*hash);
    }
  }
  t.skip_to(whole);
  out.own.whole = t != db.termlist_end(d) && *t == whole;
  return out;
}

// Whether an article with `own` shingles, `shared` of them (`shared_sampled` of the sampled ones)
// found in another's, may be a copy of it: dedup::similarity cannot reach kCopyThreshold otherwise.
bool may_copy(const dedup::Shingles& own, std::size_t shared, std::size_t shared_sampled) {
  const auto sampled = static_cast<std::size_t>(std::count_if(own.hashes.begin(), own.hashes.end(), dedup::sampled));
  auto enough = [](std::size_t part, std::size_t of) { return static_cast<double>(part) >= dedup::kCopyThreshold * static_cast<double>(of); };
  return (own.whole && enough(shared, own.hashes.size())) || enough(shared_sampled, sampled);
}

// The representative (as `is_representative` says) that `own` copies most, among the documents
// before `before` (0: all) but `self` that share own shingles with it; 0 when none.
Xapian::docid copied_representative(const Xapian::Database& db, const OwnShingles& own, Xapian::docid self,
                                    Xapian::docid before, const std::function<bool(Xapian::docid)>& is_representative) {
  struct Shared {
    std::size_t all = 0, sampled = 0;
  };
  std::unordered_map<Xapian::docid, Shared> shared;
  for (std::uint64_t s : own.elsewhere) {
    const std::string term = schema::shingle_term(s);
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
      if (*p == self || (before != 0 && *p >= before)) continue;
      Shared& with = shared[*p];
      ++with.all;
      with.sampled += dedup::sampled(s);
    }
  }
  std::vector<std::pair<std::size_t, Xapian::docid>> ranked;  // most shared first, then the earliest
  for (const auto& [d, n] : shared)
    if (may_copy(own.own, n.all, n.sampled)) ranked.emplace_back(n.all, d);
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  Xapian::docid best = 0;
  double best_similarity = dedup::kCopyThreshold;
  std::size_t compared = 0;
  for (const auto& [n, d] : ranked) {
    if (!is_representative(d)) continue;
    const double sim = dedup::similarity(own.own, stored_own_shingles(db, d).own);
    if (sim >= best_similarity && (best == 0 || sim > best_similarity || d < best)) {
      best = d;
      best_similarity = sim;
    }
    if (++compared == kMaxCandidates) break;
  }
  return best;
}

}  // namespace

std::optional<std::string> closest_copy_cluster(const Xapian::Database& db, Xapian::docid self,
                                                const dedup::Shingles& shingles) {
  const OwnShingles own = own_shingles(db, shingles, self != 0);
  const auto is_representative = [&db](Xapian::docid d) {
    const Xapian::Document doc = db.get_document(d);
    return doc.get_value(schema::kSlotCluster) == schema::own_cluster(load_article(doc, WithBody::kNo).id);
  };
  const Xapian::docid copied = copied_representative(db, own, self, 0, is_representative);
  if (!copied) return std::nullopt;
  return db.get_document(copied).get_value(schema::kSlotCluster);
}

std::size_t cluster_in_input_order(Xapian::WritableDatabase& db) {
  std::map<Xapian::docid, std::string> joined;  // docid -> the cluster it joined
  const auto is_representative = [&joined](Xapian::docid d) { return joined.count(d) == 0; };
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::docid d = *it;
    const OwnShingles own = stored_own_shingles(db, d);
    if (own.elsewhere.empty()) continue;
    if (const Xapian::docid copied = copied_representative(db, own, d, d, is_representative))
      joined.emplace(d, db.get_document(copied).get_value(schema::kSlotCluster));
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
