// Issue 8: shards, remote shards served by xapian-tcpsrv, and replication, all on loopback.
// Every server a test starts is stopped by the test (ServerProcess's destructor).
#include "support/run.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace t = depeche::test;
using nlohmann::json;

namespace {

bool have(const char* tool) { return t::run({"sh", "-c", std::string("command -v ") + tool}).status == 0; }

// An unused loopback port (the kernel's choice; released just before the server binds it).
int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

bool port_open(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

class ServerProcess {
 public:
  ServerProcess(std::vector<std::string> argv, int port) {
    pid_ = fork();
    if (pid_ == 0) {
      const int devnull = ::open("/dev/null", O_WRONLY);
      dup2(devnull, 1);
      dup2(devnull, 2);
      std::vector<char*> args;
      for (auto& a : argv) args.push_back(a.data());
      args.push_back(nullptr);
      execvp(args[0], args.data());
      _exit(127);
    }
    for (int i = 0; i < 100 && !port_open(port); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ~ServerProcess() {
    kill(pid_, SIGKILL);  // xapian-tcpsrv waits for its clients on SIGTERM; it holds nothing to save
    int status;
    waitpid(pid_, &status, 0);
  }

 private:
  pid_t pid_;
};

// What must not differ between one database and its shards: totals, ranked ids, facet counts.
json answer(const std::vector<std::string>& dbs, const std::string& query) {
  std::vector<std::string> args;
  for (const auto& db : dbs) args.insert(args.end(), {"--db", db});
  args.insert(args.end(), {"--format", "json", "--facet", "source", "--facet", "year", "--facet", "country", query});
  const auto r = t::search(args);
  EXPECT_TRUE(r.status == 0 || r.status == 1) << r.err;
  json j = json::parse(r.out);
  json ids = json::array();
  for (const auto& hit : j["hits"]) ids.push_back({hit["id"], hit["copy_count"]});
  for (auto& [name, facet] : j["facets"].items()) facet.erase("approximate");
  return {{"total", j["total"]}, {"ids", ids}, {"facets", j["facets"]}};
}

const std::vector<std::string> kQueries{"mali", "iran", "télécommunications", "date:2022", "festival"};

class ScaleOut : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(t::index({"--db", single(), t::source_dir() + "/data", t::seeds_dir()}).status, 0);
    const auto r = t::index({"--db", sharded(), "--shard-by", "year", t::source_dir() + "/data", t::seeds_dir()});
    ASSERT_EQ(r.status, 0) << r.err;
  }
  std::string single() const { return dir_ / "single"; }
  std::string sharded() const { return dir_ / "sharded"; }
  t::TempDir dir_;
};

TEST_F(ScaleOut, ShardsByYearAnswerLikeOneDatabase) {
  for (const auto& q : kQueries) EXPECT_EQ(answer({sharded()}, q), answer({single()}, q)) << q;
  // A rerun keeps the layout without being told, and finds nothing to do.
  const auto r = t::index({"--db", sharded(), t::source_dir() + "/data", t::seeds_dir(), "--summary=json"});
  EXPECT_EQ(json::parse(r.out)["added"], 0);
}

TEST_F(ScaleOut, SeveralDbOptionsAndAStubFileAnswerLikeOneDatabase) {
  const std::vector<std::string> parts{sharded() + "/2020", sharded() + "/2021", sharded() + "/2022",
                                       sharded() + "/2023", sharded() + "/2024"};
  for (const auto& q : kQueries) EXPECT_EQ(answer(parts, q), answer({single()}, q)) << q;
  const std::string stub = dir_.write("archive.stub", "auto " + parts[0] + "\nauto " + parts[1] + "\nauto " + parts[2] +
                                                          "\nauto " + parts[3] + "\nauto " + parts[4] + "\n");
  EXPECT_EQ(answer({stub}, "mali"), answer({single()}, "mali"));
  // Its databases may be anywhere: their size is unknown, not 0 (what was reported).
  const json stats = json::parse(t::search({"--db", stub, "--stats", "--format", "json"}).out);
  EXPECT_TRUE(stats["database_bytes"].is_null()) << stats.dump();
  EXPECT_GT(json::parse(t::search({"--db", parts[0], "--stats", "--format", "json"}).out)["database_bytes"], 0);
}

TEST_F(ScaleOut, RemoteShardsOnXapianTcpsrvAnswerLikeOneDatabase) {
  if (!have("xapian-tcpsrv")) GTEST_SKIP() << "xapian-tcpsrv (xapian-tools) is not installed";
  const int port1 = free_port(), port2 = free_port();
  ServerProcess old_years({"xapian-tcpsrv", "--interface", "127.0.0.1", "--port", std::to_string(port1),
                           sharded() + "/2020", sharded() + "/2021", sharded() + "/2022"},
                          port1);
  ServerProcess new_years({"xapian-tcpsrv", "--interface", "127.0.0.1", "--port", std::to_string(port2),
                           sharded() + "/2023", sharded() + "/2024"},
                          port2);
  const std::vector<std::string> remote{"tcp://127.0.0.1:" + std::to_string(port1), "tcp://127.0.0.1:" + std::to_string(port2)};
  for (const auto& q : kQueries) EXPECT_EQ(answer(remote, q), answer({single()}, q)) << q;
  // The multi-valued country facet is counted over the top matches, and says so (docs/output-format.md, `facets`).
  const auto r = t::search({"--db", remote[0], "--db", remote[1], "--format", "json", "--facet", "country", "--facet",
                            "source", "mali"});
  const json j = json::parse(r.out);
  EXPECT_EQ(j["facets"]["country"]["approximate"], true);
  EXPECT_FALSE(j["facets"]["source"].contains("approximate"));
  const auto show = t::search({"--db", remote[0], "--db", remote[1], "--show", t::rewrite_id({single()}), "--format", "json"});
  EXPECT_EQ(show.status, 0) << show.err;
}

// xapian-tcpsrv serves no synonym table: a search over remote shards read "Kiev" as that spelling
// only, and counted fewer articles than one database. Each shard carries the table in its metadata.
TEST(ScaleOutSynonyms, RemoteShardsSearchEverySpellingAsOneDatabaseDoes) {
  if (!have("xapian-tcpsrv")) GTEST_SKIP() << "xapian-tcpsrv (xapian-tools) is not installed";
  t::TempDir dir;
  dir.write("in/a.jsonl", R"({"id":"k1","date":"2022-03-01","title":"Kyiv","body":"Les sirènes à Kyiv."}
{"id":"k2","date":"2023-03-01","title":"Kiev","body":"Les sirènes à Kiev."}
{"id":"k3","date":"2023-04-01","title":"Odessa","body":"Le port d'Odesa."}
)");
  const std::string single = dir / "single", sharded = dir / "sharded";
  ASSERT_EQ(t::index({"--db", single, dir / "in"}).status, 0);
  ASSERT_EQ(t::index({"--db", sharded, "--shard-by", "year", dir / "in"}).status, 0);
  const int port1 = free_port(), port2 = free_port();
  ServerProcess y2022({"xapian-tcpsrv", "--interface", "127.0.0.1", "--port", std::to_string(port1), sharded + "/2022"}, port1);
  ServerProcess y2023({"xapian-tcpsrv", "--interface", "127.0.0.1", "--port", std::to_string(port2), sharded + "/2023"}, port2);
  const std::vector<std::string> remote{"tcp://127.0.0.1:" + std::to_string(port1), "tcp://127.0.0.1:" + std::to_string(port2)};
  for (const std::string q : {"Kiev", "kyiv", "Odessa"}) {
    EXPECT_EQ(answer(remote, q), answer({single}, q)) << q;
    EXPECT_EQ(answer(remote, q)["total"], q == "Odessa" ? 1 : 2) << q;
  }
  // A later run that adds a shard (a new year) gives it the table too.
  dir.write("in2/b.jsonl", R"({"id":"k4","date":"2024-01-01","title":"Kyïv","body":"Kyïv sous la neige."})" "\n");
  ASSERT_EQ(t::index({"--db", sharded, dir / "in2"}).status, 0);
  const int port3 = free_port();
  ServerProcess y2024({"xapian-tcpsrv", "--interface", "127.0.0.1", "--port", std::to_string(port3), sharded + "/2024"}, port3);
  EXPECT_EQ(answer({"tcp://127.0.0.1:" + std::to_string(port3)}, "Kiev")["total"], 1);
}

// xapian-tcpsrv runs no KeyMaker: oldest first sorts by the date value, where undated articles
// (an empty value) come first (docs/scale-out.md); it used to fail with UnimplementedError.
// Three articles (two dated, one undated) in one database, served by xapian-tcpsrv as remote().
class ScaleOutRemote : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have("xapian-tcpsrv")) GTEST_SKIP() << "xapian-tools is not installed";
    dir_.write("in/a.jsonl", R"({"id":"b","date":"2023-03-05","title":"Guerre deux","body":"La guerre continue."}
{"id":"a","date":"2022-01-05","title":"Guerre un","body":"La guerre commence."}
{"id":"c","title":"Guerre trois","body":"La guerre sans date."}
)");
    ASSERT_EQ(t::index({"--db", db(), dir_ / "in"}).status, 0);
    const int port = free_port();
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"xapian-tcpsrv", "--interface", "127.0.0.1", "--port", std::to_string(port), db()}, port);
    remote_ = "tcp://127.0.0.1:" + std::to_string(port);
  }
  std::string db() const { return dir_ / "db"; }
  const std::string& remote() const { return remote_; }

 private:
  t::TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::string remote_;
};

TEST_F(ScaleOutRemote, OldestFirstOverARemoteShard) {
  const std::string remote = this->remote();
  auto ids = [](const std::string& document) {
    const json j = json::parse(document);
    std::vector<std::string> out;
    for (const auto& hit : j["hits"]) out.push_back(hit["id"]);
    return out;
  };
  const std::vector<std::string> oldest_first{"c", "a", "b"};
  const auto r = t::search({"--db", remote, "--sort", "-date", "--format", "json", "guerre"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(ids(r.out), oldest_first);
  const auto batch = t::search({"--db", remote, "--sort", "-date", "--batch", "-"}, "guerre\nguerre\n");
  ASSERT_EQ(batch.status, 0) << batch.err;
  const std::size_t newline = batch.out.find('\n');
  ASSERT_NE(newline, std::string::npos);
  EXPECT_EQ(ids(batch.out.substr(0, newline)), oldest_first);
  EXPECT_EQ(ids(batch.out.substr(newline + 1)), oldest_first);
  // Newest first needs no KeyMaker: undated articles come last there too.
  EXPECT_EQ(ids(t::search({"--db", remote, "--sort", "date", "--format", "json", "guerre"}).out),
            (std::vector<std::string>{"b", "a", "c"}));
}

// A remote database tells neither its revision nor its size: --stats says null (JSON) and leaves
// them out (text) rather than failing with UnimplementedError, as it did.
TEST_F(ScaleOutRemote, StatsOverARemoteShard) {
  const auto r = t::search({"--db", remote(), "--stats", "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  const json s = json::parse(r.out);
  EXPECT_EQ(s["articles"], 3);
  EXPECT_EQ(s["undated"], 1);
  EXPECT_EQ(s["first_date"], "2022-01-05");
  EXPECT_TRUE(s["revision"].is_null());
  EXPECT_TRUE(s["database_bytes"].is_null());
  const auto text = t::search({"--db", remote(), "--stats", "--format", "text"});
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_EQ(text.out.find("revision"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("schema "), std::string::npos) << text.out;
  // Local and remote together: the local files alone would understate the size.
  const json mixed = json::parse(t::search({"--db", db(), "--db", remote(), "--stats", "--format", "json"}).out);
  EXPECT_EQ(mixed["articles"], 6);
  EXPECT_TRUE(mixed["database_bytes"].is_null());
  EXPECT_TRUE(mixed["revision"].is_null());
  // One local database has both.
  const json local = json::parse(t::search({"--db", db(), "--stats", "--format", "json"}).out);
  EXPECT_GT(local["database_bytes"].get<long>(), 0);
  EXPECT_GT(local["revision"].get<long>(), 0);
}

TEST_F(ScaleOut, ReplicaFollowsTheMasterOnLoopback) {
  if (!have("xapian-replicate-server") || !have("xapian-replicate")) GTEST_SKIP() << "xapian-tools is not installed";
  const int port = free_port();
  ServerProcess server({"xapian-replicate-server", "--interface", "127.0.0.1", "--port", std::to_string(port), dir_.path()},
                       port);
  const std::string replica = dir_ / "replica";
  auto replicate = [&] {
    return t::run({"xapian-replicate", "--host", "127.0.0.1", "--port", std::to_string(port), "--master", "single",
                   "--one-shot", "--quiet", replica});
  };
  ASSERT_EQ(replicate().status, 0);
  EXPECT_EQ(t::search({"--db", replica, "--count", "mali"}).out, t::search({"--db", single(), "--count", "mali"}).out);
  // New articles on the master reach the replica on the next pass.
  dir_.write("more/new.txt", "date 2025-01-02\n\nNouvelle dépêche\n\nLe Mali inaugure un champ d’héliostats.\n");
  ASSERT_EQ(t::index({"--db", single(), dir_ / "more"}).status, 0);
  ASSERT_EQ(replicate().status, 0);
  EXPECT_EQ(t::search({"--db", replica, "--count", "héliostats"}).out, "1\n");
}

}  // namespace
