#include "index/stored_article.h"

#include "readers/article_fields.h"
#include "schema.h"
#include "util/error.h"
#include "util/hash.h"
#include "util/utf8.h"

#include <nlohmann/json.hpp>
#include <lz4.h>
#include <zlib.h>
#include <zstd.h>

#include <cstdint>
#include <memory>
#include <optional>

namespace depeche {

using nlohmann::json;

namespace {

// How a stored body is compressed: zlib in schema version 2, LZ4 in versions 3 to 5, zstd since 6.
enum class BodyCodec { kZlib, kLz4, kZstd };

BodyCodec body_codec(StoredLayout layout) {
  switch (layout) {
    case StoredLayout::kDataAndZlibBody: return BodyCodec::kZlib;
    case StoredLayout::kDataAndLz4Body:
    case StoredLayout::kOneValueLz4Body: return BodyCodec::kLz4;
    case StoredLayout::kOneValue: break;
  }
  return BodyCodec::kZstd;
}

// zstd's default level: it halves French prose where LZ4 kept three quarters of it, and costs a
// first index of the news corpus under a second.
constexpr int kZstdLevel = 3;

// The article as a JSON object (sorted keys: the stored bytes and content hashes depend on it):
// the stored fields leave out the body, stored apart; the canonical form, of which content hashes
// are taken, leaves out the file the article came from, so that the same article in another file
// (a feed fetched again) is the same content.
json article_object(const Article& a, bool with_body, bool with_origin) {
  json j = json::object();
  for (const ArticleField& f : article_fields()) {
    if ((f.kind == ArticleFieldKind::kBody && !with_body) || (!f.of_the_article && !with_origin)) continue;
    put_field(j, a, f);
  }
  return j;
}

json fields_json(const Article& a) { return article_object(a, false, true); }

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// A size as 4 little-endian bytes, in front of the fields and of the compressed body.
constexpr std::size_t kSizeBytes = 4;

void append_size(std::string& out, std::size_t size) {
  for (std::size_t i = 0; i < kSizeBytes; ++i) out += static_cast<char>((size >> (8 * i)) & 0xff);
}

std::uint32_t read_size(std::string_view stored) {
  std::uint32_t size = 0;
  for (std::size_t i = 0; i < kSizeBytes; ++i) size |= static_cast<std::uint32_t>(static_cast<unsigned char>(stored[i])) << (8 * i);
  return size;
}

void append_body(std::string& out, const std::string& body) {
  // The 4-byte size in front of the body bounds it; so does LZ4's limit for the bodies older versions stored.
  if (body.size() > static_cast<std::size_t>(LZ4_MAX_INPUT_SIZE)) throw Error("article body too large to store");
  // One context per thread: making one per body would cost more than compressing a short one.
  thread_local const std::unique_ptr<ZSTD_CCtx, std::size_t (*)(ZSTD_CCtx*)> context(ZSTD_createCCtx(), ZSTD_freeCCtx);
  const std::size_t bound = ZSTD_compressBound(body.size());
  const std::size_t at = out.size();
  append_size(out, body.size());
  out.resize(at + kSizeBytes + bound);
  const std::size_t packed = ZSTD_compressCCtx(context.get(), &out[at + kSizeBytes], bound, body.data(), body.size(), kZstdLevel);
  if (ZSTD_isError(packed)) throw Error(std::string("cannot compress an article body: ") + ZSTD_getErrorName(packed));
  out.resize(at + kSizeBytes + packed);
}

std::string unpack_body(std::string_view stored, BodyCodec codec) {
  if (stored.size() < kSizeBytes) throw DataError("stored article body is truncated");
  const std::uint32_t size = read_size(stored);
  // No codec expands data more than its format allows: about 1032 times for deflate, 255 for LZ4,
  // 32,768 for zstd (a 128 KB block repeating one byte is 4 bytes); a larger size is damage, not a
  // reason to allocate it.
  const std::uint64_t max_ratio = codec == BodyCodec::kZstd ? 32768 : 1032;
  const std::size_t packed = stored.size() - kSizeBytes;
  if (size > packed * max_ratio + 64) throw DataError("stored article body is corrupt");
  std::string body(size, '\0');
  bool ok;
  if (codec == BodyCodec::kZstd) {
    thread_local const std::unique_ptr<ZSTD_DCtx, std::size_t (*)(ZSTD_DCtx*)> context(ZSTD_createDCtx(), ZSTD_freeDCtx);
    ok = ZSTD_decompressDCtx(context.get(), body.data(), size, stored.data() + kSizeBytes, packed) == size;
  } else if (codec == BodyCodec::kLz4) {
    ok = LZ4_decompress_safe(stored.data() + kSizeBytes, body.data(), static_cast<int>(packed), static_cast<int>(size)) ==
         static_cast<int>(size);
  } else {
    uLongf got = size;
    ok = uncompress(reinterpret_cast<Bytef*>(body.data()), &got, reinterpret_cast<const Bytef*>(stored.data() + kSizeBytes),
                    static_cast<uLong>(packed)) == Z_OK &&
         got == size;
  }
  if (!ok) throw DataError("stored article body is corrupt");
  return body;
}

}  // namespace

void store_article(const Article& a, Xapian::Document& doc) {
  const std::string fields = dump(fields_json(a));
  std::string stored;
  stored.reserve(kSizeBytes + fields.size() + kSizeBytes + ZSTD_COMPRESSBOUND(a.body.size()));
  append_size(stored, fields.size());
  stored += fields;
  if (!a.body.empty()) append_body(stored, a.body);
  doc.add_value(schema::kSlotArticle, stored);
}

std::string canonical_form(const Article& a) { return dump(article_object(a, true, false)); }

namespace {

// Hashes `text` as nlohmann's dump() writes it (quoted, escaped, UTF-8 kept as it is); false when
// the text is not valid UTF-8, which dump() would have repaired.
bool hash_json_string(std::string_view text, std::uint64_t& h) {
  static constexpr char kHex[] = "0123456789abcdef";
  const std::size_t n = text.size();
  h = util::fnv1a64("\"", h);
  std::size_t run = 0;  // start of the bytes not hashed yet, which need no escape
  for (std::size_t i = 0; i < n;) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const std::size_t len = util::utf8_sequence_length(text, i);
      if (len == 0) return false;
      i += len;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    h = util::fnv1a64(text.substr(run, i - run), h);
    char escape[6] = {'\\', 0};
    std::size_t size = 2;
    switch (c) {
      case '"': escape[1] = '"'; break;
      case '\\': escape[1] = '\\'; break;
      case '\b': escape[1] = 'b'; break;
      case '\f': escape[1] = 'f'; break;
      case '\n': escape[1] = 'n'; break;
      case '\r': escape[1] = 'r'; break;
      case '\t': escape[1] = 't'; break;
      default:
        escape[1] = 'u', escape[2] = '0', escape[3] = '0', escape[4] = kHex[c >> 4], escape[5] = kHex[c & 0xf];
        size = 6;
    }
    h = util::fnv1a64({escape, size}, h);
    run = ++i;
  }
  h = util::fnv1a64(text.substr(run), h);
  h = util::fnv1a64("\"", h);
  return true;
}

}  // namespace

std::string stored_fields(const Article& a) { return dump(fields_json(a)); }

std::uint64_t canonical_hash(const Article& a) {
  // canonical_form's keys are sorted: "author" (when there is one), "body", then the others.
  const std::string fields = dump(article_object(a, false, false));
  std::size_t before_body = 1;  // "{"
  if (!a.author.empty()) before_body += std::string_view(R"("author":)").size() + dump(json(a.author)).size() + 1;
  std::uint64_t h = util::fnv1a64(std::string_view(fields).substr(0, before_body));
  h = util::fnv1a64(R"("body":)", h);
  if (!hash_json_string(a.body, h)) return util::fnv1a64(canonical_form(a));
  h = util::fnv1a64(",", h);  // "id" always follows
  return util::fnv1a64(std::string_view(fields).substr(before_body), h);
}

StoredLayout stored_layout_of(const Xapian::Database& db) {
  const std::string version = db.get_metadata(schema::kMetaSchemaVersion);
  if (version == "1" || version == "2") return StoredLayout::kDataAndZlibBody;
  if (version == "3") return StoredLayout::kDataAndLz4Body;
  if (version == "4" || version == "5") return StoredLayout::kOneValueLz4Body;
  return StoredLayout::kOneValue;
}

namespace {

// Reads the stored fields straight into an Article, without building a json object first: that
// object, its map and its strings were a fifth of reading a hit. Values that are not strings,
// and keys no version wrote, are skipped.
class FieldsReader : public nlohmann::json_sax<json> {
 public:
  FieldsReader(Article& a, std::optional<std::string>& old_body) : a_(a), old_body_(old_body) {}
  bool is_object() const { return top_is_object_; }

  bool key(string_t& k) override {
    if (depth_ == 1) field_ = find_article_field(k);
    return true;
  }
  bool string(string_t& value) override {
    if (tags_depth_ && depth_ == tags_depth_) a_.tags.push_back(std::move(value));  // one of the tags
    if (depth_ != 1) return true;
    if (field_ && field_->kind == ArticleFieldKind::kBody) old_body_ = std::move(value);
    else if (field_) set_field_value(a_, *field_, std::move(value));
    return after_value();
  }
  bool start_object(std::size_t) override {
    if (depth_ == 0) top_is_object_ = true;
    ++depth_;
    return after_value();
  }
  bool end_object() override { return --depth_, true; }
  bool start_array(std::size_t) override {
    if (depth_ == 1 && field_ && field_->kind == ArticleFieldKind::kTags) tags_depth_ = depth_ + 1;
    return ++depth_, after_value();
  }
  bool end_array() override {
    if (depth_ == tags_depth_) tags_depth_ = 0;
    return --depth_, true;
  }
  bool null() override { return after_value(); }
  bool boolean(bool) override { return after_value(); }
  bool number_integer(number_integer_t) override { return after_value(); }
  bool number_unsigned(number_unsigned_t) override { return after_value(); }
  bool number_float(number_float_t, const string_t&) override { return after_value(); }
  bool binary(binary_t&) override { return after_value(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  bool after_value() {
    field_ = nullptr;
    return true;
  }
  Article& a_;
  std::optional<std::string>& old_body_;
  const ArticleField* field_ = nullptr;  // of the key just read
  int depth_ = 0;
  int tags_depth_ = 0;  // the depth of the tags' strings while their array is read, else 0
  bool top_is_object_ = false;
};

bool read_fields(std::string_view fields, Article& a, std::optional<std::string>& old_body) {
  FieldsReader reader(a, old_body);
  return json::sax_parse(fields, &reader) && reader.is_object();
}

Article decode_article(const Xapian::Document& doc, WithBody body, StoredLayout layout) {
  const std::string value = doc.get_value(schema::kSlotArticle);
  std::string_view fields, packed_body;
  std::string data;
  if (layout == StoredLayout::kOneValue || layout == StoredLayout::kOneValueLz4Body) {
    if (value.size() < kSizeBytes) throw DataError(value.empty() ? "no stored article" : "stored article is truncated");
    const std::uint32_t fields_size = read_size(value);
    if (value.size() - kSizeBytes < fields_size) throw DataError("stored article is truncated");
    fields = std::string_view(value).substr(kSizeBytes, fields_size);
    packed_body = std::string_view(value).substr(kSizeBytes + fields_size);
  } else {
    data = doc.get_data();
    fields = data;
    packed_body = value;
  }
  Article a;
  std::optional<std::string> old_body;
  if (!read_fields(fields, a, old_body)) throw DataError("stored article is not a JSON object");
  if (old_body) {
    a.body = std::move(*old_body);  // schema version 1 kept the body in the data
  } else if (!packed_body.empty() && (body == WithBody::kYes || (body == WithBody::kWhenUntitled && !a.title))) {
    a.body = unpack_body(packed_body, body_codec(layout));
  }
  return a;
}

}  // namespace

Article load_article(const Xapian::Document& doc, WithBody body, StoredLayout layout) {
  try {
    return decode_article(doc, body, layout);
  } catch (const DataError& e) {
    // The docid says which document to look at (xapian-delve); a document built in memory has none.
    if (doc.get_docid() == 0) throw;
    throw DataError("article docid " + std::to_string(doc.get_docid()) + ": " + e.what());
  }
}

}  // namespace depeche
