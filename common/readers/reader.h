// Reading articles from files: format detection and the interface every format reader reports to.
#ifndef DEPECHE_INCLUDED_READERS_READER_H
#define DEPECHE_INCLUDED_READERS_READER_H

#include "readers/article.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace depeche {

namespace util {
class InputFile;
}

// What readers hand back: articles, and problems with the file and line they were found at.
class ArticleSink {
 public:
  virtual ~ArticleSink() = default;
  virtual void article(Article&& a) = 0;
  virtual void problem(const std::string& file, std::size_t line, const std::string& message) = 0;
};

struct ReadLimits {
  std::size_t max_line_bytes = std::size_t{64} << 20;     // longer JSON lines are skipped
  std::size_t max_article_bytes = std::size_t{16} << 20;  // longer bodies are cut to this prefix
};

enum class InputFormat { kAuto, kText, kJsonl };

// "text", "jsonl" (or "auto"); throws depeche::Error for anything else.
InputFormat parse_input_format(std::string_view name);

// Where an input file comes from: its path, the name used in messages and in ids.
struct InputName {
  std::string path;     // to open ("-" for stdin)
  std::string display;  // relative to the folder named on the command line
};

// Decides the format from the name, then from the first bytes; kAuto when neither tells.
InputFormat detect_format(const std::string& path, std::string_view head);

// Reads every article of one input into `sink`. Bad records are reported and skipped; only a file
// that cannot be read at all throws depeche::Error. Returns the format it was read as (kAuto when
// it was skipped as empty, binary or of unknown format).
InputFormat read_input(const InputName& name, InputFormat format, const ReadLimits& limits, ArticleSink& sink);

}  // namespace depeche

#endif
