#include "util/printable.h"

#include <gtest/gtest.h>

namespace {

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

}  // namespace
