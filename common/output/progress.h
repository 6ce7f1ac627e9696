// The indexer's progress line on a terminal's stderr: files, articles, MB/s, ETA.
#ifndef DEPECHE_INCLUDED_OUTPUT_PROGRESS_H
#define DEPECHE_INCLUDED_OUTPUT_PROGRESS_H

#include "index/progress.h"

#include <chrono>
#include <ostream>
#include <string>

namespace depeche {

// The line for `p` after `elapsed_seconds` of indexing, starting with '\r' to redraw in place.
std::string render_progress(const Progress& p, double elapsed_seconds);

class ProgressBar {
 public:
  explicit ProgressBar(std::ostream& out);
  // Redraws at most a few times a second, and always for the last file.
  void update(const Progress& p);
  // Clears the line so that what follows starts clean.
  void finish();

 private:
  std::ostream& out_;
  std::chrono::steady_clock::time_point start_, last_draw_;
  bool drawn_ = false;
};

}  // namespace depeche

#endif
