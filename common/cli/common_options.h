// The options depeche-index and depeche-search define alike: where the database and the
// configuration are, and --version.
#ifndef DEPECHE_INCLUDED_CLI_COMMON_OPTIONS_H
#define DEPECHE_INCLUDED_CLI_COMMON_OPTIONS_H

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace depeche::cli {

// --db, in the Database group; `what` says what the database is for, the help adds what it
// defaults to (cli::resolve_db's order).
CLI::Option* add_db_option(CLI::App& app, std::string& db, const std::string& what);
// The same repeatable, one path each time.
CLI::Option* add_db_option(CLI::App& app, std::vector<std::string>& dbs, const std::string& what);

// --config FILE and --no-config (which excludes it), in the Database group; returns --no-config,
// for the options that need the file to exclude it too.
CLI::Option* add_config_options(CLI::App& app, std::string& config, bool& no_config);

// --version, printing "`program` VERSION".
void set_version_flag(CLI::App& app, const std::string& program);

}  // namespace depeche::cli

#endif
