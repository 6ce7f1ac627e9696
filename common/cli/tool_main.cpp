#include "cli/tool_main.h"

#include "cli/generate.h"
#include "cli/help_format.h"
#include "cli/exit_codes.h"
#include "util/error.h"
#include "util/printable.h"

#include <xapian.h>

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <iostream>

namespace depeche::cli {
namespace {

// std::cout's buffer: write(2) to descriptor 1, keeping the errno of a write that failed, which
// the stream's state alone loses (a full disk, a full /dev/full, an I/O error, a closed descriptor).
class StdoutBuffer : public std::streambuf {
 public:
  StdoutBuffer() { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type ch) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  bool drain() {
    for (const char* p = pbase(); p < pptr();) {
      const ssize_t put = ::write(STDOUT_FILENO, p, static_cast<std::size_t>(pptr() - p));
      if (put < 0 && errno == EINTR) continue;
      if (put < 0) {
        error_ = errno;
        return false;
      }
      p += put;
    }
    setp(pbase(), epptr());
    return true;
  }

  std::array<char, 1 << 16> buffer_{};
  int error_ = 0;
};

// std::cout writes through a StdoutBuffer while this lives, and throws at the first write that fails,
// so that a long output (--export) stops there; what is still buffered is written by finish().
// std::cerr is untied from it meanwhile: a message written while unwinding from that failure
// would flush std::cout again, and throw out of a destructor.
class CheckedStdout {
 public:
  CheckedStdout() : original_(std::cout.rdbuf(&buffer_)), tied_(std::cerr.tie(nullptr)) {
    std::cout.exceptions(std::ios::badbit);
  }
  ~CheckedStdout() {
    std::cout.exceptions(std::ios::goodbit);
    std::cout.rdbuf(original_);
    std::cerr.tie(tied_);
  }
  CheckedStdout(const CheckedStdout&) = delete;
  CheckedStdout& operator=(const CheckedStdout&) = delete;
  void finish() { std::cout.flush(); }
  int error() const { return buffer_.error(); }

 private:
  StdoutBuffer buffer_;
  std::streambuf* original_;
  std::ostream* tied_;
};

// A standard descriptor the caller closed (`>&-`) is given /dev/null, opened the wrong way round
// so that it still fails as a closed one would: otherwise the first file opened takes its number,
// and what is printed lands in it (a database table).
void occupy_closed_standard_descriptors() {
  for (const int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) {
    if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF) continue;
    const int opened = ::open("/dev/null", fd == STDIN_FILENO ? O_WRONLY : O_RDONLY);
    if (opened >= 0 && opened != fd) {
      dup2(opened, fd);
      ::close(opened);
    }
  }
}

// What a failed write to stdout ends the run with. A reader that went away (`| head`) is no
// error: the run ends as it would by SIGPIPE had the caller not ignored it, without a word.
int report_output_failure(int error, const std::string& program) {
  if (error == EPIPE) {
    std::signal(SIGPIPE, SIG_DFL);
    std::raise(SIGPIPE);
    return 128 + SIGPIPE;  // SIGPIPE blocked: the same status, still quiet
  }
  std::cerr << program << ": standard output: " << std::strerror(error ? error : EIO) << '\n';
  return exit_code::kOutputFailed;
}

// The exit status of each kind of Fatal: the one place that knows both (docs/exit-codes.md).
int exit_status(FatalKind kind) {
  switch (kind) {
    case FatalKind::kUsage: return exit_code::kUsage;
    case FatalKind::kDatabase: return exit_code::kDatabase;
    case FatalKind::kLocked: return exit_code::kLocked;
    case FatalKind::kFormatTooOld: return exit_code::kFormatTooOld;
    case FatalKind::kFormatTooNew: return exit_code::kFormatTooNew;
  }
  return exit_code::kDatabase;  // unreachable: the switch names every kind
}

int parse_and_run(CLI::App& app, int argc, char** argv, const std::string& program, const std::string& database,
                  const std::function<int()>& run) {
  std::string generate_target;
  add_generate_option(app, generate_target);
  app.formatter(std::make_shared<HelpFormatter>(help_width()));
  // An empty value ("--show \"$id\"" with $id unset) is never what a script meant, and options
  // read as strings took it for their absence: --show '' printed a search of the whole archive.
  const CLI::Validator not_empty([](std::string& value) { return value.empty() ? std::string("empty value") : std::string(); },
                                 "", "not empty");
  for (CLI::Option* option : app.get_options())
    if (option->nonpositional() && option->get_type_size() != 0) option->check(not_empty);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return report_parse_error(app, e, program);
  }
  if (!generate_target.empty()) {
    std::cout << generate(app, program, generate_target);
    return 0;
  }
  try {
    return run();
  } catch (const std::ios_base::failure&) {
    throw;  // stdout failed: tool_main reports it
  } catch (const Fatal& e) {
    print_message(program, e.what());
    return exit_status(e.kind());
  } catch (const DataError& e) {
    print_message(program, (database.empty() ? "" : database + ": ") + e.what());
    return exit_code::kDatabase;
  } catch (const Error& e) {
    print_message(program, e.what());
    return exit_code::kUsage;
  } catch (const Xapian::Error& e) {
    print_message(program, (database.empty() ? "" : database + ": ") + e.get_description());
    return exit_code::kDatabase;
  } catch (const std::exception& e) {
    print_message(program, e.what());
    return exit_code::kDatabase;
  }
}

}  // namespace

int tool_main(CLI::App& app, int argc, char** argv, const std::string& program, const std::string& database,
              const std::function<int()>& run) {
  occupy_closed_standard_descriptors();
  int error = 0;
  {
    CheckedStdout out;
    try {
      const int status = parse_and_run(app, argc, argv, program, database, run);
      out.finish();
      return status;
    } catch (const std::ios_base::failure&) {
      error = out.error();
    }
  }
  return report_output_failure(error, program);  // std::cout as it was: reporting cannot fail again
}

void print_message(const std::string& program, const std::string& message) {
  std::cerr << program << ": " << util::printable(message) << '\n';
}

}  // namespace depeche::cli
