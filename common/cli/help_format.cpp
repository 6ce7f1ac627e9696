#include "cli/help_format.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <sstream>
#include <vector>

namespace depeche::cli {
namespace {

constexpr std::size_t kNameColumn = 30;  // options' names and values; their descriptions after

// The choices as a phrase: "text, json".
std::string choices(const CLI::Option* opt) {
  std::string list;
  for (const std::string& c : value_choices(opt)) list += (list.empty() ? "" : ", ") + c;
  return list;
}

}  // namespace

std::size_t help_width() {
  constexpr std::size_t kDefault = 80, kNarrowest = 40, kWidest = 200;
  winsize size{};
  if (!isatty(STDOUT_FILENO) || ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_col == 0) return kDefault;
  return std::clamp<std::size_t>(size.ws_col, kNarrowest, kWidest);
}

std::string value_name(const CLI::Option* opt) {
  const std::string type = opt->get_type_name();
  const std::string label = type.substr(0, type.find(':'));
  return label.empty() ? "VALUE" : label;
}

std::vector<std::string> value_choices(const CLI::Option* opt) {
  const std::string type = opt->get_type_name();
  const std::size_t open = type.find('{'), close = type.find('}', open);
  std::vector<std::string> out;
  if (open == std::string::npos || close == std::string::npos) return out;
  std::stringstream list(type.substr(open + 1, close - open - 1));
  for (std::string item; std::getline(list, item, ',');) out.push_back(item);
  return out;
}

std::vector<std::string> paragraphs(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

std::string wrap(const std::string& text, std::size_t width, std::size_t indent) {
  std::string out;
  for (const std::string& paragraph : paragraphs(text)) {
    if (!out.empty()) out += "\n\n" + std::string(indent, ' ');
    if (paragraph.find("\n ") != std::string::npos || paragraph.rfind(' ', 0) == 0) {  // laid out by hand
      for (char c : paragraph) out += c == '\n' ? "\n" + std::string(indent, ' ') : std::string(1, c);
      continue;
    }
    std::istringstream words(paragraph);
    std::size_t column = indent;
    bool first = true;
    for (std::string word; words >> word;) {
      if (!first && column + 1 + word.size() > width) {
        out += "\n" + std::string(indent, ' ');
        column = indent;
        first = true;
      }
      if (!first) {
        out += ' ';
        ++column;
      }
      out += word;
      column += word.size();
      first = false;
    }
  }
  return out;
}

HelpFormatter::HelpFormatter(std::size_t width) : width_(width) { column_width(kNameColumn); }

std::string HelpFormatter::make_description(const CLI::App* app) const {
  const std::string description = app->get_description();
  return description.empty() ? std::string() : wrap(description, width_) + "\n\n";
}

std::string HelpFormatter::make_option(const CLI::Option* opt, bool is_positional) const {
  std::string name = "  " + make_option_name(opt, is_positional) + make_option_opts(opt);
  const std::string description = wrap(make_option_desc(opt), std::max(width_, kNameColumn + 20), kNameColumn);
  if (name.size() >= kNameColumn) name += "\n" + std::string(kNameColumn, ' ');
  else name.resize(kNameColumn, ' ');
  return name + description.substr(std::min(description.find_first_not_of(' '), description.size())) + "\n";
}

std::string HelpFormatter::make_option_name(const CLI::Option* opt, bool is_positional) const {
  // CLI11 writes a flag's value for its negated name: "--any,--all{false}".
  std::string name = CLI::Formatter::make_option_name(opt, is_positional);
  for (std::size_t open; (open = name.find('{')) != std::string::npos;) {
    const std::size_t close = name.find('}', open);
    name.erase(open, close == std::string::npos ? std::string::npos : close - open + 1);
  }
  return name;
}

std::string HelpFormatter::make_option_opts(const CLI::Option* opt) const {
  if (opt->get_expected_max() == 0) return std::string();  // a flag
  std::string opts = " " + value_name(opt);
  if (opt->get_expected_max() > 1) opts += " ...";
  return opts;
}

std::string HelpFormatter::make_option_desc(const CLI::Option* opt) const {
  std::string description = opt->get_description();
  if (opt->get_expected_max() != 0) {
    if (const std::string list = choices(opt); !list.empty()) description += " (" + list + ")";
    if (!opt->get_default_str().empty()) description += "; default: " + opt->get_default_str();
  }
  return description;
}

}  // namespace depeche::cli
