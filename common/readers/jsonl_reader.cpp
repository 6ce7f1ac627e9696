#include "readers/jsonl_reader.h"

#include "readers/article_fields.h"
#include "readers/input_charset.h"
#include "readers/problems.h"
#include "util/date_parse.h"
#include "util/input_file.h"
#include "util/utf8.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <initializer_list>
#include <vector>

namespace depeche {
namespace {

using nlohmann::json;

// Values nested deeper than this are dropped while parsing: an article needs depth 2, and
// hostile input nested 100,000 deep must not cost memory.
constexpr int kMaxDepth = 8;

// A JSON string can hold "\u0000", which the raw-byte repair before parsing never sees: dropped
// here like a NUL byte (docs/robustness.md). Adds how many to `nuls`.
std::string without_nuls(std::string s, std::size_t& nuls) {
  const std::size_t before = s.size();
  s.erase(std::remove(s.begin(), s.end(), '\0'), s.end());
  nuls += before - s.size();
  return s;
}

// A string field; numbers are accepted as their decimal text, anything else counts as absent.
std::string text_field(const json& obj, const char* key, std::size_t& nuls) {
  auto it = obj.find(key);
  if (it == obj.end()) return {};
  if (it->is_string()) return without_nuls(it->get<std::string>(), nuls);
  if (it->is_number_unsigned()) return std::to_string(it->get<unsigned long long>());  // beyond long long's range
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  return {};
}

// The first of `keys` that holds text: the names archives give one field.
std::string first_text_field(const json& obj, std::initializer_list<const char*> keys, std::size_t& nuls) {
  for (const char* key : keys)
    if (std::string text = text_field(obj, key, nuls); !text.empty()) return text;
  return {};
}

// The tags of "tags" and "keywords": an array of strings, or one comma-separated string. Returns
// what is wrong with them (values that are no string), or "".
std::string read_tags(const json& obj, std::vector<std::string>& tags, std::size_t& nuls) {
  std::size_t ignored = 0;
  for (const char* key : {"tags", "keywords"}) {
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) continue;
    if (it->is_string()) {
      add_comma_separated(without_nuls(it->get<std::string>(), nuls), tags);
    } else if (it->is_array()) {
      for (const json& tag : *it) {
        if (tag.is_string()) tags.push_back(without_nuls(tag.get<std::string>(), nuls));
        else ++ignored;
      }
    } else {
      return std::string(key) + " is neither a string nor an array of strings; ignored";
    }
  }
  return ignored ? std::to_string(ignored) + " tags that are not strings ignored" : std::string();
}

// The four hex digits of a \u escape at text[i] (the backslash), or -1.
long escaped_unit(std::string_view text, std::size_t i) {
  if (i + 6 > text.size() || text[i + 1] != 'u') return -1;
  long unit = 0;
  for (std::size_t k = i + 2; k < i + 6; ++k) {
    const char c = text[k];
    const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (digit < 0) return -1;
    unit = unit * 16 + digit;
  }
  return unit;
}

// `line` with each \u escape of a lone UTF-16 surrogate (a half of a pair without the other, which
// the JSON parser rejects, line and all) written \uFFFD; how many in `repaired`.
std::string without_lone_surrogates(std::string_view line, std::size_t& repaired) {
  std::string out;
  repaired = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] != '\\' || i + 1 >= line.size()) {
      out += line[i];
      continue;
    }
    const long unit = escaped_unit(line, i);
    if (unit < 0xD800 || unit > 0xDFFF) {  // another escape (or not a \u one): kept as it is
      out.append(line.substr(i, 2));
      ++i;
      continue;
    }
    const long next = unit <= 0xDBFF ? escaped_unit(line, i + 6) : -1;
    if (next >= 0xDC00 && next <= 0xDFFF) {  // a whole pair
      out.append(line.substr(i, 12));
      i += 11;
      continue;
    }
    out += "\\uFFFD";
    ++repaired;
    i += 5;
  }
  return out;
}

}  // namespace

std::optional<Article> parse_jsonl_line(std::string_view line, const InputName& name, std::size_t line_no,
                                        ArticleSink& sink) {
  std::size_t first = line.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return std::nullopt;

  bool too_deep = false;
  const json::parser_callback_t bounded = [&too_deep](int depth, json::parse_event_t, json&) {
    if (depth <= kMaxDepth) return true;
    too_deep = true;
    return false;
  };
  json obj = json::parse(line.begin(), line.end(), bounded, /*allow_exceptions=*/false);
  if (obj.is_discarded()) {  // perhaps only for a lone surrogate escape, which docs/robustness.md replaces
    std::size_t repaired = 0;
    const std::string fixed = without_lone_surrogates(line, repaired);
    if (repaired) obj = json::parse(fixed.begin(), fixed.end(), bounded, /*allow_exceptions=*/false);
    if (obj.is_discarded()) {
      sink.problem(name.display, line_no, "malformed JSON; line skipped");
      return std::nullopt;
    }
    sink.problem(name.display, line_no, "lone UTF-16 surrogate escapes (\\uD800-\\uDFFF) replaced with U+FFFD");
  }
  if (!obj.is_object()) {
    sink.problem(name.display, line_no, "not a JSON object; line skipped");
    return std::nullopt;
  }
  if (too_deep)
    sink.problem(name.display, line_no, "values nested deeper than " + std::to_string(kMaxDepth) + " levels ignored");
  std::size_t nuls = 0;
  Article a;
  a.origin = name.display;
  std::string date;
  for (const ArticleField& f : article_fields()) {
    if (!f.of_the_article) continue;
    if (f.kind == ArticleFieldKind::kDate) {
      date = text_field(obj, f.key, nuls);
    } else if (f.kind == ArticleFieldKind::kTitle) {  // a string only: a number is no title
      if (auto it = obj.find(f.key); it != obj.end() && it->is_string())
        if (std::string title = without_nuls(it->get<std::string>(), nuls); !title.empty()) a.title = std::move(title);
    } else if (f.kind == ArticleFieldKind::kTags) {
      if (const std::string problem = read_tags(obj, a.tags, nuls); !problem.empty())
        sink.problem(name.display, line_no, problem);
    } else if (f.text == &Article::standfirst) {
      a.standfirst = first_text_field(obj, {"description", "standfirst", "summary", "chapo"}, nuls);
    } else if (f.text == &Article::source_name) {
      a.source_name = first_text_field(obj, {"source_name", "site_name"}, nuls);
    } else {
      a.*f.text = text_field(obj, f.key, nuls);
    }
  }
  for (const std::string& problem : settle_standfirst_and_tags(a)) sink.problem(name.display, line_no, problem);
  if (auto id = obj.find("id"); id != obj.end() && id->is_number_float())  // a fraction, or past 64 bits
    sink.problem(name.display, line_no, "id " + id->dump() + " is not a string or a 64-bit integer; ignored");
  if (a.id.empty()) a.id = a.url;  // else named by its content, below
  if (a.source.empty()) a.source = host_of(a.url);
  if (nuls) sink.problem(name.display, line_no, "NUL characters (\\u0000) dropped");
  if (!date.empty()) {
    if (auto d = util::parse_date(date)) a.date = *d;
    else sink.problem(name.display, line_no, "invalid date '" + date + "'; indexed undated");
  }
  if (!a.title && a.body.empty()) {
    sink.problem(name.display, line_no,
                 (a.id.empty() ? std::string("record") : "article '" + a.id + "'") + " has neither title nor body; skipped");
    return std::nullopt;
  }
  // Not by its line number: removing a line above would rename every record below it.
  if (a.id.empty()) a.id = id_from_content(file_name_of(name), a);
  return a;
}

void read_jsonl_input(util::InputFile& in, const InputName& name, const ReadLimits& limits, ArticleSink& sink) {
  std::string line;
  bool truncated = false;
  for (std::size_t line_no = 1; in.read_line(line, limits.max_line_bytes, truncated); ++line_no) {
    if (truncated) {
      sink.problem(name.display, line_no, longer_than("line", limits.max_line_bytes, "skipped"));
      continue;
    }
    report_repair(util::repair_utf8(line), line_no, name, sink);
    if (auto a = parse_jsonl_line(line, name, line_no, sink)) {
      if (a->body.size() > limits.max_article_bytes) {
        a->body.resize(util::utf8_prefix(a->body, limits.max_article_bytes).size());
        sink.problem(name.display, line_no, longer_than("article", limits.max_article_bytes, kIndexedItsBeginning));
      }
      sink.article(std::move(*a));
    }
  }
}

}  // namespace depeche
