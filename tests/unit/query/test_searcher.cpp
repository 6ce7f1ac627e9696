// Collapsing near-identical copies: one hit per cluster on every page, totals that count every
// article, whether the clusters are found among the first matches or by Xapian's collapse.
#include "query/searcher.h"

#include "index/index_writer.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <string>
#include <vector>

namespace {

using depeche::Article;
using depeche::SearchRequest;
using depeche::Searcher;
using depeche::test::TempDir;

constexpr int kCopies = 35;  // more than the first pass fetches (three times a page of ten)
constexpr int kOtherStories = 5;

std::string story_body(int story) {
  // Each story its own sentences; "port" often in story 0, once in the others.
  std::string body;
  for (int sentence = 0; sentence < 12; ++sentence)
    body += "Récit " + std::to_string(story) + " phrase " + std::to_string(sentence) + " : les quais, les grues et les dockers " +
            (story == 0 || sentence == 0 ? "du port " : "de la ville ") + "racontent une histoire numéro " +
            std::to_string(story * 100 + sentence) + ". ";
  return body;
}

Article article(const std::string& id, int story, int nth_day) {
  Article a;
  a.id = id;
  a.source = "exemple.fr";
  a.title = "Histoire " + std::to_string(story);
  a.body = story_body(story);
  char date[32];  // room for any two ints, which GCC's format check asks for
  std::snprintf(date, sizeof date, "2023-%02d-%02d", 1 + nth_day / 28, 1 + nth_day % 28);
  a.date = *depeche::util::parse_iso_date(date);
  return a;
}

class Collapse : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    depeche::IndexWriter writer(db(), 100, 0, [](const std::string& m) { ADD_FAILURE() << m; });
    for (int copy = 0; copy <= kCopies; ++copy) {
      Article a = article("copie-" + std::to_string(copy), 0, 1 + copy);
      a.body.insert(a.body.find(' ', a.body.size() / 2), " vraiment");  // near-identical, not identical
      if (copy == 0) a.body = story_body(0);
      writer.article(std::move(a));
    }
    for (int story = 1; story <= kOtherStories; ++story) writer.article(article("autre-" + std::to_string(story), story, 40 + story));
    writer.finish(0);
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string db() { return *dir_ / "db"; }

  static std::vector<std::string> clusters(const depeche::SearchResult& r) {
    std::vector<std::string> out;
    for (const auto& h : r.hits) out.push_back(h.cluster);
    return out;
  }
  static TempDir* dir_;
};
TempDir* Collapse::dir_ = nullptr;

TEST_F(Collapse, CopiesOutrankingAPageStillGiveOneHitPerCluster) {
  Searcher searcher({db()});
  SearchRequest q;
  q.query = "port";
  q.limit = 3;  // the copies fill the first matches: the other clusters must be found further down
  const depeche::SearchResult r = searcher.search(q);
  EXPECT_EQ(r.total, static_cast<Xapian::doccount>(kCopies + 1 + kOtherStories)) << "every article counts";
  ASSERT_EQ(r.hits.size(), 3u);
  const std::vector<std::string> got = clusters(r);
  EXPECT_EQ(std::set<std::string>(got.begin(), got.end()).size(), 3u);
  EXPECT_EQ(r.hits[0].copy_count, static_cast<std::size_t>(kCopies));
  EXPECT_EQ(r.hits[0].article.title, "Histoire 0");
}

TEST_F(Collapse, PagesFollowEachOtherWithoutRepeatingAClusterInEveryOrder) {
  Searcher searcher({db()});
  for (auto sort : {depeche::SortOrder::kRelevance, depeche::SortOrder::kDateNewest, depeche::SortOrder::kDateOldest}) {
    SearchRequest all;
    all.query = "port";
    all.sort = sort;
    all.limit = 20;
    const std::vector<std::string> whole = clusters(searcher.search(all));
    ASSERT_EQ(whole.size(), static_cast<std::size_t>(1 + kOtherStories));
    std::vector<std::string> paged;
    for (std::size_t offset = 0; offset < whole.size(); offset += 2) {
      SearchRequest page = all;
      page.offset = offset;
      page.limit = 2;
      for (const std::string& c : clusters(searcher.search(page))) paged.push_back(c);
    }
    EXPECT_EQ(paged, whole) << "sort " << static_cast<int>(sort);
  }
}

TEST_F(Collapse, WithoutCollapseEveryCopyIsAHit) {
  Searcher searcher({db()});
  SearchRequest q;
  q.query = "port";
  q.collapse = false;
  q.limit = 100;
  const depeche::SearchResult r = searcher.search(q);
  EXPECT_EQ(r.hits.size(), static_cast<std::size_t>(kCopies + 1 + kOtherStories));
  EXPECT_EQ(r.total, r.hits.size());
}

// A frequent word: more matches than the searcher weighs in its ranked pass, so it counts them again
// without weights. Both must give what one pass over every match gives.
class ManyMatches : public ::testing::Test {
 protected:
  static constexpr int kShort = 1500;
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    depeche::IndexWriter writer(db(), 500, 0, [](const std::string& m) { ADD_FAILURE() << m; });
    for (int copy = 0; copy <= kCopies; ++copy) {
      Article a = article("copie-" + std::to_string(copy), 0, 1 + copy);
      a.body += " Un navire, puis un autre navire : le navire attend.";
      if (copy > 0) a.body.insert(a.body.find(' ', a.body.size() / 2), " vraiment");
      writer.article(std::move(a));
    }
    for (int i = 0; i < kShort; ++i) {
      Article a;
      a.id = "brève-" + std::to_string(i);
      a.source = "source" + std::to_string(i % 3) + ".fr";
      a.title = "Brève " + std::to_string(i);
      // Long enough that the copies, which say "port" in every sentence, rank first; each its own
      // words, so that none is a copy of another.
      a.body = i % 5 ? "Au port, le navire" : "Au port";
      for (int k = 0; k < 30; ++k) a.body += " m" + std::to_string(i * 30 + k);
      writer.article(std::move(a));
    }
    for (int i = 0; i < kShort / 3; ++i) {  // so that Xapian's estimate of both words is not their count
      Article a;
      a.id = "ailleurs-" + std::to_string(i);
      a.body = "Le navire";
      for (int k = 0; k < 30; ++k) a.body += " n" + std::to_string(i * 30 + k);
      writer.article(std::move(a));
    }
    writer.finish(0);
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string db() { return *dir_ / "db"; }
  static TempDir* dir_;
};
TempDir* ManyMatches::dir_ = nullptr;

TEST_F(ManyMatches, CountsFacetsAndPagesAreThoseOfEveryMatch) {
  Searcher searcher({db()});
  SearchRequest every;
  every.query = "port navire";  // two words, whose matches Xapian can only estimate without counting them
  every.collapse = false;
  every.limit = 200;
  every.facets = {"source"};
  const depeche::SearchResult all = searcher.search(every);
  ASSERT_EQ(all.total, static_cast<Xapian::doccount>(kCopies + 1 + kShort / 5 * 4));
  ASSERT_EQ(all.facets.size(), 1u);
  for (const auto& v : all.facets[0].values)
    EXPECT_EQ(v.count, v.value == "exemple.fr" ? kCopies + 1 : kShort / 15 * 4) << v.value;

  // Collapsed, page after page: the uncollapsed ranking with each cluster's later copies left out.
  std::vector<std::string> expected;
  std::set<std::string> seen;
  for (const auto& h : all.hits)
    if (seen.insert(h.cluster).second) expected.push_back(h.article.id);
  std::vector<std::string> paged;
  for (std::size_t offset = 0; offset < 30; offset += 10) {
    SearchRequest page = every;
    page.collapse = true;
    page.offset = offset;
    page.limit = 10;
    const depeche::SearchResult r = searcher.search(page);
    EXPECT_EQ(r.total, all.total) << "copies still count";
    ASSERT_EQ(r.facets[0].values.size(), all.facets[0].values.size());
    for (std::size_t v = 0; v < r.facets[0].values.size(); ++v) {
      EXPECT_EQ(r.facets[0].values[v].value, all.facets[0].values[v].value);
      EXPECT_EQ(r.facets[0].values[v].count, all.facets[0].values[v].count) << "every match counts in a facet";
    }
    for (const auto& h : r.hits) paged.push_back(h.article.id);
    for (const auto& h : r.hits)
      EXPECT_EQ(h.copy_count, h.article.id.rfind("copie-", 0) == 0 ? static_cast<std::size_t>(kCopies) : 0u) << h.article.id;
  }
  EXPECT_EQ(paged.front().rfind("copie-", 0), 0u) << "the copies rank first, so the first page collapses them";
  expected.resize(30);
  EXPECT_EQ(paged, expected);
}

// One frequent word: Xapian counts its matches exactly while ranking, but beyond the matches it
// must weigh, it shows a facet's spy only those that might still rank. Facets count every match.
TEST(SearcherFacets, OneFrequentWordCountsEveryMatch) {
  TempDir dir;
  constexpr int kArticles = 1500;
  {
    depeche::IndexWriter writer(dir / "db", 500, 0, [](const std::string& m) { ADD_FAILURE() << m; });
    for (int i = 0; i < kArticles; ++i) {
      Article a;
      a.id = "brève-" + std::to_string(i);
      a.source = "source" + std::to_string(i % 3) + ".fr";
      a.body = "Le navire";  // longer and longer, so each article ranks below those before it
      for (int k = 0; k < 5 + i; ++k) a.body += " m" + std::to_string(i) + "x" + std::to_string(k);
      writer.article(std::move(a));
    }
    writer.finish(0);
  }
  Searcher searcher({dir / "db"});
  SearchRequest request;
  request.query = "\"navire\"";  // quoted: one term, whose frequency Xapian knows exactly
  request.facets = {"source"};
  const depeche::SearchResult r = searcher.search(request);
  ASSERT_EQ(r.total, static_cast<Xapian::doccount>(kArticles));
  ASSERT_EQ(r.facets.size(), 1u);
  ASSERT_EQ(r.facets[0].values.size(), 3u);
  for (const auto& v : r.facets[0].values) EXPECT_EQ(v.count, static_cast<Xapian::doccount>(kArticles / 3)) << v.value;
}

// The searcher knows from the query words' positions how many of them one window of the body can
// show, the body starting after the title and its gap: the snippet is the first window showing
// that many. Counting the title as body, it would seek a window with both words that the body
// does not have, and settle for its densest window instead.
TEST(SearcherSnippet, WordsOnlyTheTitleHasTogetherAreNotSoughtTogetherInTheBody) {
  TempDir dir;
  std::string filler;
  for (int i = 0; i < 60; ++i) filler += "rien ";
  {
    depeche::IndexWriter writer(dir / "db", 100, 0, [](const std::string& m) { ADD_FAILURE() << m; });
    Article a;
    a.id = "t1";
    a.title = "Grève des cheminots";
    a.body = "La grève commence. " + filler + "Grèves et grève, encore des grèves. " + filler + "Les cheminots. " + filler;
    writer.article(std::move(a));
    writer.finish(0);
  }
  Searcher searcher({dir / "db"});
  SearchRequest request;
  request.query = "grève cheminots";
  const depeche::SearchResult r = searcher.search(request);
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].snippet.text.rfind("La grève commence.", 0), 0u) << r.hits[0].snippet.text;
}


// More like this: stories share their names (places, people) most of all; names are not stemmed,
// and were left out of the terms an article is compared by, so that four names shared counted
// for nothing and three words shared, as rare, for everything.
TEST(SearcherSimilar, ArticlesSharingTheNamesComeFirst) {
  TempDir dir;
  {
    depeche::IndexWriter writer(dir / "db", 100, 0, [](const std::string& m) { ADD_FAILURE() << m; });
    const auto add = [&](const std::string& id, const std::string& body) {
      Article a;
      a.id = id;
      a.body = body;
      writer.article(std::move(a));
    };
    add("target", "Un accord minier a été signé par le Mali et le Niger, à Bamako, avec une délégation de Téhéran.");
    add("names", "Les diplomates du Mali et du Niger reçoivent à Bamako des ingénieurs venus de Téhéran cette semaine.");
    add("words", "Un accord minier signé hier dans la capitale.");
    for (int i = 0; i < 6; ++i)
      add("other" + std::to_string(i), "Le conseil municipal vote le budget des écoles et des routes, numéro " + std::to_string(i) + ".");
    writer.finish(0);
  }
  Searcher searcher({dir / "db"});
  SearchRequest request;
  request.similar_to = "target";
  request.collapse = false;
  const depeche::SearchResult r = searcher.search(request);
  ASSERT_GE(r.hits.size(), 2u);
  EXPECT_EQ(r.hits[0].article.id, "names");
  EXPECT_EQ(r.hits[1].article.id, "words");
}

depeche::SearchResult search_one_article(const TempDir& dir, const std::string& title, const std::string& body,
                                         const std::string& query) {
  {
    depeche::IndexWriter writer(dir / "db", 100, 0, [](const std::string& m) { ADD_FAILURE() << m; });
    Article a;
    a.id = "t1";
    a.title = title;
    a.body = body;
    writer.article(std::move(a));
    writer.finish(0);
  }
  Searcher searcher({dir / "db"});
  SearchRequest request;
  request.query = query;
  return searcher.search(request);
}

// "président" has a stem (president) that Snowball also gives words beginning otherwise
// (présidence), so its positions may miss a form. What they do find still proves a window: the
// first one showing as many words wins, as when every form is known, instead of the densest.
TEST(SearcherSnippet, PositionsThatMayMissAFormStillEndTheScanAtTheFirstWindowTheyProve) {
  TempDir dir;
  std::string filler;
  for (int i = 0; i < 60; ++i) filler += "rien ";
  const depeche::SearchResult r = search_one_article(
      dir, "Introuvable réunion",
      "Le président parle. " + filler + "Les présidents et le président du président. " + filler + "Fin.",
      "président introuvable");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].snippet.text.rfind("Le président parle.", 0), 0u) << r.hits[0].snippet.text;
}

// Positions that find none of the words prove nothing: the body is still read for the form they
// missed.
TEST(SearcherSnippet, PositionsFindingNoWordLeaveTheScanToFindAnOddForm) {
  TempDir dir;
  std::string filler;
  for (int i = 0; i < 60; ++i) filler += "rien ";
  const depeche::SearchResult r =
      search_one_article(dir, "Introuvable réunion", filler + "La présidence parle. " + filler, "président introuvable");
  ASSERT_EQ(r.hits.size(), 1u);
  const auto& snippet = r.hits[0].snippet;
  ASSERT_EQ(snippet.marks.size(), 1u) << snippet.text;
  EXPECT_EQ(snippet.text.substr(snippet.marks[0].first, snippet.marks[0].second - snippet.marks[0].first), "présidence");
}
}  // namespace

// An indexer committing while --export streams makes Xapian throw DatabaseModifiedError at the
// next read of the old revision. The export reopens and resumes after the last article visited:
// each article once, in order, even when articles before it were deleted meanwhile. (It used to
// fail there, or retry the page at an offset that had moved.)
TEST(SearcherExport, ResumesAfterTheLastArticleWhenAnIndexerCommits) {
  TempDir dir;
  constexpr int kArticles = 2500;  // pages of 1000: the writer commits during the first
  std::vector<std::string> ids;
  {
    depeche::IndexWriter writer(dir / "db", kArticles, 0, [](const std::string& m) { ADD_FAILURE() << m; });
    for (int i = 0; i < kArticles; ++i) {
      Article a;
      a.id = "dépêche-" + std::to_string(i);
      a.body = "Le navire numéro " + std::to_string(i) + " entre au port.";
      ids.push_back(a.id);
      writer.article(std::move(a));
    }
    writer.finish(0);
  }
  Searcher searcher({dir / "db"});
  std::vector<std::string> exported;
  searcher.for_each_article(SearchRequest{}, [&](const Article& a) {
    exported.push_back(a.id);
    if (exported.size() != 10) return;
    // Three commits rewriting every document, so the blocks of the revision being read are
    // reused; the first five articles, already visited, are deleted.
    Xapian::WritableDatabase w(dir / "db", Xapian::DB_OPEN);
    for (int round = 0; round < 3; ++round) {
      for (Xapian::docid id = 1; id <= static_cast<Xapian::docid>(kArticles); ++id) {
        if (id <= 5) {
          if (round == 0) w.delete_document(id);
          continue;
        }
        Xapian::Document doc = w.get_document(id);
        doc.add_value(60, std::to_string(round));
        w.replace_document(id, doc);
      }
      w.commit();
    }
  });
  EXPECT_EQ(exported, ids);
}
