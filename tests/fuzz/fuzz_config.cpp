// fuzz_config: cli::parse_config, the configuration file both binaries read at every start, and
// the checks that keep what depeche writes into it one value per line.
// Properties: it returns or throws depeche::Error, nothing else; no value it returns holds a line
// break; a saved search's name and query that pass the checks read back exactly as written.
#include "fuzz_support.h"
#include "cli/config.h"
#include "util/error.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {
constexpr const char* kTarget = "fuzz_config";
bool one_line(const std::string& s) { return s.find('\n') == std::string::npos; }
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const depeche::cli::Config c = depeche::cli::parse_config(text, "fuzz");
    DEPECHE_FUZZ_CHECK(kTarget, one_line(c.db));
    for (const std::string& input : c.inputs) DEPECHE_FUZZ_CHECK(kTarget, one_line(input));
    for (const auto& [name, query] : c.saved) DEPECHE_FUZZ_CHECK(kTarget, !name.empty() && one_line(name) && one_line(query));
  } catch (const depeche::Error&) {
  }
  // The input split at its first NUL as a name and a query to save.
  const std::size_t cut = text.find('\0');
  const std::string name = text.substr(0, cut);
  const std::string query = cut == std::string::npos ? std::string("q") : text.substr(cut + 1);
  try {
    depeche::cli::check_saved_name(name);
    depeche::cli::check_config_value(query, "query");
  } catch (const depeche::Error&) {
    return 0;
  }
  const std::size_t first = query.find_first_not_of(' ');
  if (first == std::string::npos || query.back() == ' ') return 0;  // blanks around a value are trimmed
  const depeche::cli::Config back = depeche::cli::parse_config("saved." + name + " = " + query + "\n", "fuzz");
  DEPECHE_FUZZ_CHECK(kTarget, back.saved.size() == 1 && back.saved.begin()->first == name &&
                                  back.saved.begin()->second == query.substr(first));
  return 0;
}
