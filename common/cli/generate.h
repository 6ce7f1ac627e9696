// Man pages and shell completions generated from the CLI11 definitions of each binary's options,
// so that --help, man pages and completions cannot drift apart (CLI11 generates neither).
// A separate target from depeche_common: the library itself never sees CLI11.
#ifndef DEPECHE_INCLUDED_CLI_GENERATE_H
#define DEPECHE_INCLUDED_CLI_GENERATE_H

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace depeche::cli {

// The labels an option's definition gives its value (->type_name(), what --help and the man page
// call the value) that tell the completions what to offer: paths, saved searches or output fields.
// Any other value offers its CLI::IsMember choices, or nothing (a date, a number, a source: no
// file name where no path goes).
namespace value_label {
inline constexpr const char* kFile = "FILE";
inline constexpr const char* kPath = "PATH";  // a file or a folder
inline constexpr const char* kFolder = "DIR";
inline constexpr const char* kSavedSearch = "SEARCH";  // a saved search's name, read from the configuration
inline constexpr const char* kFields = "FIELDS";       // output fields (hit_field_names()), comma-separated
}  // namespace value_label

enum class ValueKind { kNone, kFree, kChoice, kPath, kFolder, kSavedSearch, kFieldList };

struct OptionDoc {
  std::vector<std::string> names;    // "--format", "-n"
  std::string value_name;            // empty for flags
  std::vector<std::string> choices;  // from CLI::IsMember, or the fields of a kFieldList
  ValueKind kind = ValueKind::kNone;  // kNone for flags
  bool repeatable = false;            // may be given again (--facet), each time with one value
  std::string description;
  std::string group;
  std::string default_value;  // when the option captured one (capture_default_str)
};

std::vector<OptionDoc> describe_options(const CLI::App& app);

// The hidden --generate man|bash|zsh|fish option; `target` is filled when it is given.
void add_generate_option(CLI::App& app, std::string& target);
// The generated text for `target` ("man", "bash", "zsh", "fish", or "query-man" for depeche-query(7)).
std::string generate(const CLI::App& app, const std::string& program, const std::string& target);

// Reports a command-line error the way both binaries do, on one line of stderr that starts with
// the program's name (docs/exit-codes.md): CLI11's message, plus, for an unknown option, the
// nearest real one ("did you mean --format for --fomat?"). Returns the exit status (0 for --help and
// --version, exit_code::kUsage otherwise).
int report_parse_error(const CLI::App& app, const CLI::ParseError& error, const std::string& program);

}  // namespace depeche::cli

#endif
