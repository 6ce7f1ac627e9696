#include "readers/problems.h"

#include "util/utf8.h"

namespace depeche {

std::string problem_line(std::string_view file, std::size_t line, std::string_view message) {
  std::string out(file);
  out += ':';
  out += std::to_string(line);
  out += ": ";
  out += message;
  return out;
}

std::string longer_than(std::string_view what, std::size_t limit, std::string_view outcome) {
  return std::string(what) + " longer than " + std::to_string(limit) + " bytes; " + std::string(outcome);
}

std::string unreadable_date_message(std::string_view date) {
  return "invalid date '" + std::string(util::utf8_prefix(date, 80)) + "'; indexed undated";
}

}  // namespace depeche
