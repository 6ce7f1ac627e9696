// depeche-index: parse options, read inputs, write the database, report.
#include "options.h"

#include "index/index_writer.h"
#include "index/inputs.h"
#include "output/exit_codes.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace {

int run(const depeche::IndexerOptions& o) {
  using namespace depeche;
  const ReadLimits limits{o.max_line_bytes, o.max_article_bytes};
  const InputFormat format = parse_input_format(o.input_format);
  std::size_t failed_inputs = 0;
  auto report = [](const std::string& message) { std::cerr << "depeche-index: " << message << '\n'; };

  IndexWriter writer(o.db, o.batch_size, report);
  for (const InputName& input : expand_inputs(o.paths, [&](const std::string& m) {
         ++failed_inputs;
         report(m);
       })) {
    try {
      read_input(input, format, limits, writer);
    } catch (const Error& e) {
      ++failed_inputs;
      report(e.what());
    }
  }
  writer.commit();

  const IndexStats& s = writer.stats();
  const std::size_t failed = failed_inputs + s.problems;
  if (o.summary == "json") {
    std::cout << nlohmann::json{{"added", s.added}, {"updated", s.updated}, {"failed", failed}}.dump() << '\n';
  } else if (o.summary == "text") {
    std::cout << "added " << s.added << ", updated " << s.updated << ", failed " << failed << '\n';
  }
  return failed ? exit_code::kSomeInputFailed : exit_code::kOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"depeche-index"};
  depeche::IndexerOptions options;
  depeche::define_options(app, options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);
    return status == 0 ? 0 : depeche::exit_code::kUsage;
  }
  try {
    return run(options);
  } catch (const depeche::Fatal& e) {
    std::cerr << "depeche-index: " << e.what() << '\n';
    return e.exit_code();
  } catch (const depeche::Error& e) {
    std::cerr << "depeche-index: " << e.what() << '\n';
    return depeche::exit_code::kUsage;
  } catch (const Xapian::Error& e) {
    std::cerr << "depeche-index: " << options.db << ": " << e.get_description() << '\n';
    return depeche::exit_code::kDatabase;
  } catch (const std::exception& e) {
    std::cerr << "depeche-index: " << e.what() << '\n';
    return depeche::exit_code::kDatabase;
  }
}
