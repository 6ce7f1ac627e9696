// Charset detection and conversion (issue 6): ICU's detector biased to Western European charsets,
// declared charsets respected, valid UTF-8 untouched, chunked conversion equal to whole.
#include "util/charset.h"
#include "util/utf8.h"

#include <gtest/gtest.h>

#include <string>

using depeche::util::bom_charset;
using depeche::util::canonical_charset;
using depeche::util::detect_charset;
using depeche::util::is_valid_utf8;
using depeche::util::to_utf8;
using depeche::util::Utf8Decoder;
using depeche::util::xml_declared_encoding;

namespace {

// "L’œuvre de l’été attire « beaucoup » de curieux à Besançon." in Windows-1252.
const std::string kCp1252 =
    "L\x92\x9Cuvre de l\x92\xE9t\xE9 attire \xAB beaucoup \xBB de curieux \xE0 Besan\xE7on.";
const std::string kUtf8 = "L’œuvre de l’été attire « beaucoup » de curieux à Besançon.";

std::string utf16le(const std::u16string& s, bool bom) {
  std::string out = bom ? "\xFF\xFE" : "";
  for (char16_t c : s) {
    out += static_cast<char>(c & 0xFF);
    out += static_cast<char>(c >> 8);
  }
  return out;
}

}  // namespace

TEST(Charset, LabelsAreCanonical) {
  EXPECT_EQ(canonical_charset("latin1"), "windows-1252") << "Latin-1 is read as its superset";
  EXPECT_EQ(canonical_charset("ISO-8859-1"), "windows-1252");
  EXPECT_EQ(canonical_charset("iso_8859-1"), "windows-1252");
  EXPECT_EQ(canonical_charset("cp1252"), "windows-1252");
  EXPECT_EQ(canonical_charset("US-ASCII"), "windows-1252");
  EXPECT_EQ(canonical_charset("utf8"), "UTF-8");
  EXPECT_EQ(canonical_charset(" \"UTF-8\" "), "UTF-8");
  EXPECT_EQ(canonical_charset("ISO-8859-15"), "ISO-8859-15");
  EXPECT_EQ(canonical_charset("pas-un-charset"), "");
  EXPECT_EQ(canonical_charset(""), "");
  EXPECT_EQ(canonical_charset(std::string(500, 'a')), "");
}

TEST(Charset, ValidUtf8IsReturnedAsItIs) {
  std::string detected;
  EXPECT_EQ(to_utf8(kUtf8, "", &detected), kUtf8);
  EXPECT_EQ(detected, "UTF-8");
  EXPECT_EQ(to_utf8("", "", &detected), "");
}

TEST(Charset, Windows1252IsDetectedAndConverted) {
  std::string detected;
  EXPECT_EQ(to_utf8(kCp1252, "", &detected), kUtf8);
  EXPECT_EQ(detected, "windows-1252");
  // ICU's own first guess for this short text is windows-1250 (œ would become ś): the bias holds.
  EXPECT_EQ(detect_charset(kCp1252), "windows-1252");
  EXPECT_EQ(detect_charset("Caf\xE9"), "windows-1252");
}

TEST(Charset, DeclaredCharsetIsRespected) {
  std::string detected;
  // 0xA4 is € in ISO-8859-15 and ¤ in Windows-1252.
  EXPECT_EQ(to_utf8("Prix : 5 \xA4", "ISO-8859-15", &detected), "Prix : 5 €");
  EXPECT_EQ(detected, "ISO-8859-15");
  EXPECT_EQ(to_utf8("Prix : 5 \xA4", "windows-1252"), "Prix : 5 ¤");
  // Declared Latin-1 with Windows-1252 quotes (the usual case): read as Windows-1252.
  EXPECT_EQ(to_utf8("l\x92\xE9t\xE9", "iso-8859-1"), "l’été");
  // An unknown declaration is ignored.
  EXPECT_EQ(to_utf8(kCp1252, "x-inconnu"), kUtf8);
  // A <meta charset=utf-16> on an ASCII-compatible page is a copy-paste error.
  EXPECT_EQ(to_utf8("caf\xE9", "utf-16"), "café");
}

TEST(Charset, ByteOrderMarksDecideAndAreRemoved) {
  std::string detected;
  EXPECT_EQ(to_utf8(utf16le(u"Été à Nîmes", true), "", &detected), "Été à Nîmes");
  EXPECT_EQ(detected, "UTF-16LE");
  EXPECT_EQ(to_utf8("\xEF\xBB\xBF" "déjà", ""), "déjà");
  std::size_t length = 0;
  EXPECT_EQ(bom_charset("\xFE\xFF\x00\x41", &length), "UTF-16BE");
  EXPECT_EQ(length, 2u);
  EXPECT_EQ(bom_charset("abc", &length), "");
  EXPECT_EQ(length, 0u);
}

TEST(Charset, MostlyUtf8WithStrayBytesIsRepairedNotReencoded) {
  // A Latin-1 word pasted into UTF-8 text: the UTF-8 stays, the stray byte is read as Windows-1252.
  std::string detected;
  EXPECT_EQ(to_utf8("Le théâtre de l’été, puis caf\xE9.", "", &detected), "Le théâtre de l’été, puis café.");
  EXPECT_EQ(detected, "UTF-8");
}

TEST(Charset, NulBytesAreDropped) {
  EXPECT_EQ(to_utf8(std::string("a\0b\xE9", 4), ""), "abé");
  EXPECT_EQ(to_utf8(std::string("a\0b", 3), "windows-1252"), "ab");
}

TEST(Charset, OtherScriptsAreStillDetected) {
  // Russian in windows-1251: ICU is sure, the Western bias does not override it.
  const std::string cp1251 =
      "\xcc\xee\xf1\xea\xe2\xe0 \x2d \xf1\xf2\xee\xeb\xe8\xf6\xe0 \xd0\xee\xf1\xf1\xe8\xe8\x2c \xea\xf0\xf3\xef\xed\xe5\xe9"
      "\xf8\xe8\xe9 \xe3\xee\xf0\xee\xe4 \xf1\xf2\xf0\xe0\xed\xfb\x2e \xc2 \xe3\xee\xf0\xee\xe4\xe5 \xee\xf7\xe5\xed\xfc "
      "\xec\xed\xee\xe3\xee \xec\xf3\xe7\xe5\xe5\xe2 \xe8 \xf2\xe5\xe0\xf2\xf0\xee\xe2\x2c \xe0 \xf2\xe0\xea\xe6\xe5 "
      "\xef\xe0\xf0\xea\xee\xe2 \xe8 \xf1\xe0\xe4\xee\xe2\x2e";
  std::string detected;
  const std::string text = to_utf8(cp1251, "", &detected);
  EXPECT_EQ(detected, "windows-1251");
  EXPECT_EQ(text.substr(0, 12), "Москва");
}

TEST(Charset, EveryByteOfEveryCharsetGivesValidUtf8) {
  std::string all;
  for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  for (const char* cs : {"windows-1252", "ISO-8859-15", "windows-1251", "UTF-8", "UTF-16LE", "Shift_JIS", "KOI8-R"}) {
    const std::string out = to_utf8(all, cs);
    EXPECT_TRUE(is_valid_utf8(out)) << cs;
    EXPECT_EQ(out.find('\0'), std::string::npos) << cs;
  }
  EXPECT_TRUE(is_valid_utf8(to_utf8(all, "")));
}

TEST(Charset, ChunkedDecodingEqualsWholeDecoding) {
  const std::string utf8 = kUtf8 + " 𝄞 " + kUtf8;  // a 4-byte sequence too
  const std::string utf16 = utf16le(u"Été à Nîmes, 𝄞 fin", false);
  for (const auto& [charset, input] : std::initializer_list<std::pair<const char*, std::string>>{
           {"UTF-8", utf8}, {"windows-1252", kCp1252}, {"UTF-16LE", utf16}, {"UTF-8", "caf\xE9 " + kUtf8}}) {
    const std::string whole = to_utf8(input, charset);
    for (std::size_t chunk : {1, 2, 3, 5, 7}) {
      Utf8Decoder decoder(charset);
      std::string out;
      for (std::size_t i = 0; i < input.size(); i += chunk)
        decoder.decode(std::string_view(input).substr(i, chunk), out, i + chunk >= input.size());
      EXPECT_EQ(out, whole) << charset << " in chunks of " << chunk;
    }
  }
}

TEST(Charset, DecoderCountsBadBytes) {
  Utf8Decoder utf8("UTF-8");
  std::string out;
  utf8.decode("ok \xE9t\xE9 \xC3", out, false);
  utf8.decode("\xA9", out, true);  // the sequence cut between two chunks is not bad
  EXPECT_EQ(out, "ok été é");
  EXPECT_EQ(utf8.bad_bytes(), 2u);
  Utf8Decoder unknown("x-inconnu");
  EXPECT_EQ(unknown.charset(), "UTF-8");
}

TEST(Charset, XmlDeclarationEncoding) {
  EXPECT_EQ(xml_declared_encoding("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss/>"), "ISO-8859-1");
  EXPECT_EQ(xml_declared_encoding("\xEF\xBB\xBF  <?xml version='1.0' encoding = 'windows-1252' ?>"), "windows-1252");
  EXPECT_EQ(xml_declared_encoding("<?xml version=\"1.0\"?><rss encoding=\"x\"/>"), "");
  EXPECT_EQ(xml_declared_encoding("<rss/>"), "");
  EXPECT_EQ(xml_declared_encoding("<?xml encoding=\"" + std::string(100, 'a')), "");
}
