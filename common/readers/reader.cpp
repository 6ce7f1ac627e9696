#include "readers/reader.h"

#include "readers/article_fields.h"
#include "readers/feed_reader.h"
#include "readers/html_reader.h"
#include "readers/input_charset.h"
#include "readers/jsonl_reader.h"
#include "readers/problems.h"
#include "readers/text_reader.h"
#include "util/ascii.h"
#include "util/charset.h"
#include "util/error.h"
#include "util/date_parse.h"
#include "util/input_file.h"
#include "util/utf8.h"

#include <algorithm>

namespace depeche {
namespace {

using util::ends_with_ci;
using util::starts_with_ci;

// What a document starting with `head` (markup) is, from its first element, the way browsers and
// file(1) sniff it: past an XML declaration, comments and processing instructions, a doctype
// naming html or a first element <html>, <head>, <body> is HTML; <rss>, <feed>, <rdf:RDF> a feed.
InputFormat sniff_markup(std::string_view head) {
  for (int steps = 0; steps < 64; ++steps) {
    const std::size_t start = head.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos || head[start] != '<') return InputFormat::kAuto;
    head.remove_prefix(start);
    std::string_view close = ">";
    if (head.rfind("<?", 0) == 0) close = "?>";
    else if (head.rfind("<!--", 0) == 0) close = "-->";
    else if (starts_with_ci(head, "<!doctype")) {
      const std::size_t end = head.find('>');
      std::string_view doctype = head.substr(0, end);
      for (std::size_t i = 0; i + 4 <= doctype.size(); ++i)
        if (starts_with_ci(doctype.substr(i), "html")) return InputFormat::kHtml;
    } else {
      std::string_view tag = head.substr(1);
      const std::size_t end = tag.find_first_of(" \t\r\n/>");
      tag = tag.substr(0, end);
      if (const std::size_t colon = tag.find(':'); colon != std::string_view::npos) tag.remove_prefix(colon + 1);
      for (std::string_view html : {"html", "head", "body", "meta", "title", "link"})
        if (tag.size() == html.size() && starts_with_ci(tag, html)) return InputFormat::kHtml;
      for (std::string_view feed : {"rss", "feed", "rdf"})
        if (tag.size() == feed.size() && starts_with_ci(tag, feed)) return InputFormat::kFeed;
      return InputFormat::kAuto;
    }
    const std::size_t end = head.find(close);
    if (end == std::string_view::npos) return InputFormat::kAuto;
    head.remove_prefix(end + close.size());
  }
  return InputFormat::kAuto;
}

// A head in UTF-16 or UTF-32 (a BOM says so) made UTF-8 for sniffing; others as they are.
std::string sniffable(std::string_view head) {
  std::size_t bom = 0;
  const std::string_view charset = util::bom_charset(head, &bom);
  if (charset.empty()) return std::string(head);
  if (charset == "UTF-8") return std::string(head.substr(bom));
  return util::to_utf8(head, charset);
}

// Our text format, in any charset: read whole (up to the article limit), made UTF-8, parsed.
void read_text_any_charset(util::InputFile& in, const InputName& name, const ReadLimits& limits, ArticleSink& sink) {
  std::string bytes;
  if (in.read_all(bytes, limits.max_article_bytes)) {
    sink.problem(name.display, 1, longer_than("article", limits.max_article_bytes, kIndexedItsBeginning));
    bytes.resize(util::utf8_prefix(bytes, bytes.size()).size());
  }
  const std::string content = document_utf8(bytes, limits, nullptr, name, sink);
  if (content.find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
    sink.problem(name.display, 1, kEmptyFileMessage);
    return;
  }
  Article a = parse_text_article(content, name, sink);
  if (!a.title && a.body.empty()) {  // a header line alone
    sink.problem(name.display, 1, "article has neither title nor text; skipped");
    return;
  }
  sink.article(std::move(a));
}

// Finishes every article whatever the format it came in: takes out its control characters, then
// dates it to the day from a dateline of its own text (a header "2023-07" and a line
// "23.07.2023, Sputnik Afrique"; an undated page saying "Publié le 31 janvier 2023"); never from a
// date its sentences talk about (util::find_dateline).
class FinishingSink : public ArticleSink {
 public:
  explicit FinishingSink(ArticleSink& next) : next_(next) {}
  void article(Article&& a) override {
    remove_control_characters(a);
    if (a.date.precision != util::DatePrecision::kDay) {
      if (auto day = util::find_dateline(a.title ? *a.title + "\n" + a.body : a.body, a.date)) a.date = *day;
    }
    next_.article(std::move(a));
  }
  void problem(const std::string& file, std::size_t line, const std::string& message) override {
    next_.problem(file, line, message);
  }
  void reading(const util::InputFile& in) override { next_.reading(in); }
  void format(InputFormat f) override { next_.format(f); }

 private:
  ArticleSink& next_;
};

// Text has few control characters; images, archives and executables have many. A stray NUL
// in text is dropped later (decision 4), so only a high share marks a binary file.
bool looks_binary(std::string_view head) {
  std::size_t control = 0;
  for (char ch : head) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++control;
  }
  return control * 10 > head.size();
}

}  // namespace

std::string file_name_of(const InputName& name) {
  const std::size_t slash = name.display.rfind('/');
  return slash == std::string::npos ? name.display : name.display.substr(slash + 1);
}

InputFormat parse_input_format(std::string_view name) {
  if (name == "auto") return InputFormat::kAuto;
  if (name == "text") return InputFormat::kText;
  if (name == "jsonl") return InputFormat::kJsonl;
  if (name == "html") return InputFormat::kHtml;
  if (name == "feed") return InputFormat::kFeed;
  throw Error("unknown input format '" + std::string(name) + "' (expected auto, text, jsonl, html or feed)");
}

const char* input_format_name(InputFormat format) {
  switch (format) {
    case InputFormat::kText: return "text";
    case InputFormat::kJsonl: return "jsonl";
    case InputFormat::kHtml: return "html";
    case InputFormat::kFeed: return "feed";
    case InputFormat::kAuto: break;
  }
  return "";
}

InputFormat detect_format(const std::string& path, std::string_view raw_head) {
  std::string_view name = path;
  if (ends_with_ci(name, ".gz")) name.remove_suffix(3);
  if (ends_with_ci(name, ".jsonl") || ends_with_ci(name, ".ndjson") || ends_with_ci(name, ".json")) return InputFormat::kJsonl;
  if (ends_with_ci(name, ".html") || ends_with_ci(name, ".htm") || ends_with_ci(name, ".xhtml") || ends_with_ci(name, ".shtml"))
    return InputFormat::kHtml;
  if (ends_with_ci(name, ".rss") || ends_with_ci(name, ".atom")) return InputFormat::kFeed;
  const std::string converted = sniffable(raw_head);
  std::string_view head = converted;
  if (ends_with_ci(name, ".xml")) return sniff_markup(head) == InputFormat::kHtml ? InputFormat::kHtml : InputFormat::kFeed;
  const std::size_t first = head.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return InputFormat::kAuto;
  head.remove_prefix(first);
  if (head.front() == '{') return InputFormat::kJsonl;
  if (head.rfind("date ", 0) == 0 || head.rfind("date\t", 0) == 0) return InputFormat::kText;
  if (const InputFormat markup = sniff_markup(head); markup != InputFormat::kAuto) return markup;
  if (ends_with_ci(name, ".txt")) return InputFormat::kText;
  return InputFormat::kAuto;
}

namespace {

InputFormat read_each_article(util::InputFile& in, const InputName& name, InputFormat format, const ReadLimits& limits,
                              ArticleSink& sink) {
  const std::string_view head = in.peek(4096);
  if (head.empty()) {
    if (!in.damage()) sink.problem(name.display, 1, kEmptyFileMessage);  // else nothing decompressed: the damage says so
    return InputFormat::kAuto;
  }
  // UTF-16 and UTF-32 text is full of NUL bytes: its byte-order mark says it is text.
  const std::string_view bom = util::bom_charset(head);
  if (bom != "UTF-16LE" && bom != "UTF-16BE" && looks_binary(head)) {
    sink.problem(name.display, 1, "binary file; skipped");
    return InputFormat::kAuto;
  }
  if (format == InputFormat::kAuto) format = detect_format(name.path, head);
  sink.format(format);
  switch (format) {
    case InputFormat::kJsonl: read_jsonl_input(in, name, limits, sink); break;
    case InputFormat::kText: read_text_any_charset(in, name, limits, sink); break;
    case InputFormat::kHtml: read_html_input(in, name, limits, sink); break;
    case InputFormat::kFeed: read_feed_input(in, name, limits, sink); break;
    case InputFormat::kAuto:
      sink.problem(name.display, 1, "unknown format (not article text, JSON Lines, HTML or an RSS/Atom feed); skipped");
      break;
  }
  return format;
}

}  // namespace

InputFormat read_input(const InputName& name, InputFormat format, const ReadLimits& limits, ArticleSink& final_sink) {
  FinishingSink sink(final_sink);
  util::InputFile in(name.path);
  sink.reading(in);
  format = read_each_article(in, name, format, limits, sink);
  // Every format reads up to damaged gzip data as up to the end of a file. Then the file fails, as
  // one that cannot be read does: one line says where, and the indexer does not record it as done.
  if (const auto& damage = in.damage())
    throw Error(problem_line(name.display, damage->line, damage->message));
  return format;
}

}  // namespace depeche
