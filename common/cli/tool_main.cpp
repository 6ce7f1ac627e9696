#include "cli/tool_main.h"

#include "cli/generate.h"
#include "output/exit_codes.h"
#include "util/error.h"
#include "util/printable.h"

#include <xapian.h>

#include <iostream>

namespace depeche::cli {

int tool_main(CLI::App& app, int argc, char** argv, const std::string& program, const std::string& database,
              const std::function<int()>& run) {
  std::string generate_target;
  add_generate_option(app, generate_target);
  // An empty value ("--show \"$id\"" with $id unset) is never what a script meant, and options
  // read as strings took it for their absence: --show '' printed a search of the whole archive.
  const CLI::Validator not_empty([](std::string& value) { return value.empty() ? std::string("empty value") : std::string(); },
                                 "", "not empty");
  for (CLI::Option* option : app.get_options())
    if (option->nonpositional() && option->get_type_size() != 0) option->check(not_empty);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return report_parse_error(app, e, program);
  }
  if (!generate_target.empty()) {
    std::cout << generate(app, program, generate_target);
    return 0;
  }
  try {
    return run();
  } catch (const Fatal& e) {
    print_message(program, e.what());
    return e.exit_code();
  } catch (const DataError& e) {
    std::cerr << program << ": " << (database.empty() ? "" : database + ": ") << e.what() << '\n';
    return exit_code::kDatabase;
  } catch (const Error& e) {
    print_message(program, e.what());
    return exit_code::kUsage;
  } catch (const Xapian::Error& e) {
    print_message(program, (database.empty() ? "" : database + ": ") + e.get_description());
    return exit_code::kDatabase;
  } catch (const std::exception& e) {
    print_message(program, e.what());
    return exit_code::kDatabase;
  }
}

void print_message(const std::string& program, const std::string& message) {
  std::cerr << program << ": " << util::printable(message) << '\n';
}

}  // namespace depeche::cli
