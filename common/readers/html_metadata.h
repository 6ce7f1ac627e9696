// What a page says about its article besides the text: Open Graph and article: meta tags, JSON-LD,
// <title>, <h1>, <link rel=canonical>, <html lang>, <time> and the charset it declares.
#ifndef DEPECHE_INCLUDED_READERS_HTML_METADATA_H
#define DEPECHE_INCLUDED_READERS_HTML_METADATA_H

#include "article.h"

#include <libxml/tree.h>

#include <cstddef>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace depeche::html {

constexpr std::size_t kMaxTitleBytes = 2000;

// A short inline value (a title, an author): whitespace collapsed, entities left in meta content
// by careless templates ("&#039;", "&amp;eacute;") decoded; at most `max_bytes`.
std::string clean_inline(std::string_view s, std::size_t max_bytes = kMaxTitleBytes);

// Everything one pass over the page collects.
struct PageScan {
  xmlNode* html = nullptr;
  xmlNode* body = nullptr;
  std::map<std::string, std::string> meta;  // lower-cased property / name / itemprop -> content (first one)
  std::vector<std::string> tags;            // every article:tag's content
  std::string canonical;
  std::string title;
  xmlNode* h1 = nullptr;
  std::vector<xmlNode*> times;            // <time datetime=...>
  std::vector<std::string> json_ld;       // <script type="application/ld+json"> texts
  std::vector<xmlNode*> article_bodies;   // [itemprop~=articleBody]
  std::vector<xmlNode*> articles;         // <article>
  std::vector<xmlNode*> mains;            // <main>, [role=main]
  std::string charset;                    // <meta charset> or http-equiv Content-Type's
  bool too_deep = false;
};

PageScan scan_page(xmlDoc* doc, std::size_t max_depth);

// The charset a page declares (XML declaration, <meta charset>, http-equiv), read from its first
// bytes parsed as Latin-1 (every byte is a character there, so nothing is lost before we know).
std::string declared_html_charset(std::string_view bytes, std::size_t max_attributes);

// The fields of the page's JSON-LD article object (the first that looks like one).
struct LinkedData {
  std::string headline, date_published, author, publisher, section, lang, url, body;
  std::vector<std::string> keywords;  // an array of strings, or one comma-separated string
};
LinkedData read_linked_data(const std::vector<std::string>& blocks);

// `title` (whitespace already collapsed) without a site suffix: cut at a separator when another
// title of the page (`confirming`: og:title, headline, <h1>) is exactly the part before it, or when
// the part after it is the site's name. Nothing else cuts: in "Brest - Lorient : le derby" the dash
// belongs to the headline. The site's name is never what is left (an <h1> that is the logo, in
// "Le Monde - Titre").
std::string without_site_suffix(const std::string& title, std::initializer_list<std::string_view> confirming,
                                std::initializer_list<std::string_view> site_names);

// Title, standfirst, URL, source and the site's name, section, tags, author and language of the
// article, from the meta tags, JSON-LD and the page's own elements; `max_depth` bounds the walk of
// the <h1>.
void read_page_metadata(const PageScan& scan, const LinkedData& ld, std::size_t max_depth, Article& a);

// The article's date: article:published_time, JSON-LD datePublished, <time datetime> (those in
// `content`, the article's element, first), date meta tags; then, without a day, a dateline the
// page shows. `unreadable`: the first date the metadata states when none could be read.
util::Date page_date(const PageScan& scan, const LinkedData& ld, const xmlNode* content, std::size_t max_depth,
                     std::size_t max_bytes, std::string& unreadable);

}  // namespace depeche::html

#endif
