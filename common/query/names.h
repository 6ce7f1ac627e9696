// Whether a capitalised word is a name is decided from the archive as a whole, never from one
// occurrence: a capital inside a sentence is evidence (schema::kPrefixName), a capital at a
// sentence start is none. So the indexer writes the stem of a word seen only at sentence starts
// apart (schema::kPrefixInitialStem), and a search counts it as the word's stem unless the archive
// says the word is a name. docs/query-syntax.md, "Names".
#ifndef DEPECHE_INCLUDED_QUERY_NAMES_H
#define DEPECHE_INCLUDED_QUERY_NAMES_H

#include "analysis/analyzer.h"

#include <xapian.h>

#include <string>
#include <string_view>

namespace depeche {

// True when at least half of the articles that have `folded` write it with a capital inside a
// sentence (Mali, Brest): a name, searched without stemming.
bool is_name(const Xapian::Database& db, const std::string& folded);
// The same from the two counts: the articles that have the word, and those that write it as a name.
bool is_name(Xapian::doccount articles, Xapian::doccount as_name);

// The term frequencies of terms beginning with `prefix`, asked for in ascending order, read by
// walking the database's terms forward. A lookup per term (Database::get_termfreq) shares one
// B-tree cursor with every other lookup: alternating between a word and its name term, which lie
// far apart, re-read a block at each step, a pread each, a quarter of a query's reads.
class TermFreqsInOrder {
 public:
  TermFreqsInOrder(const Xapian::Database& db, const std::string& prefix)
      : at_(db.allterms_begin(prefix)), end_(db.allterms_end(prefix)) {}
  // 0 when no article has `term`.
  Xapian::doccount operator()(const std::string& term) {
    at_.skip_to(term);
    return at_ != end_ && *at_ == term ? at_.get_termfreq() : 0;
  }

 private:
  Xapian::TermIterator at_, end_;
};

// The articles that have a word of stem `stem` (from `analyzer`) in the free-text field of
// `field_prefix` ("" for the title and body words): by its stem term, or by the stem of a word
// they write only at sentence starts, unless that word is a name ("Mali." gives the stem mal, but
// `mal` must not find it). One synonym, weighed as one term as the stem term alone was before
// the two were told apart: as two terms, the rarer one ranked its articles too high (the dev sets'
// MRR@10 fell by 0.01, docs/ARCHITECTURE.md, "Ranking").
Xapian::Query stem_query(const Xapian::Database& db, std::string_view field_prefix, const std::string& stem,
                         analysis::Analyzer& analyzer);

}  // namespace depeche

#endif
