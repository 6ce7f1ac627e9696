// A page as libxml2's HTML parser builds it: parsing (through the tag-soup pre-filter), walking the
// tree without recursion, reading attributes and the text of a subtree. Internal to the readers.
#ifndef DEPECHE_INCLUDED_READERS_HTML_TREE_H
#define DEPECHE_INCLUDED_READERS_HTML_TREE_H

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace depeche::html {

struct DocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocDeleter>;

// Start tags that would open an element deeper than this (or than ReadLimits::max_markup_depth)
// are dropped before parsing, with their end tags (markup::with_nesting_bounded).
constexpr std::size_t kFlattenDepth = 200;
// Levels the parser adds above what the page says (<html>, <body>, a <p> around bare text):
// walks of a flattened page go this much deeper than it was flattened to.
constexpr std::size_t kImpliedDepth = 3;

// libxml2's HTML parser stops at 255 (its hard limit without HTML_PARSE_HUGE).
static_assert(kFlattenDepth + kImpliedDepth < 255, "a flattened page is never cut by the parser");

// The depth a page is flattened to for a --max-markup-depth of `max_markup_depth`.
inline std::size_t flatten_depth(std::size_t max_markup_depth) {
  return std::clamp<std::size_t>(max_markup_depth, 1, kFlattenDepth);
}

// Parses `html` (in `encoding`) after cutting each element's attributes to `max_attributes` and
// its nesting to `max_depth`. `attributes_line`: where the first element cut to `max_attributes`
// is (0: none was); `nesting_flattened`: whether any start tag was dropped. Null when libxml2
// makes no document of it.
DocPtr parse_html(std::string_view html, const char* encoding, std::size_t max_depth, std::size_t max_attributes,
                  std::size_t* attributes_line = nullptr, bool* nesting_flattened = nullptr);

// An element's name ("" for none).
const char* cname(const xmlNode* n);
// Whether `n` is an element named `name` (ASCII case ignored).
bool is_element(const xmlNode* n, const char* name);
// An attribute's presence and value (at most 64 KiB of it); `name` may be prefixed ("xml:lang").
bool has_attr(const xmlNode* n, std::string_view name);
std::string attr(const xmlNode* n, std::string_view name);
// The white-space separated tokens of an attribute value ("rel", "itemprop").
std::vector<std::string> split_tokens(const std::string& s);
// Elements that sit inside a line of text (<span>, <b>, <a>).
bool is_inline(std::string_view element);

// Visits the subtree under `root` depth first, without recursion (the tree may be deep): each
// element gets `v.enter(node)` (false: skip its content) and, once its content is done,
// `v.leave(node)`; text and CDATA get `v.text(content)`. Elements deeper than `max_depth` below
// root are not entered; `too_deep` says some were there.
template <class Visitor>
void walk(xmlNode* root, std::size_t max_depth, bool& too_deep, Visitor& v) {
  if (!root) return;
  xmlNode* n = root->children;
  std::size_t depth = 1;
  while (n) {
    if (n->type == XML_ELEMENT_NODE) {
      if (depth > max_depth) {
        too_deep = true;
      } else if (v.enter(n)) {
        if (n->children) {
          n = n->children;
          ++depth;
          continue;
        }
        v.leave(n);
      }
    } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
      v.text(std::string_view(reinterpret_cast<const char*>(n->content)));
    }
    while (!n->next) {
      n = n->parent;
      --depth;
      if (!n || n == root || depth == 0) return;
      v.leave(n);
    }
    n = n->next;
  }
}

// Elements only, with their depth; `f(node, depth)` returns whether to look inside.
template <class F>
void walk_elements(xmlNode* root, std::size_t max_depth, bool& too_deep, F f) {
  struct Visitor {
    F& f;
    std::size_t depth = 0;
    bool enter(xmlNode* n) {
      if (!f(n, depth + 1)) return false;
      ++depth;
      return true;
    }
    void leave(xmlNode*) { --depth; }
    void text(std::string_view) {}
  } v{f};
  walk(root, max_depth, too_deep, v);
}


// The text a markup::TextBuilder makes of the subtree under `n` (never_text elements skipped).
std::string subtree_text(xmlNode* n, std::size_t max_depth, std::size_t max_bytes);
// Text bytes under `n` (never_text elements excluded, white space not counted), counting stopped
// at `limit`.
std::size_t text_length(xmlNode* n, std::size_t max_depth, std::size_t limit);
// A <script>'s content as written.
std::string raw_text(const xmlNode* n, std::size_t max_bytes);

}  // namespace depeche::html

#endif
