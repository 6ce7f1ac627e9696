// The part of main() both binaries share once their options are defined, so that they parse,
// document themselves and fail alike.
#ifndef DEPECHE_INCLUDED_CLI_TOOL_MAIN_H
#define DEPECHE_INCLUDED_CLI_TOOL_MAIN_H

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace depeche::cli {

// Parses the command line (a usage error is reported as report_parse_error does), answers the
// hidden --generate option, then returns what `run` returns. What `run` throws becomes one line,
// "`program`: message", and the documented exit status: its kind's for a Fatal, kDatabase for a DataError
// (a damaged database), kUsage for another Error (an option or query to fix), kDatabase for
// anything else. The line of a Xapian error or a DataError names `database` when it is not empty
// (read after parsing, so it may be an option's value). Every write to standard output is
// checked: the first that fails ends the run with "`program`: standard output: reason" and
// kOutputFailed, except a closed pipe, which ends it quietly as SIGPIPE would.
int tool_main(CLI::App& app, int argc, char** argv, const std::string& program, const std::string& database,
              const std::function<int()>& run);

// Writes "`program`: `message`" to stderr as one line: its control characters (a file name's line
// break or escape sequence) become visible escapes (util::printable), so that no name or value
// can forge a message line or drive the terminal. Every message of both binaries goes through it.
void print_message(const std::string& program, const std::string& message);

}  // namespace depeche::cli

#endif
