// Writes articles into a Xapian database: one document per id, replaced on re-indexing,
// committed in batches so a crash loses at most the batch in progress.
#ifndef DEPECHE_INCLUDED_INDEX_INDEX_WRITER_H
#define DEPECHE_INCLUDED_INDEX_INDEX_WRITER_H

#include "index/document_builder.h"
#include "readers/reader.h"

#include <xapian.h>

#include <functional>
#include <string>

namespace depeche {

struct IndexStats {
  std::size_t added = 0;
  std::size_t updated = 0;
  std::size_t problems = 0;  // records skipped or indexed with a warning
};

class IndexWriter : public ArticleSink {
 public:
  using ProblemReporter = std::function<void(const std::string& message)>;

  // Opens (creating if needed) the database at `path`. Throws Fatal with exit_code::kLocked
  // when another indexer holds it, exit_code::kDatabase when it cannot be opened or holds
  // another schema version.
  IndexWriter(const std::string& path, std::size_t batch_size, ProblemReporter report);
  ~IndexWriter() override;

  void article(Article&& a) override;
  void problem(const std::string& file, std::size_t line, const std::string& message) override;
  // Commits what is pending. Called by the destructor too, but errors only surface here.
  void commit();
  const IndexStats& stats() const { return stats_; }

 private:
  Xapian::WritableDatabase db_;
  std::string path_;
  std::size_t batch_size_;
  std::size_t pending_ = 0;
  ProblemReporter report_;
  DocumentBuilder builder_;
  IndexStats stats_;
};

}  // namespace depeche

#endif
