// The tag-soup pre-filter: a look at a page's bytes before libxml2 parses them, which bounds how
// deep its elements nest. libxml2's HTML parser halts at its depth limit, and everything after the
// deep part of the page was lost with what was inside it.
#ifndef DEPECHE_INCLUDED_READERS_HTML_PREFILTER_H
#define DEPECHE_INCLUDED_READERS_HTML_PREFILTER_H

#include <cstddef>
#include <string>
#include <string_view>

namespace depeche::markup {

// `html` without the start tags, and their end tags, of elements that would open deeper than
// `max_depth`, each replaced by the gap it made (a <br> for a block, a space for a cell): their
// text stays, inside the last element kept. Unchanged (and not copied) when none would be dropped;
// else a view of `storage`. `flattened` says whether any was.
std::string_view with_nesting_bounded(std::string_view html, std::size_t max_depth, std::string& storage, bool& flattened);

}  // namespace depeche::markup

#endif
