// Atom 1.0 (RFC 4287): any search as a feed a feed reader, a phone or a mail client follows.
// libxml2's writer escapes the markup; what XML 1.0 cannot hold at all (most C0 controls) is
// dropped before it gets there, since an article's text may hold anything.
#include "output/hit_fields.h"
#include "output/printers.h"

#include "util/error.h"

#include <libxml/xmlwriter.h>

#include <algorithm>
#include <ctime>
#include <memory>

namespace depeche {
namespace {

// Every id the feed gives is a tag: URI (RFC 4151) under this authority and date, which never
// change: a feed reader knows an entry it has seen by its id.
constexpr const char* kTagPrefix = "tag:depeche,2026:";

// `text` without what XML 1.0 forbids: C0 controls other than tab and line breaks, U+FFFE, U+FFFF.
std::string xml_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
    if (c == 0xEF && (text.substr(i, 3) == "\xEF\xBF\xBE" || text.substr(i, 3) == "\xEF\xBF\xBF")) {
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

// The part of a tag: URI after its prefix: `value` with every byte outside RFC 3986's unreserved
// characters and a few harmless delimiters percent-encoded, so that any id makes a valid URI.
std::string tag_uri(const std::string& kind, const std::string& value) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out = kTagPrefix + kind + "/";
  for (const char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || std::string_view("-._~/:@!$'()*+,;=").find(ch) != std::string_view::npos) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// RFC 3339 in UTC, to the second.
std::string utc_time(double seconds_since_epoch) {
  const auto seconds = static_cast<std::time_t>(seconds_since_epoch);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// An article's day as an Atom date, at midnight: the article states no time, nor its zone
// (depeche keeps dates as the article gives them).
std::string published(const util::Date& d) {
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT00:00:00Z", d.year, d.month, d.day);
  return text;
}

class AtomPrinter : public Printer {
 public:
  AtomPrinter(std::ostream& out, const OutputOptions& options)
      : out_(out), feed_(options.feed), buffer_(xmlBufferCreate(), xmlBufferFree) {
    if (!buffer_) throw std::bad_alloc();
    writer_.reset(xmlNewTextWriterMemory(buffer_.get(), 0));
    if (!writer_) throw std::bad_alloc();
    xmlTextWriterSetIndent(writer_.get(), 1);
    xmlTextWriterSetIndentString(writer_.get(), BAD_CAST "  ");
  }

  void begin(const std::string&) override {}

  // The feed's head needs the time of its newest entry: the entries are written by end(), from
  // the result's hits.
  void hit(const Hit&) override {}

  void end(const SearchResult& result) override {
    double newest = 0;
    for (const Hit& hit : result.hits) newest = std::max(newest, hit.indexed_at);
    if (newest == 0) newest = static_cast<double>(std::time(nullptr));  // nothing found: now
    xmlTextWriterStartDocument(writer_.get(), nullptr, "UTF-8", nullptr);
    start("feed");
    xmlTextWriterWriteAttribute(writer_.get(), BAD_CAST "xmlns", BAD_CAST "http://www.w3.org/2005/Atom");
    element("id", tag_uri(feed_.first, feed_.second));
    element("title", "depeche: " + feed_.second);
    element("updated", utc_time(newest));
    start("author");
    element("name", "depeche");
    end_element();
    element("generator", "depeche");
    for (const Hit& hit : result.hits) entry(hit);
    end_element();
    xmlTextWriterEndDocument(writer_.get());
    flush();
  }

  void count(Xapian::doccount) override { refuse("--count"); }
  void article(const Article&) override { refuse("--show"); }
  void timeline(const std::string&, const std::vector<FacetCount>&) override { refuse("--timeline"); }
  void stats(const ArchiveStats&) override { refuse("--stats"); }

 private:
  struct WriterFree {
    void operator()(xmlTextWriterPtr w) const { xmlFreeTextWriter(w); }
  };

  // The options refuse these before anything runs; a caller that forgot is told, not given XML.
  [[noreturn]] static void refuse(const std::string& mode) {
    throw Error("--format atom prints search results, not " + mode);
  }

  void start(const char* name) { xmlTextWriterStartElement(writer_.get(), BAD_CAST name); }
  void end_element() { xmlTextWriterEndElement(writer_.get()); }
  void element(const char* name, const std::string& text) {
    const std::string clean = xml_text(text);
    xmlTextWriterWriteElement(writer_.get(), BAD_CAST name, BAD_CAST clean.c_str());
  }
  void empty_element(const char* name, std::initializer_list<std::pair<const char*, std::string>> attributes) {
    start(name);
    for (const auto& [attribute, value] : attributes) {
      const std::string clean = xml_text(value);
      xmlTextWriterWriteAttribute(writer_.get(), BAD_CAST attribute, BAD_CAST clean.c_str());
    }
    end_element();
  }

  void entry(const Hit& hit) {
    const Article& a = hit.article;
    start("entry");
    element("id", tag_uri("article", a.id));
    element("title", title_or_first_words(a));  // a feed reader lists entries by title
    if (!a.url.empty()) empty_element("link", {{"rel", "alternate"}, {"href", a.url}});
    element("updated", utc_time(hit.indexed_at));
    // A month or a year is no instant: Atom has no way to say it, so it is not said.
    if (a.date.precision == util::DatePrecision::kDay) element("published", published(a.date));
    if (!a.author.empty()) {
      start("author");
      element("name", a.author);
      end_element();
    }
    if (!a.section.empty()) empty_element("category", {{"scheme", std::string(kTagPrefix) + "section"}, {"term", a.section}});
    for (const std::string& tag : a.tags) empty_element("category", {{"scheme", std::string(kTagPrefix) + "tag"}, {"term", tag}});
    if (!a.source.empty()) {
      start("source");
      element("id", tag_uri("source", a.source));
      element("title", a.source_name.empty() ? a.source : a.source_name);
      end_element();
    }
    element("summary", hit.snippet.text);
    end_element();
    flush();
  }

  void flush() {
    xmlTextWriterFlush(writer_.get());
    out_.write(reinterpret_cast<const char*>(xmlBufferContent(buffer_.get())), xmlBufferLength(buffer_.get()));
    xmlBufferEmpty(buffer_.get());
  }

  std::ostream& out_;
  std::pair<std::string, std::string> feed_;
  std::unique_ptr<xmlBuffer, void (*)(xmlBufferPtr)> buffer_;
  std::unique_ptr<xmlTextWriter, WriterFree> writer_;
};

}  // namespace

std::unique_ptr<Printer> make_atom_printer(std::ostream& out, const OutputOptions& options) {
  return std::make_unique<AtomPrinter>(out, options);
}

}  // namespace depeche
