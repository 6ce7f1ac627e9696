#include "readers/reader.h"

#include "readers/jsonl_reader.h"
#include "readers/text_reader.h"
#include "util/error.h"
#include "util/date_parse.h"
#include "util/input_file.h"

namespace depeche {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Refines a month-precision date from the article's own text (a header "2023-07" and a body
// saying "23.07.2023"), whatever the format the article came in.
class DateRefiningSink : public ArticleSink {
 public:
  explicit DateRefiningSink(ArticleSink& next) : next_(next) {}
  void article(Article&& a) override {
    if (a.date.precision == util::DatePrecision::kMonth) {
      if (auto day = util::find_day_in_month(a.title ? *a.title + "\n" + a.body : a.body, a.date)) a.date = *day;
    }
    next_.article(std::move(a));
  }
  void problem(const std::string& file, std::size_t line, const std::string& message) override {
    next_.problem(file, line, message);
  }

 private:
  ArticleSink& next_;
};

// Text has few control characters; images, archives and executables have many. A stray NUL
// in text is dropped later (decision 4), so only a high share marks a binary file.
bool looks_binary(std::string_view head) {
  std::size_t control = 0;
  for (char ch : head) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++control;
  }
  return control * 10 > head.size();
}

}  // namespace

InputFormat parse_input_format(std::string_view name) {
  if (name == "auto") return InputFormat::kAuto;
  if (name == "text") return InputFormat::kText;
  if (name == "jsonl") return InputFormat::kJsonl;
  throw Error("unknown input format '" + std::string(name) + "' (expected auto, text or jsonl)");
}

InputFormat detect_format(const std::string& path, std::string_view head) {
  std::string_view name = path;
  if (ends_with(name, ".gz")) name.remove_suffix(3);
  if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson") || ends_with(name, ".json")) return InputFormat::kJsonl;
  const std::size_t first = head.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return InputFormat::kAuto;
  head.remove_prefix(first);
  if (head.front() == '{') return InputFormat::kJsonl;
  if (head.rfind("date ", 0) == 0 || head.rfind("date\t", 0) == 0) return InputFormat::kText;
  if (ends_with(name, ".txt")) return InputFormat::kText;
  return InputFormat::kAuto;
}

InputFormat read_input(const InputName& name, InputFormat format, const ReadLimits& limits, ArticleSink& final_sink) {
  DateRefiningSink sink(final_sink);
  util::InputFile in(name.path);
  const std::string_view head = in.peek(4096);
  if (head.empty()) {
    sink.problem(name.display, 1, "empty file; skipped");
    return InputFormat::kAuto;
  }
  if (looks_binary(head)) {
    sink.problem(name.display, 1, "binary file; skipped");
    return InputFormat::kAuto;
  }
  if (format == InputFormat::kAuto) format = detect_format(name.path, head);
  switch (format) {
    case InputFormat::kJsonl: read_jsonl_input(in, name, limits, sink); break;
    case InputFormat::kText: read_text_input(in, name, limits, sink); break;
    case InputFormat::kAuto:
      sink.problem(name.display, 1, "unknown format (not article text or JSON Lines); skipped");
      break;
  }
  return format;
}

}  // namespace depeche
