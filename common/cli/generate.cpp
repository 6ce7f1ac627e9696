#include "cli/generate.h"
#include "cli/tool_main.h"

#include "cli/exit_codes.h"
#include "cli/help_format.h"
#include "output/printer.h"
#include "schema.h"
#include "util/edit_distance.h"

#include <algorithm>
#include <iostream>
#include <sstream>

namespace depeche::cli {
namespace {

// roff needs backslashes and leading dots or quotes escaped.
std::string roff(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
    line_start = c == '\n';
  }
  return out;
}

ValueKind value_kind(const std::string& label, bool has_choices) {
  if (has_choices) return ValueKind::kChoice;
  if (label == value_label::kFile || label == value_label::kPath) return ValueKind::kPath;
  if (label == value_label::kFolder) return ValueKind::kFolder;
  if (label == value_label::kSavedSearch) return ValueKind::kSavedSearch;
  if (label == value_label::kFields) return ValueKind::kFieldList;
  return ValueKind::kFree;
}

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

// `lines` without the spaces that begin each.
std::string unindented(const std::string& lines) {
  std::string out;
  std::istringstream in(lines);
  for (std::string line; std::getline(in, line);) {
    const std::size_t text = line.find_first_not_of(' ');
    out += (out.empty() ? "" : "\n") + (text == std::string::npos ? std::string() : line.substr(text));
  }
  return out;
}

// The options by group, each group once, in the order its first option was defined.
std::vector<OptionDoc> grouped(std::vector<OptionDoc> docs) {
  std::vector<std::string> order;
  for (const OptionDoc& d : docs)
    if (std::find(order.begin(), order.end(), d.group) == order.end()) order.push_back(d.group);
  std::stable_sort(docs.begin(), docs.end(), [&order](const OptionDoc& a, const OptionDoc& b) {
    return std::find(order.begin(), order.end(), a.group) < std::find(order.begin(), order.end(), b.group);
  });
  return docs;
}

void man_options(std::ostream& out, const CLI::App& app) {
  out << ".SH OPTIONS\n";
  std::string group;
  for (const OptionDoc& d : grouped(describe_options(app))) {
    if (d.group != group) {
      group = d.group;
      out << ".SS " << roff(group) << "\n";
    }
    out << ".TP\n";
    for (std::size_t i = 0; i < d.names.size(); ++i) out << (i ? ", " : "") << "\\fB" << roff(d.names[i]) << "\\fR";
    if (!d.value_name.empty()) out << " \\fI" << roff(d.value_name) << "\\fR";
    out << "\n" << roff(d.description);
    if (!d.choices.empty()) {
      out << " (";
      for (std::size_t i = 0; i < d.choices.size(); ++i) out << (i ? ", " : "") << roff(d.choices[i]);
      out << ")";
    }
    if (!d.default_value.empty()) out << "; default: " << roff(d.default_value);
    out << "\n";
  }
}

// Environment variables and files, each a term and what it does.
using Entries = std::vector<std::pair<std::string, std::string>>;

void man_entries(std::ostream& out, const char* section, const Entries& entries) {
  out << ".SH " << section << "\n";
  for (const auto& [term, text] : entries) out << ".TP\n\\fB" << roff(term) << "\\fR\n" << roff(text) << "\n";
}

Entries environment_of(const std::string& program) {
  Entries out{{"DEPECHE_DB", "The database, when --db is not given (before the configuration's db)."},
              {"DEPECHE_CONFIG", "The configuration file, when --config is not given; it must exist."},
              {"XDG_CONFIG_HOME", "Where the configuration is looked for: $XDG_CONFIG_HOME/depeche/config."},
              {"XDG_DATA_HOME", "Where the default database is: $XDG_DATA_HOME/depeche/db."}};
  if (program == "depeche-search") {
    out.push_back({"XDG_STATE_HOME", "Where --new remembers each saved search's place: $XDG_STATE_HOME/depeche/saved."});
    out.push_back({"NO_COLOR", "Set and not empty: no colour with --color auto (the default)."});
  }
  out.push_back({"HOME", "Stands for ~ in paths, and the base of the XDG folders when they are not set."});
  return out;
}

// Every status the program can exit with (cli/exit_codes.h, docs/exit-codes.md).
Entries exit_statuses_of(const std::string& program) {
  namespace x = exit_code;
  auto entry = [](int status, const char* text) { return std::make_pair(std::to_string(status), std::string(text)); };
  if (program == "depeche-index")
    return {entry(x::kOk, "Every input was indexed without a problem."),
            entry(x::kUsage, "A bad option, value or configuration file."),
            entry(x::kDatabase, "The database cannot be created, opened or written, is damaged, or is of another version."),
            entry(x::kSomeInputFailed, "Some input was skipped, cut or repaired; the rest is indexed."),
            entry(x::kOutputFailed, "Standard output could not be written."),
            entry(x::kLocked, "Another indexer holds the database: try again later.")};
  return {entry(x::kOk, "At least one article matched the query as written."),
          entry(x::kNoMatch, "No article matched every word (best partial matches may still be printed)."),
          entry(x::kUsage, "A bad option, value, query, filter or configuration file."),
          entry(x::kDatabase, "The database is missing, unreadable, damaged, or of another version."),
          entry(x::kFormatTooOld, "--format-version is older than the oldest supported."),
          entry(x::kFormatTooNew, "--format-version is newer than this depeche writes."),
          entry(x::kOutputFailed, "Standard output could not be written.")};
}

Entries files_of(const std::string& program) {
  Entries out{{"~/.config/depeche/config",
               "The configuration: the database, what to index, the search defaults and saved searches, as key = value "
               "lines (see docs/config.md, installed with the documentation)."},
              {"~/.local/share/depeche/db", "The default database folder."}};
  if (program == "depeche-search")
    out.push_back({"~/.local/state/depeche/saved/NAME", "Where a saved search's --new run stopped."});
  return out;
}

std::string man_page(const CLI::App& app, const std::string& program) {
  std::ostringstream out;
  out << ".TH " << program << " 1 \"\" \"depeche " << DEPECHE_VERSION << "\" \"depeche manual\"\n";
  out << ".SH NAME\n" << program << " \\- " << roff(first_line(app.get_description())) << "\n";
  out << ".SH SYNOPSIS\n.B " << program << "\n[\\fIOPTIONS\\fR]";
  for (const CLI::Option* o : app.get_options())
    if (o->get_positional()) out << " [\\fI" << o->get_name() << "\\fR...]";
  std::string description, examples;
  // The description's paragraphs that begin "Exit status:" and "Examples:" get their own sections, so
  // that --help and the page say the same.
  for (const std::string& p : paragraphs(app.get_description())) {
    if (p.rfind("Exit status:", 0) == 0) continue;  // the page lists every status below
    if (p.rfind("Examples:\n", 0) == 0) examples = unindented(p.substr(p.find('\n') + 1));
    else description += (description.empty() ? "" : "\n\n") + p;
  }
  // The description is laid out by hand: keep its lines.
  out << "\n.SH DESCRIPTION\n.nf\n" << roff(description) << "\n.fi\n";
  man_options(out, app);
  man_entries(out, "EXIT STATUS", exit_statuses_of(program));
  man_entries(out, "ENVIRONMENT", environment_of(program));
  man_entries(out, "FILES", files_of(program));
  if (!examples.empty()) out << ".SH EXAMPLES\n.nf\n" << roff(examples) << "\n.fi\n";
  out << ".SH SEE ALSO\n"
      << (program == "depeche-index" ? "depeche-search(1)" : "depeche-index(1)") << ", depeche-query(7)\n";
  return out.str();
}

std::string query_man_page() {
  std::ostringstream out;
  out << ".TH depeche-query 7 \"\" \"depeche " << DEPECHE_VERSION << "\" \"depeche manual\"\n"
      << ".SH NAME\ndepeche-query \\- the query and filter syntax of depeche-search\n"
      << ".SH DESCRIPTION\n"
         "Words are matched whatever their accents and case, after French elisions (l', d', qu'...) and in\n"
         "their inflected forms (compétences finds compétence); a word the archive mostly writes with a\n"
         "capital inside sentences is a name and is not stemmed (Mali never finds mal). Words are ANDed;\n"
         "--any ORs them. Stop words (le, de, et...) are dropped from free text but kept in phrases.\n"
         ".SS Operators\n"
         ".TP\n\\fB\"centre d'innovation\"\\fR, \\fB« centre d'innovation »\\fR\nA phrase: the words in this order.\n"
         ".TP\n\\fB\\-mot\\fR, \\fBNOT mot\\fR\nExclude articles with the word.\n"
         ".TP\n\\fBIran OR Irak\\fR\nEither word.\n"
         ".TP\n\\fB(Mali OR Niger) sécurité\\fR\nGroups.\n"
         ".TP\n\\fBmigra*\\fR\nEvery indexed word starting so (migrants, migration), at most 200 of them.\n"
         ".TP\n\\fBiran NEAR/5 mali\\fR\nBoth words at most 5 words apart, in either order (NEAR alone: 10).\n"
         ".TP\n\\fBmali ADJ/3 iran\\fR\nThe first word, then the second at most 3 words after it.\n"
         ".TP\n\\fBzelensky\\fR\nAlso its variant spellings from the synonym table (Zelenski, Zelenskyy).\n"
         ".SS Fields\n";
  for (const schema::Field& f : schema::kFields)
    out << ".TP\n\\fB" << f.name << ":\\fR\\fIvalue\\fR\n" << roff(std::string(f.description)) << ".\n";
  out << ".SS Dates\n"
         ".TP\n\\fBdate:2023-07\\fR\nJuly 2023 (also date:2023, date:2023-07-19).\n"
         ".TP\n\\fBdate:2023-07-01..2023-07-31\\fR\nA range; either end may be left out: date:..2022, date:2021..\n"
         ".SH EXAMPLES\n"
         ".nf\ndepeche-search Iran Mali date:2023\n"
         "depeche-search '\"centre d'\\e''innovation\"' source:fr.sputniknews.africa\n"
         "depeche-search télécommunications \\-5G --facet country\n.fi\n"
         ".SH SEE ALSO\ndepeche-search(1), depeche-index(1)\n";
  return out.str();
}

std::string field_words() {
  std::string words;
  for (const schema::Field& f : schema::kFields) words += std::string(words.empty() ? "" : " ") + std::string(f.name) + ":";
  return words;
}

std::string joined(const std::vector<std::string>& words, const std::string& separator) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : separator) + w;
  return out;
}

bool takes_saved_searches(const std::vector<OptionDoc>& docs) {
  return std::any_of(docs.begin(), docs.end(), [](const OptionDoc& d) { return d.kind == ValueKind::kSavedSearch; });
}

// The bash reply to a value of kind `d.kind` being typed in `$cur`; `$head` is what comes before
// it in the word ("--format=" when '=' breaks no words in COMP_WORDBREAKS).
std::string bash_value_reply(const OptionDoc& d, const std::string& fn) {
  switch (d.kind) {
    case ValueKind::kChoice:
      return "COMPREPLY=($(compgen -P \"$head\" -W \"" + joined(d.choices, " ") + "\" -- \"$cur\"))";
    case ValueKind::kFieldList:  // the field after the last comma; the user may type another comma
      return "[[ $cur == *,* ]] && head+=\"${cur%,*},\"; compopt -o nospace 2>/dev/null\n      COMPREPLY=($(compgen -P "
             "\"$head\" -W \"" + joined(d.choices, " ") + "\" -- \"${cur##*,}\"))";
    case ValueKind::kPath:
      return "compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -P \"$head\" -f -- \"$cur\")";
    case ValueKind::kFolder:
      return "compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -P \"$head\" -d -- \"$cur\")";
    case ValueKind::kSavedSearch:
      return "mapfile -t COMPREPLY < <(" + fn + "_saved \"$1\")";
    default:  // a date, a number, a name the archive holds: nothing to offer, and no file names
      return ":";
  }
}

// Names of the saved searches that begin with $cur, from `PROGRAM --list-saved` (NAME<tab>QUERY
// lines) run with the --config or --no-config of the command line, its errors (no configuration)
// kept quiet. Names are compared, never expanded: compgen -W would run a $(...) that a
// hand-edited configuration put in one.
void bash_saved_search_function(std::ostream& out, const std::string& fn) {
  out << fn << "_saved() {\n"
      << "  local config=() i name _\n"
      << "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      << "    case \"${COMP_WORDS[i]}\" in\n"
      << "      --no-config) return ;;\n"
      << "      --config=*) config=(--config \"${COMP_WORDS[i]#*=}\") ;;\n"
      << "      --config) [[ ${COMP_WORDS[i+1]} == = ]] && ((i++)); config=(--config \"${COMP_WORDS[i+1]}\") ;;\n"
      << "    esac\n"
      << "  done\n"
      << "  \"$1\" \"${config[@]}\" --list-saved 2>/dev/null | while IFS=$'\\t' read -r name _; do\n"
      << "    [[ $name == \"$cur\"* ]] && printf '%s\\n' \"$head$name\"\n"
      << "  done\n"
      << "}\n";
}

// "_depeche_search": the completion function of `program`, and the start of its helpers' names.
std::string function_name(const std::string& program) {
  std::string fn = "_" + program;
  std::replace(fn.begin(), fn.end(), '-', '_');
  return fn;
}

std::string bash_completion(const CLI::App& app, const std::string& program) {
  const std::string fn = function_name(program);
  const std::vector<OptionDoc> docs = describe_options(app);
  std::ostringstream out;
  out << "# bash completion for " << program << " (generated by " << program << " --generate bash)\n";
  if (takes_saved_searches(docs)) bash_saved_search_function(out, fn);
  out << fn << "() {\n  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\" head=\n"
      << "  # OPTION=VALUE is one word when COMP_WORDBREAKS lacks '=', else three: OPTION, = and VALUE.\n"
      << "  if [[ $cur == --*=* ]]; then prev=\"${cur%%=*}\" head=\"${cur%%=*}=\" cur=\"${cur#*=}\"\n"
      << "  elif [[ $cur == = ]]; then cur=\n"
      << "  elif [[ $prev == = && COMP_CWORD -gt 1 ]]; then prev=\"${COMP_WORDS[COMP_CWORD-2]}\"\n"
      << "  fi\n"
      << "  case \"$prev\" in\n";
  std::vector<std::string> all;
  // One case per reply, naming every option that gets it, in the order the replies first come.
  std::vector<std::pair<std::string, std::vector<std::string>>> cases;
  for (const OptionDoc& d : docs) {
    all.insert(all.end(), d.names.begin(), d.names.end());
    if (d.kind == ValueKind::kNone) continue;
    const std::string reply = bash_value_reply(d, fn);
    auto same = std::find_if(cases.begin(), cases.end(), [&reply](const auto& c) { return c.first == reply; });
    if (same == cases.end()) same = cases.insert(cases.end(), {reply, {}});
    same->second.insert(same->second.end(), d.names.begin(), d.names.end());
  }
  for (const auto& [reply, names] : cases) out << "    " << joined(names, "|") << ")\n      " << reply << "\n      return ;;\n";
  out << "  esac\n"
      << "  if [[ \"$cur\" == -* ]]; then COMPREPLY=($(compgen -W \"" << joined(all, " ") << "\" -- \"$cur\")); return; fi\n";
  if (program == "depeche-search")
    // After "field:" (':' breaks words by default) comes a value: nothing to offer.
    out << "  [[ $prev == : ]] && return\n"
        << "  COMPREPLY=($(compgen -W \"" << field_words() << "\" -- \"$cur\"))\n"
        << "  [[ ${#COMPREPLY[@]} -eq 1 ]] && compopt -o nospace 2>/dev/null\n";
  else
    out << "  compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n";
  out << "}\ncomplete -F " << fn << " " << program << "\n";
  return out.str();
}

std::string zsh_quote(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else if (c == '[' || c == ']' || c == ':') out += std::string("\\") + c;
    else out += c;
  }
  return out;
}

// The zsh action for a value of kind `d.kind` (a space: nothing to offer, only the value's name).
std::string zsh_action(const OptionDoc& d, const std::string& fn) {
  switch (d.kind) {
    case ValueKind::kChoice: return "(" + joined(d.choices, " ") + ")";
    case ValueKind::kFieldList: return "_values -s , field " + joined(d.choices, " ");
    case ValueKind::kPath: return "_files";
    case ValueKind::kFolder: return "_files -/";
    case ValueKind::kSavedSearch: return fn + "_saved";
    default: return " ";
  }
}

// As bash_saved_search_function: the names --list-saved prints for the command line's --config.
void zsh_saved_search_function(std::ostream& out, const std::string& fn) {
  out << "(( $+functions[" << fn << "_saved] )) || " << fn << "_saved() {\n"
      << "  local -a config names\n"
      << "  (( $+opt_args[--no-config] )) && return 1\n"
      << "  [[ -n ${opt_args[--config]} ]] && config=(--config \"${opt_args[--config]}\")\n"
      << "  names=(${${(f)\"$(\"${words[1]}\" \"${config[@]}\" --list-saved 2>/dev/null)\"}%%$'\\t'*})\n"
      << "  compadd -a names\n"
      << "}\n";
}

std::string zsh_completion(const CLI::App& app, const std::string& program) {
  const std::string fn = function_name(program);
  const std::vector<OptionDoc> docs = describe_options(app);
  std::ostringstream out;
  out << "#compdef " << program << "\n# zsh completion (generated by " << program << " --generate zsh)\n";
  if (takes_saved_searches(docs)) zsh_saved_search_function(out, fn);
  out << "_arguments -s \\\n";
  for (const OptionDoc& d : docs) {
    for (const std::string& n : d.names) {
      // '*' lets zsh offer an option again once given; '=' after a long name takes its value in
      // the same word (--format=json) as well as in the next.
      const bool joined_value = d.kind != ValueKind::kNone && n.rfind("--", 0) == 0;
      out << "  '" << (d.repeatable ? "*" : "") << n << (joined_value ? "=" : "") << "["
          << zsh_quote(first_line(d.description)) << "]";
      if (d.kind != ValueKind::kNone) out << ":" << zsh_quote(d.value_name) << ":" << zsh_action(d, fn);
      out << "' \\\n";
    }
  }
  // A field prefix is followed by its value, not a space.
  out << (program == "depeche-search" ? "  '*:query:{compadd -S \"\" -- " + field_words() + "}'\n" : "  '*:path:_files'\n");
  return out.str();
}

std::string fish_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

// fish's arguments for a value of kind `d.kind`: -r (a value follows), -F (file names) or -f
// (none), and -a with what to offer.
std::string fish_value(const OptionDoc& d, const std::string& fn) {
  switch (d.kind) {
    case ValueKind::kChoice: return " -x -a " + fish_quote(joined(d.choices, " "));
    case ValueKind::kFieldList: return " -x -a " + fish_quote("(__fish_complete_list , " + fn + "_fields)");
    case ValueKind::kPath: return " -r -F";
    case ValueKind::kFolder:  // without "--db=" if typed: fish puts that back itself
      return " -x -a " + fish_quote("(__fish_complete_directories (string replace -r -- '^-[^=]*=' '' (commandline -ct)))");
    case ValueKind::kSavedSearch: return " -x -a " + fish_quote("(" + fn + "_saved)");
    case ValueKind::kNone: return "";
    default: return " -x";
  }
}

// As bash_saved_search_function: the names --list-saved prints for the command line's --config.
void fish_saved_search_function(std::ostream& out, const std::string& fn) {
  out << "function " << fn << "_saved\n"
      << "    set -l words (commandline -opc)\n"
      << "    set -l config\n"
      << "    for i in (seq 2 (count $words))\n"
      << "        switch $words[$i]\n"
      << "            case --no-config\n"
      << "                return\n"
      << "            case '--config=*'\n"
      << "                set config --config (string replace -- --config= '' $words[$i])\n"
      << "            case --config\n"
      << "                set config --config $words[(math $i + 1)]\n"
      << "        end\n"
      << "    end\n"
      << "    $words[1] $config --list-saved 2>/dev/null | string split -f1 \\t\n"
      << "end\n";
}

std::string fish_completion(const CLI::App& app, const std::string& program) {
  const std::string fn = "_" + function_name(program);  // fish's helpers begin with "__"
  const std::vector<OptionDoc> docs = describe_options(app);
  std::ostringstream out;
  out << "# fish completion for " << program << " (generated by " << program << " --generate fish)\n";
  if (takes_saved_searches(docs)) fish_saved_search_function(out, fn);
  for (const OptionDoc& d : docs)
    if (d.kind == ValueKind::kFieldList) {
      out << "function " << fn << "_fields\n    printf '%s\\n' " << joined(d.choices, " ") << "\nend\n";
      break;
    }
  for (const OptionDoc& d : docs) {
    out << "complete -c " << program;
    for (const std::string& n : d.names) out << (n.rfind("--", 0) == 0 ? " -l " + n.substr(2) : " -s " + n.substr(1));
    out << fish_value(d, fn) << " -d " << fish_quote(first_line(d.description)) << "\n";
  }
  // The searcher's words are a query: field prefixes, never file names; the indexer's are paths.
  if (program == "depeche-search") out << "complete -c " << program << " -f -a " << fish_quote(field_words()) << "\n";
  return out.str();
}

}  // namespace

std::vector<OptionDoc> describe_options(const CLI::App& app) {
  std::vector<OptionDoc> docs;
  for (const CLI::Option* o : app.get_options()) {
    if (o->get_positional() || o->get_group().empty()) continue;  // empty group: hidden
    OptionDoc d;
    for (const std::string& s : o->get_snames()) d.names.push_back("-" + s);
    for (const std::string& l : o->get_lnames()) d.names.push_back("--" + l);
    if (o->get_expected_max() > 0) {
      d.value_name = value_name(o);
      d.choices = value_choices(o);
      d.kind = value_kind(d.value_name, !d.choices.empty());
      if (d.kind == ValueKind::kFieldList) d.choices = hit_field_names();
      d.repeatable = o->get_expected_max() > 1;
    }
    d.description = o->get_description();
    d.group = o->get_group();
    if (o->get_expected_max() > 0) d.default_value = o->get_default_str();
    docs.push_back(d);
  }
  return docs;
}

namespace {

// The option of `app` nearest to `typed` ("--fomat" gives "--format"), or "" when none is near.
std::string nearest_option(const CLI::App& app, const std::string& typed) {
  std::string best;
  // Suggested only when closer than about a third of what was typed: --fomat gives --format,
  // --limti --limit, --bogus nothing (--jobs is 3 edits away).
  const std::size_t letters = typed.size() - 2;  // without "--"
  std::size_t best_distance = std::clamp<std::size_t>((letters + 1) / 3 + 1, 2, 4);  // the first not accepted
  for (const OptionDoc& d : describe_options(app))
    for (const std::string& name : d.names) {
      const std::size_t distance = util::edit_distance(typed, name);
      if (distance < best_distance) {
        best_distance = distance;
        best = name;
      }
    }
  return best;
}

}  // namespace

int report_parse_error(const CLI::App& app, const CLI::ParseError& error, const std::string& program) {
  // --help and --version are "errors" to CLI11 that print to stdout and exit 0.
  if (error.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return const_cast<CLI::App&>(app).exit(error);
  std::string line = error.what();
  if (dynamic_cast<const CLI::ExtrasError*>(&error)) {
    for (const std::string& arg : const_cast<CLI::App&>(app).remaining()) {
      if (arg.rfind("--", 0) != 0) continue;
      const std::string typed = arg.substr(0, arg.find('='));
      if (const std::string best = nearest_option(app, typed); !best.empty())
        line += "; did you mean " + best + " for " + typed + "?";
    }
  }
  print_message(program, line + " (" + program + " --help lists the options)");
  return exit_code::kUsage;
}

void add_generate_option(CLI::App& app, std::string& target) {
  app.add_option("--generate", target, "Print a man page or a shell completion script")
      ->check(CLI::IsMember({"man", "bash", "zsh", "fish", "query-man"}))
      ->group("");
}

std::string generate(const CLI::App& app, const std::string& program, const std::string& target) {
  if (target == "man") return man_page(app, program);
  if (target == "bash") return bash_completion(app, program);
  if (target == "zsh") return zsh_completion(app, program);
  if (target == "fish") return fish_completion(app, program);
  return query_man_page();
}

}  // namespace depeche::cli
