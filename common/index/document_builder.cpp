#include "index/document_builder.h"

#include "index/stored_article.h"
#include "schema.h"

#include <algorithm>
#include <chrono>
#include <functional>

namespace depeche {
namespace {

using analysis::Token;

void add_boolean(Xapian::Document& doc, std::string_view field_name, const std::string& folded_value) {
  if (!folded_value.empty()) doc.add_boolean_term(schema::boolean_term(schema::field(field_name).prefix, folded_value));
}

}  // namespace

DocumentBuilder::DocumentBuilder(IndexWeights weights) : weights_(weights), countries_(analyzer_for("fr")) {}

analysis::Analyzer& DocumentBuilder::analyzer_for(const std::string& lang) {
  const std::string key = analysis::is_supported_language(lang) ? lang : "fr";
  auto& slot = analyzers_[key];
  if (!slot) slot = std::make_unique<analysis::Analyzer>(key);
  return *slot;
}

void DocumentBuilder::index_text(const analysis::TokenList& tokens,
                                 Xapian::termpos& pos, bool title, Xapian::Document& doc) {
  std::size_t index = 0;
  for (const Token& t : tokens.tokens) {
    const Xapian::termcount wdf = title ? weights_.title_wdf : index++ < weights_.lead_words ? weights_.lead_wdf : 1;
    const std::string_view word = tokens.folded(t);
    ++pos;
    term_.assign(word);
    doc.add_posting(term_, pos, wdf);
    if (title) {
      term_.assign(schema::field("title").prefix).append(word);
      doc.add_posting(term_, pos);
    }
    Word& use = word_use(word);
    if (analysis::Analyzer::is_name_occurrence(t)) {
      use.name = true;  // a name is not stemmed: "le Mali" must not answer a search for "mal"
      continue;
    }
    use.plain = true;
    use.stem_wdf += wdf;
    if (title) ++use.title_stems;
  }
}

std::size_t DocumentBuilder::slot_of(std::string_view folded) const {
  const std::size_t mask = words_by_hash_.size() - 1;
  std::size_t slot = std::hash<std::string_view>{}(folded) & mask;
  while (words_by_hash_[slot] != 0 && words_[words_by_hash_[slot] - 1].folded != folded) slot = (slot + 1) & mask;
  return slot;
}

DocumentBuilder::Word& DocumentBuilder::word_use(std::string_view folded) {
  if (words_by_hash_.size() < 2 * (words_.size() + 1)) {  // at most half full, so probes stay short
    words_by_hash_.assign(std::max<std::size_t>(1024, 2 * words_by_hash_.size()), 0);
    for (std::size_t i = 0; i < words_.size(); ++i) {
      words_[i].slot = static_cast<std::uint32_t>(slot_of(words_[i].folded));
      words_by_hash_[words_[i].slot] = static_cast<std::uint32_t>(i + 1);
    }
  }
  const std::size_t slot = slot_of(folded);
  if (words_by_hash_[slot] != 0) return words_[words_by_hash_[slot] - 1];
  words_by_hash_[slot] = static_cast<std::uint32_t>(words_.size() + 1);
  Word& added = words_.emplace_back();
  added.folded = folded;
  added.slot = static_cast<std::uint32_t>(slot);
  return added;
}

void DocumentBuilder::forget_words() {
  for (const Word& w : words_) words_by_hash_[w.slot] = 0;
  words_.clear();
}

void DocumentBuilder::add_word_terms(analysis::Analyzer& analyzer, Xapian::Document& doc) {
  for (const Word& w : words_) {
    if (w.name) doc.add_boolean_term(term_.assign(schema::kPrefixName).append(w.folded));
    if (!w.plain || analyzer.is_stopword(w.folded)) continue;  // stop words are only ever searched exactly
    const std::string& stem = analyzer.stem(w.folded);
    doc.add_term(term_.assign(schema::kPrefixStem).append(stem), w.stem_wdf);
    if (w.title_stems) doc.add_term(term_.assign(schema::kPrefixTitleStem).append(stem), w.title_stems);
  }
}

Xapian::Document DocumentBuilder::build(const Article& a) {
  Xapian::Document doc;
  analysis::Analyzer& analyzer = analyzer_for(a.lang);

  title_tokens_.clear();
  body_tokens_.clear();
  if (a.title) analyzer.tokenize(*a.title, title_tokens_);
  analyzer.tokenize(a.body, body_tokens_);
  forget_words();
  Xapian::termpos pos = 0;
  index_text(title_tokens_, pos, true, doc);
  pos += schema::kTitleBodyGap;
  index_text(body_tokens_, pos, false, doc);
  add_word_terms(analyzer, doc);

  if (!a.author.empty()) {
    author_tokens_.clear();
    analyzer.tokenize(a.author, author_tokens_);
    Xapian::termpos author_pos = 0;
    for (const Token& t : author_tokens_.tokens)
      doc.add_posting(std::string(schema::field("author").prefix).append(author_tokens_.folded(t)), ++author_pos);
  }
  doc.add_boolean_term(schema::id_term(a.id));
  if (!a.url.empty()) add_boolean(doc, "url", a.url);
  add_boolean(doc, "source", analyzer.fold(a.source));
  add_boolean(doc, "section", analyzer.fold(a.section));
  add_boolean(doc, "lang", analyzer.fold(a.lang));
  doc.add_value(schema::kSlotSource, a.source);
  doc.add_value(schema::kSlotSection, a.section);
  doc.add_value(schema::kSlotLang, a.lang);

  if (a.date.valid()) {
    doc.add_value(schema::kSlotDate, schema::encode_date(a.date.year, a.date.month, a.date.day));
    util::Date year = a.date;
    year.precision = util::DatePrecision::kYear;
    add_boolean(doc, "year", year.iso());
    doc.add_value(schema::kSlotYear, year.iso());
    if (a.date.precision != util::DatePrecision::kYear) {
      util::Date month = a.date;
      month.precision = util::DatePrecision::kMonth;
      add_boolean(doc, "month", month.iso());
      doc.add_value(schema::kSlotMonth, month.iso());
    }
    if (a.date.precision == util::DatePrecision::kDay) add_boolean(doc, "date", a.date.iso());
  } else {
    doc.add_boolean_term(std::string(schema::kUndatedTerm));
  }

  std::vector<std::string> countries = countries_.find(title_tokens_);
  for (auto& c : countries_.find(body_tokens_)) countries.push_back(std::move(c));
  std::sort(countries.begin(), countries.end());
  countries.erase(std::unique(countries.begin(), countries.end()), countries.end());
  std::string country_slot;
  for (const std::string& c : countries) {
    add_boolean(doc, "country", analyzer.fold(c));
    country_slot.append(c).push_back('\n');
  }
  if (!country_slot.empty()) doc.add_value(schema::kSlotCountries, country_slot);

  // Microseconds, so that "what is new since this mark" never confuses two articles of one second.
  const double now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  doc.add_value(schema::kSlotIndexedAt, Xapian::sortable_serialise(now));
  store_article(a, doc);
  return doc;
}

std::vector<std::string> decode_countries(const std::string& slot_value) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t nl; (nl = slot_value.find('\n', start)) != std::string::npos; start = nl + 1)
    out.push_back(slot_value.substr(start, nl - start));
  return out;
}

}  // namespace depeche
