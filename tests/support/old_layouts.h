// Articles stored as schema versions 1 to 5 wrote them, for the tests that check that --rebuild
// and load_article still read them: the fields in the document data, the body in slot 11 as a
// 4-byte little-endian size then zlib (version 2) or LZ4 (version 3); version 1 kept the whole
// article, body included, as the data; versions 4 and 5 kept both in slot 11, the fields' size and
// the fields, then the body's size and LZ4.
#ifndef DEPECHE_INCLUDED_TESTS_SUPPORT_OLD_LAYOUTS_H
#define DEPECHE_INCLUDED_TESTS_SUPPORT_OLD_LAYOUTS_H

#include "index/stored_article.h"
#include "schema.h"

#include <lz4.h>
#include <xapian.h>
#include <zlib.h>

#include <stdexcept>
#include <string>

namespace depeche::test {

inline std::string sized(std::size_t size) {
  std::string out(4, '\0');
  for (std::size_t i = 0; i < 4; ++i) out[i] = static_cast<char>((size >> (8 * i)) & 0xff);
  return out;
}

inline std::string zlib_body_slot(const std::string& body) {
  uLongf packed = compressBound(static_cast<uLong>(body.size()));
  std::string out = sized(body.size()) + std::string(packed, '\0');
  if (compress2(reinterpret_cast<Bytef*>(&out[4]), &packed, reinterpret_cast<const Bytef*>(body.data()),
                static_cast<uLong>(body.size()), Z_DEFAULT_COMPRESSION) != Z_OK)
    throw std::runtime_error("zlib compress2 failed");
  out.resize(4 + packed);
  return out;
}

inline std::string lz4_body_slot(const std::string& body) {
  const int bound = LZ4_compressBound(static_cast<int>(body.size()));
  std::string out = sized(body.size()) + std::string(static_cast<std::size_t>(bound), '\0');
  const int packed = LZ4_compress_default(body.data(), &out[4], static_cast<int>(body.size()), bound);
  if (packed <= 0) throw std::runtime_error("LZ4_compress_default failed");
  out.resize(4 + static_cast<std::size_t>(packed));
  return out;
}

// Rewrites the article in `doc` as schema `version` (1 to 5) stored it.
inline void store_as_version(const Article& a, int version, Xapian::Document& doc) {
  doc.add_value(schema::kSlotArticle, "");  // removes it (remove_value throws when it is absent)
  if (version >= 4) {
    const std::string fields = stored_fields(a);
    doc.set_data("");
    doc.add_value(schema::kSlotArticle, sized(fields.size()) + fields + (a.body.empty() ? "" : lz4_body_slot(a.body)));
    return;
  }
  if (version == 1) {
    doc.set_data(canonical_form(a));
    return;
  }
  doc.set_data(stored_fields(a));
  if (!a.body.empty()) doc.add_value(schema::kSlotArticle, version == 2 ? zlib_body_slot(a.body) : lz4_body_slot(a.body));
}

}  // namespace depeche::test

#endif
