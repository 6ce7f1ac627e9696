#include "query/searcher.h"

#include "index/article_document.h"
#include "index/damage.h"
#include "index/document_builder.h"
#include "index/facet_columns.h"
#include "index/stored_article.h"
#include "query/explain.h"
#include "query/facets.h"
#include "query/names.h"
#include "query/open_databases.h"
#include "schema.h"
#include "util/error.h"
#include "util/xapian_error.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <set>
#include <thread>

namespace depeche {
namespace {

// Uncollapsed matches fetched per hit wanted: near-identical copies rank together, so a page of
// ten clusters is nearly always within the first thirty matches.
constexpr Xapian::doccount kClusterOverfetch = 3;
// Matches a query may have for one ranked pass to weigh and count them all; above this, counting
// without weights and ranking with early termination are faster: on bench/run's queries, a pass
// weighing all was faster below about 500 matches, two passes above 2,000.
constexpr Xapian::doccount kWeighEveryMatchUpTo = 1000;
// Tries of a query after an indexer's commit before each next one waits a little.
constexpr int kImmediateReopens = 5;

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

void Searcher::recover(int attempt) {
  try {
    throw;
  } catch (const Xapian::DatabaseModifiedError&) {
    // An indexer committed meanwhile: reopening sees the new revision. One committing every few
    // milliseconds can discard it again before a query ends: after a few tries, a pause shifts
    // the query off the writer's rhythm.
    if (attempt >= kMaxReopens) throw;
    if (attempt >= kImmediateReopens) std::this_thread::sleep_for(std::chrono::milliseconds(std::min(attempt, 20)));
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

std::string Searcher::names() const {
  std::string out;
  for (const std::string& path : paths_) out += (out.empty() ? "" : ", ") + path;
  return out;
}

void Searcher::reopen() {
  // The revision may change again while it is being opened: the next try then meets the error
  // and comes back here, as many times as recover() allows.
  try {
    db_.reopen();
  } catch (const Xapian::DatabaseModifiedError&) {
  } catch (const Xapian::DatabaseCorruptError&) {
  }
  facet_columns_.clear();
  has_english_.reset();
  remote_synonyms_.reset();
}

namespace {

// Expansion terms for more-like-this: what a search for the article's words would find it by,
// not field values or dedup terms. That is the stems, those of words written in lower case (Z)
// and those of words seen only at sentence starts (XZ), and the names, which are never stemmed
// (query/names.h) and are what news stories share most: without them, two stories on Mali and
// Iran were similar only by their common words.
class WordTermsOnly : public Xapian::ExpandDecider {
 public:
  explicit WordTermsOnly(const Xapian::Database& db) : db_(db) {}
  bool operator()(const std::string& term) const override {
    if (term.empty()) return false;
    for (const std::string_view prefix : {schema::kPrefixStem, schema::kPrefixInitialStem})
      if (term.size() > prefix.size() && term.compare(0, prefix.size(), prefix) == 0)
        return !(term[prefix.size()] >= 'A' && term[prefix.size()] <= 'Z');  // not a field's stem (ZS...)
    const auto first = static_cast<unsigned char>(term[0]);
    return !(first >= 'A' && first <= 'Z') && is_name(db_, term);  // an unprefixed word
  }

 private:
  const Xapian::Database& db_;
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
  const WordTermsOnly decider(db_);
  const Xapian::ESet eset = enquire.get_eset(kExpandTerms, rset, &decider);
  std::vector<Xapian::Query> terms;
  for (auto it = eset.begin(); it != eset.end(); ++it) terms.emplace_back(*it);
  if (terms.empty()) return Xapian::Query::MatchNothing;
  // The article and its own copies are not "similar" results: the copies are listed with it.
  const std::string cluster = db_.get_document(*p).get_value(schema::kSlotCluster);
  return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                       Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(id_term),
                                     Xapian::Query(schema::cluster_term(cluster))));
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
    const std::size_t title_words = title_tokens_.tokens.size();
    title_tokens_.clear();
    analyzer_.tokenize(hit.article.standfirst, title_tokens_);
    const Xapian::termpos first_body_position = schema::first_body_position(title_words, title_tokens_.tokens.size());
    const WordWindow found = best_word_window(ranked.word_positions, first_body_position, kSnippetWords);
    // Positions that may miss a word's odd forms still prove a window of `found.words` words:
    // enough to stop the scan there, not to skip the text before it, where an odd form may make
    // an earlier window. Finding none proves nothing.
    if (ranked.every_form || found.words > 0) {
      proven = ProvenWindow{found.words, 0};
      if (ranked.every_form && found.words > 0) proven->first_token = found.start - first_body_position;
    }
  }
  Snippet snippet = make_snippet(hit.article.body, analyzer_, parsed.words, parsed.stems, proven);
  // The query matched the standfirst only: its words say more than the body's head.
  if (snippet.marks.empty() && !hit.article.standfirst.empty()) {
    Snippet of_standfirst = make_snippet(hit.article.standfirst, analyzer_, parsed.words, parsed.stems);
    if (!of_standfirst.marks.empty()) return of_standfirst;
  }
  return snippet;
}

void Searcher::fill_copies(Hit& hit) {
  if (hit.cluster.empty()) return;
  const std::string term = schema::cluster_term(hit.cluster);
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
  Xapian::Query query = read_query(request, match_any, false, parsed);
  if (!parsed.rare_words_as_typed) return query;
  // A word a few articles have was read as typed. If the query as written (every word, unless
  // --any) then finds nothing, such a word may be a slip: read again, its close spelling searched.
  ParsedQuery as_written;
  const Xapian::Query written = match_any == request.match_any ? query : read_query(request, request.match_any, false, as_written);
  Xapian::Enquire enquire(db_);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_query(written);
  if (enquire.get_mset(0, 0, 1).get_matches_lower_bound() > 0) return query;
  return read_query(request, match_any, true, parsed);
}

Xapian::Query Searcher::read_query(const SearchRequest& request, bool match_any, bool rare_slips, ParsedQuery& parsed) {
  QueryParser parser(db_, analyzer_, weights_);
  if (remote_) {
    if (!remote_synonyms_) remote_synonyms_ = read_synonyms_metadata(db_);
    parser.use_synonyms(*remote_synonyms_);
  }
  parser.correct_slips(!request.exact_words);
  parser.correct_rare_words(rare_slips);
  parser.read_dates(!request.exact_words);
  parser.rank_most_words_first(match_any && !request.match_any);  // relaxed, not asked for
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
    filters.emplace_back(Xapian::Query::OP_VALUE_GE, schema::kSlotIndexedAt, schema::encode_indexed_at(*request.indexed_since));
  Xapian::Query query = parsed.query;
  if (!filters.empty())
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
  // An article written before kSlotFirstIndexedAt existed has no value there, which no range
  // matches: it counts as first indexed when it was last written.
  if (request.indexed_since && request.without_updates)
    query = Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                          Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kSlotFirstIndexedAt,
                                        schema::encode_indexed_at(std::nextafter(*request.indexed_since, -HUGE_VAL))));
  if (parsed.preferred_period.empty() || request.sort != SortOrder::kRelevance) return query;
  return period_first(db_, query, parsed.period, parsed.period_words, weights_);
}


namespace {

std::vector<Xapian::valueno> facet_slots_of(const std::vector<std::string>& names) {
  std::vector<Xapian::valueno> slots;
  for (const std::string& name : names) {
    const schema::Field* f = schema::find_field(name);
    if (!f || !f->facet_slot()) throw QueryError("no facet named '" + name + "' (try " + schema::facet_names(", ") + ")");
    slots.push_back(*f->facet_slot());
  }
  return slots;
}

}  // namespace

SearchResult Searcher::search(const SearchRequest& request) {
  const std::vector<Xapian::valueno> facet_slots = facet_slots_of(request.facets);
  return with_retry([&] {
    SearchResult result;
    ParsedQuery parsed;
    FacetCounting counting(request.facets, facet_slots, remote_,
                           [this](Xapian::valueno slot) { return facet_column(slot); });
    const Page page = page_of(request);
    Matches matches = match(request, page, request.match_any, parsed, counting);
    result.total = matches.total;
    if (result.total == 0 && request.allow_partial && !request.match_any && parsed.has_free_text) {
      matches = match(request, page, true, parsed, counting);
      result.partial = !matches.hits.empty();
    }
    result.corrected = parsed.corrected;
    result.preferred_period = parsed.preferred_period;
    result.hits = hits(request, page, std::move(matches.hits), matches.query, parsed);
    result.facets = facets(request, counting, matches.query, result.partial ? matches.total : result.total,
                           result.partial || request.match_any, parsed);
    if (request.explain && result.total == 0)
      result.emptied_by = explain_empty(request, [this](const SearchRequest& alone) { return count(alone); });
    if (request.suggest && result.total < kSuggestBelow && request.similar_to.empty())
      result.suggestion = spelling_suggestion(request.query);
    return result;
  });
}

Searcher::Page Searcher::page_of(const SearchRequest& request) const {
  // Proximity re-ranks the top hits, so those are fetched whatever the page asked for.
  Page page;
  page.rerank = request.sort == SortOrder::kRelevance && request.similar_to.empty() && weights_.proximity > 0;
  page.first = static_cast<Xapian::doccount>(page.rerank ? 0 : request.offset);
  page.wanted = static_cast<Xapian::doccount>(
      page.rerank ? std::max<std::size_t>(weights_.proximity_depth, request.offset + request.limit) : request.limit);
  return page;
}

void Searcher::sort_as_asked(Xapian::Enquire& enquire, SortOrder sort) {
  switch (sort) {
    case SortOrder::kRelevance: break;
    case SortOrder::kDateNewest: enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true); break;
    case SortOrder::kDateOldest:
      // xapian-tcpsrv cannot run a KeyMaker: over remote shards undated articles, whose date
      // value is empty, come first (docs/scale-out.md).
      if (remote_) enquire.set_sort_by_value_then_relevance(schema::kSlotDate, false);
      else enquire.set_sort_by_key_then_relevance(&undated_last_, false);
      break;
  }
}

Searcher::Matches Searcher::match(const SearchRequest& request, const Page& page, bool match_any, ParsedQuery& parsed,
                                  FacetCounting& counting) {
  const Xapian::Query query = build_query(request, match_any, parsed);
  Xapian::Enquire enquire(db_);
  enquire.set_weighting_scheme(bm25_weight(weights_));
  enquire.set_query(query);
  sort_as_asked(enquire, request.sort);
  counting.attach(enquire);
  // Counting every match keeps totals and facets exact, as scripts expect.
  const Xapian::doccount all = db_.get_doccount();
  if (!request.collapse) {
    Xapian::MSet mset = enquire.get_mset(page.first, page.wanted, all);
    return Matches{in_order(mset, false), mset.get_matches_estimated(), query};
  }
  // Collapsing groups what is printed, never what is counted (docs/output-format.md). A ranked pass
  // keeps a few times the hits wanted and weighs at least kWeighEveryMatchUpTo matches: a
  // query with no more (most queries of ANDed words) is then counted exactly, its spies having
  // seen every match. One with more (a frequent word, words ORed) is counted again, without
  // weights and with fresh spies, unless Xapian counted it exactly and no facet was asked for
  // (beyond that many matches, the spies only see those that might rank): weighing every
  // match would cost more. Either way the hits kept are collapsed here to the best of each
  // cluster; only when they hold too few clusters does a last pass collapse in Xapian.
  // (Collapsing every match in Xapian reads a value per match: 1.7 times slower.)
  const Xapian::doccount needed = page.first + page.wanted;
  const Xapian::MSet top = enquire.get_mset(0, needed * kClusterOverfetch, kWeighEveryMatchUpTo);
  Xapian::doccount total = top.get_matches_estimated();
  const bool counted = top.get_matches_lower_bound() == top.get_matches_upper_bound();
  if (!counted || (!counting.empty() && total > kWeighEveryMatchUpTo)) {
    counting.attach(enquire);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    total = enquire.get_mset(0, 0, all).get_matches_estimated();
    enquire.set_weighting_scheme(bm25_weight(weights_));
  }
  std::vector<Ranked> hits = best_of_each_cluster(top, needed);
  if (hits.size() < needed && top.size() == needed * kClusterOverfetch) {
    enquire.clear_matchspies();  // they have counted every match already
    enquire.set_collapse_key(schema::kSlotCluster);
    return Matches{in_order(enquire.get_mset(page.first, page.wanted), true), total, query};
  }
  hits.erase(hits.begin(), hits.begin() + std::min<std::ptrdiff_t>(page.first, static_cast<std::ptrdiff_t>(hits.size())));
  return Matches{std::move(hits), total, query};
}

std::vector<Hit> Searcher::hits(const SearchRequest& request, const Page& page, std::vector<Ranked> ranked,
                                const Xapian::Query& query, const ParsedQuery& parsed) {
  if (page.rerank) ranked = rank_by_proximity(std::move(ranked), parsed.proximity_words);
  std::vector<Hit> out;
  std::size_t rank = request.offset;
  const std::size_t from = page.rerank ? request.offset : 0;
  for (std::size_t i = from; i < ranked.size() && i < from + request.limit; ++i)
    out.push_back(hit(request, ranked[i], ++rank, query, parsed));
  return out;
}

Hit Searcher::hit(const SearchRequest& request, const Ranked& ranked, std::size_t rank, const Xapian::Query& query,
                  const ParsedQuery& parsed) {
  const Xapian::MSetIterator& it = ranked.it;
  Hit hit;
  hit.docid = *it;
  hit.rank = rank;
  hit.score = it.get_weight() + ranked.proximity_bonus;
  hit.percent = it.get_percent();
  const Xapian::Document document = it.get_document();
  hit.article = load_article(document, request.snippets ? WithBody::kYes : WithBody::kWhenUntitled);
  if (request.with_indexed_at) {
    const IndexingTimes times = IndexingTimes::of(document);
    hit.indexed_at = times.indexed_at;
    if (request.indexed_since) hit.update = times.first_indexed_at < *request.indexed_since;
  }
  if (request.snippets) hit.snippet = snippet_of(hit, ranked, parsed);
  if (!request.collapse) {
    hit.cluster = document.get_value(schema::kSlotCluster);
    fill_copies(hit);
  } else if (ranked.cluster.empty()) {
    hit.cluster = schema::own_cluster(hit.article.id);  // alone in its cluster: no copies to list
  } else {
    hit.cluster = ranked.cluster;
    fill_copies(hit);
  }
  if (request.explain) hit.explanation = explain_hit(db_, weights_, hit.docid, query, ranked.proximity_bonus, parsed);
  return hit;
}

std::vector<Facet> Searcher::facets(const SearchRequest& request, const FacetCounting& counting,
                                    const Xapian::Query& query, Xapian::doccount total, bool match_any,
                                    ParsedQuery& parsed) {
  auto undated = [&] {
    Xapian::Enquire enquire(db_);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(std::string(schema::kUndatedTerm))));
    return enquire.get_mset(0, 0, db_.get_doccount()).get_matches_estimated();
  };
  std::vector<Facet> out = counting.collect(request, total, undated, analyzer_);
  counting.add_uncounted(out, [&] {
    Xapian::Enquire top(db_);
    top.set_weighting_scheme(bm25_weight(weights_));
    top.set_query(build_query(request, match_any, parsed));
    return top.get_mset(0, kApproximateFacetDepth);
  }, request);
  return out;
}

}  // namespace depeche
