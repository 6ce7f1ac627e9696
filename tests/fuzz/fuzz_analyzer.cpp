// fuzz_analyzer: the Analyzer that indexing and queries share: tokenize any bytes, then fold
// and stem every token, as DocumentBuilder does. The first byte picks French or English
// (the two languages with their own stemmer); the rest is the text.
// Properties (tokenizer.h): every token's source range lies inside the text and in order, its
// folded form inside folded_text, non-empty and at most Tokenizer::kMaxWordBytes; a folded word,
// a stem and a fold() of the text are valid UTF-8 when the text is.
#include "analysis/analyzer.h"
#include "fuzz_support.h"
#include "util/utf8.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {
constexpr const char* kTarget = "fuzz_analyzer";
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using depeche::analysis::Analyzer;
  using depeche::analysis::Token;
  using depeche::analysis::Tokenizer;
  using depeche::util::is_valid_utf8;
  static Analyzer french("fr");
  static Analyzer english("en");
  static depeche::analysis::TokenList tokens;  // reused between calls, as the indexer does
  if (size == 0) return 0;
  Analyzer& analyzer = (data[0] & 1) ? english : french;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const bool valid = is_valid_utf8(text);

  tokens.clear();
  analyzer.tokenize(text, tokens);
  std::uint32_t previous_begin = 0;
  for (const Token& t : tokens.tokens) {
    DEPECHE_FUZZ_CHECK(kTarget, t.src_begin <= t.src_end && t.src_end <= text.size());
    DEPECHE_FUZZ_CHECK(kTarget, t.src_begin >= previous_begin);
    previous_begin = t.src_begin;
    DEPECHE_FUZZ_CHECK(kTarget, std::size_t{t.fold_begin} + t.fold_size <= tokens.folded_text.size());
    DEPECHE_FUZZ_CHECK(kTarget, t.fold_size > 0 && t.fold_size <= Tokenizer::kMaxWordBytes);
    const std::string_view folded = tokens.folded(t);
    const std::string& stem = analyzer.stem(folded);
    (void)analyzer.is_stopword(folded);
    (void)Analyzer::is_name_occurrence(t);
    if (valid) {
      DEPECHE_FUZZ_CHECK(kTarget, is_valid_utf8(folded));
      DEPECHE_FUZZ_CHECK(kTarget, is_valid_utf8(stem));
    }
  }
  const std::string folded_text = analyzer.fold(text);
  DEPECHE_FUZZ_CHECK(kTarget, is_valid_utf8(folded_text));  // folding.h: invalid bytes become U+FFFD
  return 0;
}
