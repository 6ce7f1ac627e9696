#include "cli/batch.h"

#include "cli/empty_causes.h"
#include "query/query_parser.h"
#include "readers/problems.h"
#include "util/error.h"
#include "util/input_file.h"
#include "util/utf8.h"

#include <poll.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace depeche::cli {
namespace {

constexpr std::size_t kMaxQueryBytes = std::size_t{1} << 20;
// Queries read ahead of the answers printed, per searcher: enough to keep every thread busy,
// few enough that a long input is not held in memory.
constexpr std::size_t kReadAheadPerSearcher = 64;

// The lines of a file, or of stdin as they come (InputFile reads ahead in large blocks, waiting
// for them to fill, which a script waiting for each answer never does).
class QueryLines {
 public:
  explicit QueryLines(const std::string& path) : path_(path) {
    if (path != "-") file_.emplace(path);
  }
  // The next line; false at the end of the input, or as soon as `stop` says so while stdin has
  // nothing to read (a batch that failed must not wait for a query that may never come).
  bool next(std::string& line, bool& truncated, const std::function<bool()>& stop = {}) {
    if (file_) {
      if (file_->read_line(line, kMaxQueryBytes, truncated)) return true;
      if (const auto& damage = file_->damage())  // the queries after it are not known: not a batch that ran
        throw Error(problem_line(path_, damage->line, damage->message));
      return false;
    }
    line.clear();
    truncated = false;
    for (;;) {
      for (; begin_ < end_; ++begin_) {
        const char c = chunk_[begin_];
        if (c == '\n') {
          ++begin_;
          if (!line.empty() && line.back() == '\r') line.pop_back();
          return true;
        }
        if (line.size() < kMaxQueryBytes) line.push_back(c);
        else truncated = true;
      }
      if (!fill(stop)) return !stopped_ && (!line.empty() || truncated);  // a last line without its newline
    }
  }

 private:
  // Reads what stdin has (read(2) returns what a pipe holds, without waiting for more); false at
  // its end, or when stopped.
  bool fill(const std::function<bool()>& stop) {
    begin_ = end_ = 0;
    for (;;) {
      if (stop) {
        pollfd readable{0, POLLIN, 0};
        const int ready = poll(&readable, 1, kStopCheckMs);
        if (ready < 0 && errno != EINTR) return false;
        if (ready <= 0) {
          if (!stop()) continue;
          stopped_ = true;
          return false;
        }
      }
      const ssize_t n = read(0, chunk_.data(), chunk_.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      end_ = static_cast<std::size_t>(n);
      return true;
    }
  }
  static constexpr int kStopCheckMs = 100;

  std::string path_;
  std::optional<util::InputFile> file_;
  std::array<char, 1 << 16> chunk_{};
  std::size_t begin_ = 0, end_ = 0;
  bool stopped_ = false;
};

struct Answer {
  std::string query;
  std::optional<SearchResult> result;
  std::string error;         // the query's own error, printed as its answer
  std::exception_ptr fatal;  // an error that stops the batch
};

struct Query {
  std::size_t number;
  std::string line;
  bool truncated;
};

Answer answer(Searcher& searcher, SearchRequest request, std::string line, bool truncated) {
  Answer a;
  util::repair_utf8(line);  // decoded as the indexer decodes text, as queries on the command line are
  if (truncated) {
    a.query = line.substr(0, 80) + "...";
    a.error = "query longer than 1 MiB";
    return a;
  }
  a.query = std::move(line);
  request.query = a.query;
  try {
    a.result = searcher.search(request);
    word_empty_causes(*a.result);
  } catch (const QueryError& e) {
    a.error = e.what();
  } catch (...) {
    a.fatal = std::current_exception();
  }
  return a;
}

void print(BatchPrinter& printer, const Answer& a) {
  if (a.fatal) std::rethrow_exception(a.fatal);
  if (!a.result) return printer.query_error(a.query, a.error);
  printer.begin(a.query);
  for (const Hit& hit : a.result->hits) printer.hit(hit);
  printer.end(*a.result);
}

bool blank(const std::string& line) { return line.find_first_not_of(" \t") == std::string::npos; }

// The threads' shared state: queries waiting for a searcher, answers waiting for their turn. A
// searcher whose answer is next prints it, and every answer ready after it, while the others go
// on searching; the reader waits only when far ahead. (A printing thread, and one condition
// notified at every step, cost two or three context switches a query.)
class Board {
 public:
  Board(std::size_t searchers, const SearchRequest& request, BatchPrinter& printer,
        const std::function<void()>& flush)
      : request_(request),
        printer_(printer),
        flush_(flush),
        read_ahead_(kReadAheadPerSearcher * searchers),
        refill_at_(read_ahead_ / 2) {}

  // Takes queries and answers them until the input is done or the batch stopped.
  void search_loop(Searcher& searcher) {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      work_.wait(lock, [&] { return stopped_ || !waiting_.empty() || input_done_; });
      if (stopped_ || waiting_.empty()) return;
      Query q = std::move(waiting_.front());
      waiting_.pop_front();
      lock.unlock();
      Answer a = answer(searcher, request_, std::move(q.line), q.truncated);
      lock.lock();
      answers_[q.number - printed_] = std::move(a);
      if (!printing_) print_ready(lock);
    }
  }

  // Hands the input's queries to the searchers, then tells them it is done. Input that fails
  // (damaged gzip data) ends it: the queries before are answered, then it is reported; threads
  // still running must not meet an exception leaving answer_batch.
  void read_input(QueryLines& input) {
    const std::function<bool()> stopped = [&] {
      std::lock_guard<std::mutex> lock(mutex_);
      return stopped_;
    };
    std::string line;
    bool truncated = false;
    try {
      while (input.next(line, truncated, stopped)) {
        if (blank(line)) continue;
        std::unique_lock<std::mutex> lock(mutex_);
        if (read_ - printed_ == read_ahead_)
          room_.wait(lock, [&] { return stopped_ || read_ - printed_ <= refill_at_; });
        if (stopped_) break;
        answers_.emplace_back();
        waiting_.push_back({read_++, line, truncated});
        work_.notify_one();
      }
    } catch (...) {
      input_failure_ = std::current_exception();
    }
    std::lock_guard<std::mutex> lock(mutex_);
    input_done_ = true;
    work_.notify_all();
  }

  // Once the threads are joined: the printing failure first, else the input's.
  void rethrow_failure() const {
    if (failure_) std::rethrow_exception(failure_);
    if (input_failure_) std::rethrow_exception(input_failure_);
  }

 private:
  void stop() {  // with the lock held
    stopped_ = true;
    work_.notify_all();
    room_.notify_all();
  }

  // Prints the answers ready in order, the lock held but while printing.
  void print_ready(std::unique_lock<std::mutex>& lock) {
    printing_ = true;
    while (!stopped_ && !answers_.empty() && answers_.front()) {
      Answer a = std::move(*answers_.front());
      answers_.pop_front();
      if (read_ - ++printed_ == refill_at_) room_.notify_one();  // a full reader waits until half is printed
      lock.unlock();
      try {
        print(printer_, a);
        flush_();
        lock.lock();
      } catch (...) {
        lock.lock();
        failure_ = std::current_exception();
        stop();
      }
    }
    printing_ = false;
  }

  const SearchRequest& request_;
  BatchPrinter& printer_;
  const std::function<void()>& flush_;
  const std::size_t read_ahead_, refill_at_;
  std::mutex mutex_;
  std::condition_variable work_;  // searchers: a query is waiting, or the input is done
  std::condition_variable room_;  // the reader: few enough queries read ahead
  std::deque<Query> waiting_;
  std::deque<std::optional<Answer>> answers_;  // from query number `printed_` on
  std::size_t read_ = 0, printed_ = 0;
  bool input_done_ = false, stopped_ = false, printing_ = false;
  std::exception_ptr failure_, input_failure_;
};

}  // namespace

void answer_batch(const std::vector<std::unique_ptr<Searcher>>& searchers, const SearchRequest& request,
                  const std::string& path, BatchPrinter& printer, const std::function<void()>& flush) {
  QueryLines input(path);
  if (searchers.size() == 1) {
    std::string line;
    bool truncated = false;
    while (input.next(line, truncated)) {
      if (blank(line)) continue;
      print(printer, answer(*searchers.front(), request, line, truncated));
      flush();
    }
    return;
  }
  Board board(searchers.size(), request, printer, flush);
  std::vector<std::thread> threads;
  for (const auto& searcher : searchers)
    threads.emplace_back([&board, &searcher] { board.search_loop(*searcher); });
  board.read_input(input);
  for (std::thread& t : threads) t.join();
  board.rethrow_failure();
}

}  // namespace depeche::cli
