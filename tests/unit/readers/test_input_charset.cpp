// The charset policy every reader follows (readers/input_charset.h).
#include "readers/input_charset.h"

#include "support/collect.h"

#include <gtest/gtest.h>

#include <string>

using depeche::InputName;
using depeche::ReadLimits;
using depeche::test::Collect;

namespace {

const InputName kName{"x", "dir/x"};
const std::string kLatin1 = "caf\xE9 cr\xE8me br\xFBl\xE9" "e et th\xE9 \xE0 la menthe";

std::string messages(const Collect& sink) {
  std::string out;
  for (const auto& p : sink.problems) out += std::to_string(p.line) + ": " + p.message + "\n";
  return out;
}

}  // namespace

TEST(InputCharset, ValidUtf8IsKeptSilently) {
  Collect sink;
  EXPECT_EQ(depeche::document_utf8("été", {}, nullptr, kName, sink), "été");
  EXPECT_TRUE(sink.problems.empty());
}

TEST(InputCharset, PlainTextIsDetectedAndSaidAtItsFirstBadLine) {
  Collect sink;
  const std::string text = depeche::document_utf8("ligne\n" + kLatin1, {}, nullptr, kName, sink);
  EXPECT_NE(text.find("café"), std::string::npos);
  EXPECT_EQ(messages(sink), "2: invalid UTF-8, read as windows-1252\n");
}

TEST(InputCharset, MarkupDeclaringItsCharsetIsConvertedSilently) {
  Collect sink;
  const auto declared = [](std::string_view) { return std::string("ISO-8859-1"); };
  EXPECT_NE(depeche::document_utf8(kLatin1, {}, declared, kName, sink).find("crème"), std::string::npos);
  EXPECT_TRUE(sink.problems.empty()) << messages(sink);
}

TEST(InputCharset, MarkupDeclaringUtf8WronglyIsSaidAtLineOne) {
  Collect sink;
  const auto declared = [](std::string_view) { return std::string("utf-8"); };
  depeche::document_utf8("\n\n" + kLatin1, {}, declared, kName, sink);
  // A declared UTF-8 is believed: the stray bytes are repaired as Windows-1252, and said once.
  EXPECT_EQ(messages(sink), "1: not valid UTF-8 (declared utf-8), read as UTF-8\n");
}

TEST(InputCharset, ForcedEncodingWins) {
  Collect sink;
  ReadLimits limits;
  limits.encoding = "latin1";
  EXPECT_NE(depeche::document_utf8(kLatin1, limits, nullptr, kName, sink).find("thé"), std::string::npos);
  EXPECT_TRUE(sink.problems.empty()) << messages(sink);
  EXPECT_EQ(depeche::forced_charset(limits), "windows-1252");
  EXPECT_EQ(depeche::forced_charset({}), "");
}

TEST(InputCharset, NulBytesAreDroppedAndSaid) {
  Collect sink;
  EXPECT_EQ(depeche::document_utf8(std::string("a\nb\0c", 5), {}, nullptr, kName, sink), "a\nbc");
  EXPECT_EQ(messages(sink), "2: NUL bytes dropped\n");
}

TEST(InputCharset, StreamsChooseFromTheirHead) {
  ReadLimits limits;
  EXPECT_EQ(depeche::choose_stream_charset("<?xml version=\"1.0\"?><rss>été", true, limits).charset, "UTF-8");
  EXPECT_EQ(depeche::choose_stream_charset("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss>", true, limits).charset,
            "ISO-8859-1");
  const auto guessed = depeche::choose_stream_charset("<rss>" + kLatin1, true, limits);
  EXPECT_EQ(guessed.charset, "windows-1252");
  EXPECT_EQ(guessed.warning, "not valid UTF-8, read as windows-1252");
  limits.encoding = "latin1";
  EXPECT_EQ(depeche::choose_stream_charset("<rss>", true, limits).charset, "latin1");
  EXPECT_TRUE(depeche::is_wide_charset("UTF-16LE"));
  EXPECT_FALSE(depeche::is_wide_charset("UTF-8"));
}

TEST(InputCharset, RepairsAreReportedOnce) {
  Collect sink;
  depeche::util::Utf8Repair repair;
  repair.recoded_bytes = 2;
  repair.dropped_nuls = 1;
  depeche::report_repair(repair, 7, kName, sink);
  depeche::report_repair({}, 8, kName, sink);
  EXPECT_EQ(messages(sink), "7: invalid UTF-8, read as Windows-1252\n");
}
