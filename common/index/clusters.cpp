#include "index/clusters.h"

#include "index/article_document.h"
#include "index/stored_article.h"
#include "schema.h"
#include "util/date.h"

#include <algorithm>
#include <functional>
#include <map>
#include <unordered_map>

namespace depeche {
namespace {

// Candidates compared per article, those sharing the most own shingles with it: enough for any
// story's representatives, bounded whatever the archive.
constexpr std::size_t kMaxCandidates = 16;

// Long bodies that are all boilerplate find their candidates through this many of their shingles,
// the fewest bodies have, if no more than kMaxCommonBodies have each.
constexpr std::size_t kCommonKeys = 8;
constexpr Xapian::doccount kMaxCommonBodies = 1000;

// An article's shingles, its own (those in fewer than dedup::kBoilerplateBodies bodies) apart.
struct ArticleShingles {
  dedup::Shingles own, all;
  std::vector<std::uint64_t> elsewhere;                        // own ones another article has
  std::vector<std::pair<Xapian::doccount, std::uint64_t>> common;  // the others, with their number of bodies

  // `bodies` that have shingle `s`, counting this article's.
  void add(std::uint64_t s, Xapian::doccount bodies) {
    all.hashes.push_back(s);
    if (bodies >= dedup::kBoilerplateBodies) {
      common.emplace_back(bodies, s);
      return;
    }
    own.hashes.push_back(s);
    if (bodies > 1) elsewhere.push_back(s);
  }
  void set_whole(bool whole) { own.whole = all.whole = whole; }
  // The shingles whose articles are candidates copies.
  std::vector<std::uint64_t> keys() const {
    if (!dedup::long_and_all_boilerplate(own)) return elsewhere;
    std::vector<std::pair<Xapian::doccount, std::uint64_t>> rarest = common;
    std::sort(rarest.begin(), rarest.end());
    std::vector<std::uint64_t> out;
    for (const auto& [bodies, s] : rarest)
      if (dedup::sampled(s) && bodies <= kMaxCommonBodies && out.size() < kCommonKeys) out.push_back(s);
    return out;
  }
};

// Where an article stands apart from its text: the page its URL names (its kPrefixSamePage term,
// empty when none) and its day.
struct PageAndDay {
  std::string page_term;
  std::optional<long> day;
};

PageAndDay page_and_day(Xapian::TermIterator t, const Xapian::TermIterator& end, std::string_view date_value) {
  const std::string prefix(schema::kPrefixSamePage);
  PageAndDay out;
  t.skip_to(prefix);
  if (t != end && (*t).compare(0, prefix.size(), prefix) == 0) out.page_term = *t;
  out.day = util::day_number(schema::decode_date(date_value));
  return out;
}

PageAndDay stored_page_and_day(const Xapian::Database& db, Xapian::docid d) {
  return page_and_day(db.termlist_begin(d), db.termlist_end(d), db.get_document(d).get_value(schema::kSlotDate));
}

std::optional<long> stored_day(const Xapian::Database& db, Xapian::docid d) {
  return util::day_number(schema::decode_date(db.get_document(d).get_value(schema::kSlotDate)));
}

// Whether two teaser-only pages, `own` (of day `day`) and document `other_doc` (`other`), both
// whole, are dated more than dedup::kTeaserDays apart; the other's day is read only then.
bool teasers_far_apart(const Xapian::Database& db, const dedup::Shingles& own, const std::optional<long>& day,
                       Xapian::docid other_doc, const dedup::Shingles& other) {
  if (!own.whole || !other.whole || !day) return false;
  const std::optional<long> other_day = stored_day(db, other_doc);
  return other_day && std::labs(*day - *other_day) > dedup::kTeaserDays;
}

// For an article not yet written to `db` (`in_db`: whether an earlier version of it is there).
ArticleShingles new_article_shingles(const Xapian::Database& db, const dedup::Shingles& shingles, bool in_db) {
  ArticleShingles out;
  out.set_whole(shingles.whole);
  for (std::uint64_t s : shingles.hashes) {
    const Xapian::doccount in_db_bodies = db.get_termfreq(schema::shingle_term(s));  // perhaps its earlier version's
    out.add(s, in_db ? std::max<Xapian::doccount>(in_db_bodies, 1) : in_db_bodies + 1);
  }
  return out;
}

// For a document of the database, from its terms.
ArticleShingles stored_shingles(const Xapian::Database& db, Xapian::docid d) {
  ArticleShingles out;
  const std::string prefix(schema::kPrefixShingle), whole(schema::kWholeBodyTerm);
  auto t = db.termlist_begin(d);
  for (t.skip_to(prefix); t != db.termlist_end(d) && (*t).compare(0, prefix.size(), prefix) == 0; ++t)
    if (auto hash = schema::decode_shingle(std::string_view(*t).substr(prefix.size()))) out.add(*hash, t.get_termfreq());
  t.skip_to(whole);
  out.set_whole(t != db.termlist_end(d) && *t == whole);
  return out;
}

bool is_prefixed(std::string_view term) { return !term.empty() && term.front() >= 'A' && term.front() <= 'Z'; }

// The title words, words and day of a document, written (`t` over the database's term list) or not.
dedup::TeaserPage teaser_page(Xapian::TermIterator t, const Xapian::TermIterator& end, std::string_view date_value) {
  const std::string_view title = schema::field("title").prefix;
  dedup::TeaserPage page;
  for (; t != end; ++t) {
    const std::string& term = *t;
    if (!is_prefixed(term)) page.words.push_back(term);
    else if (term.compare(0, title.size(), title) == 0 && !is_prefixed(std::string_view(term).substr(title.size())))
      page.title_words.push_back(term.substr(title.size()));
  }
  page.day = util::day_number(schema::decode_date(date_value));
  return page;  // sorted and unique, as a term list is
}

dedup::TeaserPage stored_teaser_page(const Xapian::Database& db, Xapian::docid d) {
  return teaser_page(db.termlist_begin(d), db.termlist_end(d), db.get_document(d).get_value(schema::kSlotDate));
}

// The teaser page of an article with `own` shingles, when the teaser rule may make it a copy.
std::optional<dedup::TeaserPage> teaser_if_whole(const dedup::Shingles& own,
                                                 const std::function<dedup::TeaserPage()>& read) {
  if (!own.whole || own.hashes.size() < dedup::kMinOwnShingles) return std::nullopt;
  return read();
}

// Whether an article with `own` shingles, `shared` of them (`shared_sampled` of the sampled ones)
// found in another's, may be a copy of it: dedup::similarity cannot reach kCopyThreshold otherwise.
bool may_copy(const dedup::Shingles& own, std::size_t shared, std::size_t shared_sampled) {
  const auto sampled = static_cast<std::size_t>(std::count_if(own.hashes.begin(), own.hashes.end(), dedup::sampled));
  auto enough = [](std::size_t part, std::size_t of) { return static_cast<double>(part) >= dedup::kCopyThreshold * static_cast<double>(of); };
  return (own.whole && enough(shared, own.hashes.size())) || enough(shared_sampled, sampled);
}

// The representative (as `is_representative` says) that `own` (whose teaser page is `teaser`, when
// it is one; whose page and day are `where`) copies most, among the documents before `before` (0:
// all) but `self` that share own shingles or its page with it; 0 when none. A teaser copy, or a
// copy of the same page by its lower threshold, counts as the least similar copy.
Xapian::docid copied_representative(const Xapian::Database& db, const ArticleShingles& own,
                                    const std::optional<dedup::TeaserPage>& teaser, const PageAndDay& where,
                                    Xapian::docid self, Xapian::docid before,
                                    const std::function<bool(Xapian::docid)>& is_representative) {
  struct Shared {
    std::size_t all = 0, sampled = 0;
    bool page = false;
  };
  std::unordered_map<Xapian::docid, Shared> shared;
  const auto counted = [&](Xapian::docid d) { return d != self && (before == 0 || d < before); };
  const bool by_own = !dedup::long_and_all_boilerplate(own.own);
  for (std::uint64_t s : own.keys()) {
    const std::string term = schema::shingle_term(s);
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
      if (!counted(*p)) continue;
      Shared& with = shared[*p];
      ++with.all;
      with.sampled += dedup::sampled(s);
    }
  }
  if (!where.page_term.empty())
    for (auto p = db.postlist_begin(where.page_term); p != db.postlist_end(where.page_term); ++p)
      if (counted(*p)) shared[*p].page = true;
  struct Candidate {
    bool page;
    std::size_t shared;
    Xapian::docid d;
  };
  std::vector<Candidate> ranked;  // the same page first, then the most shared, then the earliest
  for (const auto& [d, n] : shared)
    if (n.page || !by_own || may_copy(own.own, n.all, n.sampled) || (teaser && n.all >= dedup::kTeaserSharedShingles))
      ranked.push_back({n.page, n.all, d});
  std::sort(ranked.begin(), ranked.end(), [](const Candidate& a, const Candidate& b) {
    if (a.page != b.page) return a.page;
    return a.shared != b.shared ? a.shared > b.shared : a.d < b.d;
  });
  Xapian::docid best = 0;
  double best_similarity = dedup::kCopyThreshold;
  std::size_t compared = 0;
  for (const auto& [page, n, d] : ranked) {
    if (!is_representative(d)) continue;
    const ArticleShingles other = stored_shingles(db, d);
    if (!page && teasers_far_apart(db, own.own, where.day, d, other.own)) continue;
    double sim = dedup::copy_similarity(own.own, own.all, other.own, other.all);
    if (sim < dedup::kCopyThreshold && page && sim >= dedup::kSamePageThreshold) sim = dedup::kCopyThreshold;
    if (sim < dedup::kCopyThreshold && teaser && dedup::teaser_copies(*teaser, own.own, stored_teaser_page(db, d), other.own))
      sim = dedup::kCopyThreshold;
    if (sim >= best_similarity && (best == 0 || sim > best_similarity || d < best)) {
      best = d;
      best_similarity = sim;
    }
    if (++compared == kMaxCandidates) break;
  }
  return best;
}

bool named_after(const Xapian::Document& doc, const std::string& cluster) {
  return cluster == schema::own_cluster(load_article(doc, WithBody::kNo).id);
}

// Whether document `d` is its cluster's representative: the article that names the cluster, or,
// once that one is deleted or rewritten into another cluster, the first member left, so that
// later copies of the story still join the copies already there.
bool represents_its_cluster(const Xapian::Database& db, Xapian::docid d) {
  const Xapian::Document doc = db.get_document(d);
  const std::string cluster = doc.get_value(schema::kSlotCluster);
  if (named_after(doc, cluster)) return true;
  const std::string members = schema::cluster_term(cluster);
  Xapian::docid first = 0;
  for (auto p = db.postlist_begin(members); p != db.postlist_end(members); ++p) {
    if (named_after(db.get_document(*p), cluster)) return false;
    if (first == 0) first = *p;
  }
  return first == d;
}

}  // namespace

std::optional<std::string> closest_copy_cluster(const Xapian::Database& db, Xapian::docid self,
                                                const PreparedDocument& article) {
  const ArticleShingles own = new_article_shingles(db, article.shingles, self != 0);
  const auto teaser = teaser_if_whole(own.own, [&article] {
    return teaser_page(article.doc.termlist_begin(), article.doc.termlist_end(),
                       article.doc.get_value(schema::kSlotDate));
  });
  const auto is_representative = [&db](Xapian::docid d) { return represents_its_cluster(db, d); };
  const PageAndDay where = page_and_day(article.doc.termlist_begin(), article.doc.termlist_end(),
                                        article.doc.get_value(schema::kSlotDate));
  const Xapian::docid copied = copied_representative(db, own, teaser, where, self, 0, is_representative);
  if (!copied) return std::nullopt;
  return db.get_document(copied).get_value(schema::kSlotCluster);
}

std::size_t cluster_in_input_order(Xapian::WritableDatabase& db) {
  std::map<Xapian::docid, std::string> joined;  // docid -> the cluster it joined
  const auto is_representative = [&joined](Xapian::docid d) { return joined.count(d) == 0; };
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::docid d = *it;
    const ArticleShingles own = stored_shingles(db, d);
    const PageAndDay where = stored_page_and_day(db, d);
    if (own.keys().empty() && where.page_term.empty()) continue;
    const auto teaser = teaser_if_whole(own.own, [&db, d] { return stored_teaser_page(db, d); });
    if (const Xapian::docid copied = copied_representative(db, own, teaser, where, d, d, is_representative))
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
