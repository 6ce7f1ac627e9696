// fuzz_query_parser: the query language (words, "phrases", « guillemets », AND / OR / NOT, -word,
// (groups), field:value filters, date ranges) parsed by depeche::QueryParser against a small
// in-memory Xapian database built with the indexer's own DocumentBuilder, then run with
// Xapian::Enquire as the searcher would. Each input is parsed twice, words ANDed and ORed.
// QueryError is the one documented failure (a query the user must fix); any other exception,
// from the parser or from Xapian running the query it built, is a bug and aborts.
#include "fuzz_support.h"
#include "index/document_builder.h"
#include "query/query_parser.h"
#include "readers/article_fields.h"

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace {

struct Fixture {
  Xapian::WritableDatabase wdb{std::string(), Xapian::DB_BACKEND_INMEMORY};
  Xapian::Database db;
  depeche::analysis::Analyzer analyzer{"fr"};
  std::unique_ptr<depeche::QueryParser> parser;

  Fixture() {
    depeche::DocumentBuilder builder;
    const struct {
      const char* id; const char* url; const char* title; const char* body; depeche::util::Date date; const char* lang;
    } docs[] = {
        {"a1", "https://www.lemonde.fr/afrique/a1", "Le Mali et l’Iran signent un accord",
         "Bamako, le 19 juillet 2023. Le Mali a signé mercredi un accord avec l’Iran. Les ministres maliens "
         "ont salué « une étape ».", {2023, 7, 19, depeche::util::DatePrecision::kDay}, "fr"},
        {"a2", "https://www.rfi.fr/fr/a2", "Élections en Côte d’Ivoire",
         "Aujourd’hui, les électeurs ivoiriens votent. L’opposition dénonce des irrégularités à Abidjan.",
         {2020, 10, 0, depeche::util::DatePrecision::kMonth}, "fr"},
        {"a3", "", nullptr, "Sans titre ni adresse : un texte court sur la diplomatie française.",
         {}, "fr"},
        {"a4", "https://example.org/en/a4", "Tehran and Bamako", "Mali and Iran sign a deal in Tehran.",
         {2023, 0, 0, depeche::util::DatePrecision::kYear}, "en"},
    };
    for (const auto& d : docs) {
      depeche::Article a;
      a.id = d.id;
      a.url = d.url;
      a.source = depeche::host_of(a.url);
      if (d.title) a.title = d.title;
      a.body = d.body;
      a.date = d.date;
      a.lang = d.lang;
      wdb.replace_document(std::string("Q") + d.id, builder.build(a));
    }
    wdb.commit();
    db = wdb;
    parser = std::make_unique<depeche::QueryParser>(db, analyzer);
  }
};

void run(const Fixture& f, const std::string& text, bool match_any) {
  depeche::ParsedQuery parsed;
  try {
    parsed = f.parser->parse(text, match_any);
  } catch (const depeche::QueryError&) {
    return;
  }
  Xapian::Enquire enquire(f.db);
  enquire.set_query(parsed.query);
  const Xapian::MSet mset = enquire.get_mset(0, 10);
  DEPECHE_FUZZ_CHECK("fuzz_query_parser", mset.size() <= f.db.get_doccount());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Fixture fixture;
  const std::string text(reinterpret_cast<const char*>(data), size);
  run(fixture, text, false);
  run(fixture, text, true);
  return 0;
}
