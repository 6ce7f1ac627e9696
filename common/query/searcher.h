// Runs searches over one or more databases and returns plain results; never prints.
#ifndef DEPECHE_INCLUDED_QUERY_SEARCHER_H
#define DEPECHE_INCLUDED_QUERY_SEARCHER_H

#include "analysis/analyzer.h"
#include "query/query_parser.h"
#include "query/snippet.h"
#include "article.h"

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace depeche {

struct FacetColumn;
class FacetCounting;

enum class SortOrder { kRelevance, kDateNewest, kDateOldest };

struct SearchRequest {
  std::string query;
  bool match_any = false;
  std::vector<std::pair<std::string, std::string>> filters;  // (field, value), ANDed with the query
  SortOrder sort = SortOrder::kRelevance;
  std::size_t offset = 0;
  std::size_t limit = 10;
  std::vector<std::string> facets;  // field names from schema.h that have a facet slot
  std::size_t facet_limit = 10;
  enum class FacetOrder { kAuto, kCount, kValue };
  FacetOrder facet_order = FacetOrder::kAuto;  // auto: year and month as a time series, others by count
  bool snippets = true;
  bool allow_partial = true;  // when nothing has every word, return the best partial matches
  bool collapse = true;       // one hit per cluster of near-identical copies
  std::string similar_to;     // more-like-this: the id of the article to find others like
  bool suggest = true;        // offer a spelling correction when the query finds little
  // Words only as typed: no slip searched in its corrected spelling, no date among the words
  // taken for a preferred period (docs/query-syntax.md).
  bool exact_words = false;
  bool explain = false;       // say why each hit matched, or what emptied the result
  std::optional<double> indexed_since;  // only articles indexed at or after this time (seconds since the epoch)
  // With indexed_since: only articles that first entered the archive then, not the updates of
  // older ones (--new without =updated).
  bool without_updates = false;
  bool with_indexed_at = false;  // fill Hit::indexed_at, and Hit::update given indexed_since (one more read per hit)
};

struct CopyRef {
  std::string id;
  std::string source;
};

// One query term's part in a hit's score (--explain).
struct TermContribution {
  std::string term;  // as searched: the folded word, or its stem (proximity: the words, space-separated)
  // "word" (the form as typed), "stem", "title word", "title stem", "standfirst word", "standfirst stem",
  // "author", "proximity", "preferred period" (term: the period), "word matched" (a partial match's
  // bonus per word it has, query/ranking.h)
  std::string kind;
  bool in_title = false, in_body = false;
  double weight = 0;  // what it added to the score (BM25)
  bool in_standfirst = false;
};

struct Hit {
  Xapian::docid docid = 0;
  std::size_t rank = 0;  // 1-based, across pages
  double score = 0;
  int percent = 0;
  Article article;
  Snippet snippet;
  std::string cluster;          // cluster key; shared by near-identical copies
  std::vector<CopyRef> copies;  // the other articles of the cluster (at most kMaxCopiesListed)
  std::size_t copy_count = 0;   // how many other articles the cluster holds
  // With --explain: empty when no term scored (a query of filters only, a wildcard's expansion).
  std::optional<std::vector<TermContribution>> explanation;
  double indexed_at = 0;  // when the article was (last) indexed, seconds since the epoch (with_indexed_at)
  // With with_indexed_at and indexed_since: whether the article was first indexed before
  // indexed_since, so that only an update of it is new.
  std::optional<bool> update;
};

inline constexpr std::size_t kMaxCopiesListed = 20;

struct FacetCount {
  std::string value;
  Xapian::doccount count = 0;
};

struct Facet {
  std::string name;
  std::vector<FacetCount> values;  // by count then value, or by value (see SearchRequest::facet_order)
  std::size_t distinct = 0;        // values before --facet-limit cut them
  bool approximate = false;        // counted over the top matches only (multi-valued over remote shards)
};

// Over remote shards, multi-valued facets are counted over this many top matches, marked
// approximate (docs/output-format.md, JSON facets).
inline constexpr Xapian::doccount kApproximateFacetDepth = 1000;

// The label of the articles without a value in a date facet (year, month).
inline constexpr const char* kUndatedBucket = "undated";

// What emptied a result, with --explain: a part of the query or a filter that matches no article
// alone, or, when each matches some, their combination. cli/ words it with the options' names.
struct EmptyCause {
  enum class Kind { kQueryPart, kFilter, kIndexedSince, kCombination };
  Kind kind = Kind::kCombination;
  std::string field;  // kFilter: the field filtered on (SearchRequest::filters)
  std::string value;  // kQueryPart: the part as typed; kFilter: the filter's value
};

struct SearchResult {
  Xapian::doccount total = 0;  // articles matching the query as written (0 when partial)
  bool partial = false;        // hits match only some words (no article had them all)
  std::vector<Hit> hits;
  std::vector<Facet> facets;
  std::string suggestion;  // the query with misspelt words corrected, when it finds little
  std::map<std::string, std::string> corrected;  // slips searched in another spelling: typed -> searched
  std::string preferred_period;  // a date typed among the words, whose articles rank first: "2022-11"
  std::vector<EmptyCause> emptied_by;  // with --explain and no match: the words or filters that emptied it
  std::vector<std::string> empty_because;  // emptied_by in words, for the printers (cli/ fills it)
};

// Below this many matches, a query gets a spelling suggestion when one exists.
inline constexpr Xapian::doccount kSuggestBelow = 3;

struct ArchiveStats {
  Xapian::doccount articles = 0;
  Xapian::doccount undated = 0;
  std::string first_date, last_date;  // ISO, at the precision stored; empty when nothing is dated
  std::vector<FacetCount> per_source, per_year;
  Xapian::doccount clusters = 0;  // stories: articles that are copies of each other count once
  // Unknown (nullopt) when some database is remote: its files are on the server.
  std::optional<std::uint64_t> database_bytes;
  // Unknown when the archive is several databases (each has its own) or remote (not told).
  std::optional<Xapian::rev> revision;
  std::string schema_version, analysis_version;
  std::string last_run;  // JSON object written by the last indexing run that changed something
};

class Searcher {
 public:
  // Opens every database (local paths, stub files, or tcp://HOST:PORT for xapian-tcpsrv) as one. Throws Fatal(kDatabase)
  // naming the path when one is missing, is not a Xapian database, or holds another version.
  explicit Searcher(const std::vector<std::string>& db_paths, RankingWeights weights = {});

  // Throws QueryError for a malformed query, filter or facet name.
  SearchResult search(const SearchRequest& request);
  // Number of articles matching, exactly.
  Xapian::doccount count(const SearchRequest& request);
  // The stored article with this id (or URL), if any.
  std::optional<Article> find(const std::string& id);
  // Every article matching the request's query and filters (all of them for an empty query),
  // in index order, without ranking: the export path.
  void for_each_article(const SearchRequest& request, const std::function<void(const Article&)>& visit);
  ArchiveStats stats();
  // Articles matching the request per month (or per day), oldest first; months without any are
  // listed with 0 between the first and the last, so the series reads as a time line.
  std::vector<FacetCount> timeline(const SearchRequest& request, bool by_day);

 private:
  // The request's query, its words ANDed or, with `match_any`, ORed (the partial matches); the
  // words a few articles have are read as typed unless the query as written then finds nothing.
  Xapian::Query build_query(const SearchRequest& request, bool match_any, ParsedQuery& parsed);
  // The same, such words taken for slips where a close spelling is far more common when `rare_slips`.
  Xapian::Query read_query(const SearchRequest& request, bool match_any, bool rare_slips, ParsedQuery& parsed);
  Xapian::Query similar_query(const std::string& id);
  void fill_copies(Hit& hit);  // from hit.cluster
  std::string spelling_suggestion(const std::string& query);
  struct Ranked {
    Xapian::MSetIterator it;
    double proximity_bonus = 0;
    std::string cluster;  // when collapsing; empty: the article is alone in its own cluster
    // Where each of the query's words (ParsedQuery::proximity_words) is, for the hits re-ranked
    // by proximity; empty otherwise. `every_form`: no form of a word was missed (QueryWord).
    std::vector<Positions> word_positions;
    bool every_form = false;
  };
  // The matches a search fetches: the page asked for, or the top ones when proximity re-ranks them.
  struct Page {
    bool rerank = false;
    Xapian::doccount first = 0, wanted = 0;
  };
  Page page_of(const SearchRequest& request) const;
  struct Matches {
    std::vector<Ranked> hits;    // in score order, from the page's first
    Xapian::doccount total = 0;  // every match, exactly
    Xapian::Query query;         // the query that found them
  };
  // Search, step 1: runs the request's query (every word, or any of them with `match_any`), its
  // facets counted by `counting`.
  Matches match(const SearchRequest& request, const Page& page, bool match_any, ParsedQuery& parsed,
                FacetCounting& counting);
  void sort_as_asked(Xapian::Enquire& enquire, SortOrder sort);
  // Step 2: the page of hits, read from the matches (re-ranked by proximity first when `page` says so).
  std::vector<Hit> hits(const SearchRequest& request, const Page& page, std::vector<Ranked> ranked,
                        const Xapian::Query& query, const ParsedQuery& parsed);
  Hit hit(const SearchRequest& request, const Ranked& ranked, std::size_t rank, const Xapian::Query& query,
          const ParsedQuery& parsed);
  // Step 3: the facets `counting` counted over `total` matches of `query`, with those that had to
  // be counted afterwards (over remote shards).
  std::vector<Facet> facets(const SearchRequest& request, const FacetCounting& counting, const Xapian::Query& query,
                            Xapian::doccount total, bool match_any, ParsedQuery& parsed);
  // The matches in score order; `by_xapian`: the MSet was collapsed by Xapian (its collapse keys
  // are the clusters).
  static std::vector<Ranked> in_order(const Xapian::MSet& mset, bool by_xapian);
  // From uncollapsed matches in score order, the best of each cluster, until `wanted` of them.
  std::vector<Ranked> best_of_each_cluster(const Xapian::MSet& mset, std::size_t wanted);
  // The hits in score order once the top ones have their proximity bonus added.
  std::vector<Ranked> rank_by_proximity(std::vector<Ranked> hits, std::vector<QueryWord> words);
  // The snippet of a hit; its query words' positions, when known, spare reading its body further
  // than the best window.
  Snippet snippet_of(const Hit& hit, const Ranked& ranked, const ParsedQuery& parsed);
  // The slot's facet column, loaded once per revision; nullptr when there is none to use (several
  // or remote databases, or one without columns): then the value slot is counted.
  std::shared_ptr<const FacetColumn> facet_column(Xapian::valueno slot);
  // Runs f, again on the newest revision when an indexer's commit got in the way. A database
  // fault it meets becomes Fatal(kDatabase) naming the databases.
  template <class F>
  auto with_retry(F&& f) -> decltype(f());
  // Called while handling what f threw at its `attempt`th try: reopens the database when another
  // try may succeed, else throws what the caller is to see.
  void recover(int attempt);
  std::string names() const;  // the databases searched, as given
  // Throws Fatal(kDatabase) when a database lost its positions (lost_positions.h): for
  // what reads them (phrases, NEAR, ADJ, ranking by proximity), never answered as if there were none.
  void require_positions();
  // Opens the newest revision and forgets what was read from the previous one.
  void reopen();

  std::vector<std::string> paths_;
  bool remote_ = false;  // some shard is served by xapian-tcpsrv, which runs only Xapian's own match spies
  bool facet_columns_usable_ = false;  // one local database
  Xapian::Database db_;
  // With a remote shard, the synonyms from the metadata (xapian-tcpsrv serves no synonym table).
  std::optional<SynonymTable> remote_synonyms_;
  std::map<Xapian::valueno, std::shared_ptr<const FacetColumn>> facet_columns_;  // read from db_'s revision
  std::optional<bool> has_english_;  // whether db_'s revision has English articles
  std::optional<std::optional<std::string>> lost_positions_;  // once checked: the database that lost them
  analysis::Analyzer analyzer_;
  analysis::Analyzer english_{"en"};  // for the archive's English articles, when it has some
  RankingWeights weights_;
  analysis::TokenList title_tokens_;  // reused by snippet_of
  Xapian::MultiValueKeyMaker undated_last_;  // --sort -date: oldest first, undated articles after them
};

// A searcher never fails because an indexer committed meanwhile: Xapian says so with an
// exception, and recover() reopens the newest revision.
template <class F>
auto Searcher::with_retry(F&& f) -> decltype(f()) {
  for (int attempt = 0;; ++attempt) {
    try {
      return f();
    } catch (...) {
      recover(attempt);
    }
  }
}

}  // namespace depeche

#endif
