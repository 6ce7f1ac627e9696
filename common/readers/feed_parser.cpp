#include "readers/feed_parser.h"

#include "readers/article_fields.h"
#include "readers/html_markup.h"
#include "readers/markup_scan.h"
#include "util/ascii.h"
#include "util/utf8.h"

#include <libxml/HTMLparser.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <optional>

namespace depeche::feed {
namespace {

using util::iequals;
using util::trim_copy;
using markup::TextBuilder;

// Past this nesting the parse stops: libxml2's push parser has no depth limit of its own and
// keeps a few dozen bytes per open element (elements past ReadLimits::max_markup_depth are
// already ignored; this bounds the memory of a file made of nothing but start tags).
constexpr std::size_t kStopDepth = 250000;

std::string_view sv(const xmlChar* s) { return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view(); }

// One element's SAX2 attributes: (localname, prefix, URI, value, end) five at a time.
std::optional<std::string> attribute(int count, const xmlChar** attrs, std::string_view local,
                                     std::string_view prefix = {}) {
  for (int i = 0; i < count; ++i) {
    const xmlChar** a = attrs + 5 * i;
    if (!iequals(sv(a[0]), local)) continue;
    if (!prefix.empty() && !iequals(sv(a[1]), prefix)) continue;
    if (prefix.empty() && a[1] != nullptr) continue;
    return std::string(reinterpret_cast<const char*>(a[3]), static_cast<std::size_t>(a[4] - a[3]));
  }
  return std::nullopt;
}


enum class Kind { kUnknown, kRss, kAtom };

}  // namespace

class FeedParser::Sax {
 public:
  Sax(const InputName& name, const ReadLimits& limits, ArticleSink& sink)
      : name_(name), limits_(limits), sink_(sink),
        max_depth_(std::max<std::size_t>(4, std::min<std::size_t>(limits.max_markup_depth, 256))),
        // A field's raw HTML is kept up to twice the article limit: more would be cut from the text anyway.
        max_field_(std::max(limits.max_article_bytes, std::min(limits.max_document_bytes, 2 * limits.max_article_bytes))) {
    markup::init_libxml();
    entities_ = xmlNewDoc(reinterpret_cast<const xmlChar*>("1.0"));
    if (entities_) xmlCreateIntSubset(entities_, reinterpret_cast<const xmlChar*>("entities"), nullptr, nullptr);
    xmlSAXHandler sax;
    std::memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = &Sax::on_start;
    sax.endElementNs = &Sax::on_end;
    sax.characters = &Sax::on_text;
    sax.cdataBlock = &Sax::on_text;
    sax.getEntity = &Sax::on_entity;
    sax.serror = &Sax::on_error;
    ctxt_ = xmlCreatePushParserCtxt(&sax, this, nullptr, 0, nullptr);
    if (ctxt_) {
      // No network, no DTD loading, no entity substitution from the document's DTD (its entity
      // declarations are never even recorded: no entityDecl handler), recover what can be.
      xmlCtxtUseOptions(ctxt_, XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_IGNORE_ENC | XML_PARSE_NOCDATA);
      xmlSwitchEncoding(ctxt_, XML_CHAR_ENCODING_UTF8);
    }
  }
  ~Sax() {
    if (ctxt_) {
      // libxml2 records a DTD's entity declarations in a document of its own "for expat
      // compatibility" (never consulted here: on_entity answers), which the context does not own.
      if (ctxt_->myDoc && ctxt_->myDoc != entities_) xmlFreeDoc(ctxt_->myDoc);
      ctxt_->myDoc = nullptr;
      xmlFreeParserCtxt(ctxt_);
    }
    if (entities_) xmlFreeDoc(entities_);
  }
  Sax(const Sax&) = delete;
  Sax& operator=(const Sax&) = delete;

  // Feeds UTF-8 text to the parser; false once it has stopped (not a feed, or a fatal limit).
  bool push(std::string_view utf8, bool last) {
    if (!ctxt_ || stopped()) return false;
    while (utf8.size() > INT_MAX / 2) {  // never in practice: chunks are small
      xmlParseChunk(ctxt_, utf8.data(), INT_MAX / 2, 0);
      utf8.remove_prefix(INT_MAX / 2);
    }
    xmlParseChunk(ctxt_, utf8.data(), static_cast<int>(utf8.size()), last ? 1 : 0);
    return !stopped();
  }

  // Reports what went wrong, once; emits an item the input ended inside of.
  void finish() {
    if (!ctxt_) {
      sink_.problem(name_.display, 1, "cannot create an XML parser; skipped");
      return;
    }
    if (item_depth_ > 0) {
      problem(item_.line, "the feed ends inside an item");
      emit_item();
    }
    if (kind_ == Kind::kUnknown && !root_.empty()) {
      problem(1, "not an RSS or Atom feed (root element <" + root_ + ">); skipped");
    } else if (root_.empty()) {
      problem(1, errors_ ? "not XML (" + first_error_ + "); skipped" : "no XML element; skipped");
    } else if (errors_) {
      problem(first_error_line_, "malformed XML (" + first_error_ + (errors_ > 1 ? ", and " + std::to_string(errors_ - 1) + " more" : "") +
                                     "); recovered " + std::to_string(items_) + " items");
    }
    if (stopped_deep_) return;
    if (too_deep_) problem(1, "elements nested deeper than " + std::to_string(max_depth_) + " ignored");
    else if (flattening_.line) problem(flattening_.line, markup::flattened_message(flattening_.depth));
  }

  std::size_t line() const { return ctxt_ && ctxt_->input ? static_cast<std::size_t>(ctxt_->input->line) : 0; }

 private:
  bool stopped() const { return ctxt_->instate == XML_PARSER_EOF || ctxt_->disableSAX != 0; }

  void problem(std::size_t line, const std::string& message) { sink_.problem(name_.display, line ? line : 1, message); }

  static Sax& self(void* ctx) { return *static_cast<Sax*>(ctx); }

  // libxml2 drops every entity reference after the first well-formedness error (it checks
  // ctxt->wellFormed); our own count of errors is what reports them, so keep it set.
  void keep_recovering() {
    if (ctxt_ && errors_) ctxt_->wellFormed = 1;
  }

  // HTML's named entities (&eacute; &nbsp; &rsquo;), which feeds use without declaring them. The
  // document's own declarations are never consulted: no external entity, no entity expansion bomb.
  static xmlEntityPtr on_entity(void* ctx, const xmlChar* name) {
    Sax& p = self(ctx);
    if (!p.entities_ || !name) return nullptr;
    if (xmlEntityPtr known = xmlGetDocEntity(p.entities_, name)) return known;
    const htmlEntityDesc* html = htmlEntityLookup(name);
    if (!html) return nullptr;
    std::string value;
    util::append_utf8(html->value, value);
    if (value == "&" || value == "<") value = value == "&" ? "&#38;" : "&#60;";  // the entity's text is re-parsed
    return xmlAddDocEntity(p.entities_, name, XML_INTERNAL_GENERAL_ENTITY, nullptr, nullptr,
                           reinterpret_cast<const xmlChar*>(value.c_str()));
  }

  static void on_error(void* ctx, xmlErrorPtr error) {
    Sax& p = self(ctx);
    if (!error || error->level < XML_ERR_ERROR) return;
    if (p.errors_++ == 0) {
      p.first_error_ = trim_copy(error->message ? error->message : "error");
      p.first_error_line_ = error->line > 0 ? static_cast<std::size_t>(error->line) : p.line();
    }
  }

  static void on_start(void* ctx, const xmlChar* localname, const xmlChar* prefix, const xmlChar* uri, int, const xmlChar**,
                       int nb_attributes, int, const xmlChar** attributes) {
    Sax& p = self(ctx);
    p.keep_recovering();
    p.start(sv(localname), sv(prefix), sv(uri), nb_attributes, attributes);
  }
  static void on_end(void* ctx, const xmlChar* localname, const xmlChar*, const xmlChar*) {
    Sax& p = self(ctx);
    p.keep_recovering();
    p.end(sv(localname));
  }
  static void on_text(void* ctx, const xmlChar* text, int length) {
    Sax& p = self(ctx);
    p.keep_recovering();
    if (length > 0) p.text(std::string_view(reinterpret_cast<const char*>(text), static_cast<std::size_t>(length)));
  }

  void start(std::string_view local, std::string_view prefix, std::string_view uri, int n_attrs, const xmlChar** attrs) {
    ++depth_;
    if (depth_ > kStopDepth) {  // libxml2's push parser keeps a stack entry per open element
      if (!stopped_deep_) problem(line(), "elements nested deeper than " + std::to_string(kStopDepth) + "; the rest of the feed skipped");
      stopped_deep_ = true;
      xmlStopParser(ctxt_);  // frees the input buffer: nothing of this element may be read after
      return;
    }
    if (skip_depth_) return;
    if (depth_ > max_depth_) {
      if (!capture_) {
        too_deep_ = true;
        skip_depth_ = depth_;
        return;
      }
      // Inside a field the element is read on: its tags end up dropped (html_to_text flattens
      // deep HTML, XHTML is made text without nesting) and its text kept.
      if (!flattening_.line) {
        flattening_.line = line();
        flattening_.depth = max_depth_;
      }
    }
    if (depth_ == 1) {
      root_ = std::string(local);
      if (iequals(local, "rss") || iequals(local, "RDF")) {
        kind_ = Kind::kRss;
      } else if (iequals(local, "feed")) {
        kind_ = Kind::kAtom;
      } else {
        xmlStopParser(ctxt_);  // frees the input buffer the names and attributes point into
        return;
      }
      if (auto lang = attribute(n_attrs, attrs, "lang", "xml")) feed_.lang = *lang;
      return;
    }
    if (item_depth_ > 0) {
      if (iequals(local, "item") || iequals(local, "entry")) {  // items never nest: the last one was not closed
        emit_item();
      } else {
        item_child(local, prefix, uri, n_attrs, attrs);
        return;
      }
    }
    if (iequals(local, "item") || iequals(local, "entry")) {
      item_ = Item{};
      item_.index = ++item_count_;
      item_.line = line();
      item_depth_ = depth_;
      misnested_ = false;
      if (auto lang = attribute(n_attrs, attrs, "lang", "xml")) item_.lang = *lang;
      return;
    }
    // Feed-level: the children of <channel> (RSS) or of <feed> (Atom).
    const bool feed_child = (kind_ == Kind::kAtom && depth_ == 2) || (channel_depth_ && depth_ == channel_depth_ + 1);
    if (iequals(local, "channel") && !channel_depth_) channel_depth_ = depth_;
    if (!feed_child) return;
    if (iequals(local, "link")) {
      if (auto href = attribute(n_attrs, attrs, "href")) {
        const std::string rel = attribute(n_attrs, attrs, "rel").value_or("alternate");
        if (iequals(rel, "alternate") && feed_.link.empty()) feed_.link = trim_copy(*href);
        else if (feed_.self_link.empty()) feed_.self_link = trim_copy(*href);
        skip_depth_ = depth_;
      } else {
        capture(&feed_.link_text, kMaxShortField);
      }
    } else if (iequals(local, "language")) {
      capture(&feed_.lang_text, kMaxShortField);
    } else if (iequals(local, "title") && feed_.title_text.empty()) {
      capture(&feed_.title_text, kMaxShortField);
    } else {
      skip_depth_ = depth_;  // <title>, <image>, <textInput>, <author>...
    }
  }

  static bool is_item_field(std::string_view local) {
    for (const char* f : {"title", "link", "guid", "pubDate", "description", "encoded", "category", "author", "creator",
                          "published", "updated", "summary", "content", "date", "id"})
      if (iequals(local, f)) return true;
    return false;
  }

  void item_child(std::string_view local, std::string_view prefix, std::string_view uri, int n_attrs, const xmlChar** attrs) {
    if (capture_ && !xhtml_ && !capture_markup_ && capture_ != &item_.author && capture_ != &item_.atom_author &&
        is_item_field(local)) {
      // An end tag is missing (<title>Un <b>deux</title><link>...): libxml2 closed the <b> at
      // </title>, so <link> looks nested in the title. It begins the next field all the same.
      capture_ = nullptr;
      misnested_ = true;
    }
    if (capture_) {
      field_child(local);
      return;
    }
    if (depth_ != item_depth_ + 1 && !(misnested_ && is_item_field(local))) {
      skip_depth_ = depth_;
      return;
    }
    item_field(local, prefix, uri, n_attrs, attrs);
  }

  // An element inside the field being captured.
  void field_child(std::string_view local) {
    if (xhtml_) {
      if (markup::never_text(local)) {
        skip_depth_ = depth_;
        xhtml_->space();
      } else {
        xhtml_->open_element(local);
      }
    } else if (capture_ == &item_.author && iequals(local, "name")) {
      capture_stack_ = capture_depth_;
      capture(&item_.atom_author, kMaxShortField);
    } else if (capture_ == &item_.author) {
      skip_depth_ = depth_;  // <email>, <uri>
    } else if (capture_markup_) {  // unescaped HTML inside <description>: keep its block structure
      append("<" + std::string(local) + ">");
    }
  }

  // A field of the item (a child element of <item> or <entry>): which one, and how it is captured.
  void item_field(std::string_view local, std::string_view prefix, std::string_view uri, int n_attrs,
                  const xmlChar** attrs) {
    const bool atom_ns = uri == "http://www.w3.org/2005/Atom" || kind_ == Kind::kAtom;
    auto body_type = [&]() {
      const std::string type = attribute(n_attrs, attrs, "type").value_or(kind_ == Kind::kAtom ? "text" : "html");
      if (iequals(type, "xhtml") || iequals(type, "application/xhtml+xml")) return BodyType::kXhtml;
      if (iequals(type, "html") || iequals(type, "text/html")) return BodyType::kHtml;
      return BodyType::kText;
    };
    if (iequals(local, "title")) {
      item_.title_html = kind_ != Kind::kAtom || body_type() != BodyType::kText;
      capture(&item_.title, kMaxShortField);
    } else if (iequals(local, "link")) {
      if (auto href = attribute(n_attrs, attrs, "href")) {
        const std::string rel = attribute(n_attrs, attrs, "rel").value_or("alternate");
        if (iequals(rel, "alternate") && item_.alt_link.empty()) item_.alt_link = trim_copy(*href);
        if (item_.any_link.empty() && !iequals(rel, "enclosure") && !iequals(rel, "self")) item_.any_link = trim_copy(*href);
        skip_depth_ = depth_;
      } else {
        capture(&item_.link, kMaxShortField);
      }
    } else if (iequals(local, "guid") || (atom_ns && iequals(local, "id"))) {
      if (auto permalink = attribute(n_attrs, attrs, "isPermaLink")) item_.guid_permalink = !iequals(trim_copy(*permalink), "false");
      capture(&item_.guid, kMaxShortField);
    } else if (iequals(local, "pubDate")) {
      capture(&item_.pub_date, kMaxShortField);
    } else if (iequals(local, "published") || iequals(local, "issued")) {
      capture(&item_.published, kMaxShortField);
    } else if (iequals(local, "updated") || iequals(local, "modified")) {
      capture(&item_.updated, kMaxShortField);
    } else if (iequals(local, "date")) {  // dc:date
      capture(&item_.dc_date, kMaxShortField);
    } else if (iequals(local, "encoded")) {  // content:encoded
      item_.content_type = BodyType::kHtml;
      capture(&item_.content, max_field_, BodyType::kHtml);
    } else if (iequals(local, "description")) {
      capture(&item_.description, max_field_, BodyType::kHtml);
    } else if (iequals(local, "content") && atom_ns && prefix.empty()) {
      if (attribute(n_attrs, attrs, "src")) {
        skip_depth_ = depth_;
        return;
      }
      item_.content.clear();
      item_.content_type = body_type();
      capture(&item_.content, max_field_, item_.content_type);
    } else if (iequals(local, "summary")) {
      item_.summary_type = body_type();
      capture(&item_.summary, max_field_, item_.summary_type);
    } else if (iequals(local, "category") || iequals(local, "subject")) {
      if (item_.categories.size() == kMaxTags) {
        ++item_.categories_ignored;
        skip_depth_ = depth_;
      } else if (auto label = attribute(n_attrs, attrs, "label")) {
        item_.categories.push_back(*label);
        skip_depth_ = depth_;
      } else if (auto term = attribute(n_attrs, attrs, "term")) {
        item_.categories.push_back(*term);
        skip_depth_ = depth_;
      } else {
        capture(&item_.categories.emplace_back(), kMaxShortField);
      }
    } else if (iequals(local, "creator")) {  // dc:creator
      if (item_.creator.empty()) capture(&item_.creator, kMaxShortField);
      else skip_depth_ = depth_;
    } else if (iequals(local, "author")) {
      if (item_.author.empty() && item_.atom_author.empty()) capture(&item_.author, kMaxShortField);
      else skip_depth_ = depth_;
    } else if (iequals(local, "language")) {  // dc:language
      capture(&item_.lang, kMaxShortField);
    } else {
      skip_depth_ = depth_;  // enclosure, comments, media:*, source...
    }
  }

  // Collects the text of the element just started into `field`: as text, as HTML (elements
  // inside it, unescaped HTML, are written back as bare tags), or as XHTML made text on the fly.
  void capture(std::string* field, std::size_t max_bytes, BodyType type = BodyType::kText) {
    capture_ = field;
    capture_depth_ = depth_;
    capture_max_ = max_bytes;
    capture_markup_ = type == BodyType::kHtml;
    field->clear();
    if (type == BodyType::kXhtml) xhtml_.emplace(max_bytes);
  }

  void append(std::string_view s) {
    if (capture_->size() + s.size() > capture_max_) {
      capture_->append(util::utf8_prefix(s, capture_max_ > capture_->size() ? capture_max_ - capture_->size() : 0));
      if (capture_ != &feed_.link_text && capture_ != &feed_.lang_text && capture_ != &feed_.title_text) item_.cut = true;
      return;
    }
    capture_->append(s);
  }

  void text(std::string_view s) {
    if (skip_depth_ || !capture_) return;
    if (xhtml_) xhtml_->text(s);
    else append(s);
  }

  void end(std::string_view local) {
    if (skip_depth_) {
      if (depth_ == skip_depth_) skip_depth_ = 0;
      --depth_;
      return;
    }
    if (capture_) {
      if (depth_ > capture_depth_) {
        if (xhtml_) xhtml_->close_element(local);
        else if (capture_markup_) append("</" + std::string(local) + ">");
      } else {
        if (xhtml_) {
          *capture_ = xhtml_->take();
          if (xhtml_->full()) item_.cut = true;
          xhtml_.reset();
        }
        capture_ = nullptr;
        if (capture_stack_) {  // back from an Atom <author><name> to its <author>
          capture_ = &item_.author;
          capture_depth_ = capture_stack_;
          capture_max_ = kMaxShortField;
          capture_markup_ = false;
          capture_stack_ = 0;
        }
      }
    }
    if (item_depth_ > 0 && depth_ == item_depth_) emit_item();
    if (channel_depth_ == depth_) channel_depth_ = 0;
    --depth_;
  }

  void emit_item() {
    Item it = std::move(item_);
    item_ = Item{};
    item_depth_ = 0;
    capture_ = nullptr;
    capture_stack_ = 0;
    xhtml_.reset();
    ++items_;

    emit_item_article(it, feed_, max_depth_, flattening_, name_, limits_, sink_);
  }

  const InputName& name_;
  const ReadLimits limits_;  // a copy: callers may pass a temporary
  ArticleSink& sink_;
  const std::size_t max_depth_;
  const std::size_t max_field_;
  xmlParserCtxtPtr ctxt_ = nullptr;
  xmlDocPtr entities_ = nullptr;

  Kind kind_ = Kind::kUnknown;
  std::string root_;
  std::size_t depth_ = 0, skip_depth_ = 0, channel_depth_ = 0, item_depth_ = 0;
  FeedFields feed_;

  Item item_;
  std::size_t item_count_ = 0, items_ = 0;
  std::string* capture_ = nullptr;
  std::size_t capture_depth_ = 0, capture_max_ = 0, capture_stack_ = 0;
  bool capture_markup_ = false;
  bool misnested_ = false;  // this item's markup lost an end tag
  std::optional<TextBuilder> xhtml_;

  std::size_t errors_ = 0, first_error_line_ = 0;
  std::string first_error_;
  bool too_deep_ = false, stopped_deep_ = false;
  Flattening flattening_;  // where a field first nested too deep, and how deep
};

FeedParser::FeedParser(const InputName& name, const ReadLimits& limits, ArticleSink& sink)
    : sax_(std::make_unique<Sax>(name, limits, sink)) {}
FeedParser::~FeedParser() = default;
bool FeedParser::push(std::string_view utf8, bool last) { return sax_->push(utf8, last); }
void FeedParser::finish() { sax_->finish(); }
std::size_t FeedParser::line() const { return sax_->line(); }

}  // namespace depeche::feed
