// Buffered reading of a file, a gzip file or stdin, line by line, with bounded memory.
#ifndef DEPECHE_INCLUDED_UTIL_INPUT_FILE_H
#define DEPECHE_INCLUDED_UTIL_INPUT_FILE_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace depeche::util {

class InputFile {
 public:
  // "-" is stdin. Gzip data is decompressed transparently, whatever the name.
  // Throws depeche::Error naming the path when it cannot be opened.
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
  // for progress reports; 0 when that cannot be told (a pipe). One lseek: call it now and then.
  std::uint64_t bytes_consumed() const;

 private:
  bool fill();  // reads more into the buffer; false at end of input
  struct Gz;
  std::unique_ptr<Gz> gz_;
  std::string path_;
  std::string buffer_;
  std::size_t pos_ = 0;
  bool eof_ = false;
};

}  // namespace depeche::util

#endif
