#include "cli/config.h"

#include "util/atomic_file.h"
#include "util/error.h"
#include "util/printable.h"
#include "util/relative_date.h"
#include "util/utf8.h"

#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace depeche::cli {
namespace {

constexpr const char* kSavedPrefix = "saved.";

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string home() {
  const std::string h = env("HOME");
  return h.empty() ? "." : h;
}

std::string expand_home(const std::string& p) { return p.rfind("~/", 0) == 0 ? home() + p.substr(1) : p; }

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

}  // namespace

std::string default_config_path() {
  if (const std::string p = env("DEPECHE_CONFIG"); !p.empty()) return p;
  const std::string xdg = env("XDG_CONFIG_HOME");
  return (xdg.empty() ? home() + "/.config" : xdg) + "/depeche/config";
}

std::string default_db_path() {
  const std::string xdg = env("XDG_DATA_HOME");
  return (xdg.empty() ? home() + "/.local/share" : xdg) + "/depeche/db";
}

Config load_config(const std::string& path, bool must_exist) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) {
    if (must_exist) throw Error(path + ": cannot read configuration (no such file)");
    return {};
  }
  // Checked before opening: a pipe would block, /dev/zero never ends, a folder reads as empty.
  if (!std::filesystem::is_regular_file(status)) throw Error(path + ": configuration is not a regular file");
  if (std::filesystem::file_size(path, ec) > kMaxConfigBytes)
    throw Error(path + ": configuration larger than " + std::to_string(kMaxConfigBytes) + " bytes");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot read configuration");
  std::string text;
  text.resize(kMaxConfigBytes + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxConfigBytes)
    throw Error(path + ": configuration larger than " + std::to_string(kMaxConfigBytes) + " bytes");
  return parse_config(text, path);
}

Config parse_config(const std::string& text, const std::string& path) {
  Config c;
  c.path = path;
  std::istringstream in(text);
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    const auto eq = t.find('=');
    if (eq == std::string::npos) throw Error(path + ":" + std::to_string(n) + ": expected 'key = value'");
    const std::string key = trim(t.substr(0, eq));
    const std::string value = trim(t.substr(eq + 1));
    if (key == "db") c.db = expand_home(value);
    else if (key == "index") c.inputs.push_back(expand_home(value));
    else if (key.rfind(kSavedPrefix, 0) == 0 && key.size() > 6) c.saved[key.substr(6)] = value;
    else throw Error(path + ":" + std::to_string(n) + ": unknown key '" + key + "' (known: db, index, saved.NAME)");
  }
  return c;
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
  out << "# depeche configuration: `key = value` lines; '#' starts a comment.\n"
         "# Read by depeche-index and depeche-search (override with --config or $DEPECHE_CONFIG).\n\n"
         "# The database (--db and $DEPECHE_DB take precedence).\n"
      << "db = " << db << "\n\n"
      << "# What plain `depeche-index` indexes: files, folders (read recursively) and feed folders,\n"
         "# one per line. Cron can then run `depeche-index --prune` alone.\n";
  if (inputs.empty()) out << "# index = ~/news/articles\n# index = ~/news/feeds\n";
  for (const std::string& i : inputs) out << "index = " << i << '\n';
  out << "\n# Saved searches (depeche-search --save NAME QUERY writes them; --saved NAME runs one).\n"
         "# saved.mali = Mali date:2023.. source:lemonde.fr\n";
  return out.str();
}

void write_saved_searches(const std::string& path, const std::map<std::string, std::string>& saved) {
  std::vector<std::string> kept;
  {
    std::ifstream in(path);
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
