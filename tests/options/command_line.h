// Parsing a command line as a binary's main() does, for the option tests of both binaries.
#ifndef DEPECHE_INCLUDED_TESTS_OPTIONS_COMMAND_LINE_H
#define DEPECHE_INCLUDED_TESTS_OPTIONS_COMMAND_LINE_H

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace depeche::test {

// Parses `args` (the program's name first) with `app`; returns CLI11's message (the text
// tool_main prints after the program's name), or "" when the command line is accepted.
inline std::string parse_error(CLI::App& app, std::vector<std::string> args) {
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    return e.what();
  }
  return "";
}

inline bool mentions(const std::string& message, const std::string& part) {
  return message.find(part) != std::string::npos;
}

}  // namespace depeche::test

#endif
