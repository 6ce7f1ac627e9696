#include "schema.h"

#include "util/hash.h"

#include <cstdio>
#include <stdexcept>

namespace depeche::schema {

const Field* find_field(std::string_view name) {
  for (const Field& f : kFields)
    if (f.name == name) return &f;
  return nullptr;
}

const Field& field(std::string_view name) {
  if (const Field* f = find_field(name)) return *f;
  throw std::logic_error("schema has no field named " + std::string(name));
}

std::string boolean_term(std::string_view prefix, std::string_view value) {
  constexpr std::size_t kMaxTerm = 240;
  std::string term(prefix);
  if (term.size() + value.size() <= kMaxTerm) return term.append(value);
  // Keep a readable head, then the hash of the whole value.
  constexpr std::size_t kHashLen = 17;  // '#' + 16 hex digits
  std::size_t head = kMaxTerm - term.size() - kHashLen;
  while (head > 0 && (static_cast<unsigned char>(value[head]) & 0xC0) == 0x80) --head;  // whole UTF-8 chars
  term.append(value.substr(0, head));
  term += '#';
  return term.append(util::hex64(util::fnv1a64(value)));
}

std::optional<std::string> version_mismatch(const Xapian::Database& db) {
  const std::string schema = db.get_metadata(kMetaSchemaVersion);
  const std::string analysis = db.get_metadata(kMetaAnalysisVersion);
  if (schema.empty() && db.get_doccount() == 0) return std::nullopt;
  if (schema == std::to_string(kSchemaVersion) && analysis == std::to_string(kAnalysisVersion)) return std::nullopt;
  const auto newer = [](const std::string& theirs, int ours) {
    return !theirs.empty() && theirs.size() <= 9 && theirs.find_first_not_of("0123456789") == std::string::npos &&
           std::stoi(theirs) > ours;
  };
  if (newer(schema, kSchemaVersion) || newer(analysis, kAnalysisVersion))
    return "database has schema version " + schema + " and analysis version " + analysis +
           ", written by a newer depeche than this one (" + std::to_string(kSchemaVersion) + " and " +
           std::to_string(kAnalysisVersion) + "); upgrade depeche";
  return "database has schema version " + (schema.empty() ? std::string("none") : schema) + " and analysis version " +
         (analysis.empty() ? std::string("none") : analysis) + ", this depeche uses " +
         std::to_string(kSchemaVersion) + " and " + std::to_string(kAnalysisVersion) +
         "; run depeche-index --rebuild";
}

std::string encode_date(int year, int month, int day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
  return buf;
}

}  // namespace depeche::schema
