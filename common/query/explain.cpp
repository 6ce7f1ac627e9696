#include "query/explain.h"

#include "index/document_builder.h"
#include "index/stored_article.h"
#include "schema.h"

#include <algorithm>
#include <set>

namespace depeche {

namespace {

// What `term` (a term of the query) is, without its weight; `title_twin` and `standfirst_twin` are
// set to the title-only and standfirst-only terms that tell whether the match is in those fields,
// when the term itself does not say.
TermContribution describe_term(const std::string& term, std::string& title_twin, std::string& standfirst_twin) {
  const std::string title_prefix(schema::field("title").prefix);
  const std::string standfirst_prefix(schema::field("standfirst").prefix);
  // A stem of words written only at sentence starts (query/names.h) is a stem like the others.
  for (const auto& [stem, title_stem] : {std::pair{schema::kPrefixInitialStem, schema::kPrefixInitialTitleStem},
                                         std::pair{schema::kPrefixStem, schema::kPrefixTitleStem}}) {
    const std::string standfirst_stem = std::string(stem) + standfirst_prefix;  // Field::stemmed
    if (term.rfind(title_stem, 0) == 0) return {term.substr(title_stem.size()), "title stem", true, false, 0};
    if (term.rfind(standfirst_stem, 0) == 0)
      return {term.substr(standfirst_stem.size()), "standfirst stem", false, false, 0, true};
    if (term.rfind(stem, 0) == 0) {
      TermContribution c{term.substr(stem.size()), "stem", false, false, 0};
      title_twin = std::string(title_stem) + c.term;
      standfirst_twin = standfirst_stem + c.term;
      return c;
    }
  }
  if (term.rfind(title_prefix, 0) == 0 && term.size() > 1 && term[1] >= 'a') return {term.substr(1), "title word", true, false, 0};
  if (term.rfind(standfirst_prefix, 0) == 0 && term.size() > standfirst_prefix.size() && term[standfirst_prefix.size()] >= 'a')
    return {term.substr(standfirst_prefix.size()), "standfirst word", false, false, 0, true};
  if (term.rfind(schema::field("author").prefix, 0) == 0 && term.size() > 1 && term[1] >= 'a')
    return {term.substr(1), "author", false, false, 0};
  title_twin = title_prefix + term;
  standfirst_twin = standfirst_prefix + term;
  return {term, "word", false, false, 0};
}

// A fixed weight added to the articles a filter matches (ranking.h: the preferred period, each word
// matched of a partial match): told by its filter, the second subquery.
bool is_raise(const Xapian::Query& q) {
  return q.get_type() == Xapian::Query::OP_FILTER && q.get_num_subqueries() == 2 &&
         q.get_subquery(0).get_type() == Xapian::Query::LEAF_POSTING_SOURCE;
}

// The parts of `query` that add to a score, each weighed alone below: its terms, its synonyms,
// which weigh as one term (a stem and its sentence starts, query/names.h), and its raises. What
// AND_NOT excludes and what FILTER filters by add nothing.
void scoring_parts(const Xapian::Query& query, std::vector<Xapian::Query>& parts) {
  const Xapian::Query::op op = query.get_type();
  if (op == Xapian::Query::LEAF_TERM || op == Xapian::Query::OP_SYNONYM || is_raise(query)) return parts.push_back(query);
  const bool left_only = op == Xapian::Query::OP_AND_NOT || op == Xapian::Query::OP_FILTER;
  const std::size_t all = query.get_num_subqueries(), n = left_only ? std::min<std::size_t>(1, all) : all;
  for (std::size_t i = 0; i < n; ++i) scoring_parts(query.get_subquery(i), parts);
}

// A raise in the words of --explain: the period typed among the words, or a word a partial match has.
TermContribution raise_contribution(const Xapian::Query& raise, double weight, const ParsedQuery& parsed) {
  const Xapian::Query& filter = raise.get_subquery(1);
  if (!parsed.preferred_period.empty() && filter.get_description() == parsed.period.get_description())
    return {parsed.preferred_period, "preferred period", false, false, weight};
  const auto first = filter.get_unique_terms_begin();
  return {first == filter.get_unique_terms_end() ? std::string() : *first, "word matched", false, false, weight};
}

}  // namespace

std::vector<TermContribution> explain_hit(const Xapian::Database& db, const RankingWeights& weights, Xapian::docid doc,
                                          const Xapian::Query& query, double proximity_bonus, const ParsedQuery& parsed) {
  std::vector<TermContribution> out;
  const Xapian::Document document = db.get_document(doc);
  auto wdf_of = [&](const std::string& term) -> Xapian::termcount {
    Xapian::TermIterator it = document.termlist_begin();
    it.skip_to(term);
    return it != document.termlist_end() && *it == term ? it.get_wdf() : 0;
  };
  const std::string id_term = schema::id_term(load_article(document, WithBody::kNo).id);
  // The part's own BM25 weight for this article, as the full query adds it up.
  auto weight_alone = [&](const Xapian::Query& part) {
    Xapian::Enquire alone(db);
    alone.set_weighting_scheme(bm25_weight(weights));
    alone.set_query(Xapian::Query(Xapian::Query::OP_FILTER, part, Xapian::Query(id_term)));
    const Xapian::MSet m = alone.get_mset(0, 1);
    return m.empty() ? -1.0 : m.begin().get_weight();
  };
  std::vector<Xapian::Query> parts;
  scoring_parts(query, parts);
  std::set<std::string> seen;
  const IndexWeights indexed;
  for (const Xapian::Query& part : parts) {
    if (!seen.insert(part.get_description()).second) continue;
    if (is_raise(part)) {
      const double raised = weight_alone(part);
      if (raised > 0) out.push_back(raise_contribution(part, raised, parsed));
      continue;
    }
    // A synonym is told by its first term, the stem's, and found where any of its terms that score is.
    std::vector<Xapian::Query> terms;
    for (std::size_t i = 0; i < part.get_num_subqueries(); ++i) scoring_parts(part.get_subquery(i), terms);
    if (terms.empty()) terms.push_back(part);
    const std::string term = *terms.front().get_terms_begin();
    std::string title_twin, standfirst_twin;
    TermContribution c = describe_term(term, title_twin, standfirst_twin);
    Xapian::termcount wdf = 0, in_title = 0, in_standfirst = 0;
    for (const Xapian::Query& member : terms) {
      std::string twin, standfirst;
      describe_term(*member.get_terms_begin(), twin, standfirst);
      wdf += wdf_of(*member.get_terms_begin());
      if (!twin.empty()) in_title += wdf_of(twin);
      if (!standfirst.empty()) in_standfirst += wdf_of(standfirst);
    }
    if (wdf == 0) continue;
    if (!title_twin.empty()) {
      c.in_title = in_title > 0;
      c.in_standfirst = in_standfirst > 0;
      c.in_body = wdf > in_title * indexed.title_wdf + in_standfirst * indexed.standfirst_wdf;
    }
    const double weight = weight_alone(part);
    if (weight < 0) continue;  // a synonym whose terms here are all excluded (a name at a sentence start)
    const auto scale = parsed.term_scales.find(term);
    c.weight = weight * (scale == parsed.term_scales.end() ? 1.0 : scale->second);
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

std::vector<std::string> query_parts(const std::string& query) {
  std::vector<std::string> parts;
  std::string current;
  bool quoted = false;
  for (char c : query + " ") {
    if (c == '"') quoted = !quoted;
    if (c == ' ' && !quoted) {
      if (!current.empty() && current != "AND" && current != "OR" && current != "NOT") parts.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  return parts;
}

std::vector<EmptyCause> explain_empty(const SearchRequest& request,
                                      const std::function<Xapian::doccount(const SearchRequest&)>& count) {
  // Each part tried alone: those that match nothing are what emptied the result.
  std::vector<EmptyCause> empty;
  SearchRequest alone;
  for (const std::string& part : query_parts(request.query)) {
    alone.query = part;
    try {
      if (count(alone) == 0) empty.push_back({EmptyCause::Kind::kQueryPart, "", part});
    } catch (const QueryError&) {
    }
  }
  alone.query.clear();
  for (const auto& filter : request.filters) {
    alone.filters = {filter};
    if (count(alone) == 0) empty.push_back({EmptyCause::Kind::kFilter, filter.first, filter.second});
  }
  alone.filters.clear();
  alone.indexed_since = request.indexed_since;
  alone.without_updates = request.without_updates;
  if (alone.indexed_since && count(alone) == 0) empty.push_back({EmptyCause::Kind::kIndexedSince, "", ""});
  if (empty.empty()) empty.push_back({EmptyCause::Kind::kCombination, "", ""});
  return empty;
}

}  // namespace depeche
