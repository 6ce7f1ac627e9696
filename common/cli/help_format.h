// --help laid out for the reader: wrapped to the terminal's width (80 columns when standard output
// is no terminal), each option with its value's name, its choices and its default written out in
// words, and none of CLI11's own notation ({default}, "Excludes: ..."): the usage errors say what
// cannot go together.
#ifndef DEPECHE_INCLUDED_CLI_HELP_FORMAT_H
#define DEPECHE_INCLUDED_CLI_HELP_FORMAT_H

#include <CLI/CLI.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace depeche::cli {

// The columns --help fills: the terminal's width when standard output is one (40 to 200), else 80.
std::size_t help_width();

// The name CLI11 gives an option's value ("TEXT:{text,json}" names TEXT; "VALUE" when it gives
// none), and the choices an IsMember check lists ({text,json}), for --help, the man page and the
// completions alike.
std::string value_name(const CLI::Option* opt);
std::vector<std::string> value_choices(const CLI::Option* opt);

// The paragraphs of `text`: the parts between blank lines ("\n\n"), none for an empty text.
std::vector<std::string> paragraphs(const std::string& text);

// `text` with each paragraph's lines joined and wrapped to `width` columns, every line after the
// first indented by `indent` spaces; paragraphs whose lines begin with spaces (examples) are kept
// as written.
std::string wrap(const std::string& text, std::size_t width, std::size_t indent = 0);

class HelpFormatter : public CLI::Formatter {
 public:
  explicit HelpFormatter(std::size_t width);
  std::string make_description(const CLI::App* app) const override;
  std::string make_option(const CLI::Option* opt, bool is_positional) const override;
  std::string make_option_name(const CLI::Option* opt, bool is_positional) const override;
  std::string make_option_opts(const CLI::Option* opt) const override;
  std::string make_option_desc(const CLI::Option* opt) const override;

 private:
  std::size_t width_;
};

}  // namespace depeche::cli

#endif
