// 64-bit FNV-1a against the published test vectors, and its chaining, which keys built from
// several pieces rely on.
#include "util/hash.h"

#include <gtest/gtest.h>

namespace {

using depeche::util::fnv1a64;
using depeche::util::hex64;
using depeche::util::kFnv1a64Start;

TEST(Fnv1a64, KnownVectors) {
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ULL) << "the offset basis";
  EXPECT_EQ(kFnv1a64Start, 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ULL);
}

TEST(Fnv1a64, ChainingEqualsHashingTheConcatenation) {
  EXPECT_EQ(fnv1a64("bar", fnv1a64("foo")), fnv1a64("foobar"));
  EXPECT_EQ(fnv1a64("", fnv1a64("foo")), fnv1a64("foo"));
  EXPECT_NE(fnv1a64("ab"), fnv1a64("ba"));
}

TEST(Fnv1a64, HashesBytesNotCharacters) {
  const std::string with_nul("a\0b", 3);
  EXPECT_NE(fnv1a64(with_nul), fnv1a64("ab")) << "a NUL byte counts";
  EXPECT_EQ(fnv1a64("\xc3\xa9"), fnv1a64("\xa9", fnv1a64("\xc3")));
}

TEST(Hex64, SixteenLowerCaseDigits) {
  EXPECT_EQ(hex64(0), "0000000000000000");
  EXPECT_EQ(hex64(0xaf63dc4c8601ec8cULL), "af63dc4c8601ec8c");
  EXPECT_EQ(hex64(0xffULL), "00000000000000ff");
}

}  // namespace
