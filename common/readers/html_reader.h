// HTML article pages, parsed with libxml2's HTML parser: one page, one article. Metadata from
// Open Graph / article: meta tags, JSON-LD and the page's own elements; the body is the article's
// text without navigation, scripts, menus, footers and share widgets.
#ifndef DEPECHE_INCLUDED_READERS_HTML_READER_H
#define DEPECHE_INCLUDED_READERS_HTML_READER_H

#include "readers/reader.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace depeche {

// The text of an HTML fragment (a feed item's description) or page, UTF-8 in and out: entities
// decoded, scripts and styles dropped, whitespace collapsed, paragraphs (block elements) separated
// by a blank line. The tags of elements nested deeper than `max_depth` (or 200) are ignored, their
// text kept; `flattened_at` is then set to that depth. At most `max_bytes` of text.
std::string html_to_text(std::string_view html, std::size_t max_depth = 256,
                         std::size_t max_bytes = std::size_t{16} << 20, std::size_t* flattened_at = nullptr);

// One page's raw bytes (any charset: see util::to_utf8 and ReadLimits::encoding) into one article,
// reported to `sink`; nothing when the page has neither title nor text (reported). Never throws on
// content: malformed markup is recovered by the parser.
void read_html_bytes(std::string_view bytes, const InputName& name, const ReadLimits& limits, ArticleSink& sink);

// Reads the page (at most limits.max_document_bytes of it) and calls read_html_bytes.
void read_html_input(util::InputFile& in, const InputName& name, const ReadLimits& limits, ArticleSink& sink);

}  // namespace depeche

#endif
