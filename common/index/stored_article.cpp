#include "index/stored_article.h"

#include "schema.h"
#include "util/error.h"

#include <nlohmann/json.hpp>
#include <lz4.h>
#include <zlib.h>

#include <cstdint>

namespace depeche {

using nlohmann::json;

namespace {

json fields_json(const Article& a) {
  json j = {{"id", a.id}};
  if (a.title) j["title"] = *a.title;
  if (a.date.valid()) j["date"] = a.date.iso();
  for (const auto& [key, value] : {std::pair{"url", &a.url}, {"source", &a.source}, {"section", &a.section},
                                   {"lang", &a.lang}, {"author", &a.author}, {"origin", &a.origin}})
    if (!value->empty()) j[key] = *value;
  return j;
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// The body slot: its size as 4 little-endian bytes, then the compressed bytes.
constexpr std::size_t kSizeBytes = 4;

std::string pack_body(const std::string& body) {
  if (body.size() > static_cast<std::size_t>(LZ4_MAX_INPUT_SIZE)) throw Error("article body too large to store");
  const int bound = LZ4_compressBound(static_cast<int>(body.size()));
  std::string out(kSizeBytes + static_cast<std::size_t>(bound), '\0');
  const auto size = static_cast<std::uint32_t>(body.size());
  for (std::size_t i = 0; i < kSizeBytes; ++i) out[i] = static_cast<char>((size >> (8 * i)) & 0xff);
  const int packed = LZ4_compress_default(body.data(), &out[kSizeBytes], static_cast<int>(body.size()), bound);
  if (packed <= 0) throw Error("cannot compress an article body");
  out.resize(kSizeBytes + static_cast<std::size_t>(packed));
  return out;
}

std::string unpack_body(const std::string& stored, BodyCodec codec) {
  if (stored.size() < kSizeBytes) throw Error("stored article body is truncated");
  std::uint32_t size = 0;
  for (std::size_t i = 0; i < kSizeBytes; ++i) size |= static_cast<std::uint32_t>(static_cast<unsigned char>(stored[i])) << (8 * i);
  // Neither codec expands data more than about 1032 times (deflate's limit; LZ4's is 255): a larger
  // size is damage, not a reason to allocate it.
  constexpr std::uint64_t kMaxRatio = 1032;
  const std::size_t packed = stored.size() - kSizeBytes;
  if (size > packed * kMaxRatio + 64) throw Error("stored article body is corrupt");
  std::string body(size, '\0');
  bool ok;
  if (codec == BodyCodec::kLz4) {
    ok = LZ4_decompress_safe(stored.data() + kSizeBytes, body.data(), static_cast<int>(packed), static_cast<int>(size)) ==
         static_cast<int>(size);
  } else {
    uLongf got = size;
    ok = uncompress(reinterpret_cast<Bytef*>(body.data()), &got, reinterpret_cast<const Bytef*>(stored.data() + kSizeBytes),
                    static_cast<uLong>(packed)) == Z_OK &&
         got == size;
  }
  if (!ok) throw Error("stored article body is corrupt");
  return body;
}

}  // namespace

void store_article(const Article& a, Xapian::Document& doc) {
  doc.set_data(dump(fields_json(a)));
  if (!a.body.empty()) doc.add_value(schema::kSlotBody, pack_body(a.body));
}

std::string canonical_form(const Article& a) {
  json j = fields_json(a);
  j["body"] = a.body;
  return dump(j);
}

BodyCodec body_codec_of(const Xapian::Database& db) {
  return db.get_metadata(schema::kMetaSchemaVersion) == "2" ? BodyCodec::kZlib : BodyCodec::kLz4;
}

Article load_article(const Xapian::Document& doc, WithBody body, BodyCodec codec) {
  json j = json::parse(doc.get_data(), nullptr, false);
  if (!j.is_object()) throw Error("stored article is not a JSON object");
  Article a;
  auto text = [&](const char* key) { return j.value(key, std::string{}); };
  a.id = text("id");
  a.url = text("url");
  a.source = text("source");
  a.section = text("section");
  a.lang = text("lang");
  a.author = text("author");
  a.origin = text("origin");
  if (j.contains("title")) a.title = text("title");
  if (auto d = util::parse_iso_date(text("date"))) a.date = *d;
  if (j.contains("body")) {
    a.body = text("body");  // schema version 1 kept the body in the data
  } else if (body == WithBody::kYes || (body == WithBody::kWhenUntitled && !a.title)) {
    const std::string stored = doc.get_value(schema::kSlotBody);
    if (!stored.empty()) a.body = unpack_body(stored, codec);
  }
  return a;
}

}  // namespace depeche
