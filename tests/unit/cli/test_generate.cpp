// Man pages and completions generated from a small CLI::App: every visible option is listed with
// its value and choices, hidden ones are not, and a mistyped option gets the nearest real one.
#include "cli/generate.h"

#include "cli/exit_codes.h"
#include "output/printer.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace {

using namespace depeche::cli;

struct SmallApp {
  CLI::App app{"Searches a small archive.\nSecond line of the description."};
  std::string format = "text";
  int limit = 10;
  bool quiet = false;
  std::string secret;
  std::vector<std::string> words;
  SmallApp() {
    app.add_option("-f,--format", format, "Output format\nmore")->check(CLI::IsMember({"text", "json"}))->group("Output");
    app.add_option("-n,--limit", limit, "Hits to print")->group("Output");
    app.add_flag("-q,--quiet", quiet, "Print less")->group("Other");
    app.add_option("--secret", secret, "Hidden")->group("");
    app.add_option("words", words, "Query words");
  }
};

TEST(Generate, DescribeOptionsListsVisibleOptionsWithValuesAndChoices) {
  SmallApp s;
  const std::vector<OptionDoc> docs = describe_options(s.app);
  std::vector<std::string> first_names;
  for (const OptionDoc& d : docs) first_names.push_back(d.names.back());
  EXPECT_EQ(first_names, (std::vector<std::string>{"--help", "--format", "--limit", "--quiet"}))
      << "neither hidden options nor positional arguments";
  const OptionDoc& format = docs[1];
  EXPECT_EQ(format.names, (std::vector<std::string>{"-f", "--format"}));
  EXPECT_EQ(format.value_name, "TEXT");
  EXPECT_EQ(format.choices, (std::vector<std::string>{"text", "json"}));
  EXPECT_EQ(format.group, "Output");
  EXPECT_EQ(docs[2].value_name, "INT");
  EXPECT_TRUE(docs[2].choices.empty());
  EXPECT_EQ(docs[3].value_name, "") << "a flag takes no value";
}

TEST(Generate, ManPageHasItsSectionsAndOptions) {
  SmallApp s;
  const std::string man = generate(s.app, "depeche-search", "man");
  for (const char* section : {".TH depeche-search 1 ", ".SH NAME\ndepeche-search \\- Searches a small archive.\n",
                              ".SH SYNOPSIS\n", " [\\fIwords\\fR...]", ".SH DESCRIPTION\n.nf\n", ".SH OPTIONS\n",
                              ".SS Output\n", ".SS Other\n", ".SH SEE ALSO\ndepeche-index(1), depeche-query(7)\n"})
    EXPECT_NE(man.find(section), std::string::npos) << section << "\n" << man;
  EXPECT_NE(man.find(".TP\n\\fB\\-f\\fR, \\fB\\-\\-format\\fR \\fITEXT\\fR\nOutput format\nmore (text, json)\n"), std::string::npos)
      << man;
  EXPECT_NE(man.find("\\fB\\-q\\fR, \\fB\\-\\-quiet\\fR\nPrint less\n"), std::string::npos) << man;
  EXPECT_EQ(man.find("secret"), std::string::npos) << "hidden options stay hidden";
  EXPECT_NE(generate(s.app, "depeche-index", "man").find(".SH SEE ALSO\ndepeche-search(1)"), std::string::npos);
}

// A description as the binaries write theirs: the man page gives its exit status and examples
// their own sections; options of one group defined apart are listed under one heading.
TEST(Generate, ManPageHasEveryStandardSectionAndEachGroupOnce) {
  CLI::App app{"Searches an archive.\n\nMore about it.\n\nExit status: 0 found, 1 not.\n\nExamples:\n  prog a b\n  prog --limit 3 c"};
  int limit = 10;
  bool quiet = false, loud = false;
  app.add_option("--limit", limit, "Hits to print")->capture_default_str()->group("Output");
  app.add_flag("--quiet", quiet, "Print less")->group("Other");
  app.add_flag("--loud", loud, "Print more")->group("Output");
  for (const char* program : {"depeche-search", "depeche-index"}) {
    const std::string man = generate(app, program, "man");
    std::size_t at = 0;
    for (const char* section : {".SH NAME\n", ".SH SYNOPSIS\n", ".SH DESCRIPTION\n", ".SH OPTIONS\n", ".SH EXIT STATUS\n",
                                ".SH ENVIRONMENT\n", ".SH FILES\n", ".SH EXAMPLES\n", ".SH SEE ALSO\n"}) {
      const std::size_t found = man.find(section, at);
      EXPECT_NE(found, std::string::npos) << program << ": " << section << " in this order\n" << man;
      if (found != std::string::npos) at = found;
    }
    EXPECT_EQ(man.find(".SS Output\n", man.find(".SS Output\n") + 1), std::string::npos) << "one Output heading\n" << man;
    EXPECT_LT(man.find("\\-\\-loud"), man.find(".SS Other\n")) << "--loud under Output";
    EXPECT_NE(man.find("Hits to print; default: 10\n"), std::string::npos) << man;
    EXPECT_EQ(man.find("Exit status:"), std::string::npos) << "the description's summary gives way to the list";
    EXPECT_NE(man.find(".SH EXAMPLES\n.nf\nprog a b\nprog \\-\\-limit 3 c\n.fi\n"), std::string::npos) << man;
    EXPECT_NE(man.find("More about it."), std::string::npos);
    EXPECT_NE(man.find("DEPECHE_CONFIG"), std::string::npos);
    EXPECT_NE(man.find("depeche/config"), std::string::npos);
  }
  const std::string search = generate(app, "depeche-search", "man");
  const std::string index = generate(app, "depeche-index", "man");
  for (int status : {depeche::exit_code::kOk, depeche::exit_code::kNoMatch, depeche::exit_code::kUsage,
                     depeche::exit_code::kDatabase, depeche::exit_code::kFormatTooOld, depeche::exit_code::kFormatTooNew,
                     depeche::exit_code::kOutputFailed})
    EXPECT_NE(search.find(".TP\n\\fB" + std::to_string(status) + "\\fR\n"), std::string::npos) << status;
  for (int status : {depeche::exit_code::kOk, depeche::exit_code::kUsage, depeche::exit_code::kDatabase,
                     depeche::exit_code::kSomeInputFailed, depeche::exit_code::kOutputFailed, depeche::exit_code::kLocked})
    EXPECT_NE(index.find(".TP\n\\fB" + std::to_string(status) + "\\fR\n"), std::string::npos) << status;
  EXPECT_EQ(index.find(".TP\n\\fB1\\fR\n"), std::string::npos) << "the indexer never exits 1";
  EXPECT_NE(search.find("NO_COLOR"), std::string::npos);
}

TEST(Generate, QueryManPageListsTheFields) {
  SmallApp s;
  const std::string man = generate(s.app, "depeche-search", "query-man");
  EXPECT_EQ(man.rfind(".TH depeche-query 7 ", 0), 0u);
  EXPECT_NE(man.find(".SS Fields\n"), std::string::npos);
  EXPECT_NE(man.find("\\fBsource:\\fR\\fIvalue\\fR"), std::string::npos) << man;
}

// Options whose value labels say what completes them (cli::value_label), one repeatable.
struct LabelledApp {
  CLI::App app{"Labelled values."};
  std::string text;
  std::vector<std::string> many;
  LabelledApp() {
    app.add_option("--config", text, "A file")->type_name(value_label::kFile)->group("G");
    app.add_option("--db", many, "Folders")->type_name(value_label::kFolder)->allow_extra_args(false)->group("G");
    app.add_option("--saved", text, "A saved search")->type_name(value_label::kSavedSearch)->group("G");
    app.add_option("--fields", text, "Columns")->type_name(value_label::kFields)->group("G");
    app.add_option("--since", text, "A date")->type_name("DATE")->group("G");
  }
};

TEST(Generate, ValueLabelsTellWhatCompletesAValue) {
  LabelledApp l;
  const std::vector<OptionDoc> docs = describe_options(l.app);
  ASSERT_EQ(docs.size(), 6u);
  const std::vector<std::pair<ValueKind, bool>> kinds{{ValueKind::kNone, false},       {ValueKind::kPath, false},
                                                      {ValueKind::kFolder, true},      {ValueKind::kSavedSearch, false},
                                                      {ValueKind::kFieldList, false}, {ValueKind::kFree, false}};
  for (std::size_t i = 0; i < docs.size(); ++i) {
    EXPECT_EQ(docs[i].kind, kinds[i].first) << docs[i].names.back();
    EXPECT_EQ(docs[i].repeatable, kinds[i].second) << docs[i].names.back();
  }
  EXPECT_EQ(docs[2].value_name, "DIR") << "the label is also what --help calls the value";
  EXPECT_EQ(docs[4].choices, depeche::hit_field_names());
  SmallApp s;
  EXPECT_EQ(describe_options(s.app)[1].kind, ValueKind::kChoice);
  EXPECT_EQ(describe_options(s.app)[2].kind, ValueKind::kFree) << "a number";
}

TEST(Generate, BashCompletionOffersOptionsChoicesAndFiles) {
  SmallApp s;
  const std::string bash = generate(s.app, "depeche-search", "bash");
  EXPECT_NE(bash.find("_depeche_search() {"), std::string::npos) << bash;
  EXPECT_NE(bash.find("    -f|--format)\n      COMPREPLY=($(compgen -P \"$head\" -W \"text json\" -- \"$cur\"))\n"),
            std::string::npos)
      << bash;
  EXPECT_NE(bash.find("    -n|--limit)\n      :\n      return ;;\n"), std::string::npos) << "no file names\n" << bash;
  LabelledApp l;
  const std::string labelled = generate(l.app, "depeche-search", "bash");
  EXPECT_NE(labelled.find("    --saved)\n      mapfile -t COMPREPLY < <(_depeche_search_saved \"$1\")\n"), std::string::npos)
      << labelled;
  EXPECT_NE(labelled.find("_depeche_search_saved() {\n"), std::string::npos) << labelled;
  EXPECT_EQ(bash.find("_saved"), std::string::npos) << "no saved search to complete";
  EXPECT_EQ(bash.find("-q|--quiet)"), std::string::npos) << "a flag has no value to complete";
  EXPECT_NE(bash.find("compgen -W \"-h --help -f --format -n --limit -q --quiet\""), std::string::npos) << bash;
  EXPECT_NE(bash.find("source:"), std::string::npos) << "the searcher completes field names";
  EXPECT_NE(bash.find("complete -F _depeche_search depeche-search\n"), std::string::npos);
  EXPECT_EQ(generate(s.app, "depeche-index", "bash").find("source:"), std::string::npos) << "the indexer completes files";
}

TEST(Generate, ZshCompletionQuotesDescriptions) {
  SmallApp s;
  s.app.add_flag("--brackets", s.quiet, "It's [x]: y")->group("Other");
  const std::string zsh = generate(s.app, "depeche-index", "zsh");
  EXPECT_EQ(zsh.rfind("#compdef depeche-index\n", 0), 0u);
  EXPECT_NE(zsh.find("  '--format=[Output format]:TEXT:(text json)' \\\n"), std::string::npos) << "first line only\n" << zsh;
  EXPECT_NE(zsh.find("  '--limit=[Hits to print]:INT: ' \\\n"), std::string::npos) << "no file names\n" << zsh;
  EXPECT_NE(zsh.find("  '-f[Output format]:TEXT:(text json)' \\\n"), std::string::npos) << "no -f=json\n" << zsh;
  EXPECT_NE(zsh.find("  '--brackets[It'\\''s \\[x\\]\\: y]' \\\n"), std::string::npos) << zsh;
  EXPECT_NE(zsh.find("'*:path:_files'"), std::string::npos);
}

// zsh offers an option once unless its spec begins with '*'; each value gets its kind's action.
TEST(Generate, ZshCompletionRepeatsRepeatableOptionsAndKnowsValues) {
  LabelledApp l;
  const std::string zsh = generate(l.app, "depeche-search", "zsh");
  for (const char* spec : {"  '--config=[A file]:FILE:_files' \\\n", "  '*--db=[Folders]:DIR:_files -/' \\\n",
                           "  '--saved=[A saved search]:SEARCH:_depeche_search_saved' \\\n",
                           "  '--fields=[Columns]:FIELDS:_values -s , field rank id ", "  '--since=[A date]:DATE: ' \\\n"})
    EXPECT_NE(zsh.find(spec), std::string::npos) << spec << "\n" << zsh;
  EXPECT_EQ(zsh.find("'*--config"), std::string::npos) << "given once";
  EXPECT_NE(zsh.find("  '*:query:{compadd -S \"\" -- title: "), std::string::npos) << "no space after a field prefix\n" << zsh;
  // The saved searches, read from what --list-saved prints for the command line's configuration.
  EXPECT_NE(zsh.find("_depeche_search_saved() {\n"), std::string::npos) << zsh;
  EXPECT_NE(zsh.find("--list-saved 2>/dev/null"), std::string::npos) << zsh;
  EXPECT_LT(zsh.find("_depeche_search_saved() {"), zsh.find("_arguments")) << "defined before use";
}

TEST(Generate, FishCompletionKnowsValues) {
  LabelledApp l;
  const std::string fish = generate(l.app, "depeche-search", "fish");
  for (const char* line : {"complete -c depeche-search -l config -r -F -d 'A file'\n",
                           "complete -c depeche-search -l db -x -a '(__fish_complete_directories (string replace -r -- \\'^-[^=]*=\\' ",
                           "complete -c depeche-search -l saved -x -a '(__depeche_search_saved)' -d 'A saved search'\n",
                           "complete -c depeche-search -l fields -x -a '(__fish_complete_list , __depeche_search_fields)' "
                           "-d 'Columns'\n",
                           "complete -c depeche-search -l since -x -d 'A date'\n", "function __depeche_search_saved\n",
                           "function __depeche_search_fields\n    printf '%s\\n' rank id score ",
                           "complete -c depeche-search -f -a 'title: "})
    EXPECT_NE(fish.find(line), std::string::npos) << line << "\n" << fish;
  SmallApp s;
  s.app.add_flag("--brackets", s.quiet, "It's [x]")->group("Other");
  const std::string small = generate(s.app, "depeche-index", "fish");
  EXPECT_NE(small.find("complete -c depeche-index -s f -l format -x -a 'text json' -d 'Output format'\n"), std::string::npos)
      << small;
  EXPECT_NE(small.find("complete -c depeche-index -s q -l quiet -d 'Print less'\n"), std::string::npos) << "a flag\n" << small;
  EXPECT_NE(small.find("-d 'It\\'s [x]'\n"), std::string::npos) << small;
  EXPECT_EQ(small.find(" -f -a "), std::string::npos) << "the indexer's words are paths";
}

// Parsed by the shells themselves where they are installed (neither is needed to build).
TEST(Generate, ZshAndFishCompletionsParse) {
  LabelledApp l;
  depeche::test::TempDir dir;
  std::string missing;
  for (const std::string shell : {"zsh", "fish"}) {
    if (std::system(("command -v " + shell + " >/dev/null 2>&1").c_str()) != 0) {
      missing += " " + shell;
      continue;
    }
    for (const char* program : {"depeche-search", "depeche-index"}) {
      const std::string text = generate(l.app, program, shell);
      const std::string file = dir.write(shell + "-" + program, text);
      EXPECT_EQ(std::system((shell + " -n '" + file + "'").c_str()), 0) << shell << "\n" << text;
    }
  }
  if (!missing.empty()) GTEST_SKIP() << "not installed, not parsed:" << missing;
}

TEST(Generate, TheNearestOptionIsSuggestedOnlyWhenNear) {
  for (const auto& [typed, hint] : std::vector<std::pair<std::string, std::string>>{
           {"--fomat", "did you mean --format for --fomat?"},
           {"--limti=3", "did you mean --limit for --limti?"},
           {"--bogus", ""}}) {
    SmallApp s;
    std::vector<std::string> args{"prog", typed};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    testing::internal::CaptureStderr();
    int status = -1;
    try {
      s.app.parse(static_cast<int>(argv.size()), argv.data());
    } catch (const CLI::ParseError& e) {
      status = report_parse_error(s.app, e, "prog");
    }
    const std::string err = testing::internal::GetCapturedStderr();
    EXPECT_EQ(status, depeche::exit_code::kUsage) << typed;
    if (hint.empty())
      EXPECT_EQ(err.find("did you mean"), std::string::npos) << err;
    else
      EXPECT_NE(err.find(hint), std::string::npos) << err;
  }
}

}  // namespace
