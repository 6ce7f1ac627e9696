#include "output/export_printer.h"

#include "output/printer.h"

namespace depeche {

ExportPrinter::ExportPrinter(std::ostream& out) : out_(out) {}

void ExportPrinter::article(const Article& a) { out_ << export_line(a) << '\n'; }

}  // namespace depeche
