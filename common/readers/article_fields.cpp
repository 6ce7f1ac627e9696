#include "readers/article_fields.h"

#include "readers/problems.h"
#include "util/hash.h"
#include "util/printable.h"
#include "util/utf8.h"

#include <algorithm>

namespace depeche {
namespace {

// Replaces in place, as remove_control_characters says; true when anything was replaced.
bool replace_controls(std::string& text, bool keep_lines) {
  bool replaced = false;
  std::size_t w = 0;
  for (std::size_t r = 0; r < text.size();) {
    const std::size_t control = util::control_character_length(text, r);
    const char c = text[r];
    r += control ? control : 1;
    if (!control || (keep_lines && (c == '\n' || c == '\t'))) {
      text[w++] = c;
      continue;
    }
    replaced = true;
    if (keep_lines && c == '\r') {
      text[w++] = '\n';
      if (r < text.size() && text[r] == '\n') ++r;
    } else {
      text[w++] = ' ';
    }
  }
  text.resize(w);
  return replaced;
}

void replace_controls_in_line(std::string& field) {
  if (!replace_controls(field, false)) return;
  field.erase(0, std::min(field.size(), field.find_first_not_of(' ')));
  field.erase(field.find_last_not_of(' ') + 1);
}

}  // namespace

void remove_control_characters(Article& a) {
  for (std::string* field : {&a.source, &a.source_name, &a.section, &a.author, &a.lang, &a.standfirst})
    replace_controls_in_line(*field);
  for (std::string& tag : a.tags) replace_controls_in_line(tag);
  if (a.title) {
    replace_controls_in_line(*a.title);
    if (a.title->empty()) a.title.reset();
  }
  replace_controls(a.body, true);
}

const std::vector<ArticleField>& article_fields() {
  using K = ArticleFieldKind;
  static const std::vector<ArticleField> kFields{
      {"id", K::kText, &Article::id, true, true},          {"url", K::kText, &Article::url, false, true},
      {"source", K::kText, &Article::source, false, true}, {"section", K::kText, &Article::section, false, true},
      {"lang", K::kText, &Article::lang, false, true},     {"author", K::kText, &Article::author, false, true},
      {"origin", K::kText, &Article::origin, false, false}, {"date", K::kDate, nullptr, false, true},
      {"title", K::kTitle, nullptr, false, true},
      {"standfirst", K::kText, &Article::standfirst, false, true},
      {"body", K::kBody, &Article::body, true, true},
      {"tags", K::kTags, nullptr, false, true},
      {"source_name", K::kText, &Article::source_name, false, true},
  };
  return kFields;
}

const ArticleField* find_article_field(std::string_view key) {
  for (const ArticleField& f : article_fields())
    if (key == f.key) return &f;
  return nullptr;
}

std::optional<std::string> field_value(const Article& a, const ArticleField& f) {
  switch (f.kind) {
    case ArticleFieldKind::kTitle: return a.title;
    case ArticleFieldKind::kDate: return a.date.valid() ? std::optional<std::string>(a.date.iso()) : std::nullopt;
    case ArticleFieldKind::kTags: return std::nullopt;
    case ArticleFieldKind::kText:
    case ArticleFieldKind::kBody: break;
  }
  const std::string& text = a.*f.text;
  if (text.empty() && !f.always) return std::nullopt;
  return text;
}

void set_field_value(Article& a, const ArticleField& f, std::string value) {
  switch (f.kind) {
    case ArticleFieldKind::kTitle: a.title = std::move(value); return;
    case ArticleFieldKind::kDate:
      if (auto d = util::parse_iso_date(value)) a.date = *d;
      return;
    case ArticleFieldKind::kTags: a.tags.push_back(std::move(value)); return;
    case ArticleFieldKind::kText:
    case ArticleFieldKind::kBody: a.*f.text = std::move(value); return;
  }
}

namespace {

// Each run of white space (and control characters) one space, without leading or trailing space.
std::string folded_spaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t control = util::control_character_length(text, i);
    if (control || text[i] == ' ') {
      i += control ? control : 1;
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    out += text[i++];
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Cleans the tags as settle_standfirst_and_tags says; returns how many came after the kMaxTags kept.
std::size_t clean_tags(std::vector<std::string>& tags) {
  std::vector<std::string> kept;
  std::size_t dropped = 0;
  for (const std::string& raw : tags) {
    if (kept.size() == kMaxTags) {  // not even compared with those kept: a record may list millions
      ++dropped;
      continue;
    }
    std::string tag(util::utf8_prefix(folded_spaces(raw), kMaxTagBytes));
    if (!tag.empty() && tag.back() == ' ') tag.pop_back();  // cut after a space
    if (!tag.empty() && std::find(kept.begin(), kept.end(), tag) == kept.end()) kept.push_back(std::move(tag));
  }
  tags = std::move(kept);
  return dropped;
}

// Cuts and drops the standfirst as settle_standfirst_and_tags says; true when it was cut.
bool settle_standfirst(Article& a) {
  const bool cut = a.standfirst.size() > kMaxStandfirstBytes;
  if (cut) a.standfirst.resize(util::utf8_prefix(a.standfirst, kMaxStandfirstBytes).size());
  const std::string standfirst = folded_spaces(a.standfirst);
  if (standfirst.empty() || folded_spaces(a.body).find(standfirst) != std::string::npos) a.standfirst.clear();
  return cut;
}

}  // namespace

std::vector<std::string> settle_standfirst_and_tags(Article& a) {
  std::vector<std::string> problems;
  if (settle_standfirst(a)) problems.push_back(longer_than("standfirst", kMaxStandfirstBytes, kIndexedItsBeginning));
  if (const std::size_t dropped = clean_tags(a.tags))
    problems.push_back(std::to_string(dropped) + " tags past the first " + std::to_string(kMaxTags) + " ignored");
  return problems;
}

void add_comma_separated(std::string_view list, std::vector<std::string>& tags) {
  for (std::size_t start = 0; start <= list.size();) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    tags.emplace_back(list.substr(start, comma - start));
    start = comma + 1;
  }
}

std::string host_of(const std::string& url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string::npos) return {};
  std::size_t start = scheme + 3;
  std::size_t end = url.find_first_of("/?#", start);
  std::string host = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (const std::size_t at = host.rfind('@'); at != std::string::npos) host.erase(0, at + 1);
  if (const std::size_t colon = host.rfind(':'); colon != std::string::npos && host.find(']') == std::string::npos)
    host.erase(colon);
  for (char& c : host) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  return host;
}

std::string id_from_content(const std::string& name, const Article& a) {
  return name + "#" + util::hex64(util::fnv1a64(a.title.value_or("") + '\n' + a.date.iso() + '\n' + a.body));
}

std::string id_of_unlinked(const std::string& name, const Article& a) {
  return name == "-" ? id_from_content(name, a) : name;
}

}  // namespace depeche
