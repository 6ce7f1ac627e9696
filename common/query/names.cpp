#include "query/names.h"

#include "schema.h"

#include <vector>

namespace depeche {
namespace {

// A short stem begins many names (mar: Marc, Marie, Maroc...), so the scan stops after this many;
// a name past them is not excluded. Snowball's stem begins the words it comes from but for a few
// endings (ranking.cpp, may_stem_other_beginnings): names stemmed so are not excluded either.
constexpr int kMaxNamesScanned = 200;

// The words of stem `stem` that the archive calls names, from those some article writes as one.
std::vector<std::string> names_of_stem(const Xapian::Database& db, const std::string& stem,
                                       analysis::Analyzer& analyzer) {
  const std::string first = std::string(schema::kPrefixName).append(stem);
  std::vector<std::string> names;
  TermFreqsInOrder articles_with(db, stem);
  int scanned = 0;
  for (auto t = db.allterms_begin(first); t != db.allterms_end(first) && scanned < kMaxNamesScanned; ++t, ++scanned) {
    const std::string form = (*t).substr(schema::kPrefixName.size());
    if (analyzer.stem(form) == stem && is_name(articles_with(form), t.get_termfreq())) names.push_back(form);
  }
  return names;
}

}  // namespace

bool is_name(Xapian::doccount articles, Xapian::doccount as_name) { return articles > 0 && as_name * 2 >= articles; }

bool is_name(const Xapian::Database& db, const std::string& folded) {
  const Xapian::doccount all = db.get_termfreq(folded);
  return all > 0 && is_name(all, db.get_termfreq(std::string(schema::kPrefixName) + folded));
}

Xapian::Query stem_query(const Xapian::Database& db, std::string_view field_prefix, const std::string& stem,
                         analysis::Analyzer& analyzer) {
  Xapian::Query stem_term(std::string(schema::kPrefixStem).append(field_prefix).append(stem));
  const std::string initial_term = std::string(schema::kPrefixInitialStem).append(field_prefix).append(stem);
  if (db.get_termfreq(initial_term) == 0) return stem_term;  // no article has it only at sentence starts
  Xapian::Query initial(initial_term);
  std::vector<Xapian::Query> names;
  for (const std::string& name : names_of_stem(db, stem, analyzer))
    names.emplace_back(std::string(field_prefix) + name);
  // An article that has the name is found by the stem only through the stem term: at a sentence
  // start it wrote the name, or (rarely) another word of the stem that it never writes in lower case.
  if (!names.empty())
    initial = Xapian::Query(Xapian::Query::OP_AND_NOT, initial,
                            Xapian::Query(Xapian::Query::OP_OR, names.begin(), names.end()));
  return Xapian::Query(Xapian::Query::OP_SYNONYM, stem_term, initial);
}

}  // namespace depeche
