// RSS 2.0, RSS 1.0 (RDF) and Atom feeds: each item or entry one article. Streamed through
// libxml2's SAX parser (a feed of a million items holds one item in memory at a time); no DTD,
// no external or declared entities (HTML's named entities, common in feeds, are decoded).
#ifndef DEPECHE_INCLUDED_READERS_FEED_READER_H
#define DEPECHE_INCLUDED_READERS_FEED_READER_H

#include "readers/reader.h"

#include <string_view>

namespace depeche {

// Each item: title; link (Atom: rel="alternate", else the first href); date from pubDate,
// published, updated or dc:date, as written; body from content:encoded / Atom content, else
// description / summary, their HTML made text; the first category as section; dc:creator or
// author; the feed's language; the feed link's host as source. Its id is its link (the same
// link in many daily feed files is one article: docs/robustness.md), else its guid, else
// "<file>#<item number>". Malformed XML is recovered as far as libxml2 can, and reported once.
void read_feed_input(util::InputFile& in, const InputName& name, const ReadLimits& limits, ArticleSink& sink);

// The same on a feed held in memory (raw bytes, any charset).
void read_feed_bytes(std::string_view bytes, const InputName& name, const ReadLimits& limits, ArticleSink& sink);

}  // namespace depeche

#endif
