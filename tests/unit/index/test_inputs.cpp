// expand_inputs on real folders: which files a run reads, in which order, under which names
// (docs/robustness.md), and every file or folder it passes over reported, saying whether that part of
// the input went unseen (--prune must then keep its articles).
#include "index/inputs.h"

#include "support/collect.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

using depeche::expand_inputs;
using depeche::InputName;
using depeche::InputWalk;
namespace t = depeche::test;
namespace fs = std::filesystem;

namespace {

struct Expanded {
  std::vector<std::string> displays;
  std::vector<std::string> paths;
  std::vector<std::pair<std::string, bool>> problems;  // message, unseen
};

Expanded expand(const std::vector<std::string>& inputs, const InputWalk& walk = {}) {
  Expanded out;
  for (const InputName& name :
       expand_inputs(inputs, walk, [&](const std::string& message, bool unseen) { out.problems.emplace_back(message, unseen); })) {
    out.displays.push_back(name.display);
    out.paths.push_back(name.path);
  }
  return out;
}

using Names = std::vector<std::string>;
using Problems = std::vector<std::pair<std::string, bool>>;

// src/une.txt, and in src links out of it: fichier to a file, dossier to a folder.
void links_out_of_src(const t::TempDir& dir) {
  dir.write("dehors/secret.txt", "x");
  dir.write("src/une.txt", "x");
  fs::create_symlink(dir / "dehors/secret.txt", dir / "src/fichier");
  fs::create_directory_symlink(dir / "dehors", dir / "src/dossier");
}

}  // namespace

TEST(ExpandInputs, FilesNamedDirectlyAreNamedByTheirOwnNameInTheOrderGiven) {
  t::TempDir dir;
  const std::string b = dir.write("deux/b.txt", "x"), a = dir.write("un/a.txt", "x");
  const Expanded got = expand({b, a});
  EXPECT_EQ(got.displays, (Names{"b.txt", "a.txt"}));
  EXPECT_EQ(got.paths, (Names{b, a}));
  EXPECT_TRUE(got.problems.empty());
}

TEST(ExpandInputs, StdinIsDash) {
  const Expanded got = expand({"-"});
  EXPECT_EQ(got.displays, (Names{"-"}));
  EXPECT_EQ(got.paths, (Names{"-"}));
}

TEST(ExpandInputs, FolderFilesAreNamedByTheFolderAndTheirPathBelowItSorted) {
  t::TempDir dir;
  for (const char* name : {"lemonde/2023/une.txt", "lemonde/2023/deux.txt", "lemonde/2022/z.txt", "lemonde/a.jsonl"})
    dir.write(name, "x");
  const Expanded got = expand({dir / "lemonde"});
  EXPECT_EQ(got.displays, (Names{"lemonde/2022/z.txt", "lemonde/2023/deux.txt", "lemonde/2023/une.txt", "lemonde/a.jsonl"}));
  EXPECT_EQ(got.paths[0], dir / "lemonde/2022/z.txt") << "opened where it is";
  EXPECT_TRUE(got.problems.empty());
}

TEST(ExpandInputs, TheNameIsTheIdOfAnArticleWithoutUrl) {
  t::TempDir dir;
  dir.write("lemonde/2023/une.txt", "date 2023-07-23\nLe port\nLes dockers ont vot\xc3\xa9 la gr\xc3\xa8ve.\n");
  dir.write("lemonde/2023/deux.txt", "date 2023-07-24 https://www.lemonde.fr/deux\nLa mar\xc3\xa9\x65\nElle monte.\n");
  const t::Collect read = t::read_all(dir / "lemonde");
  EXPECT_TRUE(read.problems.empty()) << read.describe();
  ASSERT_EQ(read.articles.size(), 2u);
  EXPECT_TRUE(read.find("lemonde/2023/une.txt")) << "named by the folder given and the path below it";
  EXPECT_TRUE(read.find("https://www.lemonde.fr/deux")) << "a URL names its article";
}

TEST(ExpandInputs, TheFolderIsNamedAsItIsWhateverTheSpelling) {
  t::TempDir dir;
  dir.write("lemonde/une.txt", "x");
  for (const std::string& spelling : {dir / "lemonde/", dir / "lemonde/.", dir / "lemonde/../lemonde", dir / "lemonde//"})
    EXPECT_EQ(expand({spelling}).displays, (Names{"lemonde/une.txt"})) << spelling;
}

TEST(ExpandInputs, TwoFoldersWithTheSamePathsGiveDistinctNames) {
  t::TempDir dir;
  dir.write("lemonde/une.txt", "x");
  dir.write("liberation/une.txt", "x");
  EXPECT_EQ(expand({dir / "liberation", dir / "lemonde"}).displays, (Names{"liberation/une.txt", "lemonde/une.txt"}))
      << "each input's files together, inputs in the order given";
}

TEST(ExpandInputs, HiddenFilesAndFoldersAreSkippedSilently) {
  t::TempDir dir;
  for (const char* name : {"src/.git/HEAD", "src/.git/objects/aa", "src/.une.txt.swp", "src/une.txt", "src/sub/.cache"})
    dir.write(name, "x");
  const Expanded got = expand({dir / "src"});
  EXPECT_EQ(got.displays, (Names{"src/une.txt"}));
  EXPECT_TRUE(got.problems.empty());
}

TEST(ExpandInputs, NamesInAnotherCharsetAreReadAsWindows1252) {
  t::TempDir dir;
  const std::string latin1 = dir.write("presse/caf\xe9.txt", "x");
  const Expanded got = expand({dir / "presse", latin1});
  EXPECT_EQ(got.displays, (Names{"presse/caf\xc3\xa9.txt", "caf\xc3\xa9.txt"}));
  EXPECT_EQ(got.paths[0], latin1) << "the file is opened by its real bytes";
}

TEST(ExpandInputs, MissingInputIsReportedAsUnseenAndTheOthersRead) {
  t::TempDir dir;
  const std::string there = dir.write("la.txt", "x");
  const Expanded got = expand({dir / "absent", there});
  EXPECT_EQ(got.displays, (Names{"la.txt"}));
  EXPECT_EQ(got.problems, (Problems{{dir / "absent: no such file or directory", true}}));
}

TEST(ExpandInputs, PipesInAFolderAreLeftOutButAPipeNamedIsPassedOn) {
  t::TempDir dir;
  dir.write("src/une.txt", "x");
  const std::string fifo = dir / "src/tube";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(expand({dir / "src"}).displays, (Names{"src/une.txt"})) << "a folder's pipe would hang the run";
  EXPECT_EQ(expand({fifo}).displays, (Names{"tube"})) << "named: refused when opened, with its reason";
}

TEST(ExpandInputs, FoldersDeeperThanTheLimitAreReportedAndNotEntered) {
  t::TempDir dir;
  for (const char* name : {"src/un.txt", "src/a/deux.txt", "src/a/b/trois.txt", "src/a/b/c/quatre.txt", "src/a/b/c/d/cinq.txt"})
    dir.write(name, "x");
  InputWalk walk;
  walk.max_depth = 3;
  const Expanded got = expand({dir / "src"}, walk);
  EXPECT_EQ(got.displays, (Names{"src/a/b/trois.txt", "src/a/deux.txt", "src/un.txt"}));
  EXPECT_EQ(got.problems,
            (Problems{{"src/a/b/c: folder nested more than 3 levels deep; its contents skipped (--max-depth)", false}}));
  EXPECT_EQ(expand({dir / "src"}).displays.size(), 5u) << "the default limit is far deeper";
}

TEST(ExpandInputs, LinksToFilesInsideTheFolderAreFollowed) {
  t::TempDir dir;
  dir.write("src/vrai/une.txt", "x");
  fs::create_symlink("vrai/une.txt", dir / "src/lien.txt");
  const Expanded got = expand({dir / "src"});
  EXPECT_EQ(got.displays, (Names{"src/lien.txt", "src/vrai/une.txt"}));
  EXPECT_TRUE(got.problems.empty());
}

TEST(ExpandInputs, LinksLeadingOutOrToFoldersAreReportedAndSkipped) {
  t::TempDir dir;
  links_out_of_src(dir);
  fs::create_directory_symlink(".", dir / "src/boucle");
  Expanded got = expand({dir / "src"});
  EXPECT_EQ(got.displays, (Names{"src/une.txt"}));
  std::sort(got.problems.begin(), got.problems.end());  // reported as the folder lists them
  EXPECT_EQ(got.problems, (Problems{{"src/boucle: symbolic link to a folder; skipped (--follow-symlinks follows it)", false},
                                    {"src/dossier: symbolic link to a folder; skipped (--follow-symlinks follows it)", false},
                                    {"src/fichier: symbolic link to a file outside " + dir / "src" +
                                         "; skipped (--follow-symlinks follows it)",
                                     false}}));
}

TEST(ExpandInputs, FollowSymlinksFollowsEveryLinkWithinTheDepthLimit) {
  t::TempDir dir;
  links_out_of_src(dir);
  InputWalk walk;
  walk.follow_symlinks = true;
  const Expanded got = expand({dir / "src"}, walk);
  EXPECT_EQ(got.displays, (Names{"src/dossier/secret.txt", "src/fichier", "src/une.txt"}));
  EXPECT_TRUE(got.problems.empty());

  // A link to its own folder is a loop: the depth limit ends it.
  fs::create_directory_symlink(".", dir / "src/boucle");
  walk.max_depth = 3;
  const Expanded looped = expand({dir / "src"}, walk);
  EXPECT_EQ(looped.problems.size(), 2u);
  for (const auto& [message, unseen] : looped.problems) {
    EXPECT_NE(message.find("folder nested more than 3 levels deep"), std::string::npos) << message;
    EXPECT_FALSE(unseen);
  }
}

TEST(ExpandInputs, BrokenLinkInAFolderIsReportedAsUnseen) {
  t::TempDir dir;
  dir.write("src/une.txt", "x");
  fs::create_symlink(dir / "src/disparu.txt", dir / "src/lien.txt");
  const Expanded got = expand({dir / "src"});
  EXPECT_EQ(got.displays, (Names{"src/une.txt"}));
  EXPECT_EQ(got.problems, (Problems{{"src/lien.txt: broken symbolic link", true}}));
}

TEST(ExpandInputs, UnreadableFolderInsideIsReportedAsUnseen) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads every folder";
  t::TempDir dir;
  dir.write("src/une.txt", "x");
  dir.write("src/ferme/deux.txt", "x");
  fs::permissions(dir / "src/ferme", fs::perms::none);
  const Expanded got = expand({dir / "src"});
  fs::permissions(dir / "src/ferme", fs::perms::owner_all);  // so that the folder can be removed
  EXPECT_EQ(got.displays, (Names{"src/une.txt"}));
  ASSERT_EQ(got.problems.size(), 1u);
  EXPECT_EQ(got.problems[0].first, dir / "src/ferme: cannot read (Permission denied)");
  EXPECT_TRUE(got.problems[0].second);
}
