#include "readers/feed_item.h"

#include "readers/article_fields.h"
#include "readers/html_markup.h"
#include "readers/html_reader.h"
#include "readers/problems.h"
#include "util/ascii.h"
#include "util/date_parse.h"
#include "util/utf8.h"

namespace depeche::feed {
namespace {

using markup::absolute_url;
using markup::is_absolute_url;
using markup::TextBuilder;
using util::trim_copy;

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

// The text of a body field, at most the article limit (`cut` set when it reached it).
std::string body_text(const std::string& raw, BodyType type, std::size_t line, std::size_t max_depth,
                      std::size_t max_bytes, Flattening& flattening, bool& cut) {
  if (raw.empty()) return {};
  std::string text;
  if (type == BodyType::kHtml) {
    std::size_t flattened_at = 0;
    text = html_to_text(raw, max_depth, max_bytes, &flattened_at);
    if (flattened_at && !flattening.line) {
      flattening.line = line;
      flattening.depth = flattened_at;
    }
  } else if (type == BodyType::kXhtml) {
    text = raw;  // already text
  } else {
    TextBuilder b(max_bytes);
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
  if (text.size() >= max_bytes) cut = true;
  return std::string(util::utf8_prefix(text, max_bytes));
}

// The feed's own site, or failing that the feed's address; empty when neither is absolute.
std::string site_of(const FeedFields& feed) {
  for (const std::string* link : {&feed.link_text, &feed.link, &feed.self_link}) {
    std::string site = trim_copy(*link);
    if (is_absolute_url(site)) return site;
  }
  return {};
}

// The item's link made absolute against the site, else its guid when that is a permalink URL.
std::string item_url(const Item& it, const std::string& site) {
  // Atom links may be relative to the site: alone, "/2023/07/article" would name articles of
  // two sites alike, and one would replace the other.
  std::string url = absolute_url(it.link, site);
  if (url.empty()) url = absolute_url(it.alt_link, site);
  if (url.empty()) url = absolute_url(it.any_link, site);
  const std::string guid = trim_copy(it.guid);
  if (url.empty() && it.guid_permalink && is_absolute_url(guid)) url = guid;
  return url;
}

// The first of the item's dates that reads; `unreadable` the first stated when none does.
util::Date item_date(const Item& it, std::string& unreadable) {
  std::string first_date;
  for (const std::string* d : {&it.pub_date, &it.published, &it.updated, &it.dc_date}) {
    const std::string value = trim_copy(*d);
    if (value.empty()) continue;
    if (first_date.empty()) first_date = value;
    if (auto date = util::parse_date(value)) return *date;
  }
  unreadable = first_date;
  return {};
}

}  // namespace

std::string unlinked_item_id(const Article& a, const InputName& name) {
  return id_from_content(!a.source.empty() ? a.source : !a.source_name.empty() ? a.source_name : file_name_of(name), a);
}

void emit_item_article(const Item& it, const FeedFields& feed, std::size_t max_depth, Flattening& flattening,
                       const InputName& name, const ReadLimits& limits, ArticleSink& sink) {
  const std::size_t line = it.line ? it.line : 1;
  const std::string item = "item " + std::to_string(it.index);
  Article a;
  a.origin = name.display;
  const std::string title = it.title_html ? clean_inline(it.title) : [&] {
    TextBuilder b(kMaxShortField);
    b.text(it.title);
    return b.take();
  }();
  if (!title.empty()) a.title = title;
  const std::string site = site_of(feed);
  a.url = item_url(it, site);
  a.id = !a.url.empty() ? a.url : trim_copy(it.guid);

  bool cut = it.cut;
  a.body = body_text(it.content, it.content_type, it.line, max_depth, limits.max_article_bytes, flattening, cut);
  if (!a.body.empty()) {  // beside a content, the summary is the standfirst; without one, it is the text
    const bool rss = !it.description.empty();
    bool standfirst_cut = false;  // reported by settle_standfirst_and_tags, for which twice its bound is read
    a.standfirst = body_text(rss ? it.description : it.summary, rss ? BodyType::kHtml : it.summary_type, it.line,
                             max_depth, 2 * kMaxStandfirstBytes, flattening, standfirst_cut);
  }
  if (a.body.empty())
    a.body = body_text(it.description, BodyType::kHtml, it.line, max_depth, limits.max_article_bytes, flattening, cut);
  if (a.body.empty())
    a.body = body_text(it.summary, it.summary_type, it.line, max_depth, limits.max_article_bytes, flattening, cut);
  if (cut) sink.problem(name.display, line, longer_than(item, limits.max_article_bytes, kIndexedItsBeginning));

  if (!it.categories.empty()) a.section = clean_inline(it.categories.front());
  for (const std::string& category : it.categories) a.tags.push_back(clean_inline(category));
  if (it.categories_ignored)
    sink.problem(name.display, line,
                 item + ": " + std::to_string(it.categories_ignored) + " categories past the first " +
                     std::to_string(kMaxTags) + " ignored");
  a.source_name = clean_inline(feed.title_text);
  a.author = clean_inline(!it.creator.empty() ? it.creator : !it.atom_author.empty() ? it.atom_author : rss_author(it.author));
  a.lang = markup::language_code(!it.lang.empty() ? it.lang : !feed.lang_text.empty() ? feed.lang_text : feed.lang);
  a.source = host_of(site);
  if (a.source.empty()) a.source = host_of(a.url);

  std::string unreadable_date;
  a.date = item_date(it, unreadable_date);
  if (!unreadable_date.empty()) sink.problem(name.display, line, item + ": " + unreadable_date_message(unreadable_date));
  for (const std::string& problem : settle_standfirst_and_tags(a)) sink.problem(name.display, line, item + ": " + problem);
  if (!a.title && a.body.empty()) {
    sink.problem(name.display, line, item + " has neither title nor text; skipped");
    return;
  }
  // Neither link nor id: by position, the items of a rewritten feed would take each other's ids.
  if (a.id.empty()) a.id = unlinked_item_id(a, name);
  sink.article(std::move(a));
}

}  // namespace depeche::feed
