#include "index/synonym_table.h"

#include "analysis/synonyms.h"
#include "schema.h"

#include <nlohmann/json.hpp>

#include <string_view>
#include <utility>

namespace depeche {

SynonymTable synonym_table(const std::vector<std::string>& extra_lines, const std::string& source,
                           analysis::Analyzer& analyzer) {
  std::vector<analysis::SynonymGroup> groups = analysis::parse_synonyms(analysis::default_synonym_lines(), "defaults", analyzer);
  const std::vector<std::string_view> extra(extra_lines.begin(), extra_lines.end());
  for (auto& g : analysis::parse_synonyms(extra, source, analyzer)) groups.push_back(std::move(g));
  SynonymTable table;
  for (const auto& group : groups)
    for (const std::string& word : group)
      for (const std::string& other : group)
        if (other != word) table[word].insert(other);
  return table;
}

SynonymTable read_synonyms(const Xapian::Database& db) {
  SynonymTable table;
  for (auto key = db.synonym_keys_begin(); key != db.synonym_keys_end(); ++key)
    for (auto it = db.synonyms_begin(*key); it != db.synonyms_end(*key); ++it) table[*key].insert(*it);
  return table;
}

namespace {

std::string encode_table(const SynonymTable& table) {
  return table.empty() ? std::string() : nlohmann::json(table).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

SynonymTable read_synonyms_metadata(const Xapian::Database& db) {
  const std::string stored = db.get_metadata(schema::kMetaSynonyms);
  if (stored.empty()) return {};
  try {
    return nlohmann::json::parse(stored).get<SynonymTable>();
  } catch (const nlohmann::json::exception&) {  // damaged: the words are searched as typed
    return {};
  }
}

bool write_synonyms(Xapian::WritableDatabase& db, const SynonymTable& wanted) {
  const SynonymTable present = read_synonyms(db);
  const std::string encoded = encode_table(wanted);
  if (present == wanted && db.get_metadata(schema::kMetaSynonyms) == encoded) return false;
  for (const auto& [key, unused] : present) db.clear_synonyms(key);
  for (const auto& [word, others] : wanted)
    for (const std::string& other : others) db.add_synonym(word, other);
  db.set_metadata(schema::kMetaSynonyms, encoded);
  return true;
}

}  // namespace depeche
