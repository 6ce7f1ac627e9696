// The look at markup before libxml2 parses it: where a start tag ends, and the attributes past the
// limit dropped, whatever pieces the text arrives in.
#include "readers/markup_scan.h"

#include <gtest/gtest.h>

namespace {

using namespace depeche::markup;

// `text` through a limiter in pieces of `piece_size` bytes.
std::string limited(std::string_view text, std::size_t max_attributes, std::size_t piece_size, std::size_t* first_line = nullptr) {
  AttributeLimiter limiter(max_attributes);
  std::string out, storage;
  for (std::size_t at = 0; at < text.size(); at += piece_size) out += limiter.filter(text.substr(at, piece_size), storage);
  if (first_line) *first_line = limiter.first_line();
  EXPECT_EQ(limiter.dropped(), limiter.first_line() != 0);
  return out;
}

TEST(MarkupScan, LexerCountsAttributesNotValuesOrTheName) {
  TagLexer lexer;
  int attributes = 0;
  const std::string_view tag = R"(a"b c=1 d="x y>z" e='f g' h>)";
  std::size_t end = 0;
  for (std::size_t i = 0; i < tag.size(); ++i) {
    const TagLexer::Char c = lexer.next(tag[i]);
    if (c == TagLexer::Char::kAttribute) ++attributes;
    if (c == TagLexer::Char::kEnd) {
      end = i;
      break;
    }
  }
  EXPECT_EQ(attributes, 4) << "c, d, e and h";
  EXPECT_EQ(end, tag.size() - 1) << "a '>' inside quotes does not end the tag";
}

TEST(MarkupScan, LexerSeesASelfClosingSlash) {
  TagLexer lexer;
  for (char c : std::string_view("br /")) lexer.next(c);
  EXPECT_TRUE(lexer.after_slash());
  lexer.next(' ');
  EXPECT_FALSE(lexer.after_slash());
}

TEST(MarkupScan, StartTagEnd) {
  const std::string_view markup = R"(x<a href="b>c">text)";
  EXPECT_EQ(start_tag_end(markup, 1), markup.find(">text"));
  EXPECT_EQ(start_tag_end("<a title='open", 0), 14u) << "an unclosed tag runs to the end";
}

TEST(MarkupScan, NothingDroppedUnderTheLimit) {
  AttributeLimiter limiter(3);
  std::string storage;
  const std::string_view text = "<p a b c>t</p>";
  EXPECT_EQ(limiter.filter(text, storage).data(), text.data()) << "the piece itself, not a copy";
  EXPECT_FALSE(limiter.dropped());
}

TEST(MarkupScan, AttributesPastTheLimitAreDropped) {
  const std::string text = "line one\n<p a=1 b=\"2\" c d>t</p>\n<br x y z/><i q>";
  for (std::size_t piece : {text.size(), std::size_t{1}, std::size_t{3}, std::size_t{7}}) {
    std::size_t first_line = 0;
    EXPECT_EQ(limited(text, 2, piece, &first_line), "line one\n<p a=1 b=\"2\" >t</p>\n<br x y /><i q>") << piece;
    EXPECT_EQ(first_line, 2u) << piece;
  }
}

TEST(MarkupScan, OnlyALessThanAndALetterOpenATag) {
  EXPECT_EQ(limited("1 < 2 a b c <!-- x y z --> </p a b c>", 1, 4), "1 < 2 a b c <!-- x y z --> </p a b c>");
}

TEST(MarkupScan, Messages) {
  EXPECT_EQ(excess_attributes_message(1000), "an element with more than 1000 attributes; the rest of them ignored");
  EXPECT_EQ(flattened_message(256), "markup nested deeper than 256 elements; the deeper tags ignored, their text kept");
}

}  // namespace
