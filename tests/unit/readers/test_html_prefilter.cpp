// The tag-soup pre-filter (readers/html_prefilter.h): nesting bounded before libxml2 parses.
#include "readers/html_prefilter.h"

#include <gtest/gtest.h>

#include <string>

using depeche::markup::with_nesting_bounded;

TEST(HtmlPrefilter, ShallowMarkupIsNotCopied) {
  const std::string html = "<div><p>un</p><p>deux</div>";
  std::string storage;
  bool flattened = true;
  const std::string_view out = with_nesting_bounded(html, 3, storage, flattened);
  EXPECT_FALSE(flattened);
  EXPECT_EQ(out.data(), html.data());
}

TEST(HtmlPrefilter, DeepTagsAreDroppedAndTheirTextKept) {
  std::string storage;
  bool flattened = false;
  EXPECT_EQ(with_nesting_bounded("<div><div><div>a</div>b</div></div>", 2, storage, flattened),
            "<div><div><br>a<br>b</div></div>");
  EXPECT_TRUE(flattened);
}

TEST(HtmlPrefilter, SiblingsVoidAndRawTextElementsDoNotNest) {
  std::string storage;
  bool flattened = false;
  // <p> closes the <p> before it, <br> opens nothing, a script's "<b>" is text.
  with_nesting_bounded("<p>a<p>b<br><br><script>'<b><b>'</script><p>c", 1, storage, flattened);
  EXPECT_FALSE(flattened);
}

TEST(HtmlPrefilter, CellsDroppedLeaveASpace) {
  std::string storage;
  bool flattened = false;
  EXPECT_EQ(with_nesting_bounded("<table><td>a</td><td>b</td></table>", 1, storage, flattened), "<table> a b </table>");
}
