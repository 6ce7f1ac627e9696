#include "cli/config.h"

#include "output/printer.h"
#include "schema.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/printable.h"
#include "util/relative_date.h"
#include "util/utf8.h"

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

#include <pwd.h>

namespace depeche::cli {
namespace {

constexpr const char* kSavedPrefix = "saved.";
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string home() {
  const std::string h = env("HOME");
  return h.empty() ? "." : h;
}

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

// A file saved by a Windows editor starts with one; it is not part of the first key.
std::string without_byte_order_mark(const std::string& text) {
  return text.rfind(kByteOrderMark, 0) == 0 ? text.substr(kByteOrderMark.size()) : text;
}

bool is_setting(const std::string& line) {
  const std::string t = trim(line);
  return !t.empty() && t[0] != '#';
}

// The file's text, bounded: checked before opening, as a pipe would block, /dev/zero never ends
// and a folder reads as empty.
std::string read_config_text(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(std::filesystem::status(path, ec)))
    throw Error(path + ": configuration is not a regular file");
  if (std::filesystem::file_size(path, ec) > kMaxConfigBytes)
    throw Error(path + ": configuration larger than " + std::to_string(kMaxConfigBytes) + " bytes");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot read configuration (" + std::strerror(errno) + ")");
  std::string text;
  text.resize(kMaxConfigBytes + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxConfigBytes)
    throw Error(path + ": configuration larger than " + std::to_string(kMaxConfigBytes) + " bytes");
  return without_byte_order_mark(text);
}

// One `key = value` line being read: `where` is "FILE:LINE: KEY" for messages.
struct Setting {
  std::string key, value, where;
  [[noreturn]] void fail(const std::string& why) const { throw Error(where + ": " + why); }
};

// A value wholly in one pair of quotes loses them: `db = "~/my news"` is the path ~/my news.
std::string unquoted(const std::string& v) {
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) return v.substr(1, v.size() - 2);
  return v;
}

std::string variable(const Setting& s, const std::string& name) {
  const std::string value = env(name.c_str());
  if (value.empty()) s.fail("$" + name + " is not set (or empty)");
  return value;
}

// `~`, `~/x`, `~user/x`, then $NAME and ${NAME} anywhere; any other `$` stays as written.
std::string expanded_path(const Setting& s) {
  std::string path = unquoted(s.value);
  if (path.empty()) s.fail("an empty path");  // `db = ''`: quotes around nothing
  if (path.front() == '~') {
    const auto slash = path.find('/');
    const std::string user = path.substr(1, slash == std::string::npos ? std::string::npos : slash - 1);
    std::string dir;
    if (user.empty()) {
      dir = variable(s, "HOME");
    } else {
      const passwd* entry = getpwnam(user.c_str());
      if (!entry) s.fail("no user '" + util::printable(user) + "' for " + util::printable(path.substr(0, slash)));
      dir = entry->pw_dir;
    }
    path = dir + (slash == std::string::npos ? "" : path.substr(slash));
  }
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const auto is_name_char = [&](std::size_t j, bool first) {
      const char c = path[j];
      return c == '_' || std::isalpha(static_cast<unsigned char>(c)) || (!first && std::isdigit(static_cast<unsigned char>(c)));
    };
    if (path[i] != '$' || i + 1 == path.size()) {
      out += path[i];
    } else if (path[i + 1] == '{') {
      const auto close = path.find('}', i);
      if (close == std::string::npos) s.fail("'${' without its '}'");
      out += variable(s, path.substr(i + 2, close - i - 2));
      i = close;
    } else if (is_name_char(i + 1, true)) {
      std::size_t end = i + 1;
      while (end < path.size() && is_name_char(end, false)) ++end;
      out += variable(s, path.substr(i + 1, end - i - 1));
      i = end - 1;
    } else {
      out += path[i];
    }
  }
  return out;
}

std::string choice(const Setting& s, const std::vector<std::string>& choices) {
  const std::string v = unquoted(s.value);
  std::string list;
  for (const std::string& c : choices) {
    if (c == v) return v;
    list += (list.empty() ? "" : ", ") + c;
  }
  s.fail("'" + util::printable(v) + "' is not one of " + list);
}

template <std::size_t N>
std::vector<std::string> choices_of(const std::array<const char*, N>& list) {
  return {list.begin(), list.end()};
}

std::size_t result_count(const Setting& s) {
  const std::string v = unquoted(s.value);
  const bool digits = !v.empty() && v.size() <= 10 && v.find_first_not_of("0123456789") == std::string::npos;
  if (!digits || std::stoull(v) > kMaxResultCount)
    s.fail("'" + util::printable(v) + "' is not a whole number from 0 to " + std::to_string(kMaxResultCount));
  return static_cast<std::size_t>(std::stoull(v));
}

bool yes_or_no(const Setting& s) {
  const std::string v = unquoted(s.value);
  if (v == "true" || v == "yes") return true;
  if (v == "false" || v == "no") return false;
  s.fail("'" + util::printable(v) + "' is not true, false, yes or no");
}

// One or more facet names, separated by commas or blanks.
std::vector<std::string> facet_list(const Setting& s) {
  std::vector<std::string> known(schema::kFacetOrder.begin(), schema::kFacetOrder.end());
  std::vector<std::string> facets;
  std::string list = unquoted(s.value);
  for (char& c : list)
    if (c == ',') c = ' ';
  std::istringstream words(list);
  for (std::string word; words >> word;) facets.push_back(choice(Setting{s.key, word, s.where}, known));
  if (facets.empty()) s.fail("no facet named");
  return facets;
}

std::string known_keys() {
  std::string list;
  for (const char* key : kConfigKeys) list += (list.empty() ? "" : ", ") + std::string(key);
  return list;
}

void apply(Config& c, const Setting& s) {
  SearchDefaults& d = c.search;
  if (s.key == "db") c.db = expanded_path(s);
  else if (s.key == "index") c.inputs.push_back(expanded_path(s));
  else if (s.key == "limit") d.limit = result_count(s);
  else if (s.key == "format") d.format = choice(s, output_format_names());
  else if (s.key == "color") d.color = choice(s, choices_of(kColorChoices));
  else if (s.key == "sort") d.sort = choice(s, choices_of(kSortChoices));
  else if (s.key == "any") d.any = yes_or_no(s);
  else if (s.key == "collapse") d.collapse = yes_or_no(s);
  else if (s.key == "facet") {
    if (!d.facets) d.facets.emplace();
    for (const std::string& f : facet_list(s)) d.facets->push_back(f);
  } else if (s.key.rfind(kSavedPrefix, 0) == 0 && s.key.size() > 6) c.saved[s.key.substr(6)] = s.value;
  else s.fail("unknown key (known: " + known_keys() + ")");
}

}  // namespace

ConfigLocation config_location(const std::string& option) {
  if (!option.empty()) return {option, true};
  if (const std::string p = env("DEPECHE_CONFIG"); !p.empty()) return {p, true};
  const std::string xdg = env("XDG_CONFIG_HOME");
  return {(xdg.empty() ? home() + "/.config" : xdg) + "/depeche/config", false};
}

std::string default_db_path() {
  const std::string xdg = env("XDG_DATA_HOME");
  return (xdg.empty() ? home() + "/.local/share" : xdg) + "/depeche/db";
}

Config load_config(const std::string& path, bool must_exist) {
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::status(path, ec))) {
    if (must_exist) throw Error(path + ": cannot read configuration (no such file)");
    return {};
  }
  return parse_config(read_config_text(path), path);
}

Config parse_config(const std::string& text, const std::string& path) {
  Config c;
  c.path = path;
  std::map<std::string, std::size_t> first_line;  // of each key read, for "given twice"
  std::istringstream in(without_byte_order_mark(text));
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (!is_setting(line)) continue;
    const std::string t = trim(line);
    const std::string at = path + ":" + std::to_string(n);
    const auto eq = t.find('=');
    if (eq == std::string::npos) throw Error(at + ": expected 'key = value'");
    const Setting s{trim(t.substr(0, eq)), trim(t.substr(eq + 1)), at + ": " + util::printable(trim(t.substr(0, eq)))};
    if (s.value.empty()) s.fail("no value after '='");
    const bool repeatable = s.key == "index" || s.key == "facet";
    if (const auto [it, fresh] = first_line.emplace(s.key, n); !fresh && !repeatable)
      s.fail("given twice (first on line " + std::to_string(it->second) + ")");
    apply(c, s);
  }
  return c;
}

bool holds_settings(const std::string& path) {
  std::istringstream in(read_config_text(path));
  for (std::string line; std::getline(in, line);)
    if (is_setting(line)) return true;
  return false;
}

void check_saved_name(const std::string& name) {
  bool ok = !name.empty() && name.size() <= 64 && name.front() != '.';
  for (const char c : name)
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                c == '.' || static_cast<unsigned char>(c) >= 0x80);
  // Beyond ASCII, two-byte characters from U+00C0 (accented Latin, Greek, Cyrillic letters): not
  // U+0080-U+00BF, where C1 controls, the no-break space and other invisible characters are.
  for (std::size_t i = 0; ok && i < name.size(); ++i) {
    const auto lead = static_cast<unsigned char>(name[i]);
    if (lead < 0x80) continue;
    if (util::utf8_sequence_length(name, i) != 2) {
      ok = false;
      break;
    }
    const unsigned cp = ((lead & 0x1Fu) << 6) | (static_cast<unsigned char>(name[++i]) & 0x3Fu);
    ok = cp >= 0xC0 && cp != 0xD7 && cp != 0xF7;
  }
  if (!ok)
    throw Error("invalid saved search name '" + util::printable(name) +
                "': 1 to 64 letters, digits, '-', '_' or '.', not starting with '.'");
}

void check_config_value(const std::string& value, const std::string& what) {
  if (util::has_control_characters(value))
    throw Error(what + " holds a control character (a line break?): '" + util::printable(value) +
                "'; it cannot be written in the configuration");
}

std::string resolve_db(const std::string& option, const Config& config) {
  if (!option.empty()) return option;
  if (const std::string e = env("DEPECHE_DB"); !e.empty()) return e;
  if (!config.db.empty()) return config.db;
  return default_db_path();
}

std::string saved_search_state_path(const std::string& name) {
  check_saved_name(name);  // a file name: "../../x" would write anywhere
  const std::string xdg = env("XDG_STATE_HOME");
  return (xdg.empty() ? home() + "/.local/state" : xdg) + "/depeche/saved/" + name;
}

std::optional<double> load_saved_mark(const std::string& name) {
  std::ifstream in(saved_search_state_path(name));
  double mark;
  if (in >> mark) return mark;
  return std::nullopt;
}

void store_saved_mark(const std::string& name, double mark) {
  const std::string path = saved_search_state_path(name);
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ostringstream text;
  text.precision(17);
  text << mark << '\n';
  util::write_file_atomically(path, text.str());
}

double parse_utc_time(const std::string& text) {
  std::tm tm{};
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  char tail = 0;
  const int n = std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &year, &month, &day, &hour, &minute, &second, &tail);
  if (!(n == 3 || n == 5 || n == 6) || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 ||
      second > 60)
    throw Error("invalid time '" + text + "' (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS], UTC, or " +
                util::kRelativeDateForms + ")");
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  return static_cast<double>(timegm(&tm));
}

std::string initial_config(const std::string& db, const std::vector<std::string>& inputs) {
  std::ostringstream out;
  out << "# depeche configuration: `key = value` lines; '#' starts a comment (docs/config.md).\n"
         "# Read by depeche-index and depeche-search (override with --config or $DEPECHE_CONFIG).\n"
         "# In db and index, ~ and $VARIABLE expand.\n\n"
         "# The database (--db and $DEPECHE_DB take precedence).\n"
      << "db = " << db << "\n\n"
      << "# What plain `depeche-index` indexes: files, folders (read recursively) and feed folders,\n"
         "# one per line. Cron can then run `depeche-index --prune` alone.\n";
  if (inputs.empty()) out << "# index = ~/news/articles\n# index = ~/news/feeds\n";
  for (const std::string& i : inputs) out << "index = " << i << '\n';
  out << "\n# depeche-search's defaults, as built in: remove the '#' to change one (an option given wins).\n"
         "# limit = 10\n# format = text\n# color = auto\n# any = false\n# sort = relevance\n# collapse = true\n"
         "# No facet is counted unless asked for, e.g.:\n# facet = source, year\n"
         "\n# Saved searches (depeche-search --save NAME QUERY writes them; --saved NAME runs one).\n"
         "# saved.mali = Mali date:2023.. source:lemonde.fr\n";
  return out.str();
}

void write_saved_searches(const std::string& path, const std::map<std::string, std::string>& saved) {
  std::vector<std::string> kept;
  {
    std::istringstream in(std::filesystem::exists(path) ? read_config_text(path) : std::string());
    for (std::string line; std::getline(in, line);) {
      const std::string t = trim(line);
      if (t.rfind(kSavedPrefix, 0) == 0 && t.find('=') != std::string::npos) continue;
      kept.push_back(line);
    }
  }
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::string text;
  for (const std::string& line : kept) text += line + '\n';
  for (const auto& [name, query] : saved) text += kSavedPrefix + name + " = " + query + '\n';
  util::write_file_atomically(path, text);
}

}  // namespace depeche::cli
