#include "util/edit_distance.h"

#include <gtest/gtest.h>

namespace {

using depeche::util::edit_distance;

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("date", "date"), 0u);
  EXPECT_EQ(edit_distance("", "date"), 4u);
  EXPECT_EQ(edit_distance("date", ""), 4u);
  EXPECT_EQ(edit_distance("--fomat", "--format"), 1u) << "an insertion";
  EXPECT_EQ(edit_distance("sourcee", "source"), 1u) << "a deletion";
  EXPECT_EQ(edit_distance("titre", "title"), 1u) << "a substitution";
  EXPECT_EQ(edit_distance("auteur", "author"), 2u) << "two substitutions";
  EXPECT_EQ(edit_distance("--limti", "--limit"), 2u) << "a swap costs two";
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(EditDistance, IsSymmetric) {
  EXPECT_EQ(edit_distance("auteur", "author"), edit_distance("author", "auteur"));
  EXPECT_EQ(edit_distance("--bogus", "--jobs"), edit_distance("--jobs", "--bogus"));
}

TEST(EditDistance, CountsBytesNotCharacters) {
  EXPECT_EQ(edit_distance("pays", "päys"), 2u) << "ä is two bytes in UTF-8: a substitution and an insertion";
}

}  // namespace
