#include "output/saved_search_printer.h"

#include "util/printable.h"

namespace depeche {

void print_saved_searches(std::ostream& out, const std::map<std::string, std::string>& saved) {
  for (const auto& [name, query] : saved) out << util::printable(name) << '\t' << util::printable(query) << '\n';
}

}  // namespace depeche
