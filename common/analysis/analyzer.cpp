#include "analysis/analyzer.h"

#include "analysis/stopwords.h"

namespace depeche::analysis {
namespace {
constexpr std::size_t kMaxCachedStems = 1 << 18;  // bounds memory on huge vocabularies
}

bool is_supported_language(std::string_view lang) { return lang == "fr" || lang == "en"; }

Analyzer::Analyzer(std::string_view lang)
    : lang_(is_supported_language(lang) ? lang : "fr"),
      stemmer_(lang_ == "en" ? "english" : "french") {
  for (std::string_view w : stopwords_for(lang_)) stopwords_.emplace(w);
}

const std::string& Analyzer::stem(std::string_view folded) {
  key_.assign(folded);
  auto it = stem_cache_.find(key_);
  if (it != stem_cache_.end()) return it->second;
  if (stem_cache_.size() >= kMaxCachedStems) stem_cache_.clear();
  return stem_cache_.emplace(key_, stemmer_(key_)).first->second;
}

}  // namespace depeche::analysis
