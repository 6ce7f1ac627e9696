// Markup made text (readers/html_markup.h): the text builder's gaps, URLs and language tags.
#include "readers/html_markup.h"

#include <gtest/gtest.h>

using depeche::markup::Gap;
using depeche::markup::TextBuilder;

TEST(HtmlMarkup, TextBuilderCollapsesSpaceAndSeparatesBlocks) {
  TextBuilder b(1000);
  b.open_element("p");
  b.text("  un\t deux ");
  b.close_element("p");
  b.open_element("br");
  b.text("trois\xC2\xA0quatre");
  b.open_element("td");
  b.text("cinq");
  EXPECT_EQ(b.take(), "un deux\n\ntrois quatre cinq");
}

TEST(HtmlMarkup, TextBuilderKeepsPreformattedLinesAndStopsAtItsLimit) {
  TextBuilder pre(1000);
  pre.text("a\nb", true);
  EXPECT_EQ(pre.take(), "a\nb");
  TextBuilder small(5);
  small.text("étoilé");  // never half a character
  EXPECT_TRUE(small.full());
  EXPECT_EQ(small.take(), "étoi");
}

TEST(HtmlMarkup, GapsOfElements) {
  EXPECT_EQ(depeche::markup::gap_before("P"), Gap::kParagraph);
  EXPECT_EQ(depeche::markup::gap_before("br"), Gap::kLine);
  EXPECT_EQ(depeche::markup::gap_before("img"), Gap::kSpace);
  EXPECT_EQ(depeche::markup::gap_after("img"), Gap::kNone);
  EXPECT_EQ(depeche::markup::gap_after("b"), Gap::kNone);
  EXPECT_TRUE(depeche::markup::never_text("SCRIPT"));
  EXPECT_FALSE(depeche::markup::never_text("p"));
  EXPECT_TRUE(depeche::markup::in_list("Nav", {"menu", "nav"}));
  EXPECT_TRUE(depeche::markup::is_ascii_space('\f'));
}

TEST(HtmlMarkup, UrlsAreMadeAbsolute) {
  EXPECT_TRUE(depeche::markup::is_absolute_url("HTTPS://site.fr"));
  EXPECT_FALSE(depeche::markup::is_absolute_url("/a"));
  EXPECT_EQ(depeche::markup::absolute_url(" /a/b ", "https://site.fr/x"), "https://site.fr/a/b");
  EXPECT_EQ(depeche::markup::absolute_url("http://autre.fr/", "https://site.fr/x"), "http://autre.fr/");
  EXPECT_EQ(depeche::markup::absolute_url("/a", "site.fr"), "");
}

TEST(HtmlMarkup, LanguageCodeIsThePrimaryLanguage) {
  EXPECT_EQ(depeche::markup::language_code("fr-FR"), "fr");
  EXPECT_EQ(depeche::markup::language_code(" FR_be"), "fr");
  EXPECT_EQ(depeche::markup::language_code("f"), "");
  EXPECT_EQ(depeche::markup::language_code("fra"), "");
}
