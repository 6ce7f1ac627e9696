// depeche-search --export, rendered into a string: one input record of depeche-index per line.
#include "output/export_printer.h"

#include <gtest/gtest.h>

#include <sstream>

namespace {

TEST(ExportPrinter, OneJsonLinePerArticleWithOnlyTheFieldsItHas) {
  depeche::Article full;
  full.id = "https://lemonde.fr/a";
  full.url = "https://lemonde.fr/a";
  full.source = "lemonde.fr";
  full.section = "international";
  full.lang = "fr";
  full.author = "A. Dupont";
  full.date = *depeche::util::parse_iso_date("2023-07-23");
  full.title = "Téhéran et Bamako";
  full.body = "Premier paragraphe.\n\tSecond.";
  depeche::Article bare;
  bare.id = "notes/une.txt";
  bare.body = "b";
  std::ostringstream out;
  depeche::ExportPrinter printer(out);
  printer.article(full);
  printer.article(bare);
  EXPECT_EQ(out.str(),
            R"({"id":"https://lemonde.fr/a","url":"https://lemonde.fr/a","source":"lemonde.fr",)"
            R"("section":"international","lang":"fr","author":"A. Dupont","date":"2023-07-23",)"
            R"("title":"Téhéran et Bamako","body":"Premier paragraphe.\n\tSecond."})"
            "\n"
            R"({"id":"notes/une.txt","body":"b"})"
            "\n");
}

}  // namespace
