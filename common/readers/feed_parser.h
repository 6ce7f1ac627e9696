// The feed parser: libxml2's SAX push parser over a feed's UTF-8 text, which collects each item's
// fields (feed_item.h) and reports its article as soon as the item ends, so that a feed of a
// million items holds one in memory at a time. No DTD, no external or declared entities: HTML's
// named entities, common in feeds, are decoded.
#ifndef DEPECHE_INCLUDED_READERS_FEED_PARSER_H
#define DEPECHE_INCLUDED_READERS_FEED_PARSER_H

#include "readers/feed_item.h"
#include "readers/reader.h"

#include <cstddef>
#include <memory>
#include <string_view>

namespace depeche::feed {

class FeedParser {
 public:
  FeedParser(const InputName& name, const ReadLimits& limits, ArticleSink& sink);
  ~FeedParser();
  FeedParser(const FeedParser&) = delete;
  FeedParser& operator=(const FeedParser&) = delete;

  // Feeds UTF-8 text to the parser; false once it has stopped (not a feed, or a fatal limit).
  bool push(std::string_view utf8, bool last);
  // Reports what went wrong, once; emits an item the input ended inside of.
  void finish();
  // The line of the text the parser has reached.
  std::size_t line() const;

 private:
  class Sax;  // libxml2's callbacks and the state of the item being read
  std::unique_ptr<Sax> sax_;
};

}  // namespace depeche::feed

#endif
