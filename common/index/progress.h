// How far an indexing run is: what the indexer reports and output/progress draws, in a header of
// its own so that drawing it needs nothing of the indexer.
#ifndef DEPECHE_INCLUDED_INDEX_PROGRESS_H
#define DEPECHE_INCLUDED_INDEX_PROGRESS_H

#include <cstddef>
#include <cstdint>

namespace depeche {

struct Progress {
  std::size_t files_done = 0, files_total = 0;
  std::uint64_t bytes_done = 0, bytes_total = 0;
  std::size_t articles = 0;
};

}  // namespace depeche

#endif
