// JSON Lines: one article object per line (id, url, source, date, title, body, section, lang, author).
#ifndef DEPECHE_INCLUDED_READERS_JSONL_READER_H
#define DEPECHE_INCLUDED_READERS_JSONL_READER_H

#include "readers/reader.h"

#include <optional>

namespace depeche {

// Parses one line; nullopt (with the problem reported) when it holds no usable article.
// Blank lines are skipped silently.
std::optional<Article> parse_jsonl_line(std::string_view line, const InputName& name, std::size_t line_no,
                                        ArticleSink& sink);

void read_jsonl_input(util::InputFile& in, const InputName& name, const ReadLimits& limits, ArticleSink& sink);

}  // namespace depeche

#endif
