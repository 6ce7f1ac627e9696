// fuzz_html_reader: HTML article pages (libxml2's HTML parser, Open Graph / JSON-LD metadata,
// boilerplate removal) through read_html_bytes, with small limits so that a few KB of input
// reach the depth, attribute and size limits; and html_to_text on the input made valid UTF-8.
// Properties: read_html_bytes gives at most one article, and a sound one (fuzz_support.h
// check_article); html_to_text returns valid UTF-8 of at most max_bytes (html_reader.h).
#include "fuzz_support.h"
#include "readers/html_reader.h"
#include "util/utf8.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {
constexpr const char* kTarget = "fuzz_html_reader";
constexpr std::size_t kMaxTextBytes = 2048;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const depeche::InputName name{"fuzz/page.html", "fuzz/page.html"};
  depeche::ReadLimits limits;
  limits.max_article_bytes = kMaxTextBytes;
  limits.max_document_bytes = 64 * 1024;
  limits.max_markup_depth = 32;
  limits.max_attributes = 16;
  depeche::fuzz::CollectingSink sink;
  depeche::read_html_bytes(bytes, name, limits, sink);
  DEPECHE_FUZZ_CHECK(kTarget, sink.articles.size() <= 1);
  for (const auto& a : sink.articles) depeche::fuzz::check_article(kTarget, a);

  std::string html(bytes);
  depeche::util::repair_utf8(html);
  const std::string text = depeche::html_to_text(html, 16, kMaxTextBytes);
  DEPECHE_FUZZ_CHECK(kTarget, depeche::util::is_valid_utf8(text));
  DEPECHE_FUZZ_CHECK(kTarget, text.size() <= kMaxTextBytes);
  return 0;
}
