#include "analysis/countries.h"

#include "analysis/analyzer.h"
#include "util/edit_distance.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <limits>
#include <utility>

namespace depeche::analysis {

namespace {

struct NameRow {
  const char* written;
  const char* canonical;
};
constexpr NameRow kNameRows[] = {
#include "analysis/country_names.inc"
};

// Head words that make "<head> [de|du|des] <country>" the name of something else, folded: events
// and titles (Coupe de France, Open d'Australie, Tour de France, l'équipe de France, record de
// France), places (Palais et jardins du Luxembourg, Stade de France, golfe de Guinée, mer de Chine)
// and institutions (Banque de France). The elided d' leaves no token, so "Open d'Australie" is
// "open australie".
const std::unordered_set<std::string_view> kHeadWords = {
    "coupe", "open", "championnat", "championnats", "champion", "championne", "tournoi", "rallye", "equipe",
    "selection", "record", "palais", "jardin", "jardins", "stade", "golfe", "mer", "lac", "banque",
};
// Head words only when capitalised: the Tour de France, not "c'est au tour du Portugal".
const std::unordered_set<std::string_view> kCapitalisedHeadWords = {"tour"};
const std::unordered_set<std::string_view> kLinkWords = {"de", "du", "des"};

// Articles and prepositions, folded. Before a name they make it a place ("au Salvador", "l'île
// Maurice"); next to a name they are not a proper name it is part of ("GUERRE EN UKRAINE").
const std::unordered_set<std::string_view> kContextWords = {
    "a", "au", "aux", "en", "le", "la", "les", "de", "du", "des", "et", "ou",
    "pour", "par", "sur", "vers", "contre", "avec", "dans", "chez", "entre", "selon", "ile", "iles",
};

// Country names that are also first names or cities (Maurice Ravel, Salvador de Bahia, Grenade in
// Andalusia): counted only after one of the articles and prepositions of a place ("au Salvador",
// "l'île Maurice", "à la Grenade"); "de" is not one ("le carnaval de Salvador de Bahia").
constexpr const char* kAlsoFirstNamesOrCities[] = {"dominique", "maurice", "salvador", "grenade"};
const std::unordered_set<std::string_view> kPlaceWords = {"a", "au", "aux", "en", "le", "la", "du", "ile", "iles"};

std::uint32_t gap(const Token& before, const Token& after) { return after.src_begin - before.src_end; }

bool is_number(std::string_view folded) {
  return !folded.empty() && std::all_of(folded.begin(), folded.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Whether the number at token `i`, after a country's name, belongs to the name: a channel or an
// event (France 5, France 24, Qatar 2022), not a figure or a score ("l'Italie 27 000", "l'Espagne
// 25 à 29", "le Maroc 2-1"): one, two or four digits, not joined to another number, not followed
// by a group of thousands or by "à" and a number.
bool numbers_a_name(const TokenList& tokens, std::size_t i) {
  const auto& list = tokens.tokens;
  const std::string_view number = tokens.folded(list[i]);
  if (!is_number(number) || number.size() == 3 || number.size() > 4 || list[i].has(Token::kJoinedToNext)) return false;
  if (i + 1 == list.size()) return true;
  const std::string_view next = tokens.folded(list[i + 1]);
  if (next.size() == 3 && is_number(next)) return false;
  return !(next == "a" && i + 2 < list.size() && is_number(tokens.folded(list[i + 2])));
}

}  // namespace

CountryFinder::CountryFinder(Analyzer& analyzer) {
  const icu::Locale french("fr");
  TokenList tokens;
  for (const char* const* code = icu::Locale::getISOCountries(); *code; ++code) {
    icu::UnicodeString display;
    icu::Locale("", *code).getDisplayCountry(french, display);
    std::string name;
    display.toUTF8String(name);
    // Skip codes ICU has no French name for, and the descriptive ones ("R.A.S. de Chine").
    if (name.empty() || name == *code || name.find_first_of("().0123456789") != std::string::npos) continue;
    add(name, name, analyzer, tokens);
  }
  // The table's rows come after ICU's names, so a row redirects an ICU name ("Congo-Kinshasa").
  for (const NameRow& row : kNameRows) {
    add(row.written, row.canonical, analyzer, tokens);
    if (*row.canonical && !names_.count(key_of(row.canonical, analyzer)))
      add(row.canonical, row.canonical, analyzer, tokens);
  }
  for (const char* key : kAlsoFirstNamesOrCities)
    if (auto it = names_.find(key); it != names_.end()) it->second.needs_context = true;
}

void CountryFinder::add(const std::string& written, std::string canonical, Analyzer& analyzer, TokenList& tokens) {
  tokens.clear();
  analyzer.tokenize(written, tokens);
  if (tokens.tokens.empty()) return;
  Name name;
  name.canonical = std::move(canonical);
  std::string key;
  for (std::size_t n = 0; n < tokens.tokens.size(); ++n) {
    if (n) key += ' ';
    key.append(tokens.folded(tokens.tokens[n]));
    beginnings_.insert(key);
    if (n < 32 && tokens.tokens[n].has(Token::kCapitalised)) name.capitals |= std::uint32_t{1} << n;
  }
  max_words_ = std::max(max_words_, tokens.tokens.size());
  names_.insert_or_assign(std::move(key), std::move(name));
}

std::string CountryFinder::key_of(std::string_view written, Analyzer& analyzer) const {
  TokenList tokens;
  analyzer.tokenize(written, tokens);
  std::string key;
  for (const Token& t : tokens.tokens) {
    if (!key.empty()) key += ' ';
    key.append(tokens.folded(t));
  }
  return key;
}

CountryFinder::Match CountryFinder::match_at(const TokenList& tokens, std::size_t i) const {
  const auto& list = tokens.tokens;
  Match best;
  std::string key;
  // Longest name first, so "Guinée équatoriale" wins over "Guinée".
  for (std::size_t n = 0; n < max_words_ && i + n < list.size(); ++n) {
    if (n) key += ' ';
    key.append(tokens.folded(list[i + n]));
    if (beginnings_.count(key) == 0) break;
    const auto it = names_.find(key);
    if (it == names_.end()) continue;
    bool capitals_written = true;
    for (std::size_t w = 0; w <= n && w < 32; ++w)
      if ((it->second.capitals >> w & 1) && !list[i + w].has(Token::kCapitalised)) capitals_written = false;
    if (capitals_written) best = {&it->second, n + 1};
  }
  return best;
}

bool CountryFinder::is_country(const Match& m) { return m.name && !m.name->canonical.empty(); }

// The rules of a name inside a longer proper name, on the words around the `words` words from
// `first`. Words one byte apart are next to each other: a space or a hyphen, no punctuation.
bool CountryFinder::inside_other_name(const TokenList& tokens, std::size_t first, std::size_t words,
                                      bool after_country) const {
  const auto& list = tokens.tokens;
  const std::size_t last = first + words - 1;
  if (last + 1 < list.size()) {
    // Followed by a capitalised word or a number: France Inter, France 5, Maurice Ravel, Agence
    // France-Presse. Not by the next sentence, a preposition, or another country (France-Allemagne).
    const Token& next = list[last + 1];
    const std::string_view folded = tokens.folded(next);
    const bool name_like = next.has(Token::kCapitalised) || numbers_a_name(tokens, last + 1);
    if (gap(list[last], next) == 1 && name_like && !next.has(Token::kSentenceStart) && !kContextWords.count(folded) &&
        !is_country(match_at(tokens, last + 1)))
      return true;
  }
  if (first == 0 || after_country) return false;
  // Joined by hyphens to a capitalised word: Météo-France, Ile-de-France, stade Maurice-David.
  for (std::size_t j = first; j > 0 && list[j - 1].has(Token::kJoinedToNext) && gap(list[j - 1], list[j]) == 1; --j)
    if (list[j - 1].has(Token::kCapitalised)) return true;
  // After a capitalised word inside a sentence: Radio France, Air France, New Jersey.
  const Token& prev = list[first - 1];
  if (gap(prev, list[first]) == 1 && prev.has(Token::kCapitalised) && !prev.has(Token::kSentenceStart) &&
      !kContextWords.count(tokens.folded(prev)))
    return true;
  std::size_t head = first - 1;
  if (head > 0 && kLinkWords.count(tokens.folded(list[head]))) --head;
  const std::string_view head_word = tokens.folded(list[head]);
  return kHeadWords.count(head_word) ||
         (kCapitalisedHeadWords.count(head_word) && list[head].has(Token::kCapitalised));
}

std::vector<std::string> CountryFinder::find(const TokenList& tokens) const {
  std::vector<std::string> found;
  const auto& list = tokens.tokens;
  std::size_t after_last_name = list.size();  // the token after the last name matched
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].has(Token::kCapitalised)) continue;
    const Match m = match_at(tokens, i);
    if (!m.name) continue;
    const bool in_context = i > 0 && kPlaceWords.count(tokens.folded(list[i - 1]));
    if (is_country(m) && (!m.name->needs_context || in_context) &&
        !inside_other_name(tokens, i, m.words, after_last_name == i))
      found.push_back(m.name->canonical);
    i += m.words - 1;
    after_last_name = i + 1;
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

const std::string* CountryFinder::canonical(std::string_view written, Analyzer& analyzer) const {
  const auto it = names_.find(key_of(written, analyzer));
  return it == names_.end() || it->second.canonical.empty() ? nullptr : &it->second.canonical;
}

const std::string& CountryFinder::nearest(std::string_view written, Analyzer& analyzer) const {
  const std::string key = key_of(written, analyzer);
  const std::string* best = nullptr;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  for (const auto& [name_key, name] : names_) {
    if (name.canonical.empty()) continue;
    const std::size_t d = util::edit_distance(key, name_key);
    // Ties go to the alphabetically first name, so the suggestion does not depend on hash order.
    if (d < best_distance || (d == best_distance && name.canonical < *best)) {
      best_distance = d;
      best = &name.canonical;
    }
  }
  return *best;
}

}  // namespace depeche::analysis
