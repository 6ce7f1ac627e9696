// depeche-index: parse options, run the archive indexer over the inputs, report.
#include "options.h"

#include "index/archive_indexer.h"
#include "index/inputs.h"
#include "output/exit_codes.h"
#include "output/progress.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <iostream>
#include <unistd.h>

namespace {

int run(const depeche::IndexerOptions& o) {
  using namespace depeche;
  const RunOptions run_options{parse_input_format(o.input_format), ReadLimits{o.max_line_bytes, o.max_article_bytes}};
  const bool show_progress = o.progress && isatty(STDERR_FILENO);
  ProgressBar bar(std::cerr);
  auto report = [&](const std::string& message) {
    bar.finish();
    std::cerr << "depeche-index: " << message << '\n';
  };

  std::size_t missing_inputs = 0;
  const std::vector<InputName> inputs = expand_inputs(o.paths, [&](const std::string& m) {
    ++missing_inputs;
    report(m);
  });
  IndexWriter writer(o.db, o.batch_size, o.wait_seconds, report);
  ArchiveIndexer indexer(writer, run_options, report, [&](const Progress& p) {
    if (show_progress) bar.update(p);
  });
  indexer.index(inputs);
  if (o.prune) indexer.prune();
  writer.commit();
  bar.finish();

  const IndexStats& s = writer.stats();
  const std::size_t failed = missing_inputs + s.problems;
  if (o.summary == "json") {
    std::cout << nlohmann::json{{"added", s.added},     {"updated", s.updated}, {"unchanged", s.unchanged},
                                {"deleted", s.deleted}, {"failed", failed}}
                     .dump()
              << '\n';
  } else if (o.summary == "text") {
    std::cout << "added " << s.added << ", updated " << s.updated << ", unchanged " << s.unchanged << ", deleted "
              << s.deleted << ", failed " << failed << '\n';
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
