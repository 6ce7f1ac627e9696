// Issue 14: help, man pages and completions come from one definition; the .deb installs and runs.
#include "support/run.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace t = depeche::test;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::set<std::string> long_options(const std::string& text) {
  std::set<std::string> out;
  // zsh marks an option that may be given again with '*'.
  const std::regex option(R"((?:^|[\s,\[|'*])(--[a-z][a-z-]+))");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), option); it != std::sregex_iterator(); ++it)
    out.insert((*it)[1]);
  return out;
}

std::string generated(const std::string& rel) { return std::string(DEPECHE_BINARY_DIR) + "/generated/" + rel; }

bool have(const std::string& commands) { return t::run({"sh", "-c", "command -v " + commands}).status == 0; }

void expect_same_options(const std::string& program, const std::string& binary) {
  const auto help = t::run({binary, "--help"});
  ASSERT_EQ(help.status, 0);
  const std::set<std::string> from_help = long_options(help.out);
  ASSERT_GT(from_help.size(), 8u);
  // Man pages escape '-' as "\-" for roff.
  std::string man = slurp(generated("man/" + program + ".1"));
  man = std::regex_replace(man, std::regex(R"(\\-)"), "-");
  man = std::regex_replace(man, std::regex(R"(\\f[BIR])"), " ");
  // fish's complete lines name long options "-l NAME".
  std::string fish;
  std::istringstream fish_lines(slurp(generated("completions/fish/" + program + ".fish")));
  for (std::string line; std::getline(fish_lines, line);)
    if (line.rfind("complete ", 0) == 0) fish += std::regex_replace(line, std::regex(" -l "), " --") + "\n";
  for (const std::string& page : {man, slurp(generated("completions/bash/" + program)),
                                  slurp(generated("completions/zsh/_" + program)), fish}) {
    std::set<std::string> in_page = long_options(page);
    in_page.erase("--generate");
    EXPECT_EQ(in_page, from_help) << program;
  }
}

TEST(Install, HelpManPageAndCompletionsListTheSameOptions) {
  expect_same_options("depeche-index", DEPECHE_INDEX_BIN);
  expect_same_options("depeche-search", DEPECHE_SEARCH_BIN);
}

TEST(Install, ManPagesRender) {
  if (!have("man")) GTEST_SKIP() << "man is not installed";
  for (const char* page : {"man/depeche-index.1", "man/depeche-search.1", "man/depeche-query.7"}) {
    const auto r = t::run({"man", "-l", generated(page)}, "", {"MANPAGER=cat", "PAGER=cat"});
    EXPECT_EQ(r.status, 0) << page << r.err;
    EXPECT_NE(r.out.find("SEE ALSO"), std::string::npos) << page;
  }
}

// Builds the .deb into `folder` with cpack and returns its path (empty on failure, reported).
std::string build_package(const std::string& folder) {
  const auto r = t::run({"cpack", "-G", "DEB", "-B", folder, "--config", std::string(DEPECHE_BINARY_DIR) + "/CPackConfig.cmake"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  std::vector<std::string> debs;
  for (const auto& entry : std::filesystem::directory_iterator(folder))
    if (entry.path().extension() == ".deb") debs.push_back(entry.path().string());
  EXPECT_EQ(debs.size(), 1u) << folder;
  return debs.size() == 1 ? debs[0] : "";
}

TEST(Install, DebianPackageInstallsIntoATemporaryRootAndRuns) {
  if (!have("cpack && command -v dpkg-deb && command -v dpkg-shlibdeps")) GTEST_SKIP() << "cpack or dpkg tools are missing";
  t::TempDir dir;
  const std::string deb = build_package(dir / "pkg");
  ASSERT_FALSE(deb.empty());
  auto r = t::run({"dpkg-deb", "-c", deb});
  for (const char* path : {"./usr/bin/depeche-index", "./usr/bin/depeche-search", "./usr/share/man/man1/depeche-search.1.gz",
                           "./usr/share/man/man7/depeche-query.7.gz", "./usr/share/bash-completion/completions/depeche-search",
                           "./usr/share/zsh/vendor-completions/_depeche-search",
                           "./usr/share/fish/vendor_completions.d/depeche-search.fish",
                           "./usr/lib/systemd/user/depeche-index.timer", "./usr/share/doc/depeche/copyright",
                           "./usr/share/doc/depeche/changelog.gz", "./usr/share/doc/depeche/README.md",
                           "./usr/share/doc/depeche/docs/cron.md"})
    EXPECT_NE(r.out.find(path), std::string::npos) << path << "\n" << r.out;
  EXPECT_EQ(r.out.find("/usr/local"), std::string::npos) << r.out;
  EXPECT_NE(t::run({"dpkg-deb", "-f", deb, "Depends"}).out.find("libxapian"), std::string::npos);
  ASSERT_EQ(t::run({"dpkg", "-x", deb, dir / "root"}).status, 0);
  const std::string bin = dir / "root/usr/bin/";
  EXPECT_EQ(t::run({bin + "depeche-search", "--version"}).status, 0);
  ASSERT_EQ(t::run({bin + "depeche-index", "--db", dir / "db", t::source_dir() + "/data"}).status, 0);
  r = t::run({bin + "depeche-search", "--db", dir / "db", "--count", "iran"});
  EXPECT_EQ(r.status, 0) << r.err;
  // The unit names the packaged indexer, not the build tree's or /usr/local's.
  EXPECT_NE(slurp(dir / "root/usr/lib/systemd/user/depeche-index.service").find("ExecStart=\"/usr/bin/depeche-index\" --prune\n"),
            std::string::npos);
  if (have("man")) {
    r = t::run({"man", "-l", dir / "root/usr/share/man/man1/depeche-index.1.gz"}, "", {"MANPAGER=cat", "PAGER=cat"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("SEE ALSO"), std::string::npos) << r.out;
  }
}

t::RunResult cmake_install(const std::string& prefix) {
  return t::run({"cmake", "--install", DEPECHE_BINARY_DIR, "--prefix", prefix});
}

// The user units are written at install time with the path depeche-index goes to, quoted for
// systemd: a space and a % (a systemd specifier) in the prefix still name the right program.
TEST(Install, UnitsAndDocsFollowTheInstallPrefix) {
  t::TempDir dir;
  const std::string prefix = dir / "a b%h";
  const std::string program_in_unit = dir / "a b%%h/bin/depeche-index";
  auto r = cmake_install(prefix);
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string units = prefix + "/lib/systemd/user/";
  EXPECT_NE(slurp(units + "depeche-index.service").find("\nExecStart=\"" + program_in_unit + "\" --prune\n"),
            std::string::npos)
      << slurp(units + "depeche-index.service");
  const std::string timer = slurp(units + "depeche-index.timer");
  EXPECT_NE(timer.find("\nOnCalendar=*:0/5\n"), std::string::npos) << timer;
  EXPECT_NE(timer.find("\nPersistent=true\n"), std::string::npos) << timer;
  const std::string docs = prefix + "/share/doc/depeche/";
  EXPECT_TRUE(std::filesystem::is_regular_file(docs + "README.md"));
  EXPECT_TRUE(std::filesystem::is_regular_file(docs + "copyright"));
  for (const auto& entry : std::filesystem::directory_iterator(t::source_dir() + "/docs")) {
    if (entry.path().extension() == ".md") {
      EXPECT_TRUE(std::filesystem::is_regular_file(docs + "docs/" + entry.path().filename().string())) << entry.path();
    }
  }

  if (!have("systemd-analyze")) GTEST_SKIP() << "systemd-analyze is not installed: the units were not verified";
  // --user needs a runtime folder of its own; --man=no keeps verify from looking up man pages.
  auto verify = [&](const std::vector<std::string>& files) {
    std::vector<std::string> argv{"systemd-analyze", "--user", "--man=no", "verify"};
    argv.insert(argv.end(), files.begin(), files.end());
    return t::run(argv, "", {"XDG_RUNTIME_DIR=" + dir.path()});
  };
  r = verify({units + "depeche-index.timer", units + "depeche-index.service"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  // verify does check the program: unquoted, the path stops at the space.
  const std::string broken = dir.write("broken/depeche-index.service", "[Service]\nType=oneshot\nExecStart=" + program_in_unit + " --prune\n");
  r = verify({broken});
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("is not executable"), std::string::npos) << r.err;
}

// docs/cron.md's user-timer section names the units dist/systemd ships, the schedule their timer
// has, and lingering, without which a user's timer stops at logout.
TEST(Install, CronDocExplainsTheShippedUserTimer) {
  const std::string doc = slurp(t::source_dir() + "/docs/cron.md");
  const std::string timer = slurp(t::source_dir() + "/dist/systemd/depeche-index.timer");
  EXPECT_NE(doc.find("\nsystemctl --user enable --now depeche-index.timer\n"), std::string::npos);
  EXPECT_NE(doc.find("\nloginctl enable-linger\n"), std::string::npos);
  for (const std::string setting : {"OnCalendar=*:0/5", "Persistent=true"}) {
    EXPECT_NE(timer.find("\n" + setting + "\n"), std::string::npos) << setting;
    EXPECT_NE(doc.find("`" + setting + "`"), std::string::npos) << setting;
  }
}

// systemd will not run a program whose path has a quote: the units are left out with a warning,
// and everything else is installed.
TEST(Install, PrefixSystemdCannotNameLeavesTheUnitsOut) {
  t::TempDir dir;
  const std::string prefix = dir / "o'brien";
  const auto r = cmake_install(prefix);
  EXPECT_EQ(r.status, 0) << r.err;
  const std::string warning = std::regex_replace(r.err, std::regex(R"(\s+)"), " ");
  EXPECT_NE(warning.find("depeche-index.service and depeche-index.timer are not installed: systemd cannot run a program "
                         "whose path has a quote"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(std::filesystem::is_regular_file(prefix + "/bin/depeche-index"));
  EXPECT_TRUE(std::filesystem::is_regular_file(prefix + "/share/doc/depeche/docs/cron.md"));
  EXPECT_FALSE(std::filesystem::exists(prefix + "/lib/systemd/user/depeche-index.service"));
  EXPECT_FALSE(std::filesystem::exists(prefix + "/lib/systemd/user/depeche-index.timer"));
}

// Built twice into one folder (a rebuild after a change), the package is one file and lintian
// finds no error in it: docs/packaging.md says which warnings and notes remain and why.
TEST(Install, DebianPackageHasNoLintianError) {
  if (!have("lintian")) GTEST_SKIP() << "lintian is not installed (scripts/install-deps.sh installs it)";
  if (!have("cpack && command -v dpkg-deb && command -v dpkg-shlibdeps")) GTEST_SKIP() << "cpack or dpkg tools are missing";
  t::TempDir dir;
  const std::string first = build_package(dir / "pkg");
  const std::string contents = t::run({"dpkg-deb", "-c", first}).out;
  const std::string deb = build_package(dir / "pkg");
  ASSERT_FALSE(deb.empty());
  EXPECT_EQ(deb, first);
  // Time stamps aside, the rebuilt package holds the same files with the same sizes.
  auto names_and_sizes = [](const std::string& listing) {
    return std::regex_replace(listing, std::regex(R"( \d{4}-\d\d-\d\d \d\d:\d\d )"), " ");
  };
  EXPECT_EQ(names_and_sizes(t::run({"dpkg-deb", "-c", deb}).out), names_and_sizes(contents));
  const auto r = t::run({"lintian", "--fail-on", "error", deb});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(r.out.find("E: "), std::string::npos) << r.out;
}

}  // namespace

namespace {

TEST(Install, UnknownOptionSuggestsTheNearest) {
  auto r = t::search({"--fomat", "json", "iran"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("did you mean --format for --fomat?"), std::string::npos) << r.err;
  r = t::index({"--prun", "x"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("did you mean --prune for --prun?"), std::string::npos) << r.err;
  r = t::search({"--bogus", "iran"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err.find("did you mean"), std::string::npos) << "nothing is near: " << r.err;
}


// "--show \"$id\"" with $id unset printed a search of the whole archive and exited 0: options read
// as strings took an empty value for their absence.
TEST(Install, EmptyOptionValueIsAUsageError) {
  t::TempDir dir;
  ASSERT_EQ(t::index({"--db", dir / "db", t::source_dir() + "/data"}).status, 0);
  for (const std::string option : {"--show", "--similar", "--since", "--source", "--saved"}) {
    const auto r = t::search({"--db", dir / "db", option, "", "iran"});
    EXPECT_EQ(r.status, 2) << option << ": " << r.out;
    EXPECT_TRUE(r.out.empty()) << option;
    EXPECT_EQ(r.err, "depeche-search: " + option + ": empty value (depeche-search --help lists the options)\n");
  }
  EXPECT_EQ(t::index({"--db", "", t::source_dir() + "/data"}).status, 2);
  EXPECT_EQ(t::search({"--db", dir / "db", "--count", ""}).status, 0);  // an empty query still matches every article
}

// '--count --timeline' printed the timeline and '--batch F --count' answered in full: one of the
// two was ignored without a word.
TEST(Install, TwoModesAtOnceAreAUsageError) {
  const std::vector<std::vector<std::string>> pairs{
      {"--count", "--timeline"}, {"--count", "--batch", "-"}, {"--stats", "--export"}, {"--show", "x", "--count"}};
  for (const auto& modes : pairs) {
    std::vector<std::string> args{"--db", "nowhere"};
    args.insert(args.end(), modes.begin(), modes.end());
    const auto r = t::search(args);
    EXPECT_EQ(r.status, 2) << modes[0];
    EXPECT_NE(r.err.find("cannot be given together"), std::string::npos) << r.err;
  }
  for (const char* mode : {"--batch", "--export"}) {
    for (const char* format : {"tsv", "csv", "text"}) {
      std::vector<std::string> args{"--db", "nowhere", mode, "--format", format};
      if (std::string(mode) == "--batch") args.insert(args.begin() + 3, "-");
      const auto r = t::search(args);
      EXPECT_EQ(r.status, 2) << mode << " " << format;
      EXPECT_NE(r.err.find(std::string(mode) + " prints JSON lines"), std::string::npos) << r.err;
    }
  }
  const auto stats = t::search({"--db", "nowhere", "--stats", "iran"});
  EXPECT_EQ(stats.status, 2);
  EXPECT_NE(stats.err.find("--stats takes no query"), std::string::npos) << stats.err;
}

// docs/exit-codes.md: every failure prints one line on stderr, starting with the program's name.
// CLI11's own report was two lines, neither of them named.
TEST(Install, UsageErrorIsOneLineNamingTheProgram) {
  const std::vector<t::RunResult> errors{t::search({"--format", "xml", "iran"}), t::search({"--limit", "abc", "iran"}),
                                      t::search({"--fomat", "json", "iran"}), t::index({"--jobs", "x", "dossier"})};
  for (const auto& r : errors) {
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_TRUE(r.err.rfind("depeche-search: ", 0) == 0 || r.err.rfind("depeche-index: ", 0) == 0) << r.err;
    EXPECT_NE(r.err.find("--help"), std::string::npos) << r.err;
  }
}
}  // namespace
