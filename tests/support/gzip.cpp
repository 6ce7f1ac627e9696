#include "support/gzip.h"

#include <zlib.h>

#include <cstdint>
#include <stdexcept>

namespace depeche::test {

std::string gzip(std::string_view data) {
  z_stream z{};
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2 failed");
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (status != Z_STREAM_END) throw std::runtime_error("deflate failed");
  return out;
}

std::string inflatable_prefix(std::string_view gz) {
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) throw std::runtime_error("inflateInit2 failed");
  std::string out(std::size_t{64} << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  z.avail_in = static_cast<uInt>(gz.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  inflate(&z, Z_SYNC_FLUSH);  // one call: everything it can give before the end or an error
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

std::string jsonl_records(std::size_t n) {
  const char* words[] = {"maire", "conseil", "budget", "école", "port", "grève", "récolte", "tribunal",
                         "élection", "musée", "train", "forêt", "usine", "hôpital", "festival", "pêche"};
  std::string content;
  std::uint32_t x = 2026;
  for (std::size_t i = 0; i < n; ++i) {
    std::string body;
    for (int w = 0; w < 200; ++w) {
      x = x * 1103515245u + 12345u;
      body += std::string(words[(x >> 16) % 16]) + (w % 12 == 11 ? ". " : " ");
    }
    content += R"({"id": "r)" + std::to_string(i) + R"(", "date": "2021-05-04", "title": "Article )" +
               std::to_string(i) + R"(", "body": ")" + body + "\"}\n";
  }
  return content;
}

}  // namespace depeche::test
