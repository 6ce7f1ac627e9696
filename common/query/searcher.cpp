#include "query/searcher.h"

#include "index/article_document.h"
#include "index/document_builder.h"
#include "index/facet_columns.h"
#include "index/damage.h"
#include "index/stored_article.h"
#include "schema.h"
#include "util/date.h"
#include "util/disk_usage.h"
#include "util/error.h"
#include "util/xapian_error.h"

#include <algorithm>
#include <functional>
#include <chrono>
#include <thread>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

namespace depeche {
namespace {

// Counts a multi-valued slot (values each followed by '\n'), which ValueCountMatchSpy cannot.
class MultiValueCountSpy : public Xapian::MatchSpy {
 public:
  explicit MultiValueCountSpy(Xapian::valueno slot) : slot_(slot) {}
  void operator()(const Xapian::Document& doc, double) override {
    const std::string value = doc.get_value(slot_);
    std::size_t start = 0;
    for (std::size_t nl; (nl = value.find('\n', start)) != std::string::npos; start = nl + 1)
      ++counts_[value.substr(start, nl - start)];
  }
  const std::map<std::string, Xapian::doccount>& counts() const { return counts_; }

 private:
  Xapian::valueno slot_;
  std::map<std::string, Xapian::doccount> counts_;
};

struct FacetSpy {
  std::string name;
  std::unique_ptr<Xapian::ValueCountMatchSpy> single;
  std::unique_ptr<MultiValueCountSpy> multi;
  std::unique_ptr<ColumnCountSpy> columns;
};

bool is_time_facet(const std::string& name) { return name == "year" || name == "month"; }

// Orders a facet's values and keeps `limit` of them: by count (the largest), or by value (a time
// series keeps its last values, the latest periods then "undated"; other facets the first values).
void order_and_cut(Facet& f, SearchRequest::FacetOrder order, std::size_t limit) {
  const bool by_value = order == SearchRequest::FacetOrder::kValue ||
                        (order == SearchRequest::FacetOrder::kAuto && is_time_facet(f.name));
  // A date facet's "undated" is one of its values, and sorts after every period in value order.
  auto value_less = [](const FacetCount& a, const FacetCount& b) {
    const bool a_undated = a.value == kUndatedBucket, b_undated = b.value == kUndatedBucket;
    return a_undated != b_undated ? b_undated : a.value < b.value;
  };
  std::sort(f.values.begin(), f.values.end(), [by_value, &value_less](const FacetCount& a, const FacetCount& b) {
    if (by_value) return value_less(a, b);
    return a.count != b.count ? a.count > b.count : value_less(a, b);
  });
  f.distinct = f.values.size();
  if (f.values.size() <= limit) return;
  if (by_value && is_time_facet(f.name)) f.values.erase(f.values.begin(), f.values.end() - static_cast<std::ptrdiff_t>(limit));
  else f.values.resize(limit);
}

// Values a filter cannot tell apart ("LeMonde.fr" and "lemonde.fr": filters fold case and
// accents) become one, counted together under the spelling most of their articles give: a facet's
// count is then what filtering on its value finds. For single-valued facets, where sums are exact.
void merge_values_filters_confuse(std::vector<FacetCount>& values, analysis::Analyzer& analyzer) {
  std::map<std::string, std::size_t> merged_at;  // folded value -> index in `merged`
  std::vector<FacetCount> merged;
  std::vector<Xapian::doccount> most;  // the count of the spelling shown
  for (FacetCount& v : values) {
    const auto [it, first] = merged_at.emplace(analyzer.fold(v.value), merged.size());
    if (first) {
      most.push_back(v.count);
      merged.push_back(std::move(v));
      continue;
    }
    FacetCount& m = merged[it->second];
    if (v.count > most[it->second]) {
      most[it->second] = v.count;
      m.value = std::move(v.value);
    }
    m.count += v.count;
  }
  values = std::move(merged);
}

// `undated` counts the matches without a date; called only when a month facet needs it.
Facet collect(const FacetSpy& spy, const SearchRequest& request, Xapian::doccount total,
              const std::function<Xapian::doccount()>& undated, analysis::Analyzer& analyzer) {
  Facet f;
  f.name = spy.name;
  Xapian::doccount with_value = 0;
  if (spy.single) {
    for (auto it = spy.single->values_begin(); it != spy.single->values_end(); ++it)
      if (!(*it).empty()) {
        f.values.push_back({*it, it.get_termfreq()});
        with_value += it.get_termfreq();
      }
  } else {
    for (const auto& [value, count] : spy.columns ? spy.columns->counts() : spy.multi->counts()) {
      f.values.push_back({value, count});
      with_value += count;
    }
  }
  if (!spy.multi && !is_time_facet(f.name)) merge_values_filters_confuse(f.values, analyzer);
  // Undated articles are counted too, in their own bucket, never given an invented date. Every
  // dated article has a year; one dated by year only has no month, and is not undated. The bucket
  // is ordered and cut with the periods.
  if (is_time_facet(f.name) && total > with_value) {
    const Xapian::doccount none = f.name == "year" ? total - with_value : undated();
    if (none > 0) f.values.push_back({kUndatedBucket, none});
  }
  order_and_cut(f, request.facet_order, request.facet_limit);
  return f;
}

constexpr std::string_view kRemoteScheme = "tcp://";
// An indexer committing small batches can outpace a long query a few times in a row; each retry
// reads the newest revision, so this bound is only reached by a writer committing without pause.
constexpr int kMaxReopens = 50;
// Uncollapsed matches fetched per hit wanted: near-identical copies rank together, so a page of
// ten clusters is nearly always within the first thirty matches.
constexpr Xapian::doccount kClusterOverfetch = 3;
// Matches a query may have for one ranked pass to weigh and count them all; above this, counting
// without weights and ranking with early termination are faster: on bench/run's queries, a pass
// weighing all was faster below about 500 matches, two passes above 2,000.
constexpr Xapian::doccount kWeighEveryMatchUpTo = 1000;

bool is_remote(const std::string& path) {
  if (path.rfind(kRemoteScheme, 0) == 0) return true;
  std::ifstream stub(path);  // a stub file may name remote shards too
  for (std::string line; std::getline(stub, line);)
    if (line.rfind("remote ", 0) == 0) return true;
  return false;
}

Xapian::Database open_once(const std::string& path) {
  if (path.rfind(kRemoteScheme, 0) != 0) return Xapian::Database(path);
  const std::string address = path.substr(kRemoteScheme.size());
  const std::size_t colon = address.rfind(':');
  if (colon == std::string::npos) throw Fatal(FatalKind::kUsage, path + ": expected tcp://HOST:PORT");
  const unsigned port = static_cast<unsigned>(std::strtoul(address.c_str() + colon + 1, nullptr, 10));
  return Xapian::Remote::open(address.substr(0, colon), port);
}

Xapian::Database open_shard(const std::string& path) {
  for (int attempt = 0;; ++attempt) {
    try {
      Xapian::Database shard = open_once(path);
      if (auto mismatch = schema::version_mismatch(shard)) throw Fatal(FatalKind::kDatabase, path + ": " + *mismatch);
      return shard;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= kMaxReopens) throw;  // an indexer committed while we opened: open the new revision
    } catch (const Xapian::DatabaseCorruptError& e) {
      // The same race can show as a block of the old revision already reused (see with_retry);
      // a database that stays corrupt is reported once the retries are spent.
      if (attempt >= kMaxReopens)
        throw Fatal(FatalKind::kDatabase, damaged_message(path, e));
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    } catch (const Xapian::NetworkError& e) {
      throw Fatal(FatalKind::kDatabase, path + ": cannot reach the search server (" + e.get_msg() + ")");
    } catch (const Xapian::Error& e) {
      if (holds_xapian_files(path)) throw Fatal(FatalKind::kDatabase, damaged_message(path, e));
      throw Fatal(FatalKind::kDatabase, path + ": not a depeche database (" + e.get_msg() +
                                            "); create it with depeche-index --db " + path + " FILES");
    }
  }
}

Xapian::Database open_all(const std::vector<std::string>& paths) {
  Xapian::Database all;
  for (const std::string& path : paths) all.add_database(open_shard(path));
  return all;
}

// A stub file lists several databases (a sharded folder holds one).
bool is_stub(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec) ||
         std::filesystem::exists(std::filesystem::path(path) / schema::kShardStubName, ec);
}

// Counts a multi-valued facet from the documents of the top matches: what can be done when
// a remote server cannot run our own match spy.
Facet approximate_facet(const std::string& name, Xapian::valueno slot, const Xapian::MSet& top,
                        const SearchRequest& request) {
  std::map<std::string, Xapian::doccount> counts;
  for (auto it = top.begin(); it != top.end(); ++it) {
    const std::string value = it.get_document().get_value(slot);
    std::size_t start = 0;
    for (std::size_t nl; (nl = value.find('\n', start)) != std::string::npos; start = nl + 1)
      ++counts[value.substr(start, nl - start)];
  }
  Facet f;
  f.name = name;
  for (const auto& [value, count] : counts) f.values.push_back({value, count});
  order_and_cut(f, request.facet_order, request.facet_limit);
  f.approximate = true;
  return f;
}

}  // namespace

Searcher::Searcher(const std::vector<std::string>& db_paths, RankingWeights weights)
    : paths_(db_paths),
      remote_(std::any_of(db_paths.begin(), db_paths.end(), is_remote)),
      // Xapian 1.4 hands match spies each database's own docids, so columns serve one database only.
      facet_columns_usable_(db_paths.size() == 1 && !remote_ && !is_stub(db_paths[0])),
      db_(open_all(db_paths)),
      weights_(weights) {
  // An undated article has no date value, which sorts first: "\xff" sorts after every date.
  undated_last_.add_value(schema::kSlotDate, false, "\xff");
}

// A searcher never fails because an indexer committed meanwhile: Xapian says so with
// DatabaseModifiedError, and reopening sees the new revision.
template <class F>
auto Searcher::with_retry(F&& f) -> decltype(f()) {
  for (int attempt = 0;; ++attempt) {
    try {
      return f();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= kMaxReopens) throw;
      reopen();
    } catch (const Xapian::DatabaseCorruptError& e) {
      // Seen under load while an indexer commits: a block read as the writer reused it. The
      // committed revision is sound (xapian-check passes), so reopening reads it afresh.
      if (attempt >= kMaxReopens) throw Fatal(FatalKind::kDatabase, damaged_message(names(), e));
      reopen();
    } catch (const Xapian::WildcardError&) {
      throw QueryError("a wildcard matches more than " + std::to_string(kMaxWildcardTerms) +
                       " words; type more letters before '*'");
    } catch (const Xapian::Error& e) {
      // A table that cannot be read (deleted, truncated, its permissions changed): the message
      // says which database, and Xapian's reason.
      throw Fatal(FatalKind::kDatabase, names() + ": " + e.get_type() + ": " + util::xapian_message(e));
    } catch (const DataError& e) {
      throw Fatal(FatalKind::kDatabase, names() + ": the database is damaged: " + e.what());
    }
  }
}

std::string Searcher::names() const {
  std::string out;
  for (const std::string& path : paths_) out += (out.empty() ? "" : ", ") + path;
  return out;
}

void Searcher::reopen() {
  db_.reopen();
  facet_columns_.clear();
  has_english_.reset();
}

namespace {

// Expansion terms for more-like-this: stemmed words only, not names of fields or dedup bands.
class StemTermsOnly : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    return term.size() > schema::kPrefixStem.size() && term.compare(0, schema::kPrefixStem.size(), schema::kPrefixStem) == 0 &&
           !(term[1] >= 'A' && term[1] <= 'Z');
  }
};

}  // namespace

Xapian::Query Searcher::similar_query(const std::string& id) {
  const std::string id_term = schema::id_term(id);
  Xapian::PostingIterator p = db_.postlist_begin(id_term);
  if (p == db_.postlist_end(id_term)) throw QueryError("no article with id '" + id + "'");
  Xapian::RSet rset;
  rset.add_document(*p);
  Xapian::Enquire enquire(db_);
  enquire.set_query(Xapian::Query(id_term));
  constexpr Xapian::termcount kExpandTerms = 40;
  const StemTermsOnly decider;
  const Xapian::ESet eset = enquire.get_eset(kExpandTerms, rset, &decider);
  std::vector<Xapian::Query> terms;
  for (auto it = eset.begin(); it != eset.end(); ++it) terms.emplace_back(*it);
  if (terms.empty()) return Xapian::Query::MatchNothing;
  // The article and its own copies are not "similar" results: the copies are listed with it.
  const std::string cluster = db_.get_document(*p).get_value(schema::kSlotCluster);
  return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                       Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(id_term),
                                     Xapian::Query(std::string(schema::kPrefixCluster) + cluster)));
}

std::vector<TermContribution> Searcher::explain_hit(Xapian::docid doc, const Xapian::Query& query, double proximity_bonus,
                                                   const ParsedQuery& parsed) {
  std::vector<TermContribution> out;
  const Xapian::Document document = db_.get_document(doc);
  auto wdf_of = [&](const std::string& term) -> Xapian::termcount {
    Xapian::TermIterator it = document.termlist_begin();
    it.skip_to(term);
    return it != document.termlist_end() && *it == term ? it.get_wdf() : 0;
  };
  const std::string title_prefix(schema::field("title").prefix);
  const std::string id_term = schema::id_term(load_article(document, WithBody::kNo).id);
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
    const std::string term = *t;
    const Xapian::termcount wdf = wdf_of(term);
    if (wdf == 0) continue;
    TermContribution c;
    std::string title_twin;  // the title-only term that tells whether the match is in the title
    if (term.rfind(schema::kPrefixTitleStem, 0) == 0) {
      c = {term.substr(schema::kPrefixTitleStem.size()), "title stem", true, false, 0};
    } else if (term.rfind(schema::kPrefixStem, 0) == 0) {
      c = {term.substr(1), "stem", false, false, 0};
      title_twin = std::string(schema::kPrefixTitleStem) + c.term;
    } else if (term.rfind(title_prefix, 0) == 0 && term.size() > 1 && term[1] >= 'a') {
      c = {term.substr(1), "title word", true, false, 0};
    } else if (term.rfind(schema::field("author").prefix, 0) == 0 && term.size() > 1 && term[1] >= 'a') {
      c = {term.substr(1), "author", false, false, 0};
    } else {
      c = {term, "word", false, false, 0};
      title_twin = title_prefix + term;
    }
    if (!title_twin.empty()) {
      const Xapian::termcount in_title = wdf_of(title_twin);
      c.in_title = in_title > 0;
      c.in_body = wdf > in_title * IndexWeights{}.title_wdf;
    }
    // The term's own BM25 weight for this article, as the full query adds it up.
    Xapian::Enquire alone(db_);
    alone.set_weighting_scheme(bm25_weight(weights_));
    alone.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(term), Xapian::Query(id_term)));
    const Xapian::MSet m = alone.get_mset(0, 1);
    const auto scale = parsed.term_scales.find(term);
    if (!m.empty()) c.weight = m.begin().get_weight() * (scale == parsed.term_scales.end() ? 1.0 : scale->second);
    out.push_back(c);
  }
  if (proximity_bonus > 0) {
    TermContribution c{"", "proximity", false, false, proximity_bonus};
    for (const QueryWord& w : parsed.proximity_words) c.term += (c.term.empty() ? "" : " ") + w.forms.front();
    out.push_back(c);
  }
  std::sort(out.begin(), out.end(), [](const TermContribution& a, const TermContribution& b) { return a.weight > b.weight; });
  return out;
}

namespace {
// The options a filter came from, as typed: a date filter is --since and --until.
std::string option_of(const std::pair<std::string, std::string>& filter) {
  const auto& [field, value] = filter;
  const std::size_t dots = value.find("..");
  if (field != "date" || dots == std::string::npos) return "--" + field + " " + value;
  const std::string since = value.substr(0, dots), until = value.substr(dots + 2);
  return (since.empty() ? "" : "--since " + since) + (since.empty() || until.empty() ? "" : " ") +
         (until.empty() ? "" : "--until " + until);
}
}  // namespace

std::vector<std::string> Searcher::explain_empty(const SearchRequest& request) {
  // Each part of the query, and each filter option, tried alone: those that match nothing are
  // what emptied the result; if every part matches something, it is their combination.
  std::vector<std::string> parts;
  std::string current;
  bool quoted = false;
  for (char c : request.query + " ") {
    if (c == '"') quoted = !quoted;
    if (c == ' ' && !quoted) {
      if (!current.empty() && current != "AND" && current != "OR" && current != "NOT") parts.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  std::vector<std::string> empty;
  SearchRequest alone;
  for (const std::string& part : parts) {
    alone.query = part;
    try {
      if (count(alone) == 0) empty.push_back(part);
    } catch (const QueryError&) {
    }
  }
  alone.query.clear();
  for (const auto& filter : request.filters) {
    alone.filters = {filter};
    if (count(alone) == 0) empty.push_back(option_of(filter));
  }
  alone.filters.clear();
  alone.indexed_since = request.indexed_since;
  if (alone.indexed_since && count(alone) == 0) empty.push_back("--indexed-since");
  if (empty.empty()) empty.push_back("each part matches some articles, but no article matches them all");
  return empty;
}

std::string Searcher::spelling_suggestion(const std::string& query) {
  // Each word the archive does not have is replaced, where it was written, by the closest word
  // it has (Xapian's spelling dictionary holds folded words, as the index does).
  analysis::TokenList tokens;
  analyzer_.tokenize(query, tokens);
  std::string out;
  std::size_t copied = 0;
  bool changed = false;
  for (const auto& t : tokens.tokens) {
    const std::string word(tokens.folded(t));
    if (word.size() < 4 || db_.term_exists(word)) continue;
    if (t.src_begin > 0 && query[t.src_begin - 1] == ':') continue;  // a field's value, not a word
    if (t.src_end < query.size() && query[t.src_end] == ':') continue;  // a field's name
    const std::string_view written(query.data() + t.src_begin, t.src_end - t.src_begin);
    if (written == "AND" || written == "NOT" || written == "NEAR" || written == "ADJ") continue;  // operators
    const std::string better = db_.get_spelling_suggestion(word, 2);
    if (better.empty()) continue;
    out.append(query, copied, t.src_begin - copied).append(better);
    copied = t.src_end;
    changed = true;
  }
  return changed ? out.append(query, copied, std::string::npos) : std::string();
}

std::vector<Searcher::Ranked> Searcher::in_order(const Xapian::MSet& mset, bool by_xapian) {
  std::vector<Ranked> out;
  for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back({it, 0, by_xapian ? it.get_collapse_key() : std::string(), {}});
  return out;
}

std::vector<Searcher::Ranked> Searcher::best_of_each_cluster(const Xapian::MSet& mset, std::size_t wanted) {
  // Only marked articles have copies (kHasCopiesTerm): the others are each their own cluster, whose
  // value is not read. The mark's posting list is walked once over the matches in docid order.
  std::vector<Xapian::docid> docids;
  for (auto it = mset.begin(); it != mset.end(); ++it) docids.push_back(*it);
  std::sort(docids.begin(), docids.end());
  std::set<Xapian::docid> with_copies;
  const std::string mark(schema::kHasCopiesTerm);
  Xapian::PostingIterator marked = db_.postlist_begin(mark);
  for (Xapian::docid d : docids) {
    marked.skip_to(d);
    if (marked == db_.postlist_end(mark)) break;
    if (*marked == d) with_copies.insert(d);
  }
  std::vector<Ranked> out;
  std::set<std::string> seen;
  for (auto it = mset.begin(); it != mset.end() && out.size() < wanted; ++it) {
    if (!with_copies.count(*it)) {
      out.push_back({it, 0, std::string(), {}});
      continue;
    }
    std::string cluster = it.get_document().get_value(schema::kSlotCluster);
    if (seen.insert(cluster).second) out.push_back({it, 0, std::move(cluster), {}});
  }
  return out;
}

std::vector<Searcher::Ranked> Searcher::rank_by_proximity(std::vector<Ranked> out, std::vector<QueryWord> words) {
  if (words.size() < 2 || out.empty()) return out;
  require_positions();
  add_inflections(db_, words, analyzer_);
  // The bonus scales with the query's best score, so it weighs the same against BM25 whatever
  // the query's words and their frequencies.
  const double scale = weights_.proximity * out.front().it.get_weight();
  const auto depth = static_cast<std::ptrdiff_t>(std::min<std::size_t>(out.size(), weights_.proximity_depth));
  std::vector<Xapian::docid> docs;
  for (auto r = out.begin(); r != out.begin() + depth; ++r) docs.push_back(*r->it);
  std::vector<std::vector<Positions>> at = word_positions(db_, docs, words);
  const bool every_form = std::all_of(words.begin(), words.end(), [](const QueryWord& w) { return w.every_form; });
  for (std::size_t i = 0; i < docs.size(); ++i) {
    out[i].proximity_bonus = scale * closeness(at[i], weights_.proximity_window);
    out[i].word_positions = std::move(at[i]);
    out[i].every_form = every_form;
  }
  std::stable_sort(out.begin(), out.begin() + depth, [](const Ranked& a, const Ranked& b) {
    return a.it.get_weight() + a.proximity_bonus > b.it.get_weight() + b.proximity_bonus;
  });
  return out;
}

Snippet Searcher::snippet_of(const Hit& hit, const Ranked& ranked, const ParsedQuery& parsed) {
  // The positions cover the snippet's words when those are the proximity words, one for one: not
  // with a phrase, a field, a negated word or a synonym, which the snippet also marks.
  const auto& sought = parsed.proximity_words;
  const bool same_words = !ranked.word_positions.empty() && parsed.words.size() == sought.size() &&
                          std::equal(sought.begin(), sought.end(), parsed.words.begin(),
                                     [](const QueryWord& w, const std::string& word) { return w.forms.front() == word; });
  std::optional<ProvenWindow> proven;
  if (same_words) {
    title_tokens_.clear();
    if (hit.article.title) analyzer_.tokenize(*hit.article.title, title_tokens_);
    const auto first_body_position = static_cast<Xapian::termpos>(title_tokens_.tokens.size()) + schema::kTitleBodyGap + 1;
    const WordWindow found = best_word_window(ranked.word_positions, first_body_position, kSnippetWords);
    // Positions that may miss a word's odd forms still prove a window of `found.words` words:
    // enough to stop the scan there, not to skip the text before it, where an odd form may make
    // an earlier window. Finding none proves nothing.
    if (ranked.every_form || found.words > 0) {
      proven = ProvenWindow{found.words, 0};
      if (ranked.every_form && found.words > 0) proven->first_token = found.start - first_body_position;
    }
  }
  return make_snippet(hit.article.body, analyzer_, parsed.words, parsed.stems, proven);
}

void Searcher::fill_copies(Hit& hit) {
  if (hit.cluster.empty()) return;
  const std::string term = std::string(schema::kPrefixCluster) + hit.cluster;
  const Xapian::doccount size = db_.get_termfreq(term);
  hit.copy_count = size > 0 ? size - 1 : 0;
  if (hit.copy_count == 0) return;  // most articles: no need to read the cluster's posting list
  for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term) && hit.copies.size() < kMaxCopiesListed; ++it) {
    if (*it == hit.docid) continue;
    const Article copy = load_article(db_.get_document(*it), WithBody::kNo);
    hit.copies.push_back({copy.id, copy.source});
  }
}

std::shared_ptr<const FacetColumn> Searcher::facet_column(Xapian::valueno slot) {
  if (!facet_columns_usable_) return nullptr;
  auto it = facet_columns_.find(slot);
  if (it == facet_columns_.end()) it = facet_columns_.emplace(slot, load_facet_column(db_, slot)).first;
  return it->second;
}

namespace {

bool uses_positions(const Xapian::Query& query) {
  const Xapian::Query::op op = query.get_type();
  if (op == Xapian::Query::OP_PHRASE || op == Xapian::Query::OP_NEAR) return true;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
    if (uses_positions(query.get_subquery(i))) return true;
  return false;
}

}  // namespace

void Searcher::require_positions() {
  if (!lost_positions_) {
    lost_positions_.emplace();
    for (const std::string& path : paths_)
      if (path.rfind(kRemoteScheme, 0) != 0 && (*lost_positions_ = lost_positions(path))) break;
  }
  if (*lost_positions_) throw Fatal(FatalKind::kDatabase, lost_positions_message(**lost_positions_));
}

Xapian::Query Searcher::build_query(const SearchRequest& request, bool match_any, ParsedQuery& parsed) {
  QueryParser parser(db_, analyzer_, weights_);
  if (!has_english_) has_english_ = db_.term_exists(schema::boolean_term(schema::field("lang").prefix, "en"));
  if (*has_english_) parser.add_language(english_);
  parsed = parser.parse(request.query, match_any);
  if (!request.similar_to.empty()) {
    // Words and field filters given with --similar narrow the similar articles, which similarity
    // alone ranks.
    const bool narrowed = request.query.find_first_not_of(" \t") != std::string::npos;
    parsed.query = narrowed ? Xapian::Query(Xapian::Query::OP_FILTER, similar_query(request.similar_to), parsed.query)
                            : similar_query(request.similar_to);
  }
  if (uses_positions(parsed.query)) require_positions();
  std::vector<Xapian::Query> filters;
  for (const auto& [field, value] : request.filters) filters.push_back(parser.filter(field, value));
  if (request.indexed_since)
    filters.emplace_back(Xapian::Query::OP_VALUE_GE, schema::kSlotIndexedAt, Xapian::sortable_serialise(*request.indexed_since));
  if (filters.empty()) return parsed.query;
  return Xapian::Query(Xapian::Query::OP_FILTER, parsed.query,
                       Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
}

SearchResult Searcher::search(const SearchRequest& request) {
  std::vector<Xapian::valueno> facet_slots;
  for (const std::string& name : request.facets) {
    const schema::Field* f = schema::find_field(name);
    if (!f || !f->facet_slot) throw QueryError("no facet named '" + name + "' (try source, year, month, section, lang, country)");
    facet_slots.push_back(*f->facet_slot);
  }

  return with_retry([&] {
    SearchResult result;
    ParsedQuery parsed;
    Xapian::Query last_query;  // the query that produced the hits, for --explain
    std::vector<FacetSpy> spies;
    // Proximity re-ranks the top hits, so those are fetched whatever the page asked for.
    const bool rerank = request.sort == SortOrder::kRelevance && request.similar_to.empty() && weights_.proximity > 0;
    const auto first = static_cast<Xapian::doccount>(rerank ? 0 : request.offset);
    const auto wanted = static_cast<Xapian::doccount>(
        rerank ? std::max<std::size_t>(weights_.proximity_depth, request.offset + request.limit) : request.limit);
    struct Matches {
      std::vector<Ranked> hits;  // in score order, from `first`
      Xapian::doccount total;    // every match, exactly
    };
    auto run = [&](bool match_any) -> Matches {
      const Xapian::Query query = build_query(request, match_any, parsed);
      last_query = query;
      Xapian::Enquire enquire(db_);
      enquire.set_weighting_scheme(bm25_weight(weights_));
      enquire.set_query(query);
      switch (request.sort) {
        case SortOrder::kRelevance: break;
        case SortOrder::kDateNewest: enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true); break;
        case SortOrder::kDateOldest:
          // xapian-tcpsrv cannot run a KeyMaker: over remote shards undated articles, whose date
          // value is empty, come first (docs/scale-out.md).
          if (remote_) enquire.set_sort_by_value_then_relevance(schema::kSlotDate, false);
          else enquire.set_sort_by_key_then_relevance(&undated_last_, false);
          break;
      }
      // The facets' spies, new, in place of any before.
      auto new_spies = [&] {
        enquire.clear_matchspies();
        spies.clear();
        for (std::size_t i = 0; i < facet_slots.size(); ++i) {
          FacetSpy spy{request.facets[i], nullptr, nullptr, nullptr};
          if (facet_slots[i] == schema::kSlotCountries) {
            if (remote_) continue;  // counted afterwards over the top matches
            spy.multi = std::make_unique<MultiValueCountSpy>(facet_slots[i]);
            enquire.add_matchspy(spy.multi.get());
          } else if (auto column = facet_column(facet_slots[i])) {
            spy.columns = std::make_unique<ColumnCountSpy>(std::move(column));
            enquire.add_matchspy(spy.columns.get());
          } else {
            spy.single = std::make_unique<Xapian::ValueCountMatchSpy>(facet_slots[i]);
            enquire.add_matchspy(spy.single.get());
          }
          spies.push_back(std::move(spy));
        }
      };
      new_spies();
      // Counting every match keeps totals and facets exact, as scripts expect.
      const Xapian::doccount all = db_.get_doccount();
      if (!request.collapse) {
        Xapian::MSet mset = enquire.get_mset(first, wanted, all);
        return Matches{in_order(mset, false), mset.get_matches_estimated()};
      }
      // Collapsing groups what is printed, never what is counted (decisions.md 5). A ranked pass
      // keeps a few times the hits wanted and weighs at least kWeighEveryMatchUpTo matches: a
      // query with no more (most queries of ANDed words) is then counted exactly, its spies having
      // seen every match. One with more (a frequent word, words ORed) is counted again, without
      // weights and with fresh spies, unless Xapian counted it exactly and no facet was asked for
      // (beyond that many matches, the spies only see those that might rank): weighing every
      // match would cost more. Either way the hits kept are collapsed here to the best of each
      // cluster; only when they hold too few clusters does a last pass collapse in Xapian.
      // (Collapsing every match in Xapian reads a value per match: 1.7 times slower.)
      auto collapsed_by_xapian = [&](Xapian::doccount total) {
        enquire.clear_matchspies();  // they have counted every match already
        enquire.set_collapse_key(schema::kSlotCluster);
        return Matches{in_order(enquire.get_mset(first, wanted), true), total};
      };
      const Xapian::doccount needed = first + wanted;
      const Xapian::MSet top = enquire.get_mset(0, needed * kClusterOverfetch, kWeighEveryMatchUpTo);
      Xapian::doccount total = top.get_matches_estimated();
      const bool counted = top.get_matches_lower_bound() == top.get_matches_upper_bound();
      if (!counted || (!spies.empty() && total > kWeighEveryMatchUpTo)) {
        new_spies();
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        total = enquire.get_mset(0, 0, all).get_matches_estimated();
        enquire.set_weighting_scheme(bm25_weight(weights_));
      }
      std::vector<Ranked> hits = best_of_each_cluster(top, needed);
      if (hits.size() < needed && top.size() == needed * kClusterOverfetch) return collapsed_by_xapian(total);
      hits.erase(hits.begin(), hits.begin() + std::min<std::ptrdiff_t>(first, static_cast<std::ptrdiff_t>(hits.size())));
      return Matches{std::move(hits), total};
    };
    Matches matches = run(request.match_any);
    result.total = matches.total;
    if (result.total == 0 && request.allow_partial && !request.match_any && parsed.has_free_text) {
      matches = run(true);
      result.partial = !matches.hits.empty();
    }
    std::vector<Ranked> ranked = rerank ? rank_by_proximity(std::move(matches.hits), parsed.proximity_words)
                                        : std::move(matches.hits);
    std::size_t rank = request.offset;
    const std::size_t from = rerank ? request.offset : 0;
    for (std::size_t i = from; i < ranked.size() && i < from + request.limit; ++i) {
      const Xapian::MSetIterator& it = ranked[i].it;
      Hit hit;
      hit.docid = *it;
      hit.rank = ++rank;
      hit.score = it.get_weight() + ranked[i].proximity_bonus;
      hit.percent = it.get_percent();
      const Xapian::Document document = it.get_document();
      hit.article = load_article(document, request.snippets ? WithBody::kYes : WithBody::kWhenUntitled);
      if (request.with_indexed_at)
        hit.indexed_at = Xapian::sortable_unserialise(document.get_value(schema::kSlotIndexedAt));
      if (request.snippets) hit.snippet = snippet_of(hit, ranked[i], parsed);
      if (!request.collapse) {
        hit.cluster = document.get_value(schema::kSlotCluster);
        fill_copies(hit);
      } else if (ranked[i].cluster.empty()) {
        hit.cluster = own_cluster(hit.article.id);  // alone in its cluster: no copies to list
      } else {
        hit.cluster = ranked[i].cluster;
        fill_copies(hit);
      }
      if (request.explain)
        hit.explanation = explain_hit(hit.docid, last_query, ranked[i].proximity_bonus, parsed);
      result.hits.push_back(std::move(hit));
    }
    const Xapian::doccount counted = result.partial ? matches.total : result.total;
    auto undated = [&] {
      Xapian::Enquire enquire(db_);
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, last_query, Xapian::Query(std::string(schema::kUndatedTerm))));
      return enquire.get_mset(0, 0, db_.get_doccount()).get_matches_estimated();
    };
    for (const auto& spy : spies) result.facets.push_back(collect(spy, request, counted, undated, analyzer_));
    if (request.explain && result.total == 0) result.empty_because = explain_empty(request);
    if (request.suggest && result.total < kSuggestBelow && request.similar_to.empty())
      result.suggestion = spelling_suggestion(request.query);
    if (remote_) {
      for (std::size_t i = 0; i < facet_slots.size(); ++i) {
        if (facet_slots[i] != schema::kSlotCountries) continue;
        Xapian::Enquire top(db_);
        top.set_weighting_scheme(bm25_weight(weights_));
        top.set_query(build_query(request, result.partial || request.match_any, parsed));
        result.facets.insert(result.facets.begin() + static_cast<std::ptrdiff_t>(i),
                             approximate_facet(request.facets[i], facet_slots[i], top.get_mset(0, kApproximateFacetDepth),
                                               request));
      }
    }
    return result;
  });
}

Xapian::doccount Searcher::count(const SearchRequest& request) {
  return with_retry([&] {
    ParsedQuery parsed;
    Xapian::Enquire enquire(db_);
    enquire.set_query(build_query(request, request.match_any, parsed));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    return enquire.get_mset(0, 0, db_.get_doccount()).get_matches_estimated();
  });
}

void Searcher::for_each_article(const SearchRequest& request, const std::function<void(const Article&)>& visit) {
  // Articles go out in docid order, so when an indexer's commits force a reopen midway, the export
  // resumes after the last article visited: retrying the page would print some twice, and the
  // offset reached no longer points there once articles before it were added or deleted.
  constexpr Xapian::doccount kPage = 1000;
  Xapian::docid last = 0;     // the last article visited
  Xapian::doccount next = 0;  // the offset of the first match after `last`, while no reopen happened
  bool interrupted = false;
  for (bool more = true; more;) {
    more = with_retry([&] {
      ParsedQuery parsed;
      Xapian::Enquire enquire(db_);
      enquire.set_query(build_query(request, false, parsed));
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      enquire.set_docid_order(Xapian::Enquire::ASCENDING);
      if (interrupted) {
        // Matches are in docid order: the first after `last` is found by halving.
        Xapian::doccount low = 0, high = enquire.get_mset(0, 0, db_.get_doccount()).get_matches_estimated();
        while (low < high) {
          const Xapian::doccount middle = low + (high - low) / 2;
          const Xapian::MSet one = enquire.get_mset(middle, 1);
          if (!one.empty() && *one.begin() <= last) low = middle + 1;
          else high = middle;
        }
        next = low;
      }
      interrupted = true;  // until the page is done
      const Xapian::MSet page = enquire.get_mset(next, kPage);
      for (auto it = page.begin(); it != page.end(); ++it) {
        if (*it <= last) continue;
        visit(load_article(it.get_document()));
        last = *it;
      }
      next += page.size();
      interrupted = false;
      return page.size() == kPage;
    });
  }
}

std::vector<FacetCount> Searcher::timeline(const SearchRequest& request, bool by_day) {
  return with_retry([&] {
    ParsedQuery parsed;
    Xapian::Enquire enquire(db_);
    enquire.set_query(build_query(request, request.match_any, parsed));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::ValueCountMatchSpy spy(by_day ? schema::kSlotDate : schema::kSlotMonth);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db_.get_doccount());
    std::map<std::string, Xapian::doccount> counts;
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
      const std::string v = *it;
      if (!by_day) {
        if (!v.empty()) counts[v] += it.get_termfreq();
      } else if (v.size() == 8 && v.compare(6, 2, "00") != 0) {
        counts[v.substr(0, 4) + "-" + v.substr(4, 2) + "-" + v.substr(6, 2)] += it.get_termfreq();
      }
    }
    // Every period from the first to the last, those without a match at 0, so that a plot's
    // x axis is time.
    std::vector<FacetCount> series;
    if (counts.empty()) return series;
    const std::string& first = counts.begin()->first;
    const std::string last = counts.rbegin()->first;
    int year = std::stoi(first.substr(0, 4)), month = std::stoi(first.substr(5, 2));
    int day = by_day ? std::stoi(first.substr(8, 2)) : 0;
    for (;;) {
      char period[16];
      if (by_day) std::snprintf(period, sizeof period, "%04d-%02d-%02d", year, month, day);
      else std::snprintf(period, sizeof period, "%04d-%02d", year, month);
      const auto it = counts.find(period);
      series.push_back({period, it == counts.end() ? 0 : it->second});
      if (period == last) break;
      if (by_day && ++day <= util::days_in_month(year, month)) continue;
      day = 1;
      if (++month > 12) month = 1, ++year;
    }
    return series;
  });
}

ArchiveStats Searcher::stats() {
  return with_retry([&] {
    ArchiveStats s;
    s.articles = db_.get_doccount();
    s.undated = db_.get_termfreq(std::string(schema::kUndatedTerm));
    const std::string low = db_.get_value_lower_bound(schema::kSlotDate);
    const std::string high = db_.get_value_upper_bound(schema::kSlotDate);
    auto iso = [](const std::string& encoded) {
      if (encoded.size() != 8) return std::string();
      std::string out = encoded.substr(0, 4);
      if (encoded.compare(4, 2, "00") != 0) out += "-" + encoded.substr(4, 2);
      if (encoded.compare(6, 2, "00") != 0) out += "-" + encoded.substr(6, 2);
      return out;
    };
    s.first_date = iso(low);
    s.last_date = iso(high);
    auto count_terms = [&](std::string_view prefix, std::vector<FacetCount>& out) {
      const std::string p(prefix);
      for (auto it = db_.allterms_begin(p); it != db_.allterms_end(p); ++it)
        out.push_back({(*it).substr(p.size()), it.get_termfreq()});
    };
    // Facet values are stored as typed in the slot; the terms hold the folded value.
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query::MatchAll);
    Xapian::ValueCountMatchSpy sources(schema::kSlotSource);
    enquire.add_matchspy(&sources);
    enquire.get_mset(0, 0, s.articles);
    for (auto it = sources.values_begin(); it != sources.values_end(); ++it)
      if (!(*it).empty()) s.per_source.push_back({*it, it.get_termfreq()});
    merge_values_filters_confuse(s.per_source, analyzer_);
    std::sort(s.per_source.begin(), s.per_source.end(),
              [](const FacetCount& a, const FacetCount& b) { return a.count != b.count ? a.count > b.count : a.value < b.value; });
    count_terms(schema::field("year").prefix, s.per_year);
    for (auto it = db_.allterms_begin(std::string(schema::kPrefixCluster)); it != db_.allterms_end(std::string(schema::kPrefixCluster)); ++it)
      ++s.clusters;
    try {
      s.revision = db_.get_revision();
    } catch (const Xapian::InvalidOperationError&) {
      // shards each have their own revision: none to report
    } catch (const Xapian::UnimplementedError&) {
      // a remote database does not tell its revision
    }
    s.schema_version = db_.get_metadata(schema::kMetaSchemaVersion);
    s.analysis_version = db_.get_metadata(schema::kMetaAnalysisVersion);
    s.last_run = db_.get_metadata(schema::kMetaLastRun);
    if (!remote_) {  // a remote database's files are not here to measure
      s.database_bytes = 0;
      for (const std::string& path : paths_) {
        std::error_code ec;
        if (!std::filesystem::is_directory(path, ec)) {  // a stub file: its databases may be anywhere
          s.database_bytes.reset();
          break;
        }
        *s.database_bytes += util::folder_bytes(path);
      }
    }
    return s;
  });
}

std::optional<Article> Searcher::find(const std::string& id) {
  return with_retry([&]() -> std::optional<Article> {
    for (const std::string& term : {schema::id_term(id), schema::boolean_term(schema::field("url").prefix, id)}) {
      Xapian::PostingIterator p = db_.postlist_begin(term);
      if (p != db_.postlist_end(term)) return load_article(db_.get_document(*p));
    }
    return std::nullopt;
  });
}

}  // namespace depeche
