// Constructors of the concrete printers, for make_printer only.
#ifndef DEPECHE_INCLUDED_OUTPUT_PRINTERS_H
#define DEPECHE_INCLUDED_OUTPUT_PRINTERS_H

#include "output/printer.h"

namespace depeche {

std::unique_ptr<BatchPrinter> make_json_printer(std::ostream& out);
std::unique_ptr<Printer> make_jsonl_printer(std::ostream& out);
std::unique_ptr<Printer> make_table_printer(std::ostream& out, const OutputOptions& options, char separator);
std::unique_ptr<Printer> make_text_printer(std::ostream& out, const OutputOptions& options);
std::unique_ptr<Printer> make_atom_printer(std::ostream& out, const OutputOptions& options);

}  // namespace depeche

#endif
