#include "schema.h"

#include "article.h"
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

namespace article {
std::string title(const Article& a) { return a.title.value_or(std::string()); }
std::string standfirst(const Article& a) { return a.standfirst; }
std::string tags(const Article& a) { return encode_tags(a.tags); }
std::string author(const Article& a) { return a.author; }
std::string source(const Article& a) { return a.source; }
std::string section(const Article& a) { return a.section; }
std::string lang(const Article& a) { return a.lang; }
std::string url(const Article& a) { return a.url; }
std::string id(const Article& a) { return a.id; }
std::string year(const Article& a) { return encode_year(a.date); }
std::string month(const Article& a) { return encode_month(a.date); }
std::string day(const Article& a) { return a.date.precision == util::DatePrecision::kDay ? a.date.iso() : std::string(); }
std::string date(const Article& a) { return encode_date(a.date); }
}  // namespace article

std::string facet_names(std::string_view separator) {
  std::string names;
  for (std::string_view name : kFacetOrder) names.append(names.empty() ? "" : separator).append(name);
  return names;
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

std::array<std::pair<const char*, std::string>, 2> version_metadata() {
  return {{{kMetaSchemaVersion, std::to_string(kSchemaVersion)}, {kMetaAnalysisVersion, std::to_string(kAnalysisVersion)}}};
}

void stamp_versions(Xapian::WritableDatabase& db) {
  for (const auto& [key, value] : version_metadata()) db.set_metadata(key, value);
}

std::string encode_date(int year, int month, int day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
  return buf;
}

std::string encode_date(const util::Date& date) {
  return date.valid() ? encode_date(date.year, date.month, date.day) : std::string();
}

namespace {

// The number written in value[from, from + digits), or -1 when it is not all digits.
int digits_at(std::string_view value, std::size_t from, std::size_t digits) {
  int n = 0;
  for (std::size_t i = from; i < from + digits; ++i) {
    if (i >= value.size() || value[i] < '0' || value[i] > '9') return -1;
    n = n * 10 + (value[i] - '0');
  }
  return n;
}

util::Date date_at(int year, int month, int day) {
  util::Date d;
  if (year < 0 || month < 0 || day < 0) return d;
  d.year = year;
  d.month = month;
  d.day = day;
  d.precision = month == 0 ? util::DatePrecision::kYear : day == 0 ? util::DatePrecision::kMonth : util::DatePrecision::kDay;
  return d;
}

// `date` at `precision`, or below it when it has less.
util::Date cut(util::Date date, util::DatePrecision precision) {
  if (!date.valid() || date.precision < precision) return date;
  date.precision = precision;
  if (precision == util::DatePrecision::kYear) date.month = 0;
  if (precision != util::DatePrecision::kDay) date.day = 0;
  return date;
}

}  // namespace

util::Date decode_date(std::string_view value) {
  if (value.size() != 8) return {};
  return date_at(digits_at(value, 0, 4), digits_at(value, 4, 2), digits_at(value, 6, 2));
}

std::string encode_year(const util::Date& date) { return cut(date, util::DatePrecision::kYear).iso(); }

util::Date decode_year(std::string_view value) {
  return value.size() == 4 ? date_at(digits_at(value, 0, 4), 0, 0) : util::Date{};
}

std::string encode_month(const util::Date& date) {
  return date.precision == util::DatePrecision::kYear ? std::string() : cut(date, util::DatePrecision::kMonth).iso();
}

util::Date decode_month(std::string_view value) {
  if (value.size() != 7 || value[4] != '-') return {};
  const int month = digits_at(value, 5, 2);
  return month > 0 ? date_at(digits_at(value, 0, 4), month, 0) : util::Date{};
}

std::string encode_multi(const std::vector<std::string>& values) {
  std::string value;
  for (const std::string& v : values) value.append(v).push_back('\n');
  return value;
}

std::vector<std::string> decode_multi(std::string_view value) {
  std::vector<std::string> values;
  std::size_t start = 0;
  for (std::size_t nl; (nl = value.find('\n', start)) != std::string_view::npos; start = nl + 1)
    values.emplace_back(value.substr(start, nl - start));
  return values;
}

std::string encode_indexed_at(double seconds_since_epoch) { return Xapian::sortable_serialise(seconds_since_epoch); }

double decode_indexed_at(std::string_view value) { return Xapian::sortable_unserialise(std::string(value)); }

std::string encode_hash(std::uint64_t hash) { return util::hex64(hash); }

std::optional<std::uint64_t> decode_hash(std::string_view value) {
  if (value.size() != 16) return std::nullopt;
  std::uint64_t hash = 0;
  for (char c : value) {
    const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (digit < 0) return std::nullopt;
    hash = hash << 4 | static_cast<std::uint64_t>(digit);
  }
  return hash;
}

std::string own_cluster(std::string_view id) { return encode_hash(util::fnv1a64(id)); }

std::string cluster_term(std::string_view cluster) { return std::string(kPrefixCluster).append(cluster); }

std::string origin_file_term(std::string_view file_key) {
  return file_key.empty() ? std::string() : std::string(kPrefixOriginFile).append(util::hex64(util::fnv1a64(file_key)));
}

void set_cluster(Xapian::Document& doc, const std::string& cluster) {
  const std::string previous = doc.get_value(kSlotCluster);
  if (!previous.empty()) {
    try {
      doc.remove_term(cluster_term(previous));
    } catch (const Xapian::InvalidArgumentError&) {  // the value without its term: nothing to remove
    }
  }
  doc.add_value(kSlotCluster, cluster);
  doc.add_boolean_term(cluster_term(cluster));
}

namespace {
constexpr std::string_view kShingleDigits = "0123456789abcdefghijklmnopqrstuv";
constexpr std::size_t kShingleTermDigits = 10;  // 50 bits: a 48-bit hash
}  // namespace

std::string shingle_term(std::uint64_t shingle) {
  std::string term(kPrefixShingle);
  for (std::size_t i = kShingleTermDigits; i-- > 0;) term.push_back(kShingleDigits[(shingle >> (5 * i)) & 31]);
  return term;
}

std::optional<std::uint64_t> decode_shingle(std::string_view after_prefix) {
  if (after_prefix.size() != kShingleTermDigits) return std::nullopt;
  std::uint64_t shingle = 0;
  for (char c : after_prefix) {
    const std::size_t digit = kShingleDigits.find(c);
    if (digit == std::string_view::npos) return std::nullopt;
    shingle = shingle << 5 | digit;
  }
  return shingle;
}

}  // namespace depeche::schema
