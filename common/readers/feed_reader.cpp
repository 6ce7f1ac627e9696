#include "readers/feed_reader.h"

#include "readers/feed_parser.h"
#include "readers/input_charset.h"
#include "readers/markup_scan.h"
#include "readers/problems.h"
#include "util/charset.h"
#include "util/input_file.h"

#include <algorithm>
#include <functional>

namespace depeche {
namespace {

constexpr std::size_t kHeadBytes = 64 << 10;
constexpr std::size_t kChunkBytes = 64 << 10;

// Characters XML forbids (C0 controls but tab and newlines) would each be a fatal error: spaces.
void blank_controls(std::string& s) {
  for (char& c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') c = ' ';
  }
}

// The common loop: `next(chunk)` gives raw bytes until it returns false.
void parse_stream(std::string_view head, bool head_complete, const std::function<bool(std::string&)>& next,
                  const InputName& name, const ReadLimits& limits, ArticleSink& sink) {
  const CharsetChoice choice = choose_stream_charset(head, head_complete, limits);
  if (!choice.warning.empty()) sink.problem(name.display, 1, choice.warning);
  util::Utf8Decoder decoder(choice.charset);
  feed::FeedParser parser(name, limits, sink);
  // libxml2 checks each attribute of an element against all those before it, before any callback
  // could count them: 400,000 attributes on one <item> took 112 s. The excess is cut from the text.
  markup::AttributeLimiter limiter(limits.max_attributes);
  std::string raw, utf8, limited;
  bool first = true;
  bool going = true;
  std::size_t repaired_line = 0, nul_line = 0;
  while (going) {
    const bool more = next(raw);
    if (first) {  // a BOM is not text
      std::size_t bom = 0;
      util::bom_charset(raw, &bom);
      raw.erase(0, bom);
      first = false;
    }
    utf8.clear();
    const std::size_t bad_before = decoder.bad_bytes(), nuls_before = decoder.dropped_nuls();
    decoder.decode(raw, utf8, !more);
    if (decoder.bad_bytes() > bad_before && !repaired_line) repaired_line = std::max<std::size_t>(parser.line(), 1);
    if (decoder.dropped_nuls() > nuls_before && !nul_line) nul_line = std::max<std::size_t>(parser.line(), 1);
    blank_controls(utf8);
    going = parser.push(limiter.filter(utf8, limited), !more) && more;
  }
  if (limiter.dropped()) sink.problem(name.display, limiter.first_line(), markup::excess_attributes_message(limits.max_attributes));
  if (decoder.bad_bytes() && choice.warning.empty())
    sink.problem(name.display, repaired_line ? repaired_line : 1,
                 decoder.charset() == "UTF-8" ? kRecodedAsWindows1252
                                              : "bytes not valid in " + decoder.charset() + " replaced");
  else if (decoder.dropped_nuls())  // as every reader does: a NUL dropped is said (docs/robustness.md)
    sink.problem(name.display, nul_line, kNulBytesDropped);
  parser.finish();
}

}  // namespace

void read_feed_bytes(std::string_view bytes, const InputName& name, const ReadLimits& limits, ArticleSink& sink) {
  std::size_t pos = 0;
  parse_stream(bytes.substr(0, kHeadBytes), bytes.size() <= kHeadBytes,
               [&](std::string& chunk) {
                 chunk.assign(bytes.substr(pos, kChunkBytes));
                 pos += chunk.size();
                 return pos < bytes.size();
               },
               name, limits, sink);
}

void read_feed_input(util::InputFile& in, const InputName& name, const ReadLimits& limits, ArticleSink& sink) {
  const std::string head(in.peek(kHeadBytes));
  const bool complete = head.size() < kHeadBytes;
  const CharsetChoice choice = choose_stream_charset(head, complete, limits);
  if (is_wide_charset(choice.charset)) {  // UTF-16 or UTF-32: lines cannot be cut at 0x0A bytes; read it whole
    std::string all;
    if (in.read_all(all, limits.max_document_bytes))
      sink.problem(name.display, 1, longer_than("feed", limits.max_document_bytes, kReadItsBeginning));
    read_feed_bytes(all, name, limits, sink);
    return;
  }
  std::string line;
  bool truncated = false;
  std::size_t line_no = 0;
  parse_stream(head, complete,
               [&](std::string& chunk) {
                 chunk.clear();
                 while (chunk.size() < kChunkBytes) {
                   if (!in.read_line(line, limits.max_document_bytes, truncated)) return false;
                   ++line_no;
                   if (chunk.empty()) chunk.swap(line);  // a long line is not copied
                   else chunk += line;
                   chunk += '\n';
                   if (truncated) {
                     sink.problem(name.display, line_no,
                                  longer_than("line", limits.max_document_bytes, "the feed is read up to there"));
                     return false;
                   }
                 }
                 return true;
               },
               name, limits, sink);
}

}  // namespace depeche
