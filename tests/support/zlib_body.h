// The body slot as schema version 2 wrote it (4-byte little-endian size, then zlib), for the
// tests that check --rebuild and load_article still read it.
#ifndef DEPECHE_INCLUDED_TESTS_SUPPORT_ZLIB_BODY_H
#define DEPECHE_INCLUDED_TESTS_SUPPORT_ZLIB_BODY_H

#include <zlib.h>

#include <stdexcept>
#include <string>

namespace depeche::test {

inline std::string zlib_body_slot(const std::string& body) {
  uLongf packed = compressBound(static_cast<uLong>(body.size()));
  std::string out(4 + packed, '\0');
  for (std::size_t i = 0; i < 4; ++i) out[i] = static_cast<char>((body.size() >> (8 * i)) & 0xff);
  if (compress2(reinterpret_cast<Bytef*>(&out[4]), &packed, reinterpret_cast<const Bytef*>(body.data()),
                static_cast<uLong>(body.size()), Z_DEFAULT_COMPRESSION) != Z_OK)
    throw std::runtime_error("zlib compress2 failed");
  out.resize(4 + packed);
  return out;
}

}  // namespace depeche::test

#endif
