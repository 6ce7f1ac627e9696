// Article -> Xapian::Document, through schema.h only.
#ifndef DEPECHE_INCLUDED_INDEX_DOCUMENT_BUILDER_H
#define DEPECHE_INCLUDED_INDEX_DOCUMENT_BUILDER_H

#include "analysis/analyzer.h"
#include "analysis/countries.h"
#include "readers/article.h"

#include <xapian.h>

#include <map>
#include <memory>
#include <string>

namespace depeche {

// How the title counts against the body: each title word adds this to the word's wdf in the
// main field (one field for title and body, which known-item search rewards), and is also
// indexed under the title prefix for title: searches.
inline constexpr Xapian::termcount kTitleWdf = 3;

// Builds documents; keeps one analyzer per language. Not thread-safe: one per thread.
class DocumentBuilder {
 public:
  DocumentBuilder();
  Xapian::Document build(const Article& a);
  // The analyzer for an article's language code (French for unknown codes).
  analysis::Analyzer& analyzer_for(const std::string& lang);
  // The body's tokens from the last build(), for signatures computed by the caller.
  const analysis::TokenList& body_tokens() const { return body_tokens_; }
  const analysis::TokenList& title_tokens() const { return title_tokens_; }

 private:
  void index_text(analysis::Analyzer& analyzer, const analysis::TokenList& tokens, Xapian::termpos& pos,
                  bool title, Xapian::Document& doc);
  std::map<std::string, std::unique_ptr<analysis::Analyzer>> analyzers_;
  analysis::CountryFinder countries_;
  analysis::TokenList title_tokens_, body_tokens_, author_tokens_;
  std::string term_;
};

// The countries stored in a document's country slot.
std::vector<std::string> decode_countries(const std::string& slot_value);

}  // namespace depeche

#endif
