// Reading articles from files: format detection and the interface every format reader reports to.
#ifndef DEPECHE_INCLUDED_READERS_READER_H
#define DEPECHE_INCLUDED_READERS_READER_H

#include "article.h"
#include "util/utf8.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace depeche {

namespace util {
class InputFile;
}

// What readers hand back: articles, and problems with the file and line they were found at.
enum class InputFormat { kAuto, kText, kJsonl, kHtml, kFeed };

class ArticleSink {
 public:
  virtual ~ArticleSink() = default;
  // Called once per input before its articles, so that a sink can tell how far into it reading
  // has got (the indexer's progress bar); the file lives until read_input() returns.
  virtual void reading(const util::InputFile&) {}
  // Called once the input's format is known, before its articles.
  virtual void format(InputFormat) {}
  virtual void article(Article&& a) = 0;
  virtual void problem(const std::string& file, std::size_t line, const std::string& message) = 0;
};

struct ReadLimits {
  std::size_t max_line_bytes = std::size_t{64} << 20;     // longer JSON lines are skipped
  std::size_t max_article_bytes = std::size_t{16} << 20;  // longer bodies are cut to this prefix
  // An HTML page is read up to this size (the rest is ignored, reported); a feed is streamed, but a
  // single line of it longer than this ends the feed there (reported).
  std::size_t max_document_bytes = std::size_t{64} << 20;
  // Tags of HTML elements nested deeper than this (and than 200: libxml2 itself stops at 256) are
  // ignored, their text kept (reported); feed elements outside an item's fields are ignored.
  std::size_t max_markup_depth = 256;
  // Attributes of one element past this many are ignored (reported): libxml2 compares each with
  // all those before it.
  std::size_t max_attributes = 1000;
  // Charset of text, HTML and feed files (--encoding): a label ICU knows ("windows-1252",
  // "latin1", "ISO-8859-15", "UTF-8"). Empty: a byte-order mark, a declared charset (<meta charset>,
  // XML declaration), valid UTF-8, else ICU's detection decide. JSON Lines is always UTF-8.
  std::string encoding{};
};

// "text", "jsonl", "html", "feed" (or "auto"); throws depeche::Error for anything else.
InputFormat parse_input_format(std::string_view name);

// "text", "jsonl", "html", "feed"; "" for kAuto. The inverse of parse_input_format.
const char* input_format_name(InputFormat format);

// What a reader reports for a file with nothing but white space in it.
inline constexpr const char* kEmptyFileMessage = "empty file; skipped";

// Where an input file comes from: its path, the name used in messages and in ids.
struct InputName {
  std::string path;     // to open ("-" for stdin)
  std::string display;  // the folder named on the command line and the path below it (index/inputs.h)
};

// The last part of the display name ("une.jsonl" for "lemonde/2023/une.jsonl"), which with a hash of
// the content names the records of JSON Lines and feeds that have no id or link of their own.
std::string file_name_of(const InputName& name);

// Decides the format from the name (.jsonl/.ndjson/.json, .html/.htm/.xhtml, .rss/.atom, .txt; .xml
// is a feed unless its root element is <html>; a final .gz is ignored), then from the first bytes
// (a JSON object, a "date" line, an HTML document, an <rss>, <feed> or <rdf:RDF> root); kAuto when
// neither tells.
InputFormat detect_format(const std::string& path, std::string_view head);

// Reads every article of one input into `sink`. Bad records are reported and skipped; only a file
// that cannot be read at all throws depeche::Error, or one whose gzip data is damaged, once every
// article before the damage is in `sink` ("FILE:LINE: damaged gzip data ..."). Returns the format
// it was read as (kAuto when it was skipped as empty, binary or of unknown format).
InputFormat read_input(const InputName& name, InputFormat format, const ReadLimits& limits, ArticleSink& sink);

}  // namespace depeche

#endif
