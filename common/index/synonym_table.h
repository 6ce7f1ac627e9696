// The database's synonym table (Xapian's): each word of a group of variant spellings maps to the
// others, so that the query parser expands a word as typed to every spelling of it.
#ifndef DEPECHE_INCLUDED_INDEX_SYNONYM_TABLE_H
#define DEPECHE_INCLUDED_INDEX_SYNONYM_TABLE_H

#include <xapian.h>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace depeche {

namespace analysis {
class Analyzer;
}

using SynonymTable = std::map<std::string, std::set<std::string>>;  // word -> the other words of its groups

// depeche's default groups plus those of `extra_lines` (a synonyms file's lines, already read;
// `source` names it in errors), folded by `analyzer`. Throws depeche::Error on a malformed line.
SynonymTable synonym_table(const std::vector<std::string>& extra_lines, const std::string& source,
                           analysis::Analyzer& analyzer);

SynonymTable read_synonyms(const Xapian::Database& db);
// The copy of the table kept in the metadata (schema::kMetaSynonyms), which a remote database
// serves; an empty table when there is none or it cannot be read.
SynonymTable read_synonyms_metadata(const Xapian::Database& db);

// Makes the synonym table of `db`, and its copy in the metadata, hold exactly `wanted`; false when
// they already did (nothing written).
bool write_synonyms(Xapian::WritableDatabase& db, const SynonymTable& wanted);

}  // namespace depeche

#endif
