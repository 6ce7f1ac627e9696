#include "util/utf8.h"

#include <gtest/gtest.h>

namespace {

using depeche::util::append_utf8;
using depeche::util::is_valid_utf8;

std::string encoded(std::uint32_t cp) {
  std::string out = "<";
  append_utf8(cp, out);
  return out;
}

TEST(AppendUtf8, EncodesEachLengthAndAppends) {
  EXPECT_EQ(encoded(0x41), "<A");
  EXPECT_EQ(encoded(0x7F), "<\x7F");
  EXPECT_EQ(encoded(0xE9), "<\xC3\xA9") << "é";
  EXPECT_EQ(encoded(0x7FF), "<\xDF\xBF");
  EXPECT_EQ(encoded(0x800), "<\xE0\xA0\x80");
  EXPECT_EQ(encoded(0x20AC), "<\xE2\x82\xAC") << "€";
  EXPECT_EQ(encoded(0xFFFD), "<\xEF\xBF\xBD");
  EXPECT_EQ(encoded(0x10000), "<\xF0\x90\x80\x80");
  EXPECT_EQ(encoded(0x1F600), "<\xF0\x9F\x98\x80") << "😀";
  EXPECT_EQ(encoded(0x10FFFF), "<\xF4\x8F\xBF\xBF");
}

TEST(AppendUtf8, WritesWhatTheDecoderReadsBack) {
  for (std::uint32_t cp : {0x1u, 0x80u, 0x3A9u, 0xD7FFu, 0xE000u, 0xFFFFu, 0x10000u, 0x10FFFFu}) {
    std::string out;
    append_utf8(cp, out);
    EXPECT_TRUE(is_valid_utf8(out)) << std::hex << cp;
    EXPECT_EQ(depeche::util::utf8_sequence_length(out, 0), out.size()) << std::hex << cp;
  }
}

}  // namespace
