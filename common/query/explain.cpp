#include "query/explain.h"

#include "index/document_builder.h"
#include "index/stored_article.h"
#include "schema.h"

#include <algorithm>

namespace depeche {

namespace {

// What `term` (a term of the query) is, without its weight; `title_twin` and `standfirst_twin` are
// set to the title-only and standfirst-only terms that tell whether the match is in those fields,
// when the term itself does not say.
TermContribution describe_term(const std::string& term, std::string& title_twin, std::string& standfirst_twin) {
  const std::string title_prefix(schema::field("title").prefix);
  const std::string standfirst_prefix(schema::field("standfirst").prefix);
  const std::string standfirst_stem_prefix = std::string(schema::kPrefixStem) + standfirst_prefix;  // Field::stemmed
  if (term.rfind(schema::kPrefixTitleStem, 0) == 0)
    return {term.substr(schema::kPrefixTitleStem.size()), "title stem", true, false, 0};
  if (term.rfind(standfirst_stem_prefix, 0) == 0)
    return {term.substr(standfirst_stem_prefix.size()), "standfirst stem", false, false, 0, true};
  if (term.rfind(schema::kPrefixStem, 0) == 0) {
    TermContribution c{term.substr(1), "stem", false, false, 0};
    title_twin = std::string(schema::kPrefixTitleStem) + c.term;
    standfirst_twin = standfirst_stem_prefix + c.term;
    return c;
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
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
    const std::string term = *t;
    const Xapian::termcount wdf = wdf_of(term);
    if (wdf == 0) continue;
    std::string title_twin, standfirst_twin;
    TermContribution c = describe_term(term, title_twin, standfirst_twin);
    if (!title_twin.empty()) {
      const Xapian::termcount in_title = wdf_of(title_twin), in_standfirst = wdf_of(standfirst_twin);
      const IndexWeights indexed;
      c.in_title = in_title > 0;
      c.in_standfirst = in_standfirst > 0;
      c.in_body = wdf > in_title * indexed.title_wdf + in_standfirst * indexed.standfirst_wdf;
    }
    // The term's own BM25 weight for this article, as the full query adds it up.
    Xapian::Enquire alone(db);
    alone.set_weighting_scheme(bm25_weight(weights));
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
  if (alone.indexed_since && count(alone) == 0) empty.push_back({EmptyCause::Kind::kIndexedSince, "", ""});
  if (empty.empty()) empty.push_back({EmptyCause::Kind::kCombination, "", ""});
  return empty;
}

}  // namespace depeche
