#include "util/input_file.h"

#include "util/error.h"
#include "util/regular_file.h"

#include <zlib.h>

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

namespace depeche::util {

namespace {
constexpr std::size_t kChunk = 1 << 16;
constexpr std::size_t kRawChunk = 1 << 17;
}  // namespace

// The file's bytes, inflated when they are gzip. zlib's gzread is not used: when it meets damage it
// drops what it had inflated into its own buffer (up to 128 KiB of good records), and it ignores
// bytes after the last member without a word.
struct InputFile::Source {
  enum class Failure { kNone, kData, kCheck, kCutShort, kTrailing };

  int fd = -1;
  std::uint64_t size = 0;  // of a regular file; 0 when it cannot be told (a pipe)
  std::uint64_t read_total = 0;
  std::vector<unsigned char> raw = std::vector<unsigned char>(kRawChunk);
  std::size_t raw_begin = 0, raw_end = 0;
  bool raw_eof = false;
  enum class Mode { kUnknown, kPlain, kGzip } mode = Mode::kUnknown;
  bool in_member = false;
  bool z_ready = false;
  z_stream z{};
  Failure failure = Failure::kNone;
  std::string reason;         // zlib's, for kData and kCheck
  std::uint64_t at = 0;       // byte of the file where the failure was found

  ~Source() {
    if (z_ready) inflateEnd(&z);
    if (fd >= 0) ::close(fd);
  }

  std::size_t available() const { return raw_end - raw_begin; }
  std::uint64_t consumed() const { return read_total - available(); }

  // Reads more of the file after what is left; false at its end.
  bool refill(const std::string& path) {
    if (raw_eof) return false;
    if (raw_begin > 0) {
      std::memmove(raw.data(), raw.data() + raw_begin, available());
      raw_end -= raw_begin;
      raw_begin = 0;
    }
    for (;;) {
      const ssize_t got = ::read(fd, raw.data() + raw_end, raw.size() - raw_end);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) throw Error(path + ": " + std::strerror(errno));
      if (got == 0) raw_eof = true;
      raw_end += static_cast<std::size_t>(got);
      read_total += static_cast<std::uint64_t>(got);
      return got > 0;
    }
  }

  // Up to `n` bytes of content into `out`; 0 at the end of input or at a failure (set then).
  std::size_t read(char* out, std::size_t n, const std::string& path) {
    if (mode == Mode::kUnknown) {
      while (available() < 2 && refill(path)) {
      }
      const bool gzip = available() >= 2 && raw[raw_begin] == 0x1f && raw[raw_begin + 1] == 0x8b;
      mode = gzip ? Mode::kGzip : Mode::kPlain;
    }
    if (mode == Mode::kPlain) {
      if (available() == 0 && !refill(path)) return 0;
      const std::size_t take = std::min(n, available());
      std::memcpy(out, raw.data() + raw_begin, take);
      raw_begin += take;
      return take;
    }
    z.next_out = reinterpret_cast<Bytef*>(out);
    z.avail_out = static_cast<uInt>(n);
    while (z.avail_out > 0 && failure == Failure::kNone) {
      if (!in_member && !start_member(path)) break;
      if (available() == 0 && !refill(path)) {
        failure = Failure::kCutShort;
        at = read_total;
        break;
      }
      z.next_in = raw.data() + raw_begin;
      z.avail_in = static_cast<uInt>(available());
      const int status = inflate(&z, Z_NO_FLUSH);
      raw_begin = raw_end - z.avail_in;
      if (status == Z_STREAM_END) {
        in_member = false;
      } else if (status == Z_DATA_ERROR) {
        reason = z.msg ? z.msg : "invalid data";
        // The trailer's checks are tested once every byte of the member has come out.
        failure = reason == "incorrect data check" || reason == "incorrect length check" ? Failure::kCheck : Failure::kData;
        at = consumed();
      } else if (status == Z_MEM_ERROR) {
        throw Error(path + ": out of memory while decompressing");
      }
    }
    return n - z.avail_out;
  }

  // At the start of the file or after a member: another member, the end, or bytes that are not gzip.
  bool start_member(const std::string& path) {
    while (available() < 2 && refill(path)) {
    }
    if (available() == 0) return false;
    if (available() < 2 || raw[raw_begin] != 0x1f || raw[raw_begin + 1] != 0x8b) {
      failure = Failure::kTrailing;
      at = consumed();
      return false;
    }
    if (!z_ready) {
      if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) throw Error(path + ": out of memory while decompressing");
      z_ready = true;
    } else {
      inflateReset(&z);
    }
    in_member = true;
    return true;
  }
};

InputFile::InputFile(const std::string& path) : source_(std::make_unique<Source>()), path_(path) {
  source_->fd = path == "-" ? dup(STDIN_FILENO) : open_regular_file(path);
  if (source_->fd < 0) throw Error(path + ": " + std::strerror(errno));
  struct stat st {};
  if (fstat(source_->fd, &st) == 0 && S_ISREG(st.st_mode)) {
    const off_t start = ::lseek(source_->fd, 0, SEEK_CUR);  // stdin may be a file read partly
    if (start >= 0 && start <= st.st_size) source_->size = static_cast<std::uint64_t>(st.st_size - start);
  }
}

InputFile::~InputFile() = default;

namespace {
std::string lines_read(std::size_t lines) {
  return lines ? "read up to line " + std::to_string(lines) : std::string("nothing could be read");
}
}  // namespace

bool InputFile::fill() {
  if (eof_) return false;
  if (pos_ > 0) {  // keep the buffer from growing with consumed bytes
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  const std::size_t old = buffer_.size();
  buffer_.resize(old + kChunk);
  std::size_t got = source_->read(buffer_.data() + old, kChunk, path_);
  Source& s = *source_;
  const bool inside_member = s.failure == Source::Failure::kData || s.failure == Source::Failure::kCutShort;
  if (inside_member) {  // a line the damage cut is not handed on: only lines that decompressed whole
    const std::size_t last_newline = std::string_view(buffer_.data() + old, got).rfind('\n');
    cut_ = last_newline == std::string_view::npos ? mid_line_ || got > 0 : last_newline + 1 < got;
    if (last_newline == std::string_view::npos) {
      got = 0;
      if (cut_) mid_line_ = false;
    } else {
      got = last_newline + 1;
    }
  }
  buffer_.resize(old + got);
  lines_ += static_cast<std::size_t>(std::count(buffer_.begin() + static_cast<std::ptrdiff_t>(old), buffer_.end(), '\n'));
  if (got > 0) mid_line_ = buffer_.back() != '\n';
  if (s.failure != Source::Failure::kNone) {
    eof_ = true;
    const std::size_t read = lines_ + (mid_line_ ? 1 : 0);
    // Unknown for a pipe, and for a file that grew while it was read.
    const bool sized = s.size >= s.at && s.size > 0;
    const std::string after = sized ? std::to_string(s.size - s.at) + " bytes" : std::string("bytes");
    std::string message;
    switch (s.failure) {
      case Source::Failure::kData:
        message = "damaged gzip data at byte " + std::to_string(s.at) + (sized ? " of " + std::to_string(s.size) : "") +
                  " (" + s.reason + "): " + lines_read(read) +
                  (sized ? ", the last " + after + " of the file are lost" : ", the rest is lost");
        break;
      case Source::Failure::kCheck:
        message = "gzip check failed (" + s.reason + "): the " + std::to_string(read) + " lines read may hold wrong text";
        break;
      case Source::Failure::kCutShort:
        message = "gzip data cut short at byte " + std::to_string(s.at) + ": " + lines_read(read) + ", the rest is missing";
        break;
      case Source::Failure::kTrailing:
        message = after + " after the end of the gzip data (byte " + std::to_string(s.at) + ") are not gzip; ignored";
        break;
      case Source::Failure::kNone: break;
    }
    damage_ = Damage{lines_ + 1, message};
  }
  if (got > 0) return true;
  eof_ = true;
  return false;
}

std::string_view InputFile::peek(std::size_t n) {
  while (buffer_.size() - pos_ < n && fill()) {
  }
  return std::string_view(buffer_).substr(pos_, n);
}

bool InputFile::read_line(std::string& line, std::size_t max_bytes, bool& truncated) {
  line.clear();
  truncated = false;
  bool any = false;
  for (;;) {
    // Input that ends within a line the damage cut has its beginning dropped, like the rest.
    if (pos_ == buffer_.size() && !fill()) return any && !cut_;
    any = true;
    const char* start = buffer_.data() + pos_;
    const std::size_t avail = buffer_.size() - pos_;
    const auto* nl = static_cast<const char*>(std::memchr(start, '\n', avail));
    const std::size_t take = nl ? static_cast<std::size_t>(nl - start) : avail;
    const std::size_t room = max_bytes > line.size() ? max_bytes - line.size() : 0;
    if (take > room) truncated = true;
    line.append(start, std::min(take, room));
    pos_ += take;
    if (nl) {
      ++pos_;
      break;
    }
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

bool InputFile::read_all(std::string& out, std::size_t max_bytes) {
  out.clear();
  bool truncated = false;
  for (;;) {
    if (pos_ == buffer_.size() && !fill()) break;
    const std::size_t avail = buffer_.size() - pos_;
    const std::size_t room = max_bytes > out.size() ? max_bytes - out.size() : 0;
    if (avail > room) truncated = true;
    out.append(buffer_, pos_, std::min(avail, room));
    pos_ = buffer_.size();
  }
  // The beginning of a line the damage cut came in earlier blocks: it goes too.
  if (cut_ && !truncated) out.erase(out.rfind('\n') + 1);
  return truncated;
}

std::uint64_t InputFile::bytes_consumed() const { return source_->consumed(); }

}  // namespace depeche::util
