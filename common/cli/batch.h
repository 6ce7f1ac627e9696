// depeche-search --batch: one query per line, each answered as one JSON line, in input order
// (docs/output-format.md). Several searchers answer at once, each on its own thread with its own database
// handle (Xapian's are not shared between threads); one thread prints, and flushes each answer as
// soon as it and every one before it are printed, so a script can still send a query and wait for
// its answer before sending the next.
#ifndef DEPECHE_INCLUDED_CLI_BATCH_H
#define DEPECHE_INCLUDED_CLI_BATCH_H

#include "output/printer.h"
#include "query/searcher.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace depeche::cli {

// Answers every non-blank line of `path` ("-": stdin, read as it comes) with `request`, its query
// replaced by the line, one searcher per thread (one searcher: no thread), and calls `flush` after
// each answer. A malformed or over-long query gets an error answer and the batch goes on; any other
// error (the database failing) stops it once the answers before it are printed, and is thrown.
void answer_batch(const std::vector<std::unique_ptr<Searcher>>& searchers, const SearchRequest& request,
                  const std::string& path, BatchPrinter& printer, const std::function<void()>& flush);

}  // namespace depeche::cli

#endif
