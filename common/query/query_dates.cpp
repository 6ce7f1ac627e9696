#include "query/query_dates.h"

#include "util/date_parse.h"

#include <algorithm>
#include <cctype>

namespace depeche {
namespace {

constexpr int kFirstYear = 1900, kLastYear = 2099;

bool is_year(const std::string& text) {
  if (text.size() != 4 || !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
    return false;
  const int year = std::stoi(text);
  return year >= kFirstYear && year <= kLastYear;
}

bool is_operator(LexemeKind k) {
  return k == LexemeKind::kAnd || k == LexemeKind::kOr || k == LexemeKind::kNot || k == LexemeKind::kMinus ||
         k == LexemeKind::kPlus || k == LexemeKind::kNear;
}

// True when lexemes [first, last) are plain words that no operator touches.
bool free_words(const std::vector<Lexeme>& lx, std::size_t first, std::size_t last) {
  for (std::size_t i = first; i < last; ++i)
    if (lx[i].kind != LexemeKind::kWord) return false;
  if (first > 0 && is_operator(lx[first - 1].kind)) return false;
  return last >= lx.size() || !is_operator(lx[last].kind);
}

std::string joined(const std::vector<Lexeme>& lx, std::size_t first, std::size_t last) {
  std::string text;
  for (std::size_t i = first; i < last; ++i) text.append(i > first ? " " : "").append(lx[i].text);
  return text;
}

// The date that lexemes ending with the year at `year_at` spell, longest first ("mardi 14 juillet
// 2016", "14 juillet 2016", "juillet 2016", "2016"); `first` is set to where it begins.
std::optional<util::Date> date_ending_at(const std::vector<Lexeme>& lx, std::size_t year_at, std::size_t& first) {
  constexpr std::size_t kLongest = 4;  // weekday, day, month, year
  for (std::size_t n = std::min(kLongest, year_at + 1); n >= 3; --n) {
    first = year_at + 1 - n;
    if (!free_words(lx, first, year_at + 1)) continue;
    const auto date = util::parse_date(joined(lx, first, year_at + 1));
    if (date && date->precision == util::DatePrecision::kDay) return date;
  }
  const int year = std::stoi(lx[year_at].text);
  if (year_at > 0 && free_words(lx, year_at - 1, year_at + 1)) {
    if (const int month = util::french_month(lx[year_at - 1].text)) {
      first = year_at - 1;
      return util::Date{year, month, 0, util::DatePrecision::kMonth};
    }
  }
  first = year_at;
  return util::Date{year, 0, 0, util::DatePrecision::kYear};
}

bool is_searchable(const Lexeme& l) {
  return l.kind == LexemeKind::kWord || l.kind == LexemeKind::kPhrase;
}

}  // namespace

std::optional<PreferredPeriod> take_preferred_period(std::vector<Lexeme>& lexemes) {
  for (std::size_t i = 0; i < lexemes.size(); ++i) {
    const Lexeme& l = lexemes[i];
    const bool iso = l.text.size() > 4 && is_year(l.text.substr(0, 4)) && util::parse_iso_date(l.text).has_value();
    if (l.kind != LexemeKind::kWord || !(is_year(l.text) || iso) || !free_words(lexemes, i, i + 1)) continue;
    std::size_t first = i;
    const std::optional<util::Date> date = iso ? util::parse_iso_date(l.text) : date_ending_at(lexemes, i, first);
    if (!date || !date->valid()) continue;
    const bool other_words = std::any_of(lexemes.begin(), lexemes.begin() + static_cast<std::ptrdiff_t>(first), is_searchable) ||
                             std::any_of(lexemes.begin() + static_cast<std::ptrdiff_t>(i + 1), lexemes.end(), is_searchable);
    if (!other_words) return std::nullopt;
    PreferredPeriod period{*date, joined(lexemes, first, i + 1)};
    lexemes.erase(lexemes.begin() + static_cast<std::ptrdiff_t>(first), lexemes.begin() + static_cast<std::ptrdiff_t>(i + 1));
    return period;
  }
  return std::nullopt;
}

}  // namespace depeche
