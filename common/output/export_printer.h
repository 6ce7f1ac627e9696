// depeche-search --export: stored articles as JSON Lines in depeche-index's input format, so that
// the archive can be indexed again from them (docs/output-format.md).
#ifndef DEPECHE_INCLUDED_OUTPUT_EXPORT_PRINTER_H
#define DEPECHE_INCLUDED_OUTPUT_EXPORT_PRINTER_H

#include "article.h"

#include <ostream>

namespace depeche {

class ExportPrinter {
 public:
  explicit ExportPrinter(std::ostream& out);
  // One line per article, as it is given: an export streams the whole archive.
  void article(const Article& a);

 private:
  std::ostream& out_;
};

}  // namespace depeche

#endif
