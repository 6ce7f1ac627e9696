// docs/schema.md must describe every field, prefix, value slot and metadata key of schema.h,
// so that the schema's description cannot drift from the code (as notmuch's did).
#include "schema.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

namespace schema = depeche::schema;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot read " << path;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string schema_doc() { return read_file(std::string(DEPECHE_SOURCE_DIR) + "/docs/schema.md"); }
std::string schema_header() { return read_file(std::string(DEPECHE_SOURCE_DIR) + "/common/schema.h"); }

// The rows of the Markdown tables of `doc`.
std::vector<std::string> table_rows(const std::string& doc) {
  std::vector<std::string> rows;
  std::istringstream in(doc);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("|", 0) == 0) rows.push_back(line);
  return rows;
}

std::string code(const std::string& s) { return "`" + s + "`"; }

// The first table row that holds every one of `cells` (each as written, e.g. "`XSRC`").
const std::string* row_with(const std::vector<std::string>& rows, const std::vector<std::string>& cells) {
  for (const std::string& row : rows) {
    bool all = true;
    for (const std::string& c : cells) all = all && row.find(c) != std::string::npos;
    if (all) return &row;
  }
  return nullptr;
}

const char* kind_name(schema::FieldKind kind) {
  switch (kind) {
    case schema::FieldKind::kFreeText: return "free text";
    case schema::FieldKind::kBoolean: return "boolean";
    case schema::FieldKind::kDate: return "date";
  }
  return "";
}

// Every enumerator of schema::Slot, by name. A slot added to schema.h must be added here, and
// the test below that counts the slots in schema.h fails until it is.
const std::vector<std::pair<Xapian::valueno, std::string>>& documented_slots() {
  static const std::vector<std::pair<Xapian::valueno, std::string>> kSlots{
      {schema::kSlotDate, "kSlotDate"},
      {schema::kSlotSource, "kSlotSource"},
      {schema::kSlotSection, "kSlotSection"},
      {schema::kSlotLang, "kSlotLang"},
      {schema::kSlotYear, "kSlotYear"},
      {schema::kSlotMonth, "kSlotMonth"},
      {schema::kSlotCountries, "kSlotCountries"},
      {schema::kSlotTags, "kSlotTags"},
      {schema::kSlotCluster, "kSlotCluster"},
      {schema::kSlotIndexedAt, "kSlotIndexedAt"},
      {schema::kSlotContentHash, "kSlotContentHash"},
      {schema::kSlotArticle, "kSlotArticle"},
      {schema::kSlotFirstIndexedAt, "kSlotFirstIndexedAt"},
  };
  return kSlots;
}

// The cells of a field's row after its kind: its terms, its slot and its facet kind.
std::string terms_cell(const schema::Field& f) {
  std::string cell = f.folding == schema::Folding::kFolded ? "folded" : "verbatim";
  cell += f.values == schema::Values::kSingle ? ", single" : ", multi";
  if (f.stemmed) cell += ", stemmed";
  return cell;
}

std::string slot_and_facet_cells(const schema::Field& f) {
  const std::string slot = f.slot ? code(std::to_string(*f.slot)) : "—";
  const char* facet = f.facet == schema::FacetKind::kValue        ? "value"
                      : f.facet == schema::FacetKind::kTimeSeries ? "time series"
                                                                  : "—";
  return "| " + slot + " | " + facet + " |";
}

TEST(SchemaDoc, EveryFieldHasARowWithItsPrefixKindTermsSlotAndFacet) {
  const auto rows = table_rows(schema_doc());
  ASSERT_FALSE(rows.empty()) << "docs/schema.md has no table";
  for (const schema::Field& f : schema::kFields) {
    const std::vector<std::string> cells{"| " + code(std::string(f.name)) + " | " + code(std::string(f.prefix)) +
                                             " | " + kind_name(f.kind) + " | " + terms_cell(f) + " " +
                                             slot_and_facet_cells(f)};
    EXPECT_NE(row_with(rows, cells), nullptr) << "docs/schema.md has no table row beginning " << cells[0];
  }
}

TEST(SchemaDoc, EverySlotHasARowWithItsNumberAndName) {
  const auto rows = table_rows(schema_doc());
  for (const auto& [slot, name] : documented_slots()) {
    const std::string* row = row_with(rows, {code(name)});
    ASSERT_NE(row, nullptr) << "docs/schema.md has no table row for " << name;
    // The slot number is the row's first cell.
    EXPECT_EQ(row->rfind("| " + code(std::to_string(slot)) + " |", 0), 0u)
        << name << " is slot " << slot << " but its row in docs/schema.md reads: " << *row;
  }
}

TEST(SchemaDoc, TheListOfSlotsAboveHasEverySlotOfSchemaH) {
  const std::string header = schema_header();
  const std::regex slot_line(R"((kSlot\w+)\s*=\s*(\d+)\s*,)");
  std::set<std::string> names;
  std::set<unsigned long> numbers;
  for (auto it = std::sregex_iterator(header.begin(), header.end(), slot_line); it != std::sregex_iterator(); ++it) {
    names.insert((*it)[1]);
    numbers.insert(std::stoul((*it)[2]));
  }
  ASSERT_FALSE(numbers.empty()) << "no 'kSlotName = N,' line found in common/schema.h";
  EXPECT_EQ(documented_slots().size(), numbers.size())
      << "common/schema.h has " << numbers.size() << " slots but this test lists " << documented_slots().size()
      << ": add the new slot to documented_slots() and to docs/schema.md";
  for (const auto& [slot, name] : documented_slots()) {
    EXPECT_EQ(names.count(name), 1u) << name << " is not declared as 'kSlot... = N,' in common/schema.h";
    EXPECT_EQ(numbers.count(slot), 1u) << name << " = " << slot << " is not in common/schema.h";
  }
}

TEST(SchemaDoc, EveryOtherPrefixAndMetadataKeyOfSchemaHAppearsInATable) {
  // Every string constant of schema.h: the prefixes that are not fields (Z, ZS, XN, XCL, XF,
  // XB, XUNDATED) and the metadata keys.
  const std::string header = schema_header();
  const std::regex constant(R"re(inline constexpr [^=;]*\b(k\w+) = "([^"]+)")re");
  const auto rows = table_rows(schema_doc());
  std::size_t found = 0;
  for (auto it = std::sregex_iterator(header.begin(), header.end(), constant); it != std::sregex_iterator(); ++it) {
    ++found;
    const std::string name = (*it)[1], value = (*it)[2];
    EXPECT_NE(row_with(rows, {code(value)}), nullptr)
        << name << " (" << code(value) << ") of common/schema.h is in no table of docs/schema.md";
  }
  EXPECT_GE(found, 10u) << "the pattern no longer finds schema.h's string constants";
  for (std::string_view prefix : {schema::kPrefixStem, schema::kPrefixTitleStem, schema::kPrefixName,
                                  schema::kPrefixInitialStem, schema::kPrefixInitialTitleStem,
                                  schema::kPrefixCluster, schema::kUndatedTerm, schema::kPrefixOriginFile,
                                  schema::kPrefixShingle, schema::kWholeBodyTerm, schema::kMetaFilePrefix})
    EXPECT_NE(row_with(rows, {code(std::string(prefix))}), nullptr) << code(std::string(prefix));
  for (const char* key : {schema::kMetaSchemaVersion, schema::kMetaAnalysisVersion})
    EXPECT_NE(row_with(rows, {code(key)}), nullptr) << code(key);
}

TEST(SchemaDoc, TheVersionsTableHasTheCurrentVersions) {
  const auto rows = table_rows(schema_doc());
  EXPECT_NE(row_with(rows, {"`kSchemaVersion` | " + code(std::to_string(schema::kSchemaVersion)) + " |"}), nullptr)
      << "docs/schema.md does not give kSchemaVersion = " << schema::kSchemaVersion;
  EXPECT_NE(row_with(rows, {"`kAnalysisVersion` | " + code(std::to_string(schema::kAnalysisVersion)) + " |"}), nullptr)
      << "docs/schema.md does not give kAnalysisVersion = " << schema::kAnalysisVersion;
}

}  // namespace
