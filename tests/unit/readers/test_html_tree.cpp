// A page's libxml2 tree (readers/html_tree.h): parsing through the pre-filter, attributes, walks.
#include "readers/html_tree.h"

#include <gtest/gtest.h>

#include <string>

namespace html = depeche::html;

TEST(HtmlTree, ParsesAndReadsAttributesAndText) {
  const html::DocPtr doc = html::parse_html(
      "<html lang=fr><body><p class=' a  b '>Un <b>deux</b><script>x</script></p></body></html>", "UTF-8", 200, 1000);
  ASSERT_TRUE(doc);
  xmlNode* root = xmlDocGetRootElement(doc.get());
  EXPECT_TRUE(html::is_element(root, "HTML"));
  EXPECT_EQ(html::attr(root, "lang"), "fr");
  EXPECT_TRUE(html::has_attr(root, "LANG"));
  EXPECT_FALSE(html::has_attr(root, "dir"));
  EXPECT_EQ(html::subtree_text(root, 10, 1000), "Un deux");
  EXPECT_EQ(html::text_length(root, 10, 1000), 6u);
  std::string names;
  bool too_deep = false;
  html::walk_elements(root, 10, too_deep, [&](xmlNode* n, std::size_t depth) {
    names += std::string(html::cname(n)) + std::to_string(depth) + " ";
    if (std::string(html::cname(n)) == "p") {
      EXPECT_EQ(html::split_tokens(html::attr(n, "class")).size(), 2u);
    }
    return true;
  });
  EXPECT_EQ(names, "body1 p2 b3 script3 ");
  EXPECT_FALSE(too_deep);
}

TEST(HtmlTree, WalksStopAtTheirDepth) {
  const html::DocPtr doc = html::parse_html("<div><div><div>profond</div></div></div>", "UTF-8", 200, 1000);
  bool too_deep = false;
  html::walk_elements(xmlDocGetRootElement(doc.get()), 2, too_deep, [](xmlNode*, std::size_t) { return true; });
  EXPECT_TRUE(too_deep);
}

TEST(HtmlTree, LimitsAreAppliedAndSaid) {
  std::size_t attributes_line = 0;
  bool flattened = false;
  const html::DocPtr doc = html::parse_html("<p>\n<b x=1 y=2 z=3>a</b><i><i><i>b</i></i></i>", "UTF-8", 3, 2,
                                            &attributes_line, &flattened);
  ASSERT_TRUE(doc);
  EXPECT_EQ(attributes_line, 2u);
  EXPECT_TRUE(flattened);
  EXPECT_EQ(html::flatten_depth(0), 1u);
  EXPECT_EQ(html::flatten_depth(100000), html::kFlattenDepth);
}

TEST(HtmlTree, ScriptTextIsRaw) {
  const html::DocPtr doc = html::parse_html("<script>{\"a\": \"<p>\"}</script>", "UTF-8", 200, 1000);
  xmlNode* n = xmlDocGetRootElement(doc.get());
  while (n && !html::is_element(n, "script")) n = n->children;
  ASSERT_TRUE(n);
  EXPECT_EQ(html::raw_text(n, 100), "{\"a\": \"<p>\"}");
  EXPECT_TRUE(html::is_inline("SPAN"));
  EXPECT_FALSE(html::is_inline("div"));
}
