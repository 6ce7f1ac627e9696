// Issue 36: the generated bash completions know what each option's value is. They are driven as
// bash drives them (COMP_WORDS, COMP_CWORD, the function called with the program), from the
// scripts the build installs, on the options as each binary defines them.
#include "cli/generate.h"
#include "indexer/options.h"
#include "schema.h"
#include "searcher/options.h"
#include "support/run.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace t = depeche::test;
using depeche::cli::OptionDoc;
using depeche::cli::ValueKind;

namespace {

using Words = std::vector<std::string>;

std::string single_quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct Completion {
  Words offered;
  std::string err;
};

// The shell's answer, one word a line, sorted.
Completion offered(const t::RunResult& r) {
  EXPECT_EQ(r.status, 0) << r.err;
  Completion c{{}, r.err};
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) c.offered.push_back(line);
  std::sort(c.offered.begin(), c.offered.end());
  return c;
}

// Completes word `cword` of `words` (as bash splits a line: with '=' and ':' in COMP_WORDBREAKS,
// "--format=j" is the three words --format, = and j) in the folder `cwd`.
Completion complete(const std::string& program, const Words& words, int cword, const std::string& cwd,
                    const std::vector<std::string>& env = {}) {
  const std::string binary = program == "depeche-search" ? DEPECHE_SEARCH_BIN : DEPECHE_INDEX_BIN;
  std::string array;
  for (const std::string& w : words) array += " " + single_quoted(w);
  std::string fn = "_" + program;
  std::replace(fn.begin(), fn.end(), '-', '_');
  const std::string script = "cd " + single_quoted(cwd) + " && source " +
                             single_quoted(std::string(DEPECHE_BINARY_DIR) + "/generated/completions/bash/" + program) +
                             "; compopt() { :; }; COMP_WORDS=(" + array + "); COMP_CWORD=" + std::to_string(cword) +
                             "; " + fn + " " + single_quoted(binary) + "; printf '%s\\n' \"${COMPREPLY[@]}\"";
  return offered(t::run({"bash", "-c", script}, "", env));
}

bool have_fish() { return t::run({"sh", "-c", "command -v fish"}).status == 0; }

// What fish offers for the command line `line` (its last word being completed) in `cwd`, with
// both programs' completions loaded and on the PATH. Folders lose fish's trailing '/'.
Completion complete_fish(const std::string& line, const std::string& cwd, std::vector<std::string> env = {}) {
  const std::string completions = std::string(DEPECHE_BINARY_DIR) + "/generated/completions/fish/";
  const auto folder = [](const std::string& path) { return std::filesystem::path(path).parent_path().string(); };
  env.push_back("PATH=" + folder(DEPECHE_SEARCH_BIN) + ":" + folder(DEPECHE_INDEX_BIN) + ":" + std::getenv("PATH"));
  return offered(t::run({"fish", "--no-config", "-c",
                                 "cd $argv[1]; and source $argv[2]; and source $argv[3]; or exit 1; complete -C $argv[4] | "
                         "string split -f1 \\t | string replace -r '/$' ''; true",
                                 cwd, completions + "depeche-search.fish", completions + "depeche-index.fish", line},
                        "", env));
}

Words search(const Words& words, int cword, const std::string& cwd = ".", const std::vector<std::string>& env = {}) {
  return complete("depeche-search", words, cword, cwd, env).offered;
}

bool has(const Words& words, const std::string& w) { return std::find(words.begin(), words.end(), w) != words.end(); }

// No configuration anywhere the searcher looks.
std::vector<std::string> no_config_env(const t::TempDir& dir) {
  return {"HOME=" + dir.path(), "XDG_CONFIG_HOME=" + dir.path() + "/config", "DEPECHE_CONFIG="};
}

std::vector<OptionDoc> options_of(const std::string& program) {
  CLI::App app;
  if (program == "depeche-search") {
    static depeche::SearcherOptions o;
    depeche::define_options(app, o);
    return depeche::cli::describe_options(app);
  }
  static depeche::IndexerOptions o;
  depeche::define_options(app, o);
  return depeche::cli::describe_options(app);
}

// What a value of `d` completes to from nothing typed, among a file and a folder in the current
// folder: paths only where a path goes.
Words expected_from_nothing(const OptionDoc& d) {
  switch (d.kind) {
    case ValueKind::kPath: return {"zz-file", "zz-folder"};
    case ValueKind::kFolder: return {"zz-folder"};
    case ValueKind::kChoice:
    case ValueKind::kFieldList: {
      Words sorted = d.choices;
      std::sort(sorted.begin(), sorted.end());
      return sorted;
    }
    default: return {};  // free values, and saved searches when there is no configuration
  }
}

Words prefixed(const std::string& head, Words words) {
  for (std::string& w : words) w = head + w;
  return words;
}

enum class Shell { kBash, kFish };

void expect_each_option_value_offers_its_kind(Shell shell) {
  t::TempDir dir;
  const std::string cwd = dir / "cwd";  // a folder of its own: fish writes into XDG_CONFIG_HOME
  dir.write("cwd/zz-file", "");
  std::filesystem::create_directory(cwd + "/zz-folder");
  const auto env = no_config_env(dir);
  int checked = 0;
  for (const std::string program : {"depeche-index", "depeche-search"}) {
    for (const OptionDoc& d : options_of(program)) {
      if (d.kind == ValueKind::kNone) continue;
      const Words expected = expected_from_nothing(d);
      for (const std::string& name : d.names) {
        const bool is_long = name.rfind("--", 0) == 0;
        if (shell == Shell::kFish) {
          EXPECT_EQ(complete_fish(program + " " + name + " ", cwd, env).offered, expected) << program << " " << name;
          if (is_long) {
            EXPECT_EQ(complete_fish(program + " " + name + "=", cwd, env).offered, prefixed(name + "=", expected))
                << name << "=";
          }
          continue;
        }
        // "--opt ", then "--opt=" split at '=' (bash's default) and whole (COMP_WORDBREAKS without '=').
        EXPECT_EQ(complete(program, {program, name, ""}, 2, cwd, env).offered, expected) << program << " " << name;
        if (!is_long) continue;
        EXPECT_EQ(complete(program, {program, name, "="}, 2, cwd, env).offered, expected) << name << "=";
        EXPECT_EQ(complete(program, {program, name + "="}, 1, cwd, env).offered, prefixed(name + "=", expected))
            << name << "= as one word";
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 25);
}

TEST(Completion, EachOptionValueOffersItsKindAndFileNamesOnlyForPaths) {
  expect_each_option_value_offers_its_kind(Shell::kBash);
}

TEST(Completion, ChoicesCompleteAfterAnEqualsSign) {
  EXPECT_EQ(search({"depeche-search", "--format", "=", "j"}, 3), (Words{"json", "jsonl"}));
  EXPECT_EQ(search({"depeche-search", "--format=j"}, 1), (Words{"--format=json", "--format=jsonl"}));
  EXPECT_EQ(search({"depeche-search", "--sort", "-"}, 2), (Words{"-date"})) << "a choice that looks like an option";
  EXPECT_EQ(complete("depeche-index", {"depeche-index", "--input-format", "=", "f"}, 3, ".").offered, (Words{"feed"}));
}

TEST(Completion, RepeatableOptionsAreOfferedAgainWithTheirValues) {
  EXPECT_EQ(search({"depeche-search", "--facet", "source", "--facet", "co"}, 4), (Words{"country"}));
  EXPECT_TRUE(has(search({"depeche-search", "--facet", "source", "--fa"}, 3), "--facet"));
  EXPECT_TRUE(has(search({"depeche-search", "--db", "a", "--d"}, 3), "--db"));
}

TEST(Completion, FieldsCompleteAfterTheLastComma) {
  const Words offered = search({"depeche-search", "--fields", "title,so"}, 2);
  EXPECT_TRUE(has(offered, "title,source")) << testing::PrintToString(offered);
  for (const std::string& w : offered) EXPECT_EQ(w.rfind("title,so", 0), 0u) << w;
  EXPECT_EQ(search({"depeche-search", "--fields", "rank,id,dat"}, 2), (Words{"rank,id,date", "rank,id,date_precision"}));
}

TEST(Completion, QueryWordsCompleteToFieldPrefixesButNotTheirValues) {
  EXPECT_EQ(search({"depeche-search", "dat"}, 1), (Words{"date:"}));
  EXPECT_EQ(search({"depeche-search", "Iran", "sou"}, 2), (Words{"source:"}));
  // ':' breaks words: after "title:" comes a value, never another field ("title:source:").
  EXPECT_EQ(search({"depeche-search", "title", ":", "so"}, 3), Words{});
  t::TempDir dir;
  dir.write("zz-file", "");
  EXPECT_EQ(search({"depeche-search", ""}, 1, dir.path()).size(), depeche::schema::kFields.size()) << "no file names";
  EXPECT_EQ(complete("depeche-index", {"depeche-index", "zz"}, 1, dir.path()).offered, (Words{"zz-file"}));
}

TEST(Completion, SavedSearchNamesComeFromTheConfiguration) {
  t::TempDir dir;
  const std::string config = dir.write("config", "saved.mali = Mali date:2023\nsaved.mars = Mars\nsaved.iran = Iran\n");
  const std::string other = dir.write("other", "saved.niger = Niger\n");
  auto env = no_config_env(dir);
  env.push_back("DEPECHE_CONFIG=" + config);
  EXPECT_EQ(search({"depeche-search", "--saved", "ma"}, 2, dir.path(), env), (Words{"mali", "mars"}));
  EXPECT_EQ(search({"depeche-search", "--forget", ""}, 2, dir.path(), env), (Words{"iran", "mali", "mars"}));
  EXPECT_EQ(search({"depeche-search", "--saved=i"}, 1, dir.path(), env), (Words{"--saved=iran"}));
  // The configuration the command line names, as the search will read it.
  EXPECT_EQ(search({"depeche-search", "--config", other, "--saved", ""}, 4, dir.path(), env), (Words{"niger"}));
  EXPECT_EQ(search({"depeche-search", "--config", "=", other, "--saved", ""}, 5, dir.path(), env), (Words{"niger"}));
  EXPECT_EQ(search({"depeche-search", "--no-config", "--saved", ""}, 3, dir.path(), env), Words{});
  EXPECT_EQ(search({"depeche-search", "--save", ""}, 2, dir.path(), env), Words{}) << "a new name: nothing to offer";
}

TEST(Completion, NoConfigurationOffersNoSavedSearchAndSaysNothing) {
  t::TempDir dir;
  for (const std::string& config : {std::string(), dir / "missing"}) {
    auto env = no_config_env(dir);
    env.push_back("DEPECHE_CONFIG=" + config);
    const Completion c = complete("depeche-search", {"depeche-search", "--saved", ""}, 2, dir.path(), env);
    EXPECT_EQ(c.offered, Words{}) << config;
    EXPECT_EQ(c.err, "") << config;
  }
}

// A hand-edited configuration may name a saved search anything: its names are offered as they
// are, never run by the shell.
TEST(Completion, SavedSearchNamesAreNeverExpandedByTheShell) {
  t::TempDir dir;
  const std::string config = dir.write("config", "saved.$(id>pwned) = x\nsaved.`id>pwned2` = y\nsaved.*  = z\n");
  auto env = no_config_env(dir);
  env.push_back("DEPECHE_CONFIG=" + config);
  const Words offered = search({"depeche-search", "--saved", ""}, 2, dir.path(), env);
  EXPECT_TRUE(has(offered, "$(id>pwned)")) << testing::PrintToString(offered);
  EXPECT_TRUE(has(offered, "`id>pwned2`")) << testing::PrintToString(offered);
  EXPECT_TRUE(has(offered, "*")) << "not a glob of the current folder";
  EXPECT_FALSE(std::filesystem::exists(dir / "pwned"));
  EXPECT_FALSE(std::filesystem::exists(dir / "pwned2"));
}

// fish, where installed: the same kinds, and the same saved searches, never run.
TEST(Completion, FishOffersWhatBashOffers) {
  if (!have_fish()) GTEST_SKIP() << "fish is not installed: its completions were not driven";
  expect_each_option_value_offers_its_kind(Shell::kFish);
  t::TempDir dir;
  dir.write("zz-file", "");
  const std::string config = dir.write("depeche.conf", "saved.mali = Mali\nsaved.$(id>pwned) = x\n");
  const std::string other = dir.write("other", "saved.niger = Niger\n");
  auto env = no_config_env(dir);
  env.push_back("DEPECHE_CONFIG=" + config);
  const auto fish = [&](const std::string& line) { return complete_fish(line, dir.path(), env).offered; };
  EXPECT_EQ(fish("depeche-search --saved "), (Words{"$(id>pwned)", "mali"}));
  EXPECT_FALSE(std::filesystem::exists(dir / "pwned"));
  EXPECT_EQ(fish("depeche-search --config " + other + " --forget "), (Words{"niger"}));
  EXPECT_EQ(fish("depeche-search --no-config --saved "), Words{});
  EXPECT_EQ(fish("depeche-search --format=j"), (Words{"--format=json", "--format=jsonl"}));
  EXPECT_TRUE(has(fish("depeche-search --fields title,so"), "title,source"));
  EXPECT_TRUE(has(fish("depeche-search --facet source --fa"), "--facet"));
  EXPECT_EQ(fish("depeche-search dat"), (Words{"date:"}));
  EXPECT_EQ(fish("depeche-search zz"), Words{}) << "query words are no file names";
  EXPECT_EQ(fish("depeche-index zz"), (Words{"zz-file"}));
  auto no_config = no_config_env(dir);
  no_config.push_back("DEPECHE_CONFIG=" + dir / "missing");
  const Completion quiet = complete_fish("depeche-search --saved ", dir.path(), no_config);
  EXPECT_EQ(quiet.offered, Words{});
  EXPECT_EQ(quiet.err, "");
}

}  // namespace
