// Buffered reading of a file, a gzip file or stdin, line by line, with bounded memory.
#ifndef DEPECHE_INCLUDED_UTIL_INPUT_FILE_H
#define DEPECHE_INCLUDED_UTIL_INPUT_FILE_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace depeche::util {

class InputFile {
 public:
  // Where damaged gzip data stopped the reading: the line of the decompressed text that was not
  // read whole, and what happened ("damaged gzip data at byte ... ; ...").
  struct Damage {
    std::size_t line = 0;
    std::string message;
  };

  // "-" is stdin. Gzip data (one member or several, concatenated) is decompressed, whatever the
  // name; anything else is read as it is. Throws depeche::Error naming the path when it cannot
  // be opened or read.
  explicit InputFile(const std::string& path);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  // The first bytes of the (decompressed) content, without consuming them.
  std::string_view peek(std::size_t n);
  // Next line without its '\n' (and '\r'). At most `max_bytes` are kept; the rest of a longer
  // line is read and discarded, and `truncated` says so. Returns false at end of input.
  bool read_line(std::string& line, std::size_t max_bytes, bool& truncated);
  // The rest of the input, at most `max_bytes` (the remainder is discarded; returns true if so).
  bool read_all(std::string& out, std::size_t max_bytes);
  // How far into the file reading has got, in bytes of the file itself (compressed bytes for gzip),
  // for progress reports.
  std::uint64_t bytes_consumed() const;
  // Set once reading reached damaged gzip data (a bad block, a failed check, a file cut short,
  // bytes after the last member that are not gzip). Input then ends as if the file ended there,
  // after the last line that decompressed whole: every line before it is read, none is made up.
  const std::optional<Damage>& damage() const { return damage_; }

 private:
  bool fill();  // reads more into the buffer; false at end of input
  struct Source;
  std::unique_ptr<Source> source_;
  std::string path_;
  std::string buffer_;
  std::size_t pos_ = 0;
  bool eof_ = false;
  std::optional<Damage> damage_;
  bool cut_ = false;            // the damage ended the input inside a line, which was dropped
  std::size_t lines_ = 0;       // newlines handed to the buffer so far
  bool mid_line_ = false;       // the last byte handed to the buffer was not a newline
};

}  // namespace depeche::util

#endif
