// fuzz_feed_reader: RSS 2.0, RSS 1.0 (RDF) and Atom feeds through read_feed_bytes (libxml2's SAX
// parser, charset choice, HTML descriptions made text), with small limits so that a few KB of
// input reach the depth, attribute and size limits.
// Properties: every item handed back is a sound article (fuzz_support.h check_article).
#include "fuzz_support.h"
#include "readers/feed_reader.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {
constexpr const char* kTarget = "fuzz_feed_reader";
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const depeche::InputName name{"fuzz/feed.xml", "fuzz/feed.xml"};
  depeche::ReadLimits limits;
  limits.max_article_bytes = 2048;
  limits.max_document_bytes = 64 * 1024;
  limits.max_line_bytes = 64 * 1024;
  limits.max_markup_depth = 32;
  limits.max_attributes = 16;
  depeche::fuzz::CollectingSink sink;
  depeche::read_feed_bytes(bytes, name, limits, sink);
  for (const auto& a : sink.articles) depeche::fuzz::check_article(kTarget, a);
  return 0;
}
