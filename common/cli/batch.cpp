#include "cli/batch.h"

#include "query/query_parser.h"
#include "util/input_file.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <iostream>
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
  explicit QueryLines(const std::string& path) {
    if (path != "-") file_.emplace(path);
  }
  bool next(std::string& line, bool& truncated) {
    if (file_) return file_->read_line(line, kMaxQueryBytes, truncated);
    line.clear();
    truncated = false;
    std::streambuf* in = std::cin.rdbuf();
    int c = in->sbumpc();
    if (c == EOF) return false;
    for (; c != EOF && c != '\n'; c = in->sbumpc()) {
      if (line.size() < kMaxQueryBytes) line.push_back(static_cast<char>(c));
      else truncated = true;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
  }

 private:
  std::optional<util::InputFile> file_;
};

struct Answer {
  std::string query;
  std::optional<SearchResult> result;
  std::string error;         // the query's own error, printed as its answer
  std::exception_ptr fatal;  // an error that stops the batch
};

Answer answer(Searcher& searcher, SearchRequest request, std::string line, bool truncated) {
  Answer a;
  if (truncated) {
    a.query = line.substr(0, 80) + "...";
    a.error = "query longer than 1 MiB";
    return a;
  }
  a.query = std::move(line);
  request.query = a.query;
  try {
    a.result = searcher.search(request);
  } catch (const QueryError& e) {
    a.error = e.what();
  } catch (...) {
    a.fatal = std::current_exception();
  }
  return a;
}

void print(Printer& printer, const Answer& a) {
  if (a.fatal) std::rethrow_exception(a.fatal);
  if (!a.result) return printer.query_error(a.query, a.error);
  printer.begin(a.query);
  for (const Hit& hit : a.result->hits) printer.hit(hit);
  printer.end(*a.result);
}

bool blank(const std::string& line) { return line.find_first_not_of(" \t") == std::string::npos; }

// The threads' shared state: queries waiting for a searcher, answers waiting for their turn.
struct Board {
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::pair<std::size_t, std::string>> waiting;  // query number, line
  std::deque<std::optional<Answer>> answers;                // from query number `printed` on
  std::size_t read = 0, printed = 0;
  bool input_done = false, stopped = false;
};

}  // namespace

void answer_batch(const std::vector<std::unique_ptr<Searcher>>& searchers, const SearchRequest& request,
                  const std::string& path, Printer& printer, const std::function<void()>& flush) {
  QueryLines input(path);
  std::string line;
  bool truncated = false;
  if (searchers.size() == 1) {
    while (input.next(line, truncated)) {
      if (blank(line)) continue;
      print(printer, answer(*searchers.front(), request, line, truncated));
      flush();
    }
    return;
  }

  Board board;
  std::exception_ptr failure;
  auto search_loop = [&](Searcher& searcher) {
    std::unique_lock<std::mutex> lock(board.mutex);
    for (;;) {
      board.changed.wait(lock, [&] { return board.stopped || !board.waiting.empty() || board.input_done; });
      if (board.stopped || board.waiting.empty()) return;
      auto [number, query] = std::move(board.waiting.front());
      board.waiting.pop_front();
      lock.unlock();
      Answer a = answer(searcher, request, std::move(query), false);
      lock.lock();
      board.answers[number - board.printed] = std::move(a);
      board.changed.notify_all();
    }
  };
  auto print_loop = [&] {
    std::unique_lock<std::mutex> lock(board.mutex);
    for (;;) {
      board.changed.wait(lock, [&] {
        return (!board.answers.empty() && board.answers.front()) || (board.input_done && board.printed == board.read);
      });
      if (board.answers.empty() || !board.answers.front()) return;  // everything read is printed
      Answer a = std::move(*board.answers.front());
      board.answers.pop_front();
      ++board.printed;
      lock.unlock();
      try {
        print(printer, a);
        flush();
      } catch (...) {
        lock.lock();
        failure = std::current_exception();
        board.stopped = true;
        board.changed.notify_all();
        return;
      }
      lock.lock();
      board.changed.notify_all();
    }
  };

  std::vector<std::thread> threads;
  threads.emplace_back(print_loop);
  for (const auto& searcher : searchers) threads.emplace_back(search_loop, std::ref(*searcher));
  const std::size_t read_ahead = kReadAheadPerSearcher * searchers.size();
  while (input.next(line, truncated)) {
    if (blank(line)) continue;
    std::unique_lock<std::mutex> lock(board.mutex);
    board.changed.wait(lock, [&] { return board.stopped || board.read - board.printed < read_ahead; });
    if (board.stopped) break;
    board.answers.emplace_back();
    if (truncated) board.answers.back() = answer(*searchers.front(), request, line, true);  // no search to run
    else board.waiting.emplace_back(board.read, line);
    ++board.read;
    board.changed.notify_all();
  }
  {
    std::lock_guard<std::mutex> lock(board.mutex);
    board.input_done = true;
    board.changed.notify_all();
  }
  for (std::thread& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace depeche::cli
