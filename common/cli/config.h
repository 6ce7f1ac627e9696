// The user's configuration: where the database is, what to index, depeche-search's defaults and
// saved searches, so that daily use and cron need no flags. A plain text file of `key = value`
// lines, where `#` starts a comment line (`depeche-index --init` writes a commented one);
// docs/config.md describes every key.
#ifndef DEPECHE_INCLUDED_CLI_CONFIG_H
#define DEPECHE_INCLUDED_CLI_CONFIG_H

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace depeche::cli {

// Every key of the file; saved.NAME stands for one per saved search.
inline constexpr std::array<const char*, 10> kConfigKeys{"db",    "index", "limit", "format",   "color",
                                                         "facet", "any",   "sort",  "collapse", "saved.NAME"};

// What the search options the file can set accept: depeche-search's options check the same.
inline constexpr std::size_t kMaxResultCount = 1'000'000'000;
inline constexpr std::array<const char*, 3> kColorChoices{"auto", "always", "never"};
inline constexpr std::array<const char*, 3> kSortChoices{"relevance", "date", "-date"};

// depeche-search's defaults from the file; each unset one keeps the option's own default.
struct SearchDefaults {
  std::optional<std::size_t> limit;
  std::optional<std::string> format, color, sort;
  std::optional<std::vector<std::string>> facets;  // "facet = ..." lines, each one or more facets
  std::optional<bool> any, collapse;
};

struct Config {
  std::string path;                // the file it was read from; empty when there was none
  std::string db;                  // "db = ..."
  std::vector<std::string> inputs; // "index = ..." lines: files and folders, in order
  std::map<std::string, std::string> saved;  // "saved.NAME = QUERY" lines
  SearchDefaults search;
};

// Where the configuration is: the --config option, else $DEPECHE_CONFIG, else
// $XDG_CONFIG_HOME/depeche/config, else ~/.config/depeche/config. A file named by the option or the
// variable must exist; the default one may be missing (no configuration).
struct ConfigLocation {
  std::string path;
  bool named = false;
};
ConfigLocation config_location(const std::string& option);
// $XDG_DATA_HOME/depeche/db, else ~/.local/share/depeche/db.
std::string default_db_path();

// Reads `path`; a missing file is an empty configuration unless `must_exist`. A line that is not
// `key = value`, an unknown key, a key given twice (but index, facet) or a bad value throws
// depeche::Error naming the file, the line and the key. In db and index, `~`, `~user` and
// $NAME or ${NAME} expand (an unset or empty variable throws). Anything but a regular file of at
// most kMaxConfigBytes (a folder, /dev/zero, a pipe) throws depeche::Error before a byte is read.
Config load_config(const std::string& path, bool must_exist);
inline constexpr std::size_t kMaxConfigBytes = 1 << 20;
// The same, from the file's text; `path` names it in messages.
Config parse_config(const std::string& text, const std::string& path);
// Whether the file at `path` holds a setting: false for one that is empty, blank or comments only
// (which `depeche-index --init` may replace). Throws depeche::Error as load_config does.
bool holds_settings(const std::string& path);

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
