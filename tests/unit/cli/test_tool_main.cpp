// What tool_main makes of a run: what `run` throws becomes one line on stderr and the documented
// exit status (docs/exit-codes.md); command-line errors are usage errors.
#include "cli/tool_main.h"

#include "cli/exit_codes.h"
#include "util/error.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <functional>
#include <string>
#include <vector>

namespace {

using namespace depeche;

struct Outcome {
  int status;
  std::string err;
  std::string out;
  bool ran;
};

// Runs tool_main for "prog" with `args`, a --db option whose value names the database, and `run`.
Outcome run_tool(std::vector<std::string> args, const std::function<int()>& run) {
  CLI::App app("A test tool.");
  std::string db;
  std::string format = "text";
  app.add_option("--db", db, "Database")->group("Options");
  app.add_option("--format", format, "Output format")->group("Options");
  args.insert(args.begin(), "prog");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  bool ran = false;
  testing::internal::CaptureStdout();
  testing::internal::CaptureStderr();
  const int status = cli::tool_main(app, static_cast<int>(argv.size()), argv.data(), "prog", db, [&] {
    ran = true;
    return run();
  });
  std::string out = testing::internal::GetCapturedStdout();
  return {status, testing::internal::GetCapturedStderr(), std::move(out), ran};
}

template <class E>
Outcome throwing(E e, std::vector<std::string> args = {}) {
  return run_tool(std::move(args), [&]() -> int { throw e; });
}

TEST(ToolMain, ReturnsWhatRunReturnsAndPrintsItsOutput) {
  const Outcome o = run_tool({}, [] {
    std::cout << "résultat\n";
    return exit_code::kNoMatch;
  });
  EXPECT_EQ(o.status, 1);
  EXPECT_EQ(o.out, "résultat\n");
  EXPECT_EQ(o.err, "");
}

TEST(ToolMain, EachFatalKindHasItsStatus) {
  const std::vector<std::pair<FatalKind, int>> statuses{{FatalKind::kUsage, 2},        {FatalKind::kDatabase, 3},
                                                        {FatalKind::kLocked, 75},      {FatalKind::kFormatTooOld, 20},
                                                        {FatalKind::kFormatTooNew, 21}};
  for (const auto& [kind, status] : statuses) {
    const Outcome o = throwing(Fatal(kind, "stopped"), {"--db", "base"});
    EXPECT_EQ(o.status, status) << static_cast<int>(kind);
    EXPECT_EQ(o.err, "prog: stopped\n") << "a Fatal's message says all, without the database";
  }
}

TEST(ToolMain, AnErrorIsAUsageError) {
  const Outcome o = throwing(Error("bad query"), {"--db", "base"});
  EXPECT_EQ(o.status, exit_code::kUsage);
  EXPECT_EQ(o.err, "prog: bad query\n");
}

TEST(ToolMain, ADataErrorIsADatabaseErrorNamingTheDatabase) {
  Outcome o = throwing(DataError("stored article 4 is damaged"), {"--db", "base"});
  EXPECT_EQ(o.status, exit_code::kDatabase);
  EXPECT_EQ(o.err, "prog: base: stored article 4 is damaged\n") << "the database as parsed from the options";
  o = throwing(DataError("damaged"));
  EXPECT_EQ(o.status, 3);
  EXPECT_EQ(o.err, "prog: damaged\n") << "no database, no prefix";
}

TEST(ToolMain, XapianAndOtherExceptionsAreDatabaseErrors) {
  Outcome o = throwing(Xapian::DatabaseCorruptError("bad block"), {"--db", "base"});
  EXPECT_EQ(o.status, exit_code::kDatabase);
  EXPECT_EQ(o.err.rfind("prog: base: ", 0), 0u) << o.err;
  EXPECT_NE(o.err.find("bad block"), std::string::npos) << o.err;
  o = throwing(std::runtime_error("out of something"));
  EXPECT_EQ(o.status, exit_code::kDatabase);
  EXPECT_EQ(o.err, "prog: out of something\n");
}

TEST(ToolMain, MessagesCannotForgeLinesOrDriveTheTerminal) {
  const Outcome o = throwing(Error("file a\nprog: fake\x1b[2J"));
  EXPECT_EQ(o.err, "prog: file a\\nprog: fake\\x1B[2J\n");
}

TEST(ToolMain, AnUnknownOptionIsAUsageErrorWithASuggestion) {
  const Outcome o = run_tool({"--fomat", "json"}, [] { return 0; });
  EXPECT_FALSE(o.ran);
  EXPECT_EQ(o.status, exit_code::kUsage);
  EXPECT_EQ(o.err.rfind("prog: ", 0), 0u) << o.err;
  EXPECT_NE(o.err.find("did you mean --format for --fomat?"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("(prog --help lists the options)\n"), std::string::npos) << o.err;
}

TEST(ToolMain, AnEmptyOptionValueIsAUsageError) {
  const Outcome o = run_tool({"--db", ""}, [] { return 0; });
  EXPECT_FALSE(o.ran) << "an empty value is never what a script meant";
  EXPECT_EQ(o.status, exit_code::kUsage);
}

TEST(ToolMain, GenerateAnswersWithoutRunning) {
  const Outcome o = run_tool({"--generate", "bash"}, [] { return 0; });
  EXPECT_FALSE(o.ran);
  EXPECT_EQ(o.status, 0);
  EXPECT_NE(o.out.find("complete -F _prog prog\n"), std::string::npos) << o.out;
}

}  // namespace
