// JSON (one document per answer) and JSON Lines ({type, data} messages), rendered into a string
// and parsed back.
#include "output/printer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

namespace {

using namespace depeche;
using nlohmann::json;

std::vector<json> lines_of(const std::string& text) {
  std::vector<json> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
  return lines;
}

Hit untitled_hit() {
  Hit h;
  h.rank = 1;
  h.article.id = "id1";
  h.article.body = "texte";
  return h;
}

SearchResult one_match() {
  SearchResult r;
  r.total = 1;
  r.facets = {{"source", {{"lemonde", 1}}, 3, false}, {"country", {{"fr", 1}}, 1, true}};
  return r;
}

std::string search_output(OutputFormat format, const SearchResult& result) {
  std::ostringstream out;
  auto p = make_printer(format, out, {});
  p->begin("élections");
  for (const Hit& h : result.hits) p->hit(h);
  p->end(result);
  return out.str();
}

TEST(JsonPrinter, OneDocumentPerAnswer) {
  SearchResult r = one_match();
  r.hits = {untitled_hit()};
  const std::vector<json> lines = lines_of(search_output(OutputFormat::kJson, r));
  ASSERT_EQ(lines.size(), 1u);
  const json& j = lines[0];
  EXPECT_EQ(j["format_version"], kFormatVersion);
  EXPECT_EQ(j["query"], "élections");
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["total"], 1);
  EXPECT_EQ(j["partial"], false);
  EXPECT_TRUE(j["suggestion"].is_null());
  EXPECT_FALSE(j.contains("empty_because")) << "only when something emptied the result";
  ASSERT_EQ(j["hits"].size(), 1u);
  EXPECT_TRUE(j["hits"][0]["title"].is_null()) << "docs/output-format.md: an untitled article has title null";
  EXPECT_EQ(j["facets"]["source"], json::parse(R"({"values":[{"value":"lemonde","count":1}],"distinct":3})"));
  EXPECT_EQ(j["facets"]["country"]["approximate"], true);
}

TEST(JsonPrinter, NoMatchSaysWhyAndSuggests) {
  SearchResult r;
  r.suggestion = "élection";
  r.empty_because = {"the word 'zzz'"};
  const json j = lines_of(search_output(OutputFormat::kJson, r)).at(0);
  EXPECT_EQ(j["status"], "no_match");
  EXPECT_EQ(j["total"], 0);
  EXPECT_EQ(j["hits"], json::array());
  EXPECT_EQ(j["suggestion"], "élection");
  EXPECT_EQ(j["empty_because"], json::parse(R"(["the word 'zzz'"])"));
}

TEST(JsonPrinter, CountArticleTimelineAndStatsCarryTheFormatVersion) {
  std::ostringstream out;
  auto p = make_printer(OutputFormat::kJson, out, {});
  p->count(7);
  Article a = untitled_hit().article;
  a.title = "T";
  p->article(a);
  p->timeline("q", {{"2023-07", 2}});
  ArchiveStats s;
  s.last_run = R"({"added":2})";
  p->stats(s);
  const std::vector<json> lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], json::parse(R"({"format_version":1,"total":7})"));
  EXPECT_EQ(lines[1]["title"], "T");
  EXPECT_EQ(lines[1]["body"], "texte");
  EXPECT_EQ(lines[1].size(), 14u) << "the version, the article's fields and the body";
  EXPECT_EQ(lines[2], json::parse(R"({"format_version":1,"query":"q","periods":[{"period":"2023-07","count":2}]})"));
  EXPECT_TRUE(lines[3]["first_date"].is_null()) << "nothing dated";
  EXPECT_TRUE(lines[3]["database_bytes"].is_null());
  EXPECT_EQ(lines[3]["last_run"], json::parse(R"({"added":2})")) << "the run's record, as an object";
}

TEST(JsonPrinter, AnUnreadableLastRunIsNull) {
  std::ostringstream out;
  ArchiveStats s;
  s.last_run = "{not json";
  s.database_bytes = 4096;
  make_printer(OutputFormat::kJson, out, {})->stats(s);
  const json j = lines_of(out.str()).at(0);
  EXPECT_TRUE(j["last_run"].is_null());
  EXPECT_EQ(j["database_bytes"], 4096);
}

TEST(JsonPrinter, BatchAnswersAQueryThatCouldNotRunInPlace) {
  std::ostringstream out;
  make_batch_printer(out, {})->query_error("date:", "empty date");
  EXPECT_EQ(lines_of(out.str()).at(0),
            json::parse(R"({"format_version":1,"query":"date:","status":"error","error":"empty date"})"));
}

TEST(JsonlPrinter, OneTypedMessagePerLine) {
  SearchResult r = one_match();
  r.hits = {untitled_hit()};
  const std::vector<json> lines = lines_of(search_output(OutputFormat::kJsonl, r));
  ASSERT_EQ(lines.size(), 5u);
  std::vector<std::string> types;
  for (const json& line : lines) types.push_back(line["type"]);
  EXPECT_EQ(types, (std::vector<std::string>{"begin", "hit", "facet", "facet", "end"}));
  EXPECT_EQ(lines[0]["data"], json::parse(R"({"format_version":1,"query":"élections"})"));
  EXPECT_TRUE(lines[1]["data"]["title"].is_null());
  EXPECT_EQ(lines[2]["data"]["name"], "source");
  EXPECT_FALSE(lines[2]["data"].contains("approximate"));
  EXPECT_EQ(lines[3]["data"]["approximate"], true);
  EXPECT_EQ(lines[4]["data"], json::parse(R"({"status":"ok","total":1,"partial":false,"suggestion":null,"corrected":{},)"
                                          R"("preferred_period":null})"));
}

TEST(JsonlPrinter, CountArticleTimelineAndStatsAreMessagesToo) {
  std::ostringstream out;
  auto p = make_printer(OutputFormat::kJsonl, out, {});
  p->count(3);
  p->article(untitled_hit().article);
  p->timeline("q", {});
  p->stats(ArchiveStats{});
  const std::vector<json> lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], json::parse(R"({"type":"count","data":{"format_version":1,"total":3}})"));
  EXPECT_EQ(lines[1]["type"], "article");
  EXPECT_EQ(lines[1]["data"]["body"], "texte");
  EXPECT_EQ(lines[2]["type"], "timeline");
  EXPECT_EQ(lines[2]["data"]["periods"], json::array());
  EXPECT_EQ(lines[3]["type"], "stats");
  EXPECT_EQ(lines[3]["data"]["articles"], 0);
}

}  // namespace
