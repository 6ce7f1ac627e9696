// fuzz_jsonl_reader: JSON Lines articles, one line at a time as read_jsonl_input feeds them
// (each line split off at '\n', repaired into valid UTF-8, then parse_jsonl_line).
// The raw first line is also parsed unrepaired: the parser must reject, not crash on, bad bytes.
// Properties of an article it returns: a non-empty id, a title or a body (it skips the others),
// a well-formed date, and valid UTF-8 fields when the line was valid UTF-8.
#include "fuzz_support.h"
#include "readers/jsonl_reader.h"
#include "util/utf8.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

constexpr const char* kTarget = "fuzz_jsonl_reader";

void check_article(const depeche::Article& a, bool valid_input) {
  using depeche::util::is_valid_utf8;
  DEPECHE_FUZZ_CHECK(kTarget, !a.id.empty());
  DEPECHE_FUZZ_CHECK(kTarget, a.title.has_value() || !a.body.empty());
  DEPECHE_FUZZ_CHECK(kTarget, !a.title || !a.title->empty());
  depeche::fuzz::check_date(kTarget, a.date);
  if (valid_input) {
    DEPECHE_FUZZ_CHECK(kTarget, is_valid_utf8(a.id) && is_valid_utf8(a.url) && is_valid_utf8(a.source));
    DEPECHE_FUZZ_CHECK(kTarget, is_valid_utf8(a.body) && (!a.title || is_valid_utf8(*a.title)));
    DEPECHE_FUZZ_CHECK(kTarget, is_valid_utf8(a.section) && is_valid_utf8(a.lang) && is_valid_utf8(a.author));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const depeche::InputName name{"fuzz/articles.jsonl", "fuzz/articles.jsonl"};
  depeche::fuzz::CollectingSink sink;

  // Raw bytes, as a caller that forgot to repair would pass them.
  const std::string_view first_line = input.substr(0, input.find('\n'));
  if (auto a = depeche::parse_jsonl_line(first_line, name, 1, sink))
    check_article(*a, depeche::util::is_valid_utf8(first_line));

  std::size_t line_no = 1;
  for (std::size_t start = 0; start <= input.size(); ++line_no) {
    std::size_t end = input.find('\n', start);
    if (end == std::string_view::npos) end = input.size();
    std::string line(input.substr(start, end - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    depeche::util::repair_utf8(line);
    if (auto a = depeche::parse_jsonl_line(line, name, line_no, sink)) check_article(*a, true);
    start = end + 1;
  }
  return 0;
}
