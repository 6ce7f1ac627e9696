// The rules the schema table must keep by itself: names and prefixes that cannot be confused,
// prefixes as Xapian's conventions write them (omega's), and every value slot readable back.
#include "schema.h"

#include "index/dedup.h"
#include "index/stored_article.h"
#include "article.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace schema = depeche::schema;
using depeche::util::Date;
using depeche::util::DatePrecision;

// A prefix or whole term of schema.h, and whether what follows it is folded (so never begins
// with a capital letter, which is what tells a longer prefix from it).
struct Prefix {
  std::string_view prefix;
  bool folded_values;
};

std::vector<Prefix> every_prefix() {
  std::vector<Prefix> out;
  for (const schema::Field& f : schema::kFields) out.push_back({f.prefix, f.folding == schema::Folding::kFolded});
  for (std::string_view p : {schema::kPrefixStem, schema::kPrefixTitleStem, schema::kPrefixName,
                             schema::kPrefixInitialStem, schema::kPrefixInitialTitleStem})
    out.push_back({p, true});  // folded words and their stems
  for (std::string_view p : {schema::kPrefixCluster, schema::kPrefixOriginFile, schema::kPrefixShingle})
    out.push_back({p, true});  // lower-case hex digits
  for (std::string_view term : {schema::kUndatedTerm, schema::kHasCopiesTerm, schema::kWholeBodyTerm}) out.push_back({term, true});  // no value
  return out;
}

bool all_capitals(std::string_view s) {
  for (char c : s)
    if (c < 'A' || c > 'Z') return false;
  return !s.empty();
}

// Omega's convention: one capital letter, or 'X' then capitals; a stemmed form's prefix is 'Z'
// before its field's.
bool follows_xapian_convention(std::string_view prefix) {
  if (prefix.size() == 1) return all_capitals(prefix);
  if (prefix[0] == 'Z') return follows_xapian_convention(prefix.substr(1));
  return prefix[0] == 'X' && all_capitals(prefix);
}

TEST(SchemaTable, NamesAreUnique) {
  std::set<std::string_view> names;
  for (const schema::Field& f : schema::kFields) EXPECT_TRUE(names.insert(f.name).second) << f.name;
}

TEST(SchemaTable, PrefixesAreUniqueAndFollowXapiansConvention) {
  std::set<std::string_view> seen;
  for (const Prefix& p : every_prefix()) {
    EXPECT_TRUE(seen.insert(p.prefix).second) << p.prefix << " is used twice";
    EXPECT_TRUE(follows_xapian_convention(p.prefix)) << p.prefix;
  }
}

TEST(SchemaTable, APrefixOfAnotherCannotBeConfusedWithIt) {
  // "Z" + stem and "ZS" + stem stay apart because a stem is folded: it never begins with 'S'.
  for (const Prefix& shorter : every_prefix())
    for (const Prefix& longer : every_prefix()) {
      if (shorter.prefix == longer.prefix || longer.prefix.rfind(shorter.prefix, 0) != 0) continue;
      EXPECT_TRUE(shorter.folded_values) << shorter.prefix << " is a prefix of " << longer.prefix
                                         << " but its values may begin with a capital";
      const char next = longer.prefix[shorter.prefix.size()];
      EXPECT_TRUE(next >= 'A' && next <= 'Z') << longer.prefix;
    }
}

TEST(SchemaTable, SlotsFacetsAndReadersAgree) {
  std::set<Xapian::valueno> slots;
  for (const schema::Field& f : schema::kFields) {
    EXPECT_TRUE(!f.slot || slots.insert(*f.slot).second) << f.name << " shares its slot";
    EXPECT_TRUE(f.facet == schema::FacetKind::kNone || f.slot) << f.name << " is a facet without a slot";
    EXPECT_TRUE(!f.slot_value || f.slot) << f.name << " encodes a value but has no slot";
    // A field analysis finds (read == nullptr, the countries) is multi-valued; the others are read.
    EXPECT_TRUE(f.read != nullptr || f.values == schema::Values::kMulti) << f.name;
    EXPECT_TRUE(f.kind != schema::FieldKind::kFreeText || !f.slot) << f.name << " is free text with a slot";
    EXPECT_TRUE(!f.stemmed || f.kind == schema::FieldKind::kFreeText) << f.name << " is stemmed but not free text";
  }
}

TEST(SchemaTable, TheFacetOrderNamesEveryFacetOnce) {
  std::set<std::string_view> facets;
  for (const schema::Field& f : schema::kFields)
    if (f.facet_slot()) facets.insert(f.name);
  const std::set<std::string_view> ordered(schema::kFacetOrder.begin(), schema::kFacetOrder.end());
  EXPECT_EQ(ordered, facets);
  EXPECT_EQ(ordered.size(), schema::kFacetOrder.size());
  EXPECT_EQ(schema::facet_names(", "), "source, year, month, section, lang, country, tag");
}

TEST(SchemaTable, FieldsReadAnArticle) {
  depeche::Article a;
  a.id = "une";
  a.url = "https://lemonde.fr/une";
  a.source = "Le Monde";
  a.title = "Titre";
  a.date = Date{2023, 7, 0, DatePrecision::kMonth};
  EXPECT_EQ(schema::field("id").read(a), "une");
  EXPECT_EQ(schema::field("url").read(a), "https://lemonde.fr/une");
  EXPECT_EQ(schema::field("source").read(a), "Le Monde");
  EXPECT_EQ(schema::field("title").read(a), "Titre");
  EXPECT_EQ(schema::field("year").read(a), "2023");
  EXPECT_EQ(schema::field("month").read(a), "2023-07");
  EXPECT_EQ(schema::field("date").read(a), "") << "the date: term is written at day precision only";
  EXPECT_EQ(schema::field("date").slot_value(a), "20230700");
  a.date = Date{2023, 0, 0, DatePrecision::kYear};
  EXPECT_EQ(schema::field("month").read(a), "");
  a.date = Date{};
  EXPECT_EQ(schema::field("year").read(a), "");
  EXPECT_EQ(schema::field("date").slot_value(a), "");
}

// Each slot's value read back gives what was written. A slot added to schema.h needs a line
// here: the last test counts them.
const std::set<std::string>& slots_round_tripped() {
  static const std::set<std::string> kNames{"kSlotDate",     "kSlotSource",     "kSlotSection",   "kSlotLang",
                                            "kSlotYear",     "kSlotMonth",      "kSlotCountries", "kSlotCluster",
                                            "kSlotIndexedAt", "kSlotContentHash", "kSlotArticle",   "kSlotTags",
                                            "kSlotFirstIndexedAt"};  // IndexedAtRoundTripsAndSorts: one encoding
  return kNames;
}

TEST(SchemaSlots, DatesRoundTrip) {
  for (const Date& d : {Date{2023, 7, 23, DatePrecision::kDay}, Date{1999, 12, 0, DatePrecision::kMonth},
                        Date{2001, 0, 0, DatePrecision::kYear}}) {
    EXPECT_EQ(schema::decode_date(schema::encode_date(d)), d) << d.iso();
    Date year = d;
    year.month = year.day = 0;
    year.precision = DatePrecision::kYear;
    EXPECT_EQ(schema::decode_year(schema::encode_year(d)), year) << d.iso();
    if (d.precision == DatePrecision::kYear) {
      EXPECT_EQ(schema::encode_month(d), "");
      continue;
    }
    Date month = d;
    month.day = 0;
    month.precision = DatePrecision::kMonth;
    EXPECT_EQ(schema::decode_month(schema::encode_month(d)), month) << d.iso();
  }
  EXPECT_EQ(schema::encode_date(2023, 7, 0), "20230700");
  EXPECT_FALSE(schema::decode_date("").valid());
  EXPECT_FALSE(schema::decode_date("2023-07-").valid());
  EXPECT_FALSE(schema::decode_year("").valid());
  EXPECT_FALSE(schema::decode_month("2023-00").valid());
}

TEST(SchemaSlots, VerbatimSlotsKeepTheArticlesText) {
  // kSlotSource, kSlotSection and kSlotLang hold the value as read: their encoder is the row's reader.
  depeche::Article a;
  a.source = "Le Monde";
  a.section = "Économie";
  a.lang = "fr";
  for (const char* name : {"source", "section", "lang"}) {
    const schema::Field& f = schema::field(name);
    EXPECT_EQ(f.slot_value(a), f.read(a)) << name;
  }
  EXPECT_EQ(schema::field("section").slot_value(a), "Économie");
}

TEST(SchemaSlots, CountriesRoundTrip) {
  const std::vector<std::string> countries{"Brésil", "Iran"};
  EXPECT_EQ(schema::encode_countries(countries), "Brésil\nIran\n");
  EXPECT_EQ(schema::decode_countries(schema::encode_countries(countries)), countries);
  EXPECT_TRUE(schema::decode_countries("").empty());
}

TEST(SchemaSlots, TagsRoundTripInTheArticlesOrder) {
  depeche::Article a;
  a.tags = {"Économie", "Bretagne"};
  EXPECT_EQ(schema::field("tag").slot_value(a), "Économie\nBretagne\n");
  EXPECT_EQ(schema::field("tag").read(a), schema::encode_tags(a.tags));
  EXPECT_EQ(schema::decode_tags(schema::encode_tags(a.tags)), a.tags);
  EXPECT_EQ(schema::field("tag").slot_value(depeche::Article{}), "") << "no tags, no value";
  EXPECT_EQ(schema::field("standfirst").read(depeche::Article{}), "");
}

TEST(SchemaTerms, ShingleTermsHold48BitsIn13Bytes) {
  const std::size_t prefix = schema::kPrefixShingle.size();
  for (std::uint64_t h : {std::uint64_t{0}, std::uint64_t{0x0123456789ab}, (std::uint64_t{1} << 48) - 1}) {
    const std::string term = schema::shingle_term(h);
    EXPECT_EQ(term.size(), 13u) << term;
    EXPECT_EQ(term.find_first_not_of("0123456789abcdefghijklmnopqrstuv", prefix), std::string::npos)
        << "no capital after the prefix: " << term;
    EXPECT_EQ(schema::decode_shingle(std::string_view(term).substr(prefix)), h) << term;
  }
  EXPECT_NE(schema::shingle_term(1), schema::shingle_term(2));
  EXPECT_EQ(schema::decode_shingle("0123456789"), std::uint64_t{1171591994633}) << "5 bits a digit: 1*32^8 + 2*32^7 + ... + 9";
  EXPECT_EQ(schema::decode_shingle("012345678"), std::nullopt) << "one digit short";
  EXPECT_EQ(schema::decode_shingle("012345678w"), std::nullopt) << "w is no digit";
  EXPECT_EQ(schema::decode_shingle("0123456789abcdef"), std::nullopt) << "a 64-bit hex hash of analysis 5";
}

TEST(SchemaSlots, HashesAndClustersRoundTrip) {
  for (std::uint64_t h : {std::uint64_t{0}, std::uint64_t{0x0123456789abcdef}, ~std::uint64_t{0}})
    EXPECT_EQ(schema::decode_hash(schema::encode_hash(h)), h);
  EXPECT_EQ(schema::decode_hash("0123"), std::nullopt);
  EXPECT_EQ(schema::decode_hash("0123456789ABCDEF"), std::nullopt) << "written in lower case";
  const std::string cluster = schema::own_cluster("lemonde/une.txt");
  EXPECT_TRUE(schema::decode_hash(cluster).has_value()) << cluster;

  Xapian::Document doc;
  schema::set_cluster(doc, cluster);
  schema::set_cluster(doc, schema::own_cluster("autre"));
  EXPECT_EQ(doc.get_value(schema::kSlotCluster), schema::own_cluster("autre"));
  EXPECT_EQ(doc.termlist_count(), 1u) << "the first cluster's term is gone";
  EXPECT_EQ(*doc.termlist_begin(), schema::cluster_term(schema::own_cluster("autre")));
}

TEST(SchemaSlots, IndexedAtRoundTripsAndSorts) {
  const double now = 1700000000.123456;
  EXPECT_EQ(schema::decode_indexed_at(schema::encode_indexed_at(now)), now);
  EXPECT_LT(schema::encode_indexed_at(now), schema::encode_indexed_at(now + 0.000001));
}

TEST(SchemaSlots, StoredArticleRoundTrips) {
  // Encoded by its own module (index/stored_article.h).
  depeche::Article a;
  a.id = "une";
  a.title = "Titre";
  a.body = "Le corps de l'article.";
  a.date = Date{2023, 7, 23, DatePrecision::kDay};
  Xapian::Document doc;
  depeche::store_article(a, doc);
  const depeche::Article back = depeche::load_article(doc);
  EXPECT_EQ(back.id, a.id);
  EXPECT_EQ(back.title.value_or(""), "Titre");
  EXPECT_EQ(back.body, a.body);
  EXPECT_EQ(back.date, a.date);
}

TEST(SchemaSlots, EverySlotOfSchemaHIsRoundTripped) {
  std::ifstream in(std::string(DEPECHE_SOURCE_DIR) + "/common/schema.h");
  std::ostringstream text;
  text << in.rdbuf();
  const std::string header = text.str();
  const std::regex slot_line(R"((kSlot\w+)\s*=\s*\d+\s*,)");
  std::set<std::string> declared;
  for (auto it = std::sregex_iterator(header.begin(), header.end(), slot_line); it != std::sregex_iterator(); ++it)
    declared.insert((*it)[1]);
  EXPECT_EQ(declared, slots_round_tripped()) << "a slot of common/schema.h has no round-trip test here";
}

}  // namespace
