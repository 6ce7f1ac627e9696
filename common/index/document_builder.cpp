#include "index/document_builder.h"

#include "index/stored_article.h"
#include "schema.h"

#include <algorithm>
#include <functional>

namespace depeche {
namespace {

using analysis::Token;

// The row whose words are also the unprefixed words, before the body's.
const schema::Field& title_field() {
  static const schema::Field& title = schema::field("title");
  return title;
}

// The row whose words are also the unprefixed words, between the title's and the body's.
const schema::Field& standfirst_field() {
  static const schema::Field& standfirst = schema::field("standfirst");
  return standfirst;
}

}  // namespace

DocumentBuilder::DocumentBuilder(IndexWeights weights) : weights_(weights), countries_(analyzer_for("fr")) {}

analysis::Analyzer& DocumentBuilder::analyzer_for(const std::string& lang) {
  const std::string key = analysis::is_supported_language(lang) ? lang : "fr";
  auto& slot = analyzers_[key];
  if (!slot) slot = std::make_unique<analysis::Analyzer>(key);
  return *slot;
}

void DocumentBuilder::index_text(const analysis::TokenList& tokens, Xapian::termpos& pos, Part part,
                                 Xapian::Document& doc) {
  const std::string_view own_prefix = part == Part::kTitle        ? title_field().prefix
                                      : part == Part::kStandfirst ? standfirst_field().prefix
                                                                  : std::string_view();
  std::size_t index = 0;
  for (const Token& t : tokens.tokens) {
    const Xapian::termcount wdf = part == Part::kTitle        ? weights_.title_wdf
                                  : part == Part::kStandfirst ? weights_.standfirst_wdf
                                  : index++ < weights_.lead_words ? weights_.lead_wdf
                                                                  : 1;
    const std::string_view word = tokens.folded(t);
    ++pos;
    term_.assign(word);
    doc.add_posting(term_, pos, wdf);
    if (!own_prefix.empty()) doc.add_posting(term_.assign(own_prefix).append(word), pos);
    Word& use = word_use(word);
    if (analysis::Analyzer::is_name_occurrence(t)) {
      use.name = true;  // a name is not stemmed: "le Mali" must not answer a search for "mal"
      continue;
    }
    (analysis::Analyzer::is_sentence_initial_capital(t) ? use.initial : use.plain) = true;
    use.stem_wdf += wdf;
    if (part == Part::kTitle) ++use.title_stems;
    if (part == Part::kStandfirst) ++use.standfirst_stems;
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
    if (!(w.plain || w.initial) || analyzer.is_stopword(w.folded)) continue;  // stop words are only searched exactly
    // Seen in lower case, the word is a common one here; seen capitalised only at sentence starts,
    // it may be a name ("Mali : ..."), which the archive decides at query time (query/names.h).
    const std::string& stem = analyzer.stem(w.folded);
    doc.add_term(term_.assign(w.plain ? schema::kPrefixStem : schema::kPrefixInitialStem).append(stem), w.stem_wdf);
    if (w.title_stems)
      doc.add_term(term_.assign(w.plain ? schema::kPrefixTitleStem : schema::kPrefixInitialTitleStem).append(stem),
                   w.title_stems);
    if (w.standfirst_stems)  // Z or XZ + the field's prefix, as the query parser searches a stemmed field
      doc.add_term(term_.assign(w.plain ? schema::kPrefixStem : schema::kPrefixInitialStem)
                       .append(standfirst_field().prefix)
                       .append(stem),
                   w.standfirst_stems);
  }
}

void DocumentBuilder::add_values(const schema::Field& f, const Article& a, analysis::Analyzer& analyzer,
                                 Xapian::Document& doc) {
  std::vector<std::string> kept, folded;
  for (std::string& value : schema::decode_multi(f.read(a))) {
    std::string term_value = analyzer.fold(value);
    if (term_value.empty() || std::find(folded.begin(), folded.end(), term_value) != folded.end()) continue;
    doc.add_boolean_term(schema::boolean_term(f.prefix, term_value));
    folded.push_back(std::move(term_value));
    kept.push_back(std::move(value));
  }
  if (!kept.empty()) doc.add_value(*f.slot, schema::encode_multi(kept));
}

void DocumentBuilder::add_words(const schema::Field& f, const std::string& text, analysis::Analyzer& analyzer,
                                Xapian::Document& doc) {
  if (text.empty()) return;
  field_tokens_.clear();
  analyzer.tokenize(text, field_tokens_);
  Xapian::termpos pos = 0;
  for (const Token& t : field_tokens_.tokens)
    doc.add_posting(std::string(f.prefix).append(field_tokens_.folded(t)), ++pos);
}

void DocumentBuilder::add_countries(const schema::Field& f, analysis::Analyzer& analyzer, Xapian::Document& doc) {
  std::vector<std::string> countries = countries_.find(title_tokens_);
  for (const analysis::TokenList* tokens : {&standfirst_tokens_, &body_tokens_})
    for (auto& c : countries_.find(*tokens)) countries.push_back(std::move(c));
  std::sort(countries.begin(), countries.end());
  countries.erase(std::unique(countries.begin(), countries.end()), countries.end());
  for (const std::string& c : countries) doc.add_boolean_term(schema::boolean_term(f.prefix, analyzer.fold(c)));
  if (!countries.empty()) doc.add_value(*f.slot, schema::encode_countries(countries));
}

void DocumentBuilder::add_field(const schema::Field& f, const Article& a, analysis::Analyzer& analyzer,
                                Xapian::Document& doc) {
  if (&f == &title_field() || &f == &standfirst_field()) return;  // indexed with the body, by build()
  if (!f.read) return add_countries(f, analyzer, doc);  // the one field analysis finds
  if (f.values == schema::Values::kMulti) return add_values(f, a, analyzer, doc);
  const std::string value = f.read(a);
  if (f.kind == schema::FieldKind::kFreeText) return add_words(f, value, analyzer, doc);
  const std::string term_value = f.folding == schema::Folding::kFolded ? analyzer.fold(value) : value;
  // The id term is written even for an empty id: replace_document finds the article by it.
  if (!term_value.empty() || &f == &schema::field("id")) doc.add_boolean_term(schema::boolean_term(f.prefix, term_value));
  if (f.slot_value) doc.add_value(*f.slot, f.slot_value(a));  // an empty value adds nothing
}

Xapian::Document DocumentBuilder::build(const Article& a) {
  Xapian::Document doc;
  analysis::Analyzer& analyzer = analyzer_for(a.lang);

  title_tokens_.clear();
  standfirst_tokens_.clear();
  body_tokens_.clear();
  if (a.title) analyzer.tokenize(*a.title, title_tokens_);
  analyzer.tokenize(a.standfirst, standfirst_tokens_);
  analyzer.tokenize(a.body, body_tokens_);
  forget_words();
  Xapian::termpos pos = 0;
  index_text(title_tokens_, pos, Part::kTitle, doc);
  pos += schema::kTitleBodyGap;
  if (!standfirst_tokens_.tokens.empty()) {  // its own range, so that no phrase runs into the title or body
    index_text(standfirst_tokens_, pos, Part::kStandfirst, doc);
    pos += schema::kTitleBodyGap;
  }
  index_text(body_tokens_, pos, Part::kBody, doc);
  add_word_terms(analyzer, doc);

  for (const schema::Field& f : schema::kFields) add_field(f, a, analyzer, doc);
  if (!a.date.valid()) doc.add_boolean_term(std::string(schema::kUndatedTerm));
  store_article(a, doc);
  return doc;
}

}  // namespace depeche
