// The user's configuration: where the database is and what to index, so that daily use and
// cron need no flags. A plain text file of `key = value` lines, where `#` starts a comment
// (`depeche-index --init` writes a commented one).
#ifndef DEPECHE_INCLUDED_CLI_CONFIG_H
#define DEPECHE_INCLUDED_CLI_CONFIG_H

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace depeche::cli {

struct Config {
  std::string path;                // the file it was read from; empty when there was none
  std::string db;                  // "db = ..."
  std::vector<std::string> inputs; // "index = ..." lines: files and folders, in order
  std::map<std::string, std::string> saved;  // "saved.NAME = QUERY" lines
};

// $DEPECHE_CONFIG, else $XDG_CONFIG_HOME/depeche/config, else ~/.config/depeche/config.
std::string default_config_path();
// $XDG_DATA_HOME/depeche/db, else ~/.local/share/depeche/db.
std::string default_db_path();

// Reads `path`; a missing file is an empty configuration unless `must_exist`. A line that is not
// `key = value`, or an unknown key, throws depeche::Error naming the file and line. `~/` expands.
// Anything but a regular file of at most kMaxConfigBytes (a folder, /dev/zero, a pipe) throws
// depeche::Error before a byte is read.
Config load_config(const std::string& path, bool must_exist);
inline constexpr std::size_t kMaxConfigBytes = 1 << 20;
// The same, from the file's text; `path` names it in messages.
Config parse_config(const std::string& text, const std::string& path);

// What depeche writes into the configuration must read back as exactly the value written, one
// per line: throws depeche::Error when `name` is not a saved search's name (1 to 64 letters,
// digits, '-', '_' or '.', not starting with '.'; letters beyond ASCII welcome), or when `value`
// (`what` names it) holds a control character, a line break above all.
void check_saved_name(const std::string& name);
void check_config_value(const std::string& value, const std::string& what);

// The database to use: the --db option, else $DEPECHE_DB, else the config's, else the default.
std::string resolve_db(const std::string& option, const Config& config);

// Where saved searches remember what they printed: $XDG_STATE_HOME/depeche/saved/NAME, else
// ~/.local/state/depeche/saved/NAME.
std::string saved_search_state_path(const std::string& name);
// The mark stored there (the latest indexing time already printed), if any.
std::optional<double> load_saved_mark(const std::string& name);
// Stores the mark atomically (a temporary file renamed over the old one).
void store_saved_mark(const std::string& name, double mark);

// Parses a --indexed-since time: YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS] (UTC); throws depeche::Error.
double parse_utc_time(const std::string& text);

// A commented configuration for `depeche-index --init`.
std::string initial_config(const std::string& db, const std::vector<std::string>& inputs);

// Rewrites the file with `saved` as its saved searches, keeping every other line (atomically:
// a temporary file renamed over the old one).
void write_saved_searches(const std::string& path, const std::map<std::string, std::string>& saved);

}  // namespace depeche::cli

#endif
