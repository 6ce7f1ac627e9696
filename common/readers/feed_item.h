// A feed item as the feed parser collects it (its fields' raw text), and the article made of it.
#ifndef DEPECHE_INCLUDED_READERS_FEED_ITEM_H
#define DEPECHE_INCLUDED_READERS_FEED_ITEM_H

#include "readers/reader.h"

#include <cstddef>
#include <string>
#include <vector>

namespace depeche::feed {

constexpr std::size_t kMaxShortField = 64 << 10;  // titles, links, dates, names

// What a body field holds: HTML (to be made text), plain text, or XHTML already made text.
enum class BodyType { kHtml, kText, kXhtml };

struct Item {
  std::size_t index = 0, line = 0;
  std::string title, link, alt_link, any_link, guid;
  bool title_html = false, guid_permalink = true;
  std::string pub_date, published, updated, dc_date;
  std::string content, description, summary;  // raw HTML (or text, see the types)
  BodyType content_type = BodyType::kHtml, summary_type = BodyType::kHtml;
  std::vector<std::string> categories;  // at most kMaxTags: the first is the section, all are tags
  std::size_t categories_ignored = 0;   // past kMaxTags
  std::string author, atom_author, creator, lang;
  bool cut = false;
};

// The feed's own fields its items' articles take: its links (the site, the source of every item),
// its language and its title (the site's name). The *_text ones are an element's text, the others
// an attribute's.
struct FeedFields {
  std::string link, self_link, link_text, lang, lang_text, title_text;
};

// Where an item's HTML first nested too deep, and the depth it was flattened to (reported once).
struct Flattening {
  std::size_t line = 0, depth = 0;
};

// Reports the article of `item` to `sink`, and its problems (a body cut to the article limit, an
// unreadable date); an item with neither title nor text is reported and skipped. `max_depth`
// bounds the nesting of its HTML; `flattening` is set when it first does.
void emit_item_article(const Item& item, const FeedFields& feed, std::size_t max_depth, Flattening& flattening,
                       const InputName& name, const ReadLimits& limits, ArticleSink& sink);

// The id of an item with neither link nor id, read from feed file `name`: its content, named by
// the feed's site, else its title, rather than its file, so that the same item fetched into two
// files is one article.
std::string unlinked_item_id(const Article& a, const InputName& name);

}  // namespace depeche::feed

#endif
