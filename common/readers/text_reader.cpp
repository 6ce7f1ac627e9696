#include "readers/text_reader.h"

#include "readers/article_fields.h"
#include "util/ascii.h"

#include <algorithm>
#include <vector>

namespace depeche {
namespace {

constexpr std::size_t kMaxTitleBytes = 300;

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (is_blank(s.front()) || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (is_blank(s.back()) || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// Splits off the first whitespace-delimited token of `s` (already left-trimmed).
std::string_view take_token(std::string_view& s) {
  std::size_t end = 0;
  while (end < s.size() && !is_blank(s[end])) ++end;
  std::string_view token = s.substr(0, end);
  s.remove_prefix(end);
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  return token;
}

bool is_url(std::string_view token) { return util::starts_with_ci(token, "http://") || util::starts_with_ci(token, "https://"); }

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // CRLF
    lines.push_back(line);
    start = nl + 1;
  }
  return lines;
}

bool line_is_blank(std::string_view line) { return trim(line).empty(); }

}  // namespace

Article parse_text_article(std::string_view content, const InputName& name, ArticleSink& sink) {
  Article a;
  a.origin = name.display;
  const auto lines = split_lines(content);
  std::string body_start;

  std::size_t first = 0;  // the header line, past blank lines
  while (first < lines.size() && line_is_blank(lines[first])) ++first;
  std::size_t next = first;
  const std::size_t header_line_no = first + 1;
  std::string_view header = first < lines.size() ? lines[first] : std::string_view{};
  while (!header.empty() && is_blank(header.front())) header.remove_prefix(1);
  std::string_view rest = header;
  if (take_token(rest) == "date") {
    next = first + 1;
    const std::string_view date_text = take_token(rest);
    if (auto date = util::parse_iso_date(date_text); date && date_text.size() <= 10) {
      a.date = *date;
    } else {
      sink.problem(name.display, header_line_no,
                   "invalid date '" + std::string(date_text) + "' (expected YYYY, YYYY-MM or YYYY-MM-DD); indexed undated");
    }
    std::string_view after_date = rest;
    if (is_url(take_token(rest))) {
      a.url = std::string(take_token(after_date));
      after_date = rest;
    }
    body_start = std::string(trim(after_date));
  } else {
    sink.problem(name.display, header_line_no, "no 'date YYYY[-MM[-DD]]' header line; indexed undated");
  }

  // An optional title line, unless the body already began on the date line.
  while (next < lines.size() && line_is_blank(lines[next])) ++next;
  if (body_start.empty() && next < lines.size()) {
    const std::string_view candidate = trim(lines[next]);
    const bool followed_by_blank = next + 1 >= lines.size() || line_is_blank(lines[next + 1]);
    // A paragraph of its own can be the title, unless it is too long for one.
    if (candidate.size() <= kMaxTitleBytes && (followed_by_blank || candidate.back() != '.')) {
      a.title = std::string(candidate);
      ++next;
    }
  }
  std::string body = body_start;
  for (; next < lines.size(); ++next) {
    if (!body.empty()) body += '\n';
    body.append(lines[next]);
  }
  a.body = std::string(trim(body));
  a.id = a.url.empty() ? id_of_unlinked(name.display, a) : a.url;
  a.source = host_of(a.url);
  return a;
}

}  // namespace depeche
