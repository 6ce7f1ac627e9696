// --explain on an empty result, in the words of the command line: what query/ found emptied the
// result (EmptyCause), named as the user typed it: the part of the query, or the option of a filter.
#ifndef DEPECHE_INCLUDED_CLI_EMPTY_CAUSES_H
#define DEPECHE_INCLUDED_CLI_EMPTY_CAUSES_H

#include "query/searcher.h"

#include <string>

namespace depeche::cli {

// "zorglub", "--lang fr", "--since 2099 --until 2100", "--indexed-since", or a sentence for the
// combination.
std::string worded(const EmptyCause& cause);

// Fills result.empty_because, which the printers print, from result.emptied_by.
void word_empty_causes(SearchResult& result);

}  // namespace depeche::cli

#endif
