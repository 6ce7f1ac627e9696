// Issue 4: every field the JSON output carries is documented in docs/output-format.md.
#include "support/run.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace t = depeche::test;
using nlohmann::json;

TEST(OutputDoc, EveryJsonFieldIsDocumented) {
  std::ifstream in(t::source_dir() + "/docs/output-format.md");
  std::stringstream doc;
  doc << in.rdbuf();
  t::TempDir dir;
  ASSERT_EQ(t::index({"--db", dir / "db", t::source_dir() + "/data"}).status, 0);
  const json j = json::parse(t::search({"--db", dir / "db", "--format", "json", "--facet", "source", "--explain",
                                        "accords", "télécommunications"})
                                 .out);
  std::vector<std::string> keys;
  for (const auto& [key, value] : j.items()) keys.push_back(key);
  ASSERT_FALSE(j["hits"].empty());
  for (const auto& hit : j["hits"])
    for (const auto& [key, value] : hit.items()) keys.push_back(key);
  for (const auto& [key, value] : j["hits"][0]["explain"][0].items()) keys.push_back(key);
  for (const auto& [key, value] : j["facets"]["source"].items()) keys.push_back(key);
  for (const std::string& key : keys)
    EXPECT_NE(doc.str().find("`" + key + "`"), std::string::npos) << "docs/output-format.md does not describe `" << key << "`";
}
