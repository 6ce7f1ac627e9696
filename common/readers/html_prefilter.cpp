#include "readers/html_prefilter.h"

#include "readers/html_markup.h"
#include "readers/markup_scan.h"
#include "util/ascii.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <vector>

namespace depeche::markup {
namespace {

// What stands for a dropped tag, so that the words on either side of a <p> or <td> stay apart.
const char* gap_markup(Gap gap) {
  switch (gap) {
    case Gap::kParagraph:
    case Gap::kLine: return "<br>";
    case Gap::kSpace: return " ";
    case Gap::kNone: break;
  }
  return "";
}

bool is_void_element(std::string_view name) {
  static constexpr std::string_view kVoid[] = {"area", "base", "basefont", "br", "col", "embed", "frame", "hr", "img",
                                              "input", "isindex", "keygen", "link", "meta", "param", "source", "track", "wbr"};
  return std::find(std::begin(kVoid), std::end(kVoid), name) != std::end(kVoid);
}

bool is_raw_text_element(std::string_view name) {
  static constexpr std::string_view kRaw[] = {"script", "style", "textarea", "title", "xmp", "noembed", "noframes"};
  return std::find(std::begin(kRaw), std::end(kRaw), name) != std::end(kRaw);
}

// Whether a start tag `name` closes an open element `open` that a sibling implies the end of
// (<p>a<p>b, <li>a<li>b): the parser nests them no deeper, nor does the depth counted here.
bool closes_sibling(std::string_view name, std::string_view open) {
  auto either = [](std::string_view n, std::string_view a, std::string_view b) { return n == a || n == b; };
  if (either(name, "td", "th")) return either(open, "td", "th");
  if (either(name, "dt", "dd")) return either(open, "dt", "dd");
  if (name == "p" || name == "li" || name == "option" || name == "tr") return open == name;
  return false;
}

std::size_t tag_name_end(std::string_view html, std::size_t from) {
  while (from < html.size() && (std::isalnum(static_cast<unsigned char>(html[from])) || html[from] == '-' || html[from] == ':'))
    ++from;
  return from;
}

std::string lower_name(std::string_view name) {
  std::string out(name);
  for (char& c : out) c = util::ascii_lower(c);
  return out;
}

}  // namespace

std::string_view with_nesting_bounded(std::string_view html, std::size_t max_depth, std::string& storage, bool& flattened) {
  flattened = false;
  struct Open {
    std::string name;
    bool dropped;
  };
  std::vector<Open> open;
  // How many of each name are open: an end tag that matches none is skipped at once. Searching the
  // stack for it took 13 s on 100,000 open <div> and as many stray </span>.
  std::unordered_map<std::string, std::size_t> open_names;
  std::size_t kept = 0, copied = 0;
  auto drop = [&](std::size_t from, std::size_t to, Gap gap) {
    // Tags dropped one after the other need one gap between their words, not one each: 100,000
    // nested <div> made as many <br> for the parser (four times the time, twice the memory).
    const std::string_view gap_text = gap_markup(gap);
    const bool same_gap = from == copied && storage.size() >= gap_text.size() &&
                          storage.compare(storage.size() - gap_text.size(), gap_text.size(), gap_text) == 0;
    storage.append(html.substr(copied, from - copied));
    if (!same_gap) storage += gap_text;
    copied = to;
    flattened = true;
  };
  auto close_from = [&](std::size_t index) {
    for (std::size_t i = index; i < open.size(); ++i) {
      kept -= open[i].dropped ? 0 : 1;
      --open_names[open[i].name];
    }
    open.resize(index);
  };
  for (std::size_t lt = html.find('<'); lt != std::string_view::npos && lt + 1 < html.size(); lt = html.find('<', lt + 1)) {
    const char next = html[lt + 1];
    if (next == '!' || next == '?') {  // comment, doctype, CDATA, processing instruction
      const bool comment = html.compare(lt, 4, "<!--") == 0;
      const std::size_t end = comment ? html.find("-->", lt + 4) : html.find('>', lt);
      if (end == std::string_view::npos) break;
      lt = end;
      continue;
    }
    const bool end_tag = next == '/';
    const std::size_t name_start = lt + (end_tag ? 2 : 1);
    if (name_start >= html.size() || !std::isalpha(static_cast<unsigned char>(html[name_start]))) continue;
    const std::string name = lower_name(html.substr(name_start, tag_name_end(html, name_start) - name_start));
    const std::size_t gt = end_tag ? html.find('>', name_start) : start_tag_end(html, lt);
    const std::size_t tag_end = gt == std::string_view::npos || gt >= html.size() ? html.size() : gt + 1;
    if (end_tag) {
      // Found, the search pops what it passes: each open element is passed once.
      const auto any = open_names.find(name);
      auto match = any == open_names.end() || any->second == 0
                       ? open.rend()
                       : std::find_if(open.rbegin(), open.rend(), [&](const Open& o) { return o.name == name; });
      if (match != open.rend()) {
        if (match->dropped) drop(lt, tag_end, gap_after(name));
        close_from(static_cast<std::size_t>(open.rend() - match) - 1);
      }
    } else if (is_raw_text_element(name)) {
      // Their text is not markup: "<b>" inside a script opens nothing.
      std::size_t close = tag_end;
      while ((close = html.find("</", close)) != std::string_view::npos && !util::starts_with_ci(html.substr(close + 2), name))
        close += 2;
      if (close == std::string_view::npos) break;
      lt = close;
      continue;
    } else if (!is_void_element(name) && html[tag_end - 2] != '/') {
      if (!open.empty() && closes_sibling(name, open.back().name)) close_from(open.size() - 1);
      const bool too_deep = kept >= max_depth;
      if (too_deep) drop(lt, tag_end, gap_before(name));
      open.push_back({name, too_deep});
      ++open_names[name];
      kept += too_deep ? 0 : 1;
    }
    if (tag_end >= html.size()) break;
    lt = tag_end - 1;
  }
  if (!flattened) return html;
  storage.append(html.substr(std::min(copied, html.size())));
  return storage;
}

}  // namespace depeche::markup
