#include "util/printable.h"

#include <gtest/gtest.h>

namespace {

using depeche::util::control_character_length;
using depeche::util::has_control_characters;
using depeche::util::printable;

TEST(Printable, ControlCharactersBecomeVisibleEscapes) {
  EXPECT_EQ(printable("café « Brest »"), "café « Brest »");
  EXPECT_EQ(printable("a\nb\tc\rd"), "a\\nb\\tc\\rd");
  EXPECT_EQ(printable("\x1b[2J\x1b]0;titre\x07"), "\\x1B[2J\\x1B]0;titre\\x07");
  EXPECT_EQ(printable("csi\xc2\x9b" "31m"), "csi\\u009B31m") << "C1 controls, the 8-bit escape sequences";
  EXPECT_EQ(printable("del\x7f"), "del\\x7F");
  EXPECT_EQ(printable("caf\xe9"), "caf\\xE9") << "not UTF-8";
  EXPECT_EQ(printable(std::string("nul\0x", 5)), "nul\\x00x");
  EXPECT_TRUE(has_control_characters("a\x1b"));
  EXPECT_TRUE(has_control_characters("\xc2\x85"));
  EXPECT_FALSE(has_control_characters("«\xc2\xa0»"));
}

TEST(Printable, KeptCharactersPassAndTheResultIsFinal) {
  EXPECT_EQ(printable("a\nb\tc\rd\x1b", "\n\t"), "a\nb\tc\\rd\\x1B") << "a body shown whole keeps its lines";
  const std::string hostile = "\x1b]0;x\x07\n\xc2\x9b\xe9";
  EXPECT_EQ(printable(printable(hostile)), printable(hostile)) << "escaping twice shows the same";
  EXPECT_FALSE(has_control_characters(printable(hostile)));
}

TEST(Printable, AnInvalidC2IsNoControlCharacter) {
  // 0xC2 then an ASCII byte is not UTF-8: the byte after it must be kept, not taken for a C1.
  EXPECT_EQ(printable("\xc2" "A"), "\\xC2A");
  EXPECT_FALSE(has_control_characters("\xc2" "A"));
  EXPECT_EQ(control_character_length("\xc2\x9b", 0), 2u);
  EXPECT_EQ(control_character_length("\xc2\xa0", 0), 0u);
  EXPECT_EQ(control_character_length("a\x7f", 1), 1u);
  EXPECT_EQ(control_character_length("\xc2", 0), 0u) << "cut short";
}

}  // namespace
