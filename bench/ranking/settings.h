// Settings of one bench/ablation variant, "key=value,key=value", into the fields they name.
#ifndef DEPECHE_BENCH_ABLATION_SETTINGS_H
#define DEPECHE_BENCH_ABLATION_SETTINGS_H

#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>
#include <string>

namespace ablation {

// Sets each field named in `spec` from its value; exits naming the key when it is unknown.
template <class Fields>
void apply(const std::string& spec, const Fields& fields) {
  std::stringstream in(spec);
  for (std::string item; std::getline(in, item, ',');) {
    if (item.empty()) continue;
    const std::size_t eq = item.find('=');
    const auto field = fields.find(item.substr(0, eq));
    if (eq == std::string::npos || field == fields.end()) {
      std::fprintf(stderr, "unknown setting '%s' (known:", item.c_str());
      for (const auto& [name, _] : fields) std::fprintf(stderr, " %s", name.c_str());
      std::fprintf(stderr, ")\n");
      std::exit(2);
    }
    field->second(std::strtod(item.c_str() + eq + 1, nullptr));
  }
}

}  // namespace ablation

#endif
