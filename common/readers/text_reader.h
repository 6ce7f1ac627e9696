// Our article text format: `date YYYY[-MM[-DD]] [URL]`, an optional title line, the body.
#ifndef DEPECHE_INCLUDED_READERS_TEXT_READER_H
#define DEPECHE_INCLUDED_READERS_TEXT_READER_H

#include "readers/reader.h"

namespace depeche {

// Parses one article file's (valid UTF-8) content. Problems (no date header, a bad date) are
// reported to `sink` against `name.display`; the article is returned all the same.
Article parse_text_article(std::string_view content, const InputName& name, ArticleSink& sink);

}  // namespace depeche

#endif
