// depeche-search --list-saved: the saved searches of the configuration, one per line.
#ifndef DEPECHE_INCLUDED_OUTPUT_SAVED_SEARCH_PRINTER_H
#define DEPECHE_INCLUDED_OUTPUT_SAVED_SEARCH_PRINTER_H

#include <map>
#include <ostream>
#include <string>

namespace depeche {

// "NAME<tab>QUERY" lines in name order. A configuration edited by hand may hold anything: each
// name and query shows as one printable line (util::printable).
void print_saved_searches(std::ostream& out, const std::map<std::string, std::string>& saved);

}  // namespace depeche

#endif
