// Clusters of near-identical copies: an edited copy joins its original's cluster; a rewrite, a
// stock standfirst many bodies share, or a copy of a copy does not; whether articles come one by
// one or in a bulk load.
#include "index/clusters.h"

#include "index/article_document.h"
#include "index/stored_article.h"
#include "schema.h"
#include "util/date.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>
#include <xapian.h>

namespace {

using namespace depeche;

// Distinct made-up words, so that shared shingles are only those the test shares.
std::string word(std::size_t i) {
  static const char* const kSyllables[] = {"ba", "ke", "lo", "mi", "ru", "sa", "te", "vo"};
  return std::string(kSyllables[i % 8]) + kSyllables[i / 8 % 8] + kSyllables[i / 64 % 8] + kSyllables[i / 512 % 8];
}

std::string words(std::size_t from, std::size_t to) {
  std::string text;
  for (std::size_t i = from; i < to; ++i) text += word(i) + (i % 12 == 11 ? ". " : " ");
  return text;
}

const char* kStandfirst =
    "Chaque semaine, notre rédaction choisit un dessin de presse parmi ceux que publient les dessinateurs du "
    "réseau, avec quelques mots sur son auteur et sur l'actualité qui l'a inspiré, à retrouver dans la rubrique.";

struct Indexed {
  PreparedDocument prepared;
  Xapian::docid docid;
};

class Clusters : public ::testing::Test {
 protected:
  PreparedDocument prepare(const std::string& id, const std::string& body) {
    return prepare_page(id, "Titre " + id, "", body);
  }
  // `date` in ISO form, or empty for an undated article.
  PreparedDocument prepare_page(const std::string& id, const std::string& title, const std::string& date,
                                const std::string& body, const std::string& url = "") {
    Article a;
    a.id = id;
    a.url = url;
    a.title = title;
    if (!date.empty()) a.date = util::parse_iso_date(date).value();
    a.body = body;
    return prepare_document(builder_, a, content_hash(a), "");
  }
  // Adds the article in its own cluster, as a bulk load does.
  Indexed add(const std::string& id, const std::string& body) { return add(id, prepare(id, body)); }
  Indexed add(const std::string& id, PreparedDocument p) {
    Indexed i{std::move(p), 0};
    schema::set_cluster(i.prepared.doc, schema::own_cluster(id));
    i.docid = db_.add_document(i.prepared.doc);
    return i;
  }
  // Adds the article in the cluster it copies, as the one-by-one writer does.
  std::string index(const std::string& id, const std::string& body) { return index(prepare(id, body)); }
  std::string index_page(const std::string& id, const std::string& title, const std::string& date,
                         const std::string& body) {
    return index(prepare_page(id, title, date, body));
  }
  std::string index(PreparedDocument p) {
    const std::string id = load_article(p.doc, WithBody::kNo).id;
    const std::string cluster = closest_copy_cluster(db_, 0, p).value_or(schema::own_cluster(id));
    schema::set_cluster(p.doc, cluster);
    db_.add_document(p.doc);
    return cluster;
  }
  std::string cluster_of(Xapian::docid d) { return db_.get_document(d).get_value(schema::kSlotCluster); }

  test::TempDir dir_;
  Xapian::WritableDatabase db_{dir_ / "db", Xapian::DB_CREATE};
  DocumentBuilder builder_;
  const std::string original_ = words(0, 1000);
  // The original with its end replaced: a copy.
  const std::string edited_ = words(0, 800) + words(5000, 5200);
  // The edited copy with its beginning replaced too: a copy of the copy, not of the original.
  const std::string edited_twice_ = words(6000, 6200) + words(200, 800) + words(5000, 5200);
  // The story rewritten: its first sentences kept, the rest new.
  const std::string rewrite_ = words(0, 240) + words(1000, 1800);
};

TEST_F(Clusters, AnEditedCopyFindsItsOriginalsCluster) {
  const Indexed original = add("original", original_);
  const Indexed copy = add("copy", edited_);
  EXPECT_EQ(closest_copy_cluster(db_, copy.docid, copy.prepared), schema::own_cluster("original"));
  EXPECT_EQ(closest_copy_cluster(db_, original.docid, original.prepared), schema::own_cluster("copy"))
      << "either way round";
}

TEST_F(Clusters, ARewriteIsAnotherStory) {
  add("original", original_);
  const Indexed rewrite = add("rewrite", rewrite_);
  EXPECT_EQ(closest_copy_cluster(db_, rewrite.docid, rewrite.prepared), std::nullopt);
}

TEST_F(Clusters, AnArticleIsNotItsOwnCopy) {
  const Indexed original = add("original", original_);
  EXPECT_EQ(closest_copy_cluster(db_, original.docid, original.prepared), std::nullopt);
  EXPECT_EQ(closest_copy_cluster(db_, 0, original.prepared), schema::own_cluster("original"))
      << "a new article with the same text is a copy";
}

TEST_F(Clusters, ACopyOfACopyDoesNotChain) {
  ASSERT_GE(dedup::similarity(prepare("b", edited_).shingles, prepare("c", edited_twice_).shingles), dedup::kCopyThreshold);
  ASSERT_LT(dedup::similarity(prepare("a", original_).shingles, prepare("c", edited_twice_).shingles), dedup::kCopyThreshold);
  EXPECT_EQ(index("original", original_), schema::own_cluster("original"));
  EXPECT_EQ(index("copy", edited_), schema::own_cluster("original"));
  EXPECT_EQ(index("copy of the copy", edited_twice_), schema::own_cluster("copy of the copy"))
      << "a copy of the cluster's latest member, not of its first article, starts its own";
}

// A cluster is named after its first article: once that one is deleted (a cron run drops a
// withdrawn page), later copies of the story join the copies left, not a new cluster beside them.
TEST_F(Clusters, CopiesStillJoinTheirStoryOnceItsFirstArticleIsDeleted) {
  const std::string story = schema::own_cluster("original");
  EXPECT_EQ(index("original", original_), story);
  EXPECT_EQ(index("copy", edited_), story);
  EXPECT_EQ(index("second copy", original_), story);
  db_.delete_document(schema::id_term("original"));
  EXPECT_EQ(index("third copy", words(0, 900) + words(7000, 7100)), story)
      << "compared with the first copy left, which stands for the story now";
  EXPECT_EQ(index("copy of the first copy left", edited_twice_), story);
  EXPECT_EQ(index("rewrite", rewrite_), schema::own_cluster("rewrite"));
}

// The page a URL names (lemonde.fr's number before the section's) republished under another
// section or date, updated, a paragraph added: a copy at a lower similarity than two addresses need.
TEST_F(Clusters, TheSamePageRepublishedIsACopyOfLessSharedText) {
  const std::string updated = words(0, 500) + words(9000, 9400);
  const double shared = dedup::similarity(prepare("a", original_).shingles, prepare("b", updated).shingles);
  ASSERT_GE(shared, dedup::kSamePageThreshold);
  ASSERT_LT(shared, dedup::kCopyThreshold);
  auto page = [](const std::string& number, const std::string& section) {
    return "https://www.lemonde.fr/international/article/2022/06/30/avortement-aux-etats-unis_" + number + "_" +
           section + ".html";
  };
  EXPECT_EQ(index(prepare_page("juin", "Avortement", "2022-06-30", original_, page("6132776", "3210"))),
            schema::own_cluster("juin"));
  EXPECT_EQ(index(prepare_page("novembre", "Avortement", "2022-11-15", updated, page("6132776", "3212"))),
            schema::own_cluster("juin"));
  // Each updated in its own way, so that neither is a copy of another by its text alone.
  EXPECT_EQ(index(prepare_page("autre page", "Avortement", "2022-11-15", words(0, 500) + words(9500, 9900),
                               page("6132777", "3212"))),
            schema::own_cluster("autre page"))
      << "another page sharing as much is another article";
  EXPECT_EQ(index(prepare_page("autre site", "Avortement", "2022-11-15", words(0, 500) + words(10000, 10400),
                               "https://www.exemple.fr/international/avortement_6132776_3212.html")),
            schema::own_cluster("autre site"))
      << "the same number on another site names another page";
}

// A teaser-only page with the very teaser of one a month before is the next issue of a series (a
// monthly session with readers), unless the URL names the same page.
TEST_F(Clusters, AnIdenticalTeaserMoreThanAWeekLaterIsACopyOnlyOfTheSamePage) {
  const std::string teaser = words(300, 340);
  auto session = [](const std::string& number) {
    return "https://www.lemonde.fr/le-monde-et-vous/live/2022/10/04/le-monde-vous-repond_" + number + "_6065879.html";
  };
  EXPECT_EQ(index(prepare_page("octobre", "Le Monde vous répond", "2022-10-04", teaser, session("6144311"))),
            schema::own_cluster("octobre"));
  EXPECT_EQ(index(prepare_page("décembre", "Le Monde vous répond", "2022-12-06", teaser, session("6153142"))),
            schema::own_cluster("décembre"));
  EXPECT_EQ(index(prepare_page("octobre republié", "Le Monde vous répond", "2022-10-06", teaser, session("6144999"))),
            schema::own_cluster("octobre"))
      << "within a week, the same teaser is a copy whatever its address";
  EXPECT_EQ(index(prepare_page("octobre en décembre", "Le Monde vous répond", "2022-12-07", teaser, session("6144311"))),
            schema::own_cluster("octobre"))
      << "the same page, months later";
}

TEST_F(Clusters, AStandfirstManyBodiesShareIsNoEvidence) {
  // Cartoons: the stock standfirst and the cartoonist's name, nothing else.
  auto cartoon = [](std::size_t n) { return std::string(kStandfirst) + " " + words(100 * n, 100 * n + 3); };
  EXPECT_EQ(index("dessin 0", cartoon(0)), schema::own_cluster("dessin 0"));
  EXPECT_EQ(index("dessin 1", cartoon(1)), schema::own_cluster("dessin 0"))
      << "while few bodies have it, the standfirst is the text of both";
  for (std::size_t n = 2; n < dedup::kBoilerplateBodies; ++n) index("dessin " + std::to_string(n), cartoon(n));
  const std::string later = "dessin " + std::to_string(dedup::kBoilerplateBodies);
  EXPECT_EQ(index(later, cartoon(dedup::kBoilerplateBodies)), schema::own_cluster(later))
      << "once many bodies have it, it is boilerplate";
  const std::string copy = std::string(kStandfirst) + " " + words(5000, 5020);
  EXPECT_EQ(index("reportage", copy), schema::own_cluster("reportage"));
  EXPECT_EQ(index("reportage repris", copy + " Avec agences."), schema::own_cluster("reportage"))
      << "what is left of two bodies still makes copies";
}

TEST_F(Clusters, ManyCopiesOfALongTextAreStillCopies) {
  // A dispatch every paper runs, each with its own last sentence: most of its shingles are in
  // more bodies than boilerplate is, yet the bodies are the same long text.
  for (std::size_t n = 0; n < 3 * dedup::kBoilerplateBodies; ++n)
    EXPECT_EQ(index("journal " + std::to_string(n), original_ + words(9000 + 12 * n, 9012 + 12 * n)),
              schema::own_cluster("journal 0"))
        << n;
}

TEST_F(Clusters, TeasersAreCopiesWhenTheirWordsAre) {
  const std::string teaser = words(300, 340);
  EXPECT_EQ(index("page", teaser), schema::own_cluster("page"));
  EXPECT_EQ(index("page republiée", teaser), schema::own_cluster("page")) << "the same teaser under another title";
  EXPECT_EQ(index("article complet", teaser + words(7000, 7600)), schema::own_cluster("article complet"))
      << "a teaser is not a copy of the full article it begins";
}

// A map page republished: its teaser reworded, few 4-word runs kept, most words kept.
const char* kMapTitle = "La carte de la guerre en Ukraine, jour après jour";
const char* kMapTeaser =
    "Visualisez l'évolution de la situation en Ukraine et dans le monde, depuis le début de la guerre, avec les "
    "cartes actualisées de notre rédaction.";
const char* kMapTeaserReworded =
    "Trois mois après l'invasion, visualisez l'évolution de la situation en Ukraine et ses conséquences dans le "
    "monde avec les cartes actualisées de notre rédaction.";

TEST_F(Clusters, ATeaserRewordedWithinAWeekUnderItsTitleIsACopy) {
  ASSERT_LT(dedup::similarity(prepare("a", kMapTeaser).shingles, prepare("b", kMapTeaserReworded).shingles),
            dedup::kCopyThreshold)
      << "too few runs survive for the shingle rule alone";
  EXPECT_EQ(index_page("carte", kMapTitle, "2022-05-20", kMapTeaser), schema::own_cluster("carte"));
  EXPECT_EQ(index_page("carte republiée", kMapTitle, "2022-05-24", kMapTeaserReworded), schema::own_cluster("carte"));
}

TEST_F(Clusters, ARewordedTeaserNeedsItsTitleADayAndTheWeek) {
  index_page("carte", kMapTitle, "2022-05-20", kMapTeaser);
  auto copied = [this](const std::string& title, const std::string& date, const std::string& body) {
    return closest_copy_cluster(db_, 0, prepare_page("candidate", title, date, body));
  };
  ASSERT_EQ(copied(kMapTitle, "2022-05-27", kMapTeaserReworded), schema::own_cluster("carte")) << "7 days";
  EXPECT_EQ(copied(kMapTitle, "2022-05-28", kMapTeaserReworded), std::nullopt) << "8 days after";
  EXPECT_EQ(copied(kMapTitle, "2022-05-12", kMapTeaserReworded), std::nullopt) << "8 days before";
  EXPECT_EQ(copied(kMapTitle, "2022-05", kMapTeaserReworded), std::nullopt) << "a month is no day to count from";
  EXPECT_EQ(copied(kMapTitle, "", kMapTeaserReworded), std::nullopt) << "undated";
  EXPECT_EQ(copied("La carte des combats en Ukraine", "2022-05-21", kMapTeaserReworded), std::nullopt)
      << "another title";
  EXPECT_EQ(copied(kMapTitle, "2022-05-21", std::string(kMapTeaserReworded) + " " + words(0, 80)), std::nullopt)
      << "a full article beginning with the teaser is not the teaser page";
}

TEST_F(Clusters, TeasersThatEachStateTheirOwnFigureAreTwoEditions) {
  // A daily cartoon: the same title, the day's date, then the series' stock words, which the
  // other cartoonists' pages share.
  const std::string title = "Vu par... Urbs";
  const std::string stock = " décembre est signé par un dessinateur membre de l'association des dessinateurs pour la paix.";
  auto teaser = [&stock](const std::string& day) { return "Le dessin paru en une du journal le " + day + stock; };
  for (std::size_t n = 0; n < dedup::kBoilerplateBodies; ++n)
    index_page("autre " + std::to_string(n), "Vu par... " + word(n), "2022-03-01",
               "Ce dessin de " + word(n) + " " + word(n + 100) + " paru le 1er" + stock);
  EXPECT_EQ(index_page("dessin du 7", title, "2022-12-07", teaser("7")), schema::own_cluster("dessin du 7"));
  ASSERT_EQ(closest_copy_cluster(db_, 0, prepare_page("un mois après", title, "2023-01-12", teaser("12"))), std::nullopt)
      << "their own shingles alone make them no copies";
  EXPECT_EQ(index_page("dessin du 12", title, "2022-12-12", teaser("12")), schema::own_cluster("dessin du 12"));
  const std::string results = "Carte des résultats des législatives, circonscription par circonscription";
  const char* teaser_at_eight =
      "Dès 20 heures, explorez les résultats du premier tour avec notre carte interactive, mise à jour au gré des "
      "remontées du ministère pour chaque circonscription.";
  const char* teaser_next_day =
      "Explorez les résultats du premier tour avec notre carte interactive, réalisée à partir des remontées du "
      "ministère pour chaque circonscription.";
  EXPECT_EQ(index_page("résultats", results, "2022-06-12", teaser_at_eight), schema::own_cluster("résultats"));
  EXPECT_EQ(index_page("résultats du lendemain", results, "2022-06-13", teaser_next_day),
            schema::own_cluster("résultats"))
      << "a figure on one side only is an edit";
}

TEST_F(Clusters, ABulkLoadFindsRewordedTeasersToo) {
  add("carte", prepare_page("carte", kMapTitle, "2022-05-20", kMapTeaser));
  add("carte republiée", prepare_page("carte republiée", kMapTitle, "2022-05-24", kMapTeaserReworded));
  db_.commit();
  EXPECT_EQ(cluster_in_input_order(db_), 1u);
  EXPECT_EQ(cluster_of(2), schema::own_cluster("carte"));
}

TEST_F(Clusters, ABulkLoadClustersAsIfIndexedOneByOne) {
  for (const auto& [id, body] : std::vector<std::pair<std::string, std::string>>{{"original", original_},
                                                                                   {"rewrite", rewrite_},
                                                                                   {"copy", edited_},
                                                                                   {"copy of the copy", edited_twice_},
                                                                                   {"other", words(2000, 2200)}})
    add(id, body);
  db_.commit();
  EXPECT_EQ(cluster_in_input_order(db_), 1u);
  EXPECT_EQ(cluster_of(3), schema::own_cluster("original")) << "the copy joined the earlier original";
  EXPECT_EQ(cluster_of(1), schema::own_cluster("original"));
  EXPECT_EQ(cluster_of(2), schema::own_cluster("rewrite"));
  EXPECT_EQ(cluster_of(4), schema::own_cluster("copy of the copy")) << "no chaining in a bulk load either";
  EXPECT_EQ(cluster_of(5), schema::own_cluster("other"));
  const std::string mark(schema::kHasCopiesTerm);
  std::vector<Xapian::docid> marked(db_.postlist_begin(mark), db_.postlist_end(mark));
  EXPECT_EQ(marked, (std::vector<Xapian::docid>{1, 3})) << "both articles of the cluster know they have copies";
}

// A first index finds copies of one page as the one-by-one writer does, and keeps a series' next
// issue apart.
TEST_F(Clusters, ABulkLoadFindsCopiesOfOnePageToo) {
  const std::string teaser = words(300, 340);
  auto url = [](const std::string& number) { return "https://www.lemonde.fr/live/2022/10/04/page_" + number + "_3210.html"; };
  add("juin", prepare_page("juin", "Avortement", "2022-06-30", original_, url("6132776")));
  add("octobre", prepare_page("octobre", "Le Monde vous répond", "2022-10-04", teaser, url("6144311")));
  add("novembre", prepare_page("novembre", "Avortement", "2022-11-15", words(0, 500) + words(9000, 9400), url("6132776")));
  add("décembre", prepare_page("décembre", "Le Monde vous répond", "2022-12-06", teaser, url("6153142")));
  db_.commit();
  EXPECT_EQ(cluster_in_input_order(db_), 1u);
  EXPECT_EQ(cluster_of(3), schema::own_cluster("juin")) << "the same page, updated";
  EXPECT_EQ(cluster_of(4), schema::own_cluster("décembre")) << "the same teaser two months later, another page";
}

TEST_F(Clusters, ABulkLoadCountsBoilerplateOverTheWholeLoad) {
  for (std::size_t n = 0; n <= dedup::kBoilerplateBodies; ++n)
    add("dessin " + std::to_string(n), std::string(kStandfirst) + " " + words(100 * n, 100 * n + 3));
  db_.commit();
  EXPECT_EQ(cluster_in_input_order(db_), 0u) << "even the first ones, which an early archive grouped";
}

}  // namespace
