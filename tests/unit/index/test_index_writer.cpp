// A first index loaded in bulk (parallel part databases merged at the end) must be the database
// the one-by-one writer builds from the same articles: same documents, clusters, spelling data,
// synonyms and metadata.
#include "index/index_writer.h"

#include "schema.h"
#include "support/collect.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace {

using depeche::Article;
using depeche::IndexWriter;
using depeche::test::TempDir;

// The sample archive, plus for every third article a copy with one word changed under another
// id and title, and for every fifth a copy with a signature line appended: copies land in other
// parts than their originals.
std::vector<Article> archive_with_copies() {
  depeche::test::Collect sink = depeche::test::read_all(DEPECHE_SOURCE_DIR "/data");
  EXPECT_TRUE(sink.problems.empty()) << sink.describe();
  std::vector<Article> all;
  for (std::size_t i = 0; i < sink.articles.size(); ++i) {
    const Article& a = sink.articles[i];
    all.push_back(a);
    if (i % 3 == 0) {
      Article edited = a;
      edited.id += "#edited";
      edited.title = "Autre titre " + std::to_string(i);
      const auto space = edited.body.find(' ', edited.body.size() / 2);
      edited.body.insert(space, " notamment");
      all.push_back(edited);
    }
    if (i % 5 == 0) {
      Article reposted = a;
      reposted.id += "#reposted";
      reposted.source = "agregateur.example";
      reposted.body += "\n\nCet article a été publié avec l'autorisation de son auteur.";
      all.push_back(reposted);
    }
  }
  return all;
}

struct Dump {
  // id -> data, terms with wdf and positions, values but the indexing times
  std::map<std::string, std::tuple<std::string, std::set<std::string>, std::map<Xapian::valueno, std::string>>> docs;
  std::map<std::string, Xapian::doccount> spelling;
  // Each word with a letter dropped -> the suggestion for it: the spelling table's fragments,
  // which a bulk load merges from several databases, must lead back to the same words.
  std::map<std::string, std::string> suggestions;
  std::map<std::string, std::set<std::string>> synonyms;
  std::map<std::string, std::string> metadata;
};

Dump dump(const std::string& path) {
  Dump d;
  Xapian::Database db(path);
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    std::string id;
    std::set<std::string> terms;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      std::string entry = *t + " wdf " + std::to_string(t.get_wdf()) + " at";
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) entry += " " + std::to_string(*p);
      terms.insert(entry);
      if ((*t).rfind(depeche::schema::field("id").prefix, 0) == 0) id = *t;
    }
    std::map<Xapian::valueno, std::string> values;
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v)
      if (v.get_valueno() != depeche::schema::kSlotIndexedAt && v.get_valueno() != depeche::schema::kSlotFirstIndexedAt)
        values[v.get_valueno()] = *v;
    d.docs[id] = {doc.get_data(), terms, values};
  }
  for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) d.spelling[*w] = w.get_termfreq();
  for (const auto& [word, freq] : d.spelling) {
    const std::string misspelt = word.substr(0, word.size() / 2) + word.substr(word.size() / 2 + 1);
    d.suggestions[misspelt] = db.get_spelling_suggestion(misspelt);
  }
  for (auto k = db.synonym_keys_begin(); k != db.synonym_keys_end(); ++k)
    for (auto s = db.synonyms_begin(*k); s != db.synonyms_end(*k); ++s) d.synonyms[*k].insert(*s);
  for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k)
    if (*k != depeche::schema::kMetaLastRun) d.metadata[*k] = db.get_metadata(*k);
  return d;
}

// kHasCopiesTerm is on exactly the articles whose cluster has another (the searcher takes an
// unmarked article to be alone in its cluster). Returns how many are marked.
int expect_marks_match_clusters(const Dump& d) {
  std::map<std::string, int> cluster_sizes;
  for (const auto& [id, doc] : d.docs) ++cluster_sizes[std::get<2>(doc).at(depeche::schema::kSlotCluster)];
  const std::string mark = std::string(depeche::schema::kHasCopiesTerm) + " wdf";
  int marked = 0;
  for (const auto& [id, doc] : d.docs) {
    const auto& terms = std::get<1>(doc);
    const bool has_mark = std::any_of(terms.begin(), terms.end(), [&](const std::string& t) { return t.rfind(mark, 0) == 0; });
    EXPECT_EQ(has_mark, cluster_sizes[std::get<2>(doc).at(depeche::schema::kSlotCluster)] > 1) << id;
    marked += has_mark;
  }
  return marked;
}

void write(const std::string& path, unsigned bulk_jobs, const std::vector<Article>& articles,
           std::size_t part_articles = 5) {
  IndexWriter writer(path, 10, 0, [](const std::string& m) { ADD_FAILURE() << m; }, depeche::ShardBy::kNone,
                     bulk_jobs, part_articles);
  writer.set_synonyms({"Marseille, Massilia"}, "test");
  writer.set_metadata(std::string(depeche::schema::kMetaFilePrefix) + "/some/file", "{}");
  for (Article a : articles) writer.article(std::move(a));
  writer.finish(0);
}

TEST(IndexWriter, BulkLoadBuildsTheSameDatabaseAsOneByOne) {
  TempDir dir;
  const std::vector<Article> articles = archive_with_copies();
  write(dir / "one-by-one", 0, articles);
  // One article per part: more parts than one merge takes, so they are merged in two rounds.
  write(dir / "bulk", 2, articles, 1);
  const Dump expected = dump(dir / "one-by-one"), got = dump(dir / "bulk");
  ASSERT_GT(articles.size(), depeche::BulkLoader::kMaxPartsPerMerge);
  EXPECT_EQ(got.docs.size(), articles.size());
  EXPECT_TRUE(got.docs == expected.docs);
  EXPECT_EQ(got.spelling, expected.spelling);
  EXPECT_EQ(got.suggestions, expected.suggestions);
  EXPECT_GT(std::count_if(got.suggestions.begin(), got.suggestions.end(), [](const auto& s) { return !s.second.empty(); }),
            static_cast<std::ptrdiff_t>(got.spelling.size()) / 2)
      << "most misspellings find a word";
  EXPECT_EQ(got.synonyms, expected.synonyms);
  EXPECT_EQ(got.metadata, expected.metadata);
  EXPECT_FALSE(std::filesystem::exists(dir / "bulk.depeche-parts"));
  EXPECT_FALSE(std::filesystem::exists(dir / "bulk.depeche-new"));

  // The test means something only if copies were clustered across parts.
  std::map<std::string, int> cluster_sizes;
  for (const auto& [id, doc] : got.docs) ++cluster_sizes[std::get<2>(doc).at(depeche::schema::kSlotCluster)];
  int copies = 0;
  for (const auto& [cluster, size] : cluster_sizes) copies += size - 1;
  EXPECT_GE(copies, 15);
  EXPECT_GE(expect_marks_match_clusters(got), copies);
}

// An article rewritten after its copies joined its cluster is written anew: it must get the mark
// back, or searches would show it without its copies.
TEST(IndexWriter, ARewrittenArticleKeepsItsCopiesMark) {
  TempDir dir;
  std::vector<Article> articles = archive_with_copies();
  write(dir / "db", 0, articles);
  Article changed = articles.front();  // copied twice, see archive_with_copies
  changed.body += "\n\nMise à jour : une précision a été ajoutée.";
  write(dir / "db", 0, {changed});
  const Dump d = dump(dir / "db");
  EXPECT_GE(expect_marks_match_clusters(d), 3);
  const auto& terms = std::get<1>(d.docs.at(depeche::schema::id_term(changed.id)));
  EXPECT_TRUE(std::any_of(terms.begin(), terms.end(), [](const std::string& t) { return t.rfind("XCOPIES wdf", 0) == 0; }));
}

TEST(IndexWriter, RepeatedIdEndsTheBulkLoadAndReplacesTheEarlierArticle) {
  TempDir dir;
  std::vector<Article> articles = archive_with_copies();
  Article again = articles.front();
  again.body += "\n\nMise à jour : le texte a été corrigé.";
  articles.insert(articles.begin() + 12, again);
  write(dir / "one-by-one", 0, articles);
  write(dir / "bulk", 2, articles);
  const Dump expected = dump(dir / "one-by-one"), got = dump(dir / "bulk");
  EXPECT_EQ(got.docs.size(), articles.size() - 1);
  EXPECT_TRUE(got.docs == expected.docs);
  EXPECT_EQ(got.spelling, expected.spelling);
}

// An update re-added the article under a new docid (issue 30): the writer held the database twice
// and took the second handle for another shard the article had moved out of.
TEST(IndexWriter, AnUpdateKeepsTheArticlesDocid) {
  TempDir dir;
  std::vector<Article> articles = archive_with_copies();
  write(dir / "db", 0, articles);
  const std::string id_term = depeche::schema::id_term(articles[5].id);
  const auto docid_of = [&] {
    Xapian::Database db(dir / "db");
    EXPECT_EQ(db.get_termfreq(id_term), 1u);
    return *db.postlist_begin(id_term);
  };
  const Xapian::docid before = docid_of();
  const Xapian::doccount count = Xapian::Database(dir / "db").get_doccount();
  Article changed = articles[5];
  changed.body += "\n\nMise à jour : une précision a été ajoutée.";
  write(dir / "db", 0, {changed});
  EXPECT_EQ(docid_of(), before);
  Xapian::Database db(dir / "db");
  EXPECT_EQ(db.get_doccount(), count);
  EXPECT_EQ(db.get_lastdocid(), count) << "no docid was spent on the update";
}

// When an article first entered the archive survives its updates, even one that moves it to
// another shard (its date corrected to another year), and an article from before that time was
// kept takes the time it was last written.
TEST(IndexWriter, AnUpdateKeepsWhenTheArticleFirstEnteredTheArchive) {
  TempDir dir;
  const std::vector<Article> articles = archive_with_copies();
  const auto times_of = [&](const std::string& path, const std::string& id) {
    Xapian::Database db(path);
    const std::string term = depeche::schema::id_term(id);
    EXPECT_EQ(db.get_termfreq(term), 1u) << id;
    return depeche::IndexingTimes::of(db.get_document(*db.postlist_begin(term)));
  };
  for (const depeche::ShardBy shard_by : {depeche::ShardBy::kNone, depeche::ShardBy::kYear}) {
    const std::string path = dir / (shard_by == depeche::ShardBy::kNone ? "one" : "sharded");
    const auto write_some = [&](const std::vector<Article>& some) {
      IndexWriter writer(path, 10, 0, [](const std::string& m) { ADD_FAILURE() << m; }, shard_by);
      for (Article a : some) writer.article(std::move(a));
      writer.finish(0);
    };
    write_some(articles);
    Article changed = articles[5];
    ASSERT_TRUE(changed.date.valid());
    const depeche::IndexingTimes first = times_of(path, changed.id);
    EXPECT_EQ(first.first_indexed_at, first.indexed_at) << "a new article";
    changed.body += "\n\nMise à jour : une précision a été ajoutée.";
    changed.date.year -= 3;
    write_some({changed});
    const depeche::IndexingTimes updated = times_of(path, changed.id);
    EXPECT_EQ(updated.first_indexed_at, first.first_indexed_at);
    EXPECT_GT(updated.indexed_at, first.indexed_at);
    write_some({articles[5]});
    EXPECT_EQ(times_of(path, changed.id).first_indexed_at, first.first_indexed_at) << "moved back";
  }
  Xapian::Document old;
  old.add_value(depeche::schema::kSlotIndexedAt, depeche::schema::encode_indexed_at(1700000000.25));
  EXPECT_EQ(depeche::IndexingTimes::of(old).first_indexed_at, 1700000000.25);
  EXPECT_EQ(depeche::IndexingTimes::update_of(old).first_indexed_at, 1700000000.25);
}

}  // namespace
