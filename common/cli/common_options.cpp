#include "cli/common_options.h"

#include "cli/generate.h"

namespace depeche::cli {

namespace {

std::string db_help(const std::string& what) {
  return what + " (default: $DEPECHE_DB, the config's db, ~/.local/share/depeche/db)";
}

}  // namespace

CLI::Option* add_db_option(CLI::App& app, std::string& db, const std::string& what) {
  return app.add_option("--db", db, db_help(what))->type_name(value_label::kFolder)->group("Database");
}

CLI::Option* add_db_option(CLI::App& app, std::vector<std::string>& dbs, const std::string& what) {
  // One path per --db: "--db a b" would take the query b for a second database.
  return app.add_option("--db", dbs, db_help(what))
      ->type_name(value_label::kPath)  // a folder or a stub file
      ->allow_extra_args(false)
      ->group("Database");
}

CLI::Option* add_config_options(CLI::App& app, std::string& config, bool& no_config) {
  CLI::Option* file =
      app.add_option("--config", config,
                     "Configuration file, which must exist (default: $DEPECHE_CONFIG, which must exist too, or "
                     "~/.config/depeche/config if there is one; see docs/config.md)")
          ->type_name(value_label::kFile)
          ->group("Database");
  return app.add_flag("--no-config", no_config, "Read no configuration file: built-in defaults and options only")
      ->excludes(file)
      ->group("Database");
}

void set_version_flag(CLI::App& app, const std::string& program) {
  app.set_version_flag("--version", program + " " + DEPECHE_VERSION);
}

}  // namespace depeche::cli
