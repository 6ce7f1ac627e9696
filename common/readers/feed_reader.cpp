#include "readers/feed_reader.h"

#include "readers/html_reader.h"
#include "readers/markup_scan.h"
#include "util/ascii.h"
#include "util/charset.h"
#include "util/date_parse.h"
#include "util/input_file.h"
#include "util/utf8.h"

#include <libxml/HTMLparser.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <functional>
#include <optional>

namespace depeche {
namespace {

using markup::absolute_url;
using markup::is_absolute_url;
using util::iequals;
using util::starts_with_ci;
using util::trim_copy;
using markup::TextBuilder;

constexpr std::size_t kHeadBytes = 64 << 10;
constexpr std::size_t kChunkBytes = 64 << 10;
constexpr std::size_t kMaxShortField = 64 << 10;  // titles, links, dates, names
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

// A title or name: HTML entities and tags that slipped in made text, whitespace collapsed.
std::string clean_inline(std::string_view s) {
  std::string text;
  if (s.find('<') != std::string_view::npos || s.find('&') != std::string_view::npos) {
    text = html_to_text(s, 32, kMaxShortField);
    for (char& c : text)
      if (c == '\n') c = ' ';
  } else {
    text.assign(s);
  }
  TextBuilder b(kMaxShortField);
  b.text(text);
  return b.take();
}

// RSS <author> is "email (Name)" or an email alone; keep the name when there is one.
std::string rss_author(std::string_view s) {
  const std::string t = trim_copy(s);
  const std::size_t open = t.find('('), close = t.rfind(')');
  if (open != std::string::npos && close != std::string::npos && close > open && t.find('@') < open)
    return trim_copy(std::string_view(t).substr(open + 1, close - open - 1));
  return t;
}

enum class Kind { kUnknown, kRss, kAtom };
enum class BodyType { kHtml, kText, kXhtml };

struct Item {
  std::size_t index = 0, line = 0;
  std::string title, link, alt_link, any_link, guid;
  bool title_html = false, guid_permalink = true;
  std::string pub_date, published, updated, dc_date;
  std::string content, description, summary;  // raw HTML (or text, see the types)
  BodyType content_type = BodyType::kHtml, summary_type = BodyType::kHtml;
  std::string category, author, atom_author, creator, lang;
  bool cut = false;
};

class FeedParser {
 public:
  FeedParser(const InputName& name, const ReadLimits& limits, ArticleSink& sink)
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
    sax.startElementNs = &FeedParser::on_start;
    sax.endElementNs = &FeedParser::on_end;
    sax.characters = &FeedParser::on_text;
    sax.cdataBlock = &FeedParser::on_text;
    sax.getEntity = &FeedParser::on_entity;
    sax.serror = &FeedParser::on_error;
    ctxt_ = xmlCreatePushParserCtxt(&sax, this, nullptr, 0, nullptr);
    if (ctxt_) {
      // No network, no DTD loading, no entity substitution from the document's DTD (its entity
      // declarations are never even recorded: no entityDecl handler), recover what can be.
      xmlCtxtUseOptions(ctxt_, XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_IGNORE_ENC | XML_PARSE_NOCDATA);
      xmlSwitchEncoding(ctxt_, XML_CHAR_ENCODING_UTF8);
    }
  }
  ~FeedParser() {
    if (ctxt_) {
      // libxml2 records a DTD's entity declarations in a document of its own "for expat
      // compatibility" (never consulted here: on_entity answers), which the context does not own.
      if (ctxt_->myDoc && ctxt_->myDoc != entities_) xmlFreeDoc(ctxt_->myDoc);
      ctxt_->myDoc = nullptr;
      xmlFreeParserCtxt(ctxt_);
    }
    if (entities_) xmlFreeDoc(entities_);
  }
  FeedParser(const FeedParser&) = delete;
  FeedParser& operator=(const FeedParser&) = delete;

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
    else if (flattened_line_) problem(flattened_line_, markup::flattened_message(flattened_at_));
  }

  std::size_t line() const { return ctxt_ && ctxt_->input ? static_cast<std::size_t>(ctxt_->input->line) : 0; }

 private:
  bool stopped() const { return ctxt_->instate == XML_PARSER_EOF || ctxt_->disableSAX != 0; }

  void problem(std::size_t line, const std::string& message) { sink_.problem(name_.display, line ? line : 1, message); }

  static FeedParser& self(void* ctx) { return *static_cast<FeedParser*>(ctx); }

  // libxml2 drops every entity reference after the first well-formedness error (it checks
  // ctxt->wellFormed); our own count of errors is what reports them, so keep it set.
  void keep_recovering() {
    if (ctxt_ && errors_) ctxt_->wellFormed = 1;
  }

  // HTML's named entities (&eacute; &nbsp; &rsquo;), which feeds use without declaring them. The
  // document's own declarations are never consulted: no external entity, no entity expansion bomb.
  static xmlEntityPtr on_entity(void* ctx, const xmlChar* name) {
    FeedParser& p = self(ctx);
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
    FeedParser& p = self(ctx);
    if (!error || error->level < XML_ERR_ERROR) return;
    if (p.errors_++ == 0) {
      p.first_error_ = trim_copy(error->message ? error->message : "error");
      p.first_error_line_ = error->line > 0 ? static_cast<std::size_t>(error->line) : p.line();
    }
  }

  static void on_start(void* ctx, const xmlChar* localname, const xmlChar* prefix, const xmlChar* uri, int, const xmlChar**,
                       int nb_attributes, int, const xmlChar** attributes) {
    FeedParser& p = self(ctx);
    p.keep_recovering();
    p.start(sv(localname), sv(prefix), sv(uri), nb_attributes, attributes);
  }
  static void on_end(void* ctx, const xmlChar* localname, const xmlChar*, const xmlChar*) {
    FeedParser& p = self(ctx);
    p.keep_recovering();
    p.end(sv(localname));
  }
  static void on_text(void* ctx, const xmlChar* text, int length) {
    FeedParser& p = self(ctx);
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
      if (!flattened_line_) {
        flattened_line_ = line();
        flattened_at_ = max_depth_;
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
      if (auto lang = attribute(n_attrs, attrs, "lang", "xml")) feed_lang_ = *lang;
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
        if (iequals(rel, "alternate") && feed_link_.empty()) feed_link_ = trim_copy(*href);
        else if (feed_self_link_.empty()) feed_self_link_ = trim_copy(*href);
        skip_depth_ = depth_;
      } else {
        capture(&feed_link_text_, kMaxShortField);
      }
    } else if (iequals(local, "language")) {
      capture(&feed_lang_text_, kMaxShortField);
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
    if (capture_) {  // an element inside a field
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
      return;
    }
    if (depth_ != item_depth_ + 1 && !(misnested_ && is_item_field(local))) {
      skip_depth_ = depth_;
      return;
    }
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
      if (!item_.category.empty()) {
        skip_depth_ = depth_;
      } else if (auto label = attribute(n_attrs, attrs, "label")) {
        item_.category = *label;
        skip_depth_ = depth_;
      } else if (auto term = attribute(n_attrs, attrs, "term")) {
        item_.category = *term;
        skip_depth_ = depth_;
      } else {
        capture(&item_.category, kMaxShortField);
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
      if (capture_ != &feed_link_text_ && capture_ != &feed_lang_text_) item_.cut = true;
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

  std::string body_text(const std::string& raw, BodyType type, const Item& item, bool& cut) {
    if (raw.empty()) return {};
    std::string text;
    if (type == BodyType::kHtml) {
      std::size_t flattened_at = 0;
      text = html_to_text(raw, max_depth_, limits_.max_article_bytes, &flattened_at);
      if (flattened_at && !flattened_line_) {
        flattened_line_ = item.line;
        flattened_at_ = flattened_at;
      }
    } else if (type == BodyType::kXhtml) {
      text = raw;  // already text
    } else {
      TextBuilder b(limits_.max_article_bytes);
      // Plain text keeps its paragraphs: blank lines stay blank lines.
      std::size_t start = 0;
      while (start <= raw.size()) {
        std::size_t blank = raw.find("\n\n", start);
        if (blank == std::string::npos) blank = raw.size();
        b.text(std::string_view(raw).substr(start, blank - start));
        b.paragraph_break();
        start = blank + 2;
      }
      text = b.take();
    }
    if (text.size() >= limits_.max_article_bytes) cut = true;
    return std::string(util::utf8_prefix(text, limits_.max_article_bytes));
  }

  void emit_item() {
    Item it = std::move(item_);
    item_ = Item{};
    item_depth_ = 0;
    capture_ = nullptr;
    capture_stack_ = 0;
    xhtml_.reset();
    ++items_;

    Article a;
    a.origin = name_.display;
    const std::string title = it.title_html ? clean_inline(it.title) : [&] {
      TextBuilder b(kMaxShortField);
      b.text(it.title);
      return b.take();
    }();
    if (!title.empty()) a.title = title;
    std::string site;  // the feed's own site, or failing that the feed's address
    for (const std::string* link : {&feed_link_text_, &feed_link_, &feed_self_link_}) {
      site = trim_copy(*link);
      if (is_absolute_url(site)) break;
      site.clear();
    }
    // Atom links may be relative to the site: alone, "/2023/07/article" would name articles of
    // two sites alike, and one would replace the other.
    a.url = absolute_url(it.link, site);
    if (a.url.empty()) a.url = absolute_url(it.alt_link, site);
    if (a.url.empty()) a.url = absolute_url(it.any_link, site);
    const std::string guid = trim_copy(it.guid);
    if (a.url.empty() && it.guid_permalink && is_absolute_url(guid)) a.url = guid;
    a.id = !a.url.empty() ? a.url : guid;

    bool cut = it.cut;
    a.body = body_text(it.content, it.content_type, it, cut);
    if (a.body.empty()) a.body = body_text(it.description, BodyType::kHtml, it, cut);
    if (a.body.empty()) a.body = body_text(it.summary, it.summary_type, it, cut);
    if (cut)
      problem(it.line, "item " + std::to_string(it.index) + " longer than " + std::to_string(limits_.max_article_bytes) +
                           " bytes; indexed its beginning");

    a.section = clean_inline(it.category);
    a.author = clean_inline(!it.creator.empty() ? it.creator : !it.atom_author.empty() ? it.atom_author : rss_author(it.author));
    a.lang = markup::language_code(!it.lang.empty() ? it.lang : !feed_lang_text_.empty() ? feed_lang_text_ : feed_lang_);
    a.source = host_of(site);
    if (a.source.empty()) a.source = host_of(a.url);

    bool dated = false;
    std::string first_date;
    for (const std::string* d : {&it.pub_date, &it.published, &it.updated, &it.dc_date}) {
      const std::string value = trim_copy(*d);
      if (value.empty()) continue;
      if (first_date.empty()) first_date = value;
      if (auto date = util::parse_date(value)) {
        a.date = *date;
        dated = true;
        break;
      }
    }
    if (!dated && !first_date.empty())
      problem(it.line, "item " + std::to_string(it.index) + ": invalid date '" +
                           std::string(util::utf8_prefix(first_date, 80)) + "'; indexed undated");
    if (!a.title && a.body.empty()) {
      problem(it.line, "item " + std::to_string(it.index) + " has neither title nor text; skipped");
      return;
    }
    // Neither link nor id: by position, the items of a rewritten feed would take each other's ids;
    // named by the feed's site rather than its file, the same item fetched into two files is one.
    if (a.id.empty()) a.id = id_from_content(a.source.empty() ? file_name_of(name_) : a.source, a);
    sink_.article(std::move(a));
  }

  const InputName& name_;
  const ReadLimits& limits_;
  ArticleSink& sink_;
  const std::size_t max_depth_;
  const std::size_t max_field_;
  xmlParserCtxtPtr ctxt_ = nullptr;
  xmlDocPtr entities_ = nullptr;

  Kind kind_ = Kind::kUnknown;
  std::string root_;
  std::size_t depth_ = 0, skip_depth_ = 0, channel_depth_ = 0, item_depth_ = 0;
  std::string feed_link_, feed_self_link_, feed_link_text_, feed_lang_, feed_lang_text_;

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
  std::size_t flattened_line_ = 0, flattened_at_ = 0;  // where a field first nested too deep, and how deep
};

// Characters XML forbids (C0 controls but tab and newlines) would each be a fatal error: spaces.
void blank_controls(std::string& s) {
  for (char& c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') c = ' ';
  }
}

bool wide(const std::string& charset) {
  const std::string c = util::canonical_charset(charset);
  return starts_with_ci(c, "UTF-16") || starts_with_ci(c, "UTF-32");
}

// Chooses the charset from the first bytes: --encoding, a BOM, UTF-8 when they are UTF-8 with
// non-ASCII letters, the XML declaration, else UTF-8 if they are valid, else ICU's guess.
struct CharsetChoice {
  std::string charset;
  std::string warning;  // non-empty when the file is not what it should be
};

CharsetChoice choose_charset(std::string_view head, bool complete, const ReadLimits& limits) {
  if (!limits.encoding.empty()) return {limits.encoding, {}};
  if (std::string_view bom = util::bom_charset(head); !bom.empty()) return {std::string(bom), {}};
  std::string_view whole = head;
  if (!complete) {  // a sequence cut by the end of the sample is not an error
    for (std::size_t k = 1; k <= 3 && k <= whole.size(); ++k) {
      const auto b = static_cast<unsigned char>(whole[whole.size() - k]);
      if ((b & 0xC0) == 0x80) continue;
      if (b >= 0xC0) whole.remove_suffix(k);
      break;
    }
  }
  const bool valid = util::is_valid_utf8(whole);
  const bool ascii = std::all_of(whole.begin(), whole.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (valid && !ascii) return {"UTF-8", {}};
  std::string declared = util::xml_declared_encoding(head);
  // A declaration read in ASCII cannot be UTF-16 or UTF-32 (their ASCII letters come with NULs).
  if (wide(declared) && std::find(head.begin(), head.end(), '\0') == head.end()) declared.clear();
  if (!declared.empty() && !util::canonical_charset(declared).empty() &&
      !(util::canonical_charset(declared) == "UTF-8" && !valid))
    return {declared, {}};
  if (valid) return {"UTF-8", {}};
  const std::string detected = util::detect_charset(head, true);
  return {detected, "not valid UTF-8" + (declared.empty() ? std::string() : " (declared " + declared + ")") + ", read as " + detected};
}

// The common loop: `next(chunk)` gives raw bytes until it returns false.
void parse_stream(std::string_view head, bool head_complete, const std::function<bool(std::string&)>& next,
                  const InputName& name, const ReadLimits& limits, ArticleSink& sink) {
  const CharsetChoice choice = choose_charset(head, head_complete, limits);
  if (!choice.warning.empty()) sink.problem(name.display, 1, choice.warning);
  util::Utf8Decoder decoder(choice.charset);
  FeedParser parser(name, limits, sink);
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
                 decoder.charset() == "UTF-8" ? "invalid UTF-8, read as Windows-1252"
                                              : "bytes not valid in " + decoder.charset() + " replaced");
  else if (decoder.dropped_nuls())  // as every reader does: a NUL dropped is said (decisions.md 4)
    sink.problem(name.display, nul_line, "NUL bytes dropped");
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
  const CharsetChoice choice = choose_charset(head, complete, limits);
  if (wide(choice.charset)) {  // UTF-16 or UTF-32: lines cannot be cut at 0x0A bytes; read it whole
    std::string all;
    if (in.read_all(all, limits.max_document_bytes))
      sink.problem(name.display, 1, "feed longer than " + std::to_string(limits.max_document_bytes) + " bytes; read its beginning");
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
                                  "line longer than " + std::to_string(limits.max_document_bytes) +
                                      " bytes; the feed is read up to there");
                     return false;
                   }
                 }
                 return true;
               },
               name, limits, sink);
}

}  // namespace depeche
