// What depeche-search prints, in every format, and the exit codes scripts rely on.
// A small folder of articles is indexed once; every test reads the same database.
#include "support/indexed_corpus.h"
#include "support/run.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using depeche::test::TempDir;
using nlohmann::json;
namespace t = depeche::test;

namespace {

const char* const kBrestUrl = "https://www.ouest-exemple.fr/port-brest";
const char* const kBrestTitle = "Le port de Brest, \"record\" battu";
const char* const kBrestBody = "Le port de Brest accueille des télécommunications nouvelles et des conteneurs.";
const char* const kSkiUrl = "https://alpes-exemple.fr/ski";
const char* const kRugbyUrl = "https://www.ouest-exemple.fr/brest-rugby";
const char* const kMarseilleUrl = "https://sud-exemple.fr/marseille-port";
const char* const kSeteId = "corpus/2020/sete.txt";  // no URL: named by the folder indexed and its path
const char* const kSeteBody = "Le port de Sète attend les chalutiers ce printemps.";

// "port" matches the first five; the last one is about something else.
const std::vector<std::pair<std::string, std::string>> kArticles = {
    {"2023/brest-port.txt", std::string("date 2023-07-12 ") + kBrestUrl + "\n\n" + kBrestTitle + "\n\n" + kBrestBody + "\n"},
    {"2022/ski.txt", std::string("date 2022-05-03 ") + kSkiUrl +
                         "\n\nStations de ski\n\nLes stations de ski ferment tôt. Le port de plaisance d'Annecy "
                         "reste ouvert.\n"},
    {"2021/rugby.txt", std::string("date 2021-11 ") + kRugbyUrl +
                           "\n\nRugby à Brest\n\nLe club de Brest monte en première division, près du port.\n"},
    {"2023/marseille.txt", std::string("date 2023-02-20 ") + kMarseilleUrl +
                               "\n\nMarseille agrandit son port\n\nLe grand port de Marseille investit dans les "
                               "télécommunications.\n"},
    {"2020/sete.txt", std::string("date 2020-06 ") + kSeteBody + "\n"},
    {"2019/montagne.txt", "date 2019-01\n\nLa montagne\n\nLes randonneurs aiment la montagne en hiver.\n"},
};

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == sep) out.emplace_back();
    else out.back() += c;
  }
  return out;
}

// RFC 4180 CSV into rows of cells.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') cell += '"', ++i;
      else if (c == '"') quoted = false;
      else cell += c;
      continue;
    }
    any = true;
    if (c == '"') quoted = true;
    else if (c == ',') row.push_back(cell), cell.clear();
    else if (c == '\n') row.push_back(cell), cell.clear(), rows.push_back(row), row.clear(), any = false;
    else if (c != '\r') cell += c;
  }
  if (any) row.push_back(cell), rows.push_back(row);
  return rows;
}

// Runs depeche-search on a pseudo-terminal, so it sees a terminal on stdout. Returns what it
// printed (stdout and stderr together) and sets `status`.
std::string run_on_terminal(const std::vector<std::string>& args, const std::vector<std::pair<std::string, std::string>>& env,
                            int& status) {
  int master = -1;
  const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  if (pid < 0) {
    status = -1;
    return "forkpty failed";
  }
  if (pid == 0) {
    unsetenv("NO_COLOR");
    setenv("TERM", "xterm-256color", 1);
    for (const auto& [name, value] : env) setenv(name.c_str(), value.c_str(), 1);
    t::exec(t::search_argv(args));
  }
  std::string out;
  char buf[4096];
  for (;;) {
    const ssize_t got = read(master, buf, sizeof buf);
    if (got > 0) out.append(buf, static_cast<std::size_t>(got));
    else if (got < 0 && errno == EINTR) continue;
    else break;  // EIO once the child has gone
  }
  close(master);
  int raw = 0;
  waitpid(pid, &raw, 0);
  status = t::exit_status(raw);
  return out;
}

class OutputFormats : public t::IndexedCorpus<OutputFormats> {
 protected:
  static void SetUpTestSuite() {
    for (const auto& [name, content] : kArticles) folder().write("corpus/" + name, content);
    index_once({folder() / "corpus"});
  }

  static t::RunResult search(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db()});
    return t::search(args);
  }
  // The JSON answer of a search expected to exit with `status`.
  static json search_json(std::vector<std::string> args, int status = 0) {
    args.insert(args.begin(), {"--format", "json"});
    const t::RunResult r = search(args);
    EXPECT_EQ(r.status, status) << r.err;
    const json j = json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.out;
    return j.is_discarded() ? json::object() : j;
  }
  static std::vector<std::string> hit_ids(const json& j) {
    std::vector<std::string> ids;
    for (const auto& hit : j.value("hits", json::array())) ids.push_back(hit["id"]);
    return ids;
  }
  static std::set<std::string> id_set(const json& j) {
    const auto v = hit_ids(j);
    return {v.begin(), v.end()};
  }
};

}  // namespace

// --- JSON ---------------------------------------------------------------------------------------

TEST_F(OutputFormats, JsonDocumentHasTotalsAndEveryHitField) {
  const json j = search_json({"port", "--limit", "100"});
  EXPECT_EQ(j["query"], "port");
  EXPECT_EQ(j["total"], 5);
  EXPECT_EQ(j["partial"], false);
  EXPECT_TRUE(j["facets"].is_object());
  EXPECT_TRUE(j["format_version"].is_number_integer());
  ASSERT_EQ(j["hits"].size(), 5u);
  double previous_score = 1e300;
  for (std::size_t i = 0; i < j["hits"].size(); ++i) {
    const json& h = j["hits"][i];
    for (const char* key : {"id", "rank", "score", "percent", "date", "date_precision", "source", "section", "title",
                            "url", "snippet", "highlights"})
      EXPECT_TRUE(h.contains(key)) << key << " missing in " << h.dump();
    EXPECT_EQ(h["rank"], i + 1);
    ASSERT_TRUE(h["score"].is_number());
    EXPECT_GT(h["score"].get<double>(), 0);
    EXPECT_LE(h["score"].get<double>(), previous_score) << "ranked by score";
    previous_score = h["score"].get<double>();
    ASSERT_TRUE(h["percent"].is_number_integer());
    EXPECT_GE(h["percent"].get<int>(), 0);
    EXPECT_LE(h["percent"].get<int>(), 100);
    ASSERT_TRUE(h["date"].is_string());
    const std::string precision = h["date_precision"];
    EXPECT_EQ(h["date"].get<std::string>().size(), precision == "day" ? 10u : precision == "month" ? 7u : 4u) << h.dump();
    EXPECT_TRUE(h["section"].is_null());
    ASSERT_TRUE(h["snippet"].is_string());
    const std::string snippet = h["snippet"];
    ASSERT_TRUE(h["highlights"].is_array());
    ASSERT_FALSE(h["highlights"].empty()) << h.dump();
    for (const json& mark : h["highlights"]) {
      ASSERT_TRUE(mark.is_array() && mark.size() == 2) << mark.dump();
      const std::size_t from = mark[0], to = mark[1];
      ASSERT_LT(from, to);
      ASSERT_LE(to, snippet.size());
      const std::string word = snippet.substr(from, to - from);
      EXPECT_TRUE(word == "port" || word == "Port") << "highlight '" << word << "' in: " << snippet;
    }
  }
}

TEST_F(OutputFormats, JsonHitCarriesTheArticleAsIndexed) {
  const json j = search_json({"port", "--limit", "100"});
  bool saw_brest = false, saw_sete = false;
  for (const json& h : j["hits"]) {
    if (h["id"] == kBrestUrl) {
      saw_brest = true;
      EXPECT_EQ(h["url"], kBrestUrl);
      EXPECT_EQ(h["title"], kBrestTitle);
      EXPECT_EQ(h["source"], "ouest-exemple.fr");
      EXPECT_EQ(h["date"], "2023-07-12");
      EXPECT_EQ(h["date_precision"], "day");
    }
    if (h["id"] == kSeteId) {
      saw_sete = true;
      EXPECT_TRUE(h["title"].is_null()) << "no title line: title is null";
      EXPECT_TRUE(h["url"].is_null());
      EXPECT_TRUE(h["source"].is_null());
      EXPECT_EQ(h["date"], "2020-06");
      EXPECT_EQ(h["date_precision"], "month");
    }
  }
  EXPECT_TRUE(saw_brest);
  EXPECT_TRUE(saw_sete);
}

TEST_F(OutputFormats, JsonNoMatchAndPartial) {
  json j = search_json({"zzzinconnu"}, 1);
  EXPECT_EQ(j["total"], 0);
  EXPECT_TRUE(j["hits"].empty());
  EXPECT_EQ(j["partial"], false);

  j = search_json({"port", "zzzinconnu"}, 1);
  EXPECT_EQ(j["total"], 0) << "no article has every word";
  EXPECT_EQ(j["partial"], !j["hits"].empty()) << j.dump();
}

TEST_F(OutputFormats, LimitAndOffsetPage) {
  const std::vector<std::string> all = hit_ids(search_json({"port", "--limit", "100"}));
  ASSERT_EQ(all.size(), 5u);
  const json page = search_json({"port", "--limit", "2", "--offset", "2"});
  EXPECT_EQ(page["total"], 5) << "the total counts every match, not the page";
  ASSERT_EQ(page["hits"].size(), 2u);
  EXPECT_EQ(page["hits"][0]["rank"], 3);
  EXPECT_EQ(page["hits"][0]["id"], all[2]);
  EXPECT_EQ(page["hits"][1]["id"], all[3]);
}

// --- JSON Lines ---------------------------------------------------------------------------------

TEST_F(OutputFormats, JsonlMessagesBeginHitEnd) {
  const t::RunResult r = search({"--format", "jsonl", "port", "--limit", "100"});
  ASSERT_EQ(r.status, 0) << r.err;
  const std::vector<std::string> ls = lines(r.out);
  ASSERT_EQ(ls.size(), 7u) << r.out;
  std::vector<json> messages;
  for (const std::string& l : ls) {
    messages.push_back(json::parse(l, nullptr, false));
    ASSERT_FALSE(messages.back().is_discarded()) << l;
    ASSERT_TRUE(messages.back().contains("type") && messages.back().contains("data")) << l;
  }
  EXPECT_EQ(messages.front()["type"], "begin");
  EXPECT_EQ(messages.front()["data"]["query"], "port");
  for (std::size_t i = 1; i <= 5; ++i) {
    EXPECT_EQ(messages[i]["type"], "hit");
    EXPECT_EQ(messages[i]["data"]["rank"], i);
    EXPECT_TRUE(messages[i]["data"].contains("id"));
    EXPECT_TRUE(messages[i]["data"].contains("snippet"));
  }
  EXPECT_EQ(messages.back()["type"], "end");
  EXPECT_EQ(messages.back()["data"]["total"], 5);
  EXPECT_EQ(messages.back()["data"]["partial"], false);
}

TEST_F(OutputFormats, JsonlNoMatchStillBeginsAndEnds) {
  const t::RunResult r = search({"--format", "jsonl", "zzzinconnu"});
  EXPECT_EQ(r.status, 1);
  const std::vector<std::string> ls = lines(r.out);
  ASSERT_EQ(ls.size(), 2u) << r.out;
  EXPECT_EQ(json::parse(ls[0])["type"], "begin");
  EXPECT_EQ(json::parse(ls[1])["type"], "end");
  EXPECT_EQ(json::parse(ls[1])["data"]["total"], 0);
}

// --- TSV and CSV --------------------------------------------------------------------------------

TEST_F(OutputFormats, TsvHasHeaderAndOneRowPerHit) {
  const t::RunResult r = search({"--format", "tsv", "port", "--limit", "100"});
  ASSERT_EQ(r.status, 0) << r.err;
  const std::vector<std::string> ls = lines(r.out);
  ASSERT_EQ(ls.size(), 6u) << r.out;
  const std::vector<std::string> header = split(ls[0], '\t');
  for (const char* column : {"rank", "id", "title"})
    EXPECT_NE(std::find(header.begin(), header.end(), column), header.end()) << column << " in " << ls[0];
  for (std::size_t i = 1; i < ls.size(); ++i) EXPECT_EQ(split(ls[i], '\t').size(), header.size()) << ls[i];
}

TEST_F(OutputFormats, TsvWithChosenFields) {
  const t::RunResult r = search({"--format", "tsv", "--fields", "id,date,title", "brest", "--sort", "date"});
  ASSERT_EQ(r.status, 0) << r.err;
  const std::vector<std::string> ls = lines(r.out);
  ASSERT_EQ(ls.size(), 3u) << r.out;
  EXPECT_EQ(ls[0], "id\tdate\ttitle");
  EXPECT_EQ(ls[1], std::string(kBrestUrl) + "\t2023-07-12\t" + kBrestTitle);
  EXPECT_EQ(ls[2], std::string(kRugbyUrl) + "\t2021-11\tRugby à Brest");
}

// TSV and CSV build snippets only when a column prints them (none of the default columns does).
TEST_F(OutputFormats, TsvSnippetColumnHasTheSnippet) {
  const t::RunResult r = search({"--format", "tsv", "--fields", "id,snippet", "accueille", "--sort", "date"});
  ASSERT_EQ(r.status, 0) << r.err;
  const std::vector<std::string> ls = lines(r.out);
  ASSERT_EQ(ls.size(), 2u) << r.out;
  EXPECT_EQ(ls[0], "id\tsnippet");
  EXPECT_EQ(ls[1], std::string(kBrestUrl) + "\t" + kBrestBody);
}

TEST_F(OutputFormats, CsvQuotesCommasAndQuotes) {
  const t::RunResult r = search({"--format", "csv", "--fields", "id,title,date", "brest", "--sort", "date"});
  ASSERT_EQ(r.status, 0) << r.err;
  const std::vector<std::string> ls = lines(r.out);
  ASSERT_EQ(ls.size(), 3u) << r.out;
  EXPECT_EQ(ls[0], "id,title,date");
  EXPECT_EQ(ls[1], std::string(kBrestUrl) + ",\"Le port de Brest, \"\"record\"\" battu\",2023-07-12");
  const auto rows = parse_csv(r.out);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{kBrestUrl, kBrestTitle, "2023-07-12"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{kRugbyUrl, "Rugby à Brest", "2021-11"}));
}

TEST_F(OutputFormats, UnknownFieldIsAUsageError) {
  const t::RunResult r = search({"--format", "csv", "--fields", "id,auteurs", "port"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("auteurs"), std::string::npos) << r.err;
}

// --- --count, --show, --batch -------------------------------------------------------------------

TEST_F(OutputFormats, CountPrintsTheNumberAlone) {
  t::RunResult r = search({"--count", "port"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "5\n");
  r = search({"--count", "brest"});
  EXPECT_EQ(r.out, "2\n");
  r = search({"--count", "zzzinconnu"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "0\n");
  const json j = search_json({"--count", "port"});
  EXPECT_EQ(j["total"], 5);
}

TEST_F(OutputFormats, ShowPrintsTheWholeArticleAsText) {
  const t::RunResult r = search({"--show", kBrestUrl});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find(kBrestTitle), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2023-07-12"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(kBrestBody), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\033["), std::string::npos);
}

TEST_F(OutputFormats, ShowPrintsTheWholeArticleAsJson) {
  json j = search_json({"--show", kBrestUrl});
  EXPECT_EQ(j["id"], kBrestUrl);
  EXPECT_EQ(j["title"], kBrestTitle);
  EXPECT_EQ(j["date"], "2023-07-12");
  EXPECT_EQ(j["body"], kBrestBody);

  j = search_json({"--show", kSeteId});
  EXPECT_EQ(j["id"], kSeteId);
  EXPECT_TRUE(j["title"].is_null());
  EXPECT_EQ(j["body"], kSeteBody);
}

TEST_F(OutputFormats, ShowUnknownIdFindsNothing) {
  const t::RunResult r = search({"--show", "https://exemple.fr/absent"});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("https://exemple.fr/absent"), std::string::npos) << r.err;
}

TEST_F(OutputFormats, BatchAnswersOneJsonLinePerQueryInOrder) {
  const std::string queries = folder().write("queries.txt", "port\nbrest (\nski\n");
  const t::RunResult r = search({"--batch", queries});
  EXPECT_EQ(r.status, 0) << "every query ran, even the malformed one: " << r.err;
  const std::vector<std::string> ls = lines(r.out);
  ASSERT_EQ(ls.size(), 3u) << r.out;
  std::vector<json> answers;
  for (const std::string& l : ls) {
    answers.push_back(json::parse(l, nullptr, false));
    ASSERT_FALSE(answers.back().is_discarded()) << l;
    ASSERT_TRUE(answers.back().contains("status")) << l;
  }
  EXPECT_EQ(answers[0]["query"], "port");
  EXPECT_EQ(answers[0]["status"], "ok");
  EXPECT_EQ(answers[0]["total"], 5);
  EXPECT_EQ(answers[1]["query"], "brest (");
  EXPECT_EQ(answers[1]["status"], "error");
  EXPECT_TRUE(answers[1].contains("error")) << ls[1];
  EXPECT_EQ(answers[2]["query"], "ski");
  EXPECT_EQ(answers[2]["status"], "ok");
  EXPECT_EQ(answers[2]["total"], 1);
  ASSERT_EQ(answers[2]["hits"].size(), 1u);
  EXPECT_EQ(answers[2]["hits"][0]["id"], kSkiUrl);
  for (const char* format : {"json", "jsonl"}) {  // the formats a batch prints, asked for by name
    const t::RunResult named = search({"--batch", queries, "--format", format});
    EXPECT_EQ(named.status, 0) << format << ": " << named.err;
    EXPECT_EQ(named.out, r.out) << format;
  }
}

// Queries answered by several threads come back exactly as one thread answers them, in input
// order, errors and matches alike; more of them than the threads read ahead (64 each), so that
// reading waits for printing.
TEST_F(OutputFormats, BatchAnswersTheSameWithSeveralThreads) {
  std::string queries;
  constexpr int kRounds = 40;
  for (int round = 0; round < kRounds; ++round)
    queries += "port\nbrest (\n\nski\nzzzinconnu\nmarseille --limit\nport date:2023\n  \nbrest OR ski\n";
  const std::string path = folder().write("queries.txt", queries);
  const t::RunResult one = search({"--batch", path, "--jobs", "1", "--facet", "source"});
  ASSERT_EQ(one.status, 0) << one.err;
  ASSERT_EQ(lines(one.out).size(), kRounds * 7u) << "one answer per non-blank line";
  for (const char* jobs : {"2", "3", "0"}) {
    const t::RunResult many = search({"--batch", path, "--jobs", jobs, "--facet", "source"});
    EXPECT_EQ(many.status, 0) << many.err;
    EXPECT_EQ(many.out, one.out) << "--jobs " << jobs;
  }
}

TEST_F(OutputFormats, BatchFromStdinWithANoMatch) {
  const t::RunResult r = t::search({"--db", db(), "--batch", "-"}, "zzzinconnu\nmarseille\n");
  EXPECT_EQ(r.status, 0) << r.err;
  const std::vector<std::string> ls = lines(r.out);
  ASSERT_EQ(ls.size(), 2u) << r.out;
  EXPECT_EQ(json::parse(ls[0])["status"], "no_match");
  EXPECT_EQ(json::parse(ls[0])["total"], 0);
  EXPECT_EQ(json::parse(ls[1])["status"], "ok");
  EXPECT_EQ(json::parse(ls[1])["total"], 1);
}

// depeche-search --batch - as a script drives it: a query written to its stdin, then its answer
// read, one line at a time; stderr goes to /dev/null.
class BatchChild {
 public:
  explicit BatchChild(std::vector<std::string> args) {
    EXPECT_EQ(pipe(to_child_), 0);
    EXPECT_EQ(pipe(from_child_), 0);
    args.insert(args.end(), {"--batch", "-"});
    pid_ = fork();
    if (pid_ == 0) {
      dup2(to_child_[0], 0);
      dup2(from_child_[1], 1);
      dup2(open("/dev/null", O_WRONLY), 2);
      close(to_child_[1]);
      close(from_child_[0]);
      t::exec(t::search_argv(args));
    }
    close(to_child_[0]);
    close(from_child_[1]);
  }
  ~BatchChild() {
    close_input();
    if (!ended_) waitpid(pid_, &status_, 0);
    close(from_child_[0]);
  }
  void send(const std::string& query) {
    const std::string line = query + "\n";
    EXPECT_EQ(write(to_child_[1], line.data(), line.size()), static_cast<ssize_t>(line.size()));
  }
  std::string read_line() {
    std::string line;
    char c;
    pollfd p{from_child_[0], POLLIN, 0};
    while (poll(&p, 1, 20000) == 1 && read(from_child_[0], &c, 1) == 1 && c != '\n') line += c;
    return line;
  }
  void close_input() {
    if (to_child_[1] >= 0) close(to_child_[1]);
    to_child_[1] = -1;
  }
  // Its exit code, once it has ended within `ms` milliseconds; -1 if it is still running.
  int exit_code_within(int ms) {
    for (int waited = 0; !ended_ && waited <= ms; waited += 50) {
      ended_ = waitpid(pid_, &status_, WNOHANG) == pid_;
      if (!ended_) usleep(50 * 1000);
    }
    if (!ended_) return -1;
    return t::exit_status(status_);
  }

 private:
  int to_child_[2] = {-1, -1}, from_child_[2] = {-1, -1};
  pid_t pid_ = -1;
  int status_ = 0;
  bool ended_ = false;
};

// A script that sends one query and waits for its answer before the next: each answer must come
// while stdin stays open.
TEST_F(OutputFormats, BatchFromStdinAnswersEachQueryBeforeTheNextArrives) {
  BatchChild child({"--db", db()});
  child.send("marseille");
  const std::string first = child.read_line();
  ASSERT_FALSE(first.empty()) << "no answer while stdin stays open";
  EXPECT_EQ(json::parse(first)["query"], "marseille");
  child.send("zzzinconnu");
  const std::string second = child.read_line();
  ASSERT_FALSE(second.empty());
  EXPECT_EQ(json::parse(second)["status"], "no_match");
  child.close_input();
  EXPECT_EQ(child.exit_code_within(20000), 0);
}

// Searcher threads (--jobs 2) answering a script that waits for each answer: when the database
// fails under them, depeche-search must stop with its error while stdin stays open, not wait for
// a next query that the script will never send.
TEST_F(OutputFormats, BatchFromStdinStopsOnADatabaseErrorWithoutWaitingForMoreInput) {
  TempDir copy;
  std::filesystem::copy(db(), copy / "db", std::filesystem::copy_options::recursive);
  BatchChild child({"--db", copy / "db", "--jobs", "2"});
  child.send("marseille");
  ASSERT_FALSE(child.read_line().empty()) << "no answer while stdin stays open";
  ASSERT_EQ(truncate((copy / "db/postlist.glass").c_str(), 0), 0);  // every posting list gone
  child.send("port");
  EXPECT_EQ(child.exit_code_within(20000), 3) << "exit code 3 (database unreadable) while stdin stays open";
}

// --- facets, sorting, date options --------------------------------------------------------------

TEST_F(OutputFormats, FacetCountsEqualMatchingArticlesPerValue) {
  const json j = search_json({"port", "--facet", "source", "--facet", "year", "--limit", "100"});
  std::map<std::string, int> sources, years;
  for (const json& h : j["hits"]) {
    if (!h["source"].is_null()) ++sources[h["source"].get<std::string>()];
    ++years[h["date"].get<std::string>().substr(0, 4)];
  }
  auto counts = [&](const char* facet) {
    std::map<std::string, int> out;
    for (const json& v : j["facets"][facet]["values"]) out[v["value"].get<std::string>()] = v["count"].get<int>();
    return out;
  };
  EXPECT_EQ(counts("source"), sources);
  EXPECT_EQ(counts("year"), years);
  EXPECT_EQ(counts("source"),
            (std::map<std::string, int>{{"ouest-exemple.fr", 2}, {"alpes-exemple.fr", 1}, {"sud-exemple.fr", 1}}));
  EXPECT_EQ(counts("year"), (std::map<std::string, int>{{"2023", 2}, {"2022", 1}, {"2021", 1}, {"2020", 1}}));
  // Values by count, largest first.
  ASSERT_FALSE(j["facets"]["source"]["values"].empty());
  EXPECT_EQ(j["facets"]["source"]["values"][0]["value"], "ouest-exemple.fr");
}

TEST_F(OutputFormats, FacetsCountEveryMatchNotJustThePage) {
  const json j = search_json({"port", "--facet", "year", "--limit", "1"});
  ASSERT_EQ(j["hits"].size(), 1u);
  int sum = 0;
  for (const json& v : j["facets"]["year"]["values"]) sum += v["count"].get<int>();
  EXPECT_EQ(sum, 5);
}

TEST_F(OutputFormats, FacetsFollowFilters) {
  const json j = search_json({"port", "date:2023", "--facet", "year", "--facet", "source"});
  ASSERT_EQ(j["facets"]["year"]["values"].size(), 1u);
  EXPECT_EQ(j["facets"]["year"]["values"][0]["value"], "2023");
  EXPECT_EQ(j["facets"]["year"]["values"][0]["count"], 2);
  EXPECT_EQ(j["facets"]["source"]["values"].size(), 2u);
}

TEST_F(OutputFormats, SortByDateNewestAndOldest) {
  const std::vector<std::string> newest{kBrestUrl, kMarseilleUrl, kSkiUrl, kRugbyUrl, kSeteId};
  EXPECT_EQ(hit_ids(search_json({"port", "--sort", "date"})), newest);
  EXPECT_EQ(hit_ids(search_json({"port", "--sort", "-date"})),
            std::vector<std::string>(newest.rbegin(), newest.rend()));
}

TEST_F(OutputFormats, SinceAndUntil) {
  EXPECT_EQ(id_set(search_json({"port", "--since", "2022", "--until", "2023-02"})),
            (std::set<std::string>{kSkiUrl, kMarseilleUrl}));
  EXPECT_EQ(id_set(search_json({"port", "--since", "2023-07-12"})), std::set<std::string>{kBrestUrl});
  EXPECT_EQ(id_set(search_json({"port", "--until", "2021"})), (std::set<std::string>{kRugbyUrl, kSeteId}));
  EXPECT_EQ(id_set(search_json({"port", "--since", "2023-02-21", "--until", "2023-07-11"}, 1)), std::set<std::string>{});
  const t::RunResult r = search({"port", "--since", "demain"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("demain"), std::string::npos) << r.err;
}

// --- exit codes ---------------------------------------------------------------------------------

TEST_F(OutputFormats, ExitCodes) {
  EXPECT_EQ(search({"port"}).status, 0);
  EXPECT_EQ(search({"zzzinconnu"}).status, 1);
  for (const std::vector<std::string>& bad : std::vector<std::vector<std::string>>{
           {"dat:2023"}, {"(port"}, {"date:2023-13"}, {"port", "--format", "xml"}, {"port", "--limit", "abc"},
           {"port", "--facet", "auteur"}, {"port", "--sort", "alphabetique"}, {"port", "--color", "rose"}}) {
    const t::RunResult r = search(bad);
    EXPECT_EQ(r.status, 2) << bad[0] << (bad.size() > 1 ? " " + bad[1] + " " + bad[2] : "") << ": " << r.err;
    EXPECT_FALSE(r.err.empty());
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
  const t::RunResult suggestion = search({"dat:2023"});
  EXPECT_NE(suggestion.err.find("date:"), std::string::npos) << suggestion.err;

  TempDir other;
  const t::RunResult missing = t::search({"--db", other / "absente", "port"});
  EXPECT_EQ(missing.status, 3);
  EXPECT_NE(missing.err.find(other / "absente"), std::string::npos) << missing.err;
}

// --- colour and snippets ------------------------------------------------------------------------

TEST_F(OutputFormats, NoColourWhenNotATerminal) {
  const t::RunResult r = search({"port"});
  ASSERT_EQ(r.status, 0);
  EXPECT_EQ(r.out.find('\033'), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(kBrestTitle), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("5 articles"), std::string::npos) << r.out;
}

TEST_F(OutputFormats, TextShowsAnUntitledArticleByItsFirstWords) {
  const t::RunResult r = search({"sète"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("2020-06"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n   Le port de Sète attend"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(kSeteId), std::string::npos) << "no URL: the id is shown\n" << r.out;
}

TEST_F(OutputFormats, ColorAlwaysGivesAnsiCodes) {
  const t::RunResult r = search({"port", "--color", "always"});
  ASSERT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("\033["), std::string::npos) << r.out;
  const t::RunResult json_out = search({"port", "--color", "always", "--format", "json"});
  EXPECT_EQ(json_out.out.find('\033'), std::string::npos) << "never colour in JSON";
}

TEST_F(OutputFormats, ColourOnTerminalUnlessNoColor) {
  int status = -1;
  std::string out = run_on_terminal({"--db", db(), "port"}, {}, status);
  ASSERT_EQ(status, 0) << out;
  EXPECT_NE(out.find("\033["), std::string::npos) << "a terminal gets colour by default:\n" << out;

  out = run_on_terminal({"--db", db(), "port"}, {{"NO_COLOR", "1"}}, status);
  ASSERT_EQ(status, 0) << out;
  EXPECT_EQ(out.find('\033'), std::string::npos) << "NO_COLOR turns colour off:\n" << out;

  out = run_on_terminal({"--db", db(), "port", "--color", "never"}, {}, status);
  ASSERT_EQ(status, 0) << out;
  EXPECT_EQ(out.find('\033'), std::string::npos) << out;

  out = run_on_terminal({"--db", db(), "port"}, {{"TERM", "dumb"}}, status);
  ASSERT_EQ(status, 0) << out;
  EXPECT_EQ(out.find('\033'), std::string::npos) << "TERM=dumb:\n" << out;
}

TEST_F(OutputFormats, SnippetHighlightCoversTheAccentedWord) {
  const json j = search_json({"telecommunications", "--limit", "100"});
  EXPECT_EQ(j["total"], 2);
  bool saw_brest = false;
  for (const json& h : j["hits"]) {
    const std::string snippet = h["snippet"];
    ASSERT_FALSE(h["highlights"].empty()) << h.dump();
    for (const json& mark : h["highlights"]) {
      const std::size_t from = mark[0], to = mark[1];
      ASSERT_LE(to, snippet.size());
      EXPECT_EQ(snippet.substr(from, to - from), "télécommunications") << snippet;
    }
    if (h["id"] == kBrestUrl) {
      saw_brest = true;
      EXPECT_NE(snippet.find("accueille des télécommunications nouvelles"), std::string::npos) << snippet;
    }
  }
  EXPECT_TRUE(saw_brest);

  const t::RunResult text = search({"telecommunications", "--color", "always"});
  ASSERT_EQ(text.status, 0);
  EXPECT_NE(text.out.find("télécommunications\033[0m"), std::string::npos) << text.out;
  const std::size_t mark = text.out.find("télécommunications\033[0m");
  ASSERT_NE(mark, std::string::npos);
  // The word itself is painted: a colour sequence ends right before it.
  ASSERT_GT(mark, 3u);
  EXPECT_EQ(text.out[mark - 1], 'm') << text.out;
  const std::size_t escape = text.out.rfind('\033', mark);
  ASSERT_NE(escape, std::string::npos);
  EXPECT_EQ(text.out.find_first_not_of("[0123456789;", escape + 1), mark - 1) << text.out;
}

// docs/output-format.md: highlights are the matched words. A wildcard's words were not marked,
// and a phrase's stop words were marked wherever the text had them.
TEST(Highlights, WildcardWordsAndPhrasesWithoutTheirStopWords) {
  t::TempDir dir;
  dir.write("a/h.jsonl",
            R"({"id":"h1","title":"Migrations","body":"Les migrants et la migration. Le port de Brest accueille )"
            R"(des engins de chantier et une plateforme de levage."})" "\n");
  ASSERT_EQ(t::index({"--db", dir / "db", dir / "a"}).status, 0);
  auto marked = [&](const std::string& query) {
    const json hit = json::parse(t::search({"--db", dir / "db", "--format", "json", query}).out)["hits"].at(0);
    const std::string snippet = hit["snippet"];
    std::vector<std::string> words;
    for (const json& mark : hit["highlights"])
      words.push_back(snippet.substr(mark[0].get<std::size_t>(), mark[1].get<std::size_t>() - mark[0].get<std::size_t>()));
    return words;
  };
  EXPECT_EQ(marked("migra*"), (std::vector<std::string>{"migrants", "migration"}));
  EXPECT_EQ(marked("\"port de Brest\""), (std::vector<std::string>{"port", "Brest"}));
  EXPECT_EQ(marked("levage de"), (std::vector<std::string>{"levage"})) << "a stop word beside a word is dropped";
}
