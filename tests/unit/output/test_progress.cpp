// The indexer's progress line: what it says for a given state and elapsed time.
#include "output/progress.h"

#include <gtest/gtest.h>

#include <sstream>

using depeche::Progress;
using depeche::render_progress;

TEST(Progress, ShowsArticlesSpeedAndTimeLeftWithinOneFile) {
  Progress p;
  p.files_total = 1;  // one big file, a quarter read after 10 s
  p.bytes_total = 400'000'000;
  p.bytes_done = 100'000'000;
  p.articles = 12345;
  const std::string line = render_progress(p, 10.0);
  EXPECT_EQ(line.rfind('\r', 0), 0u) << "redraws in place";
  EXPECT_NE(line.find("[######                  ]"), std::string::npos) << line;
  EXPECT_NE(line.find("0/1 files"), std::string::npos) << line;
  EXPECT_NE(line.find("12345 articles"), std::string::npos) << line;
  EXPECT_NE(line.find("10.0 MB/s"), std::string::npos) << line;
  EXPECT_NE(line.find("ETA 0:30"), std::string::npos) << line;
}

TEST(Progress, NothingReadYetClaimsNoSpeedNorTimeLeft) {
  Progress p;
  p.files_total = 3;
  p.bytes_total = 1000;
  const std::string line = render_progress(p, 0.0);
  EXPECT_NE(line.find("[                        ]"), std::string::npos) << line;
  EXPECT_NE(line.find("0.0 MB/s"), std::string::npos) << line;
  EXPECT_NE(line.find("ETA 0:00"), std::string::npos) << line;
}

TEST(Progress, BarDrawsOnceThenAtMostEvery200msButAlwaysTheLastFile) {
  std::ostringstream out;
  depeche::ProgressBar bar(out);
  Progress p;
  p.files_total = 2;
  p.bytes_total = 100;
  bar.update(p);
  p.articles = 1;
  bar.update(p);  // within 200 ms of the first: skipped
  EXPECT_EQ(out.str().find("1 articles"), std::string::npos) << out.str();
  p.files_done = 2;
  p.articles = 2;
  bar.update(p);
  EXPECT_NE(out.str().find("2/2 files  2 articles"), std::string::npos) << out.str();
  bar.finish();
  EXPECT_EQ(out.str().substr(out.str().size() - 4), "\r\033[K");
}
