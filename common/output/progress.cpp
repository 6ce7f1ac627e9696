#include "output/progress.h"

#include <cstdio>

namespace depeche {

std::string render_progress(const Progress& p, double elapsed_seconds) {
  const double fraction = p.bytes_total ? static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total) : 0.0;
  const double mb_per_s = elapsed_seconds > 0 ? static_cast<double>(p.bytes_done) / 1e6 / elapsed_seconds : 0.0;
  const double eta = fraction > 0 ? elapsed_seconds / fraction - elapsed_seconds : 0.0;
  constexpr int kWidth = 24;
  const int filled = static_cast<int>(fraction * kWidth);
  char line[160];
  std::snprintf(line, sizeof line, "\r[%-*.*s] %zu/%zu files  %zu articles  %.1f MB/s  ETA %d:%02d ", kWidth, filled,
                "########################", p.files_done, p.files_total, p.articles, mb_per_s,
                static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
  return line;
}

ProgressBar::ProgressBar(std::ostream& out) : out_(out), start_(std::chrono::steady_clock::now()) {}

void ProgressBar::update(const Progress& p) {
  const auto now = std::chrono::steady_clock::now();
  const bool last = p.files_done == p.files_total;
  if (drawn_ && !last && now - last_draw_ < std::chrono::milliseconds(200)) return;
  last_draw_ = now;
  drawn_ = true;
  out_ << render_progress(p, std::chrono::duration<double>(now - start_).count()) << std::flush;
}

void ProgressBar::finish() {
  if (drawn_) out_ << "\r\033[K" << std::flush;
}

}  // namespace depeche
