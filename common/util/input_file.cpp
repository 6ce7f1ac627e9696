#include "util/input_file.h"

#include "util/error.h"
#include "util/regular_file.h"

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace depeche::util {

struct InputFile::Gz {
  gzFile file = nullptr;
  ~Gz() {
    if (file) gzclose(file);
  }
};

namespace {
constexpr std::size_t kChunk = 1 << 16;

// zlib's message without the name it gives a descriptor ("<fd:4>: "): callers name the file.
std::string gz_message(gzFile file, int& err) {
  std::string message = gzerror(file, &err);
  if (message.rfind("<fd:", 0) == 0) {
    const std::size_t colon = message.find(": ");
    if (colon != std::string::npos) message.erase(0, colon + 2);
  }
  return message;
}
}  // namespace

InputFile::InputFile(const std::string& path) : gz_(std::make_unique<Gz>()), path_(path) {
  const int fd = path == "-" ? dup(STDIN_FILENO) : open_regular_file(path);
  if (fd < 0) throw Error(path + ": " + std::strerror(errno));
  gz_->file = gzdopen(fd, "rb");
  if (!gz_->file) {
    ::close(fd);
    throw Error(path + ": cannot read");
  }
  gzbuffer(gz_->file, 1 << 17);
}

InputFile::~InputFile() = default;

bool InputFile::fill() {
  if (eof_) return false;
  if (pos_ > 0) {  // keep the buffer from growing with consumed bytes
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  const std::size_t old = buffer_.size();
  buffer_.resize(old + kChunk);
  const int got = gzread(gz_->file, buffer_.data() + old, static_cast<unsigned>(kChunk));
  if (got < 0) {
    int err = 0;
    const std::string message = gz_message(gz_->file, err);
    buffer_.resize(old);
    eof_ = true;
    throw Error(path_ + ": " + (err == Z_ERRNO ? std::strerror(errno) : message));
  }
  buffer_.resize(old + static_cast<std::size_t>(got));
  if (got > 0) return true;
  eof_ = true;
  // A .gz cut short ends like a complete one, but for this error: the file is not done.
  int err = 0;
  const std::string message = gz_message(gz_->file, err);
  if (err == Z_BUF_ERROR) throw Error(path_ + ": " + message + " (the compressed file is truncated)");
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
    if (pos_ == buffer_.size() && !fill()) return any;
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
  return truncated;
}

std::uint64_t InputFile::bytes_consumed() const {
  const z_off_t offset = gzoffset(gz_->file);
  return offset > 0 ? static_cast<std::uint64_t>(offset) : 0;
}

}  // namespace depeche::util
