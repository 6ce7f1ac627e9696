// InputFile on gzip data: several members, and damage (a bad block, a failed check, a file cut
// short, bytes after the last member), which ends the input after the last line that
// decompressed whole and says where.
#include "util/input_file.h"

#include "support/gzip.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

using depeche::util::InputFile;
namespace t = depeche::test;

namespace {

struct Lines {
  std::vector<std::string> lines;
  std::optional<InputFile::Damage> damage;
};

Lines read_lines(const std::string& path) {
  InputFile in(path);
  Lines out;
  std::string line;
  bool truncated = false;
  while (in.read_line(line, std::size_t{1} << 20, truncated)) out.lines.push_back(line);
  out.damage = in.damage();
  return out;
}

std::size_t newlines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

// The lines of `text` that end with a newline.
std::vector<std::string> whole_lines(const std::string& text) {
  std::vector<std::string> lines;
  for (std::size_t start = 0, nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
    lines.push_back(text.substr(start, nl - start));
  return lines;
}

const std::string kRecords = t::jsonl_records(200);

}  // namespace

TEST(InputFile, ConcatenatedMembersAreAllRead) {
  t::TempDir dir;
  const std::string path = dir.write("two.jsonl.gz", t::gzip("premier\nsecond\n") + t::gzip("troisième\n") + t::gzip(""));
  const Lines got = read_lines(path);
  EXPECT_EQ(got.lines, (std::vector<std::string>{"premier", "second", "troisième"}));
  EXPECT_FALSE(got.damage);
}

TEST(InputFile, DataThatIsNotGzipIsReadAsItIs) {
  t::TempDir dir;
  const Lines got = read_lines(dir.write("plain.jsonl.gz", "une\ndeux"));
  EXPECT_EQ(got.lines, (std::vector<std::string>{"une", "deux"}));
  EXPECT_FALSE(got.damage);
  EXPECT_TRUE(read_lines(dir.write("empty.gz", "")).lines.empty());
}

TEST(InputFile, BadCrcKeepsEveryLineAndSaysTheCheckFailed) {
  t::TempDir dir;
  std::string gz = t::gzip(kRecords);
  gz[gz.size() - 8] = static_cast<char>(gz[gz.size() - 8] ^ 0x5a);  // CRC-32, then ISIZE
  const Lines got = read_lines(dir.write("crc.jsonl.gz", gz));
  EXPECT_EQ(got.lines, whole_lines(kRecords));
  ASSERT_TRUE(got.damage);
  EXPECT_EQ(got.damage->line, 201u);
  EXPECT_EQ(got.damage->message, "gzip check failed (incorrect data check): the 200 lines read may hold wrong text");
}

TEST(InputFile, BadLengthTrailerKeepsEveryLine) {
  t::TempDir dir;
  std::string gz = t::gzip(kRecords);
  gz[gz.size() - 1] = static_cast<char>(gz[gz.size() - 1] ^ 0x01);
  const Lines got = read_lines(dir.write("length.jsonl.gz", gz));
  EXPECT_EQ(got.lines.size(), 200u);
  ASSERT_TRUE(got.damage);
  EXPECT_EQ(got.damage->message, "gzip check failed (incorrect length check): the 200 lines read may hold wrong text");
}

// zlib's gzread dropped what it had decompressed into its buffer (up to 128 KiB) at the damage.
TEST(InputFile, CutShortYieldsEveryWholeLineBeforeTheCut) {
  t::TempDir dir;
  const std::string gz = t::gzip(kRecords);
  const std::string cut = gz.substr(0, gz.size() / 2);
  const std::vector<std::string> expected = whole_lines(t::inflatable_prefix(cut));
  ASSERT_GT(expected.size(), 50u);
  ASSERT_LT(expected.size(), 200u);
  const Lines got = read_lines(dir.write("cut.jsonl.gz", cut));
  EXPECT_EQ(got.lines, expected) << "every whole line, and not the beginning of the line that was cut";
  ASSERT_TRUE(got.damage);
  EXPECT_EQ(got.damage->line, expected.size() + 1);
  EXPECT_EQ(got.damage->message, "gzip data cut short at byte " + std::to_string(cut.size()) + ": read up to line " +
                                     std::to_string(expected.size()) + ", the rest is missing");
}

TEST(InputFile, ReadAllStopsAtTheLastWholeLineBeforeTheDamage) {
  t::TempDir dir;
  const std::string gz = t::gzip(kRecords);
  const std::string cut = gz.substr(0, gz.size() / 3);
  const std::string prefix = t::inflatable_prefix(cut);
  InputFile in(dir.write("cut.txt.gz", cut));
  std::string all;
  EXPECT_FALSE(in.read_all(all, std::size_t{1} << 30));
  EXPECT_EQ(all, prefix.substr(0, prefix.rfind('\n') + 1));
  ASSERT_TRUE(in.damage());
  EXPECT_EQ(in.damage()->line, newlines(all) + 1);
}

TEST(InputFile, BytesAfterTheLastMemberAreReportedAndTheMemberKept) {
  t::TempDir dir;
  const std::string gz = t::gzip(kRecords);
  const Lines got = read_lines(dir.write("tail.jsonl.gz", gz + "pas du gzip\n"));
  EXPECT_EQ(got.lines.size(), 200u);
  ASSERT_TRUE(got.damage);
  EXPECT_EQ(got.damage->line, 201u);
  EXPECT_EQ(got.damage->message,
            "12 bytes after the end of the gzip data (byte " + std::to_string(gz.size()) + ") are not gzip; ignored");
}

TEST(InputFile, DamagedBlockInTheMiddleIsReportedWithWhatIsLost) {
  t::TempDir dir;
  std::string gz = t::gzip(kRecords);
  // 64 bytes of 0xff: here zlib meets codes that cannot be (damage can also decode as wrong text
  // until the check at the end, which the test of a bad CRC covers).
  const std::size_t at = gz.size() / 2;
  std::string broken = gz.substr(0, at) + std::string(64, '\xff') + gz.substr(at + 64);
  const std::vector<std::string> expected = whole_lines(t::inflatable_prefix(broken));
  const Lines got = read_lines(dir.write("block.jsonl.gz", broken));
  EXPECT_EQ(got.lines, expected);
  ASSERT_TRUE(got.damage);
  EXPECT_EQ(got.damage->line, expected.size() + 1);
  EXPECT_EQ(got.damage->message.rfind("damaged gzip data at byte ", 0), 0u) << got.damage->message;
  EXPECT_NE(got.damage->message.find(" of " + std::to_string(broken.size()) + " ("), std::string::npos) << got.damage->message;
  EXPECT_NE(got.damage->message.find("read up to line " + std::to_string(expected.size())), std::string::npos)
      << got.damage->message;
}

TEST(InputFile, GzipSignatureFollowedByGarbageReadsNothing) {
  t::TempDir dir;
  std::string garbage = "\x1f\x8b";
  for (std::uint32_t i = 0; i < 100000; ++i) garbage += static_cast<char>((i * 7919u) % 251);
  const Lines got = read_lines(dir.write("garbage.gz", garbage));
  EXPECT_TRUE(got.lines.empty());
  ASSERT_TRUE(got.damage);
  EXPECT_EQ(got.damage->line, 1u);
  EXPECT_NE(got.damage->message.find("nothing could be read"), std::string::npos) << got.damage->message;
}
