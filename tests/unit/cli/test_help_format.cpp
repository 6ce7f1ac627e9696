// --help as a reader gets it: wrapped to a width, values and defaults in words, none of CLI11's
// own notation; paragraphs laid out by hand (examples) kept as written.
#include "cli/help_format.h"

#include <gtest/gtest.h>

#include <sstream>

#include <unistd.h>

namespace {

using depeche::cli::HelpFormatter;
using depeche::cli::wrap;

std::size_t widest_line(const std::string& text) {
  std::istringstream in(text);
  std::size_t widest = 0;
  for (std::string line; std::getline(in, line);) widest = std::max(widest, line.size());
  return widest;
}

TEST(HelpFormat, WrapJoinsAndWrapsParagraphsAndKeepsExamples) {
  const std::string text =
      "Un paragraphe écrit sur deux lignes\nqui se suivent.\n\nExamples:\n  prog --une-option-assez-longue valeur valeur\n";
  EXPECT_EQ(wrap(text, 20), "Un paragraphe écrit\nsur deux lignes qui\nse suivent.\n\nExamples:\n  prog --une-option-assez-longue valeur valeur\n");
  EXPECT_EQ(wrap("un deux trois", 14, 4), "un deux\n    trois") << "every line begins at the indent: the first after a name column";
  EXPECT_EQ(wrap("anticonstitutionnellement court", 10), "anticonstitutionnellement\ncourt") << "a word longer than the line stays whole";
  EXPECT_EQ(wrap("", 10), "");
}

TEST(HelpFormat, ParagraphsAreThePartsBetweenBlankLines) {
  using depeche::cli::paragraphs;
  EXPECT_EQ(paragraphs("un\ndeux\n\ntrois"), (std::vector<std::string>{"un\ndeux", "trois"}));
  EXPECT_EQ(paragraphs("seul"), std::vector<std::string>{"seul"});
  EXPECT_TRUE(paragraphs("").empty());
  EXPECT_EQ(paragraphs("fin\n\n"), std::vector<std::string>{"fin"}) << "no empty paragraph after the last";
}

TEST(HelpFormat, OptionsShowValuesChoicesAndDefaultsInWords) {
  CLI::App app{"Cherche dans une archive de dépêches, avec des mots, des filtres et des facettes pour compter."};
  app.formatter(std::make_shared<HelpFormatter>(60));
  int limit = 10;
  std::string format = "text", config;
  bool any = false, no_config = false;
  app.add_option("-n,--limit", limit, "Nombre de résultats à afficher")->capture_default_str()->group("Résultats");
  app.add_option("--format", format, "Format de sortie")->check(CLI::IsMember({"text", "json"}))->group("Sortie");
  CLI::Option* file = app.add_option("--config", config, "Fichier de configuration, qui doit exister, sinon celui par défaut")->group("Base");
  app.add_flag("--no-config", no_config, "Aucun fichier")->excludes(file)->group("Base");
  app.add_flag("--any,!--all", any, "N'importe lequel des mots")->group("Requête");
  const std::string help = app.help();
  EXPECT_LE(widest_line(help), 60u) << help;
  EXPECT_NE(help.find("-n,--limit INT"), std::string::npos) << help;
  EXPECT_NE(help.find("; default: 10"), std::string::npos) << help;
  EXPECT_NE(help.find("(text, json)"), std::string::npos) << help;
  EXPECT_NE(help.find("  --any,--all "), std::string::npos) << help;
  EXPECT_NE(help.find("  --no-config  "), std::string::npos) << "a flag takes no value\n" << help;
  for (const char* clutter : {"Excludes", "{", "=10", "VALUE"}) EXPECT_EQ(help.find(clutter), std::string::npos) << clutter << "\n" << help;
}

TEST(HelpFormat, WidthIs80WhenStandardOutputIsNoTerminal) {
  if (isatty(STDOUT_FILENO)) GTEST_SKIP() << "standard output is a terminal";
  EXPECT_EQ(depeche::cli::help_width(), 80u);
}

}  // namespace
