#include "readers/article.h"

#include "util/hash.h"

namespace depeche {

std::string host_of(const std::string& url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string::npos) return {};
  std::size_t start = scheme + 3;
  std::size_t end = url.find_first_of("/?#", start);
  std::string host = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (const std::size_t at = host.rfind('@'); at != std::string::npos) host.erase(0, at + 1);
  if (const std::size_t colon = host.rfind(':'); colon != std::string::npos && host.find(']') == std::string::npos)
    host.erase(colon);
  for (char& c : host) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  return host;
}

std::string id_from_content(const std::string& name, const Article& a) {
  return name + "#" + util::hex64(util::fnv1a64(a.title.value_or("") + '\n' + a.date.iso() + '\n' + a.body));
}

std::string id_of_unlinked(const std::string& name, const Article& a) {
  return name == "-" ? id_from_content(name, a) : name;
}

}  // namespace depeche
