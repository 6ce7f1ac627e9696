#include "util/date_parse.h"

#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <array>
#include <cctype>
#include <string>
#include <vector>

namespace depeche::util {
namespace {

// Lower-case ASCII-folded copy of a French name ("août" -> "aout"), so typed and written forms meet.
std::string fold_ascii(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.foldCase();
  std::string out;
  for (int32_t i = 0; i < u.length(); ++i) {
    const char16_t c = u.charAt(i);
    if (c < 0x80) out += static_cast<char>(c);
    else if (c >= 0xE0 && c <= 0xE5) out += 'a';
    else if (c >= 0xE8 && c <= 0xEB) out += 'e';
    else if (c >= 0xEC && c <= 0xEF) out += 'i';
    else if (c >= 0xF2 && c <= 0xF6) out += 'o';
    else if (c >= 0xF9 && c <= 0xFC) out += 'u';
    else if (c == 0xE7) out += 'c';
    else out += '?';
  }
  return out;
}

struct Names {
  std::array<std::string, 12> months;           // "janvier" ... "decembre", folded
  std::array<std::string, 12> months_short;     // "janv" ... (ICU's abbreviations, no dot)
  std::vector<std::string> weekdays;            // "lundi" ...
};

const Names& french_names() {
  static const Names names = [] {
    Names n;
    UErrorCode status = U_ZERO_ERROR;
    icu::DateFormatSymbols symbols(icu::Locale::getFrench(), status);
    int32_t count = 0;
    const icu::UnicodeString* months = symbols.getMonths(count, icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::WIDE);
    for (int32_t i = 0; i < count && i < 12; ++i) {
      std::string s;
      months[i].toUTF8String(s);
      n.months[static_cast<std::size_t>(i)] = fold_ascii(s);
    }
    const icu::UnicodeString* shorts = symbols.getMonths(count, icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::ABBREVIATED);
    for (int32_t i = 0; i < count && i < 12; ++i) {
      std::string s;
      shorts[i].toUTF8String(s);
      s = fold_ascii(s);
      if (!s.empty() && s.back() == '.') s.pop_back();
      n.months_short[static_cast<std::size_t>(i)] = s;
    }
    const icu::UnicodeString* days = symbols.getWeekdays(count, icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::WIDE);
    for (int32_t i = 1; i < count; ++i) {  // index 0 is unused in ICU's weekday array
      std::string s;
      days[i].toUTF8String(s);
      n.weekdays.push_back(fold_ascii(s));
    }
    return n;
  }();
  return names;
}

constexpr std::array<std::string_view, 12> kRfc822Months{"jan", "feb", "mar", "apr", "may", "jun",
                                                          "jul", "aug", "sep", "oct", "nov", "dec"};

int month_from_name(const std::string& word) {
  const Names& n = french_names();
  for (std::size_t i = 0; i < 12; ++i)
    if (word == n.months[i] || (!n.months_short[i].empty() && word == n.months_short[i])) return static_cast<int>(i) + 1;
  for (std::size_t i = 0; i < 12; ++i)
    if (word == kRfc822Months[i]) return static_cast<int>(i) + 1;
  return 0;
}

bool is_weekday(const std::string& word) {
  for (const auto& d : french_names().weekdays)
    if (word == d) return true;
  static constexpr std::array<std::string_view, 7> kEnglish{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  for (auto d : kEnglish)
    if (word == d) return true;
  return false;
}

std::optional<Date> make_day(int year, int month, int day) {
  if (year < kMinYear || year > kMaxYear || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
    return std::nullopt;
  return Date{year, month, day, DatePrecision::kDay};
}

// Words of a date: runs of letters (folded) or digits; separators remembered for numeric forms.
struct Word {
  std::string text;
  bool number = false;
  std::size_t begin = 0, end = 0;  // byte offsets
};

std::vector<Word> split_words(std::string_view s) {
  std::vector<Word> words;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (std::isdigit(c)) {
      Word w{"", true, i, i};
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) w.text += s[i++];
      w.end = i;
      words.push_back(w);
    } else if (std::isalpha(c) || c >= 0x80) {
      const std::size_t start = i;
      while (i < s.size() && (std::isalpha(static_cast<unsigned char>(s[i])) || static_cast<unsigned char>(s[i]) >= 0x80)) ++i;
      words.push_back({fold_ascii(s.substr(start, i - start)), false, start, i});
    } else {
      ++i;
    }
  }
  return words;
}

int to_int(const std::string& digits) { return digits.size() > 9 ? -1 : std::stoi(digits); }

// A French or RFC 822 written date starting at words[i]: [weekday] day[er] month [year].
std::optional<Date> written_at(const std::vector<Word>& w, std::size_t i, std::optional<int> default_year,
                               std::size_t& consumed) {
  std::size_t k = i;
  if (k < w.size() && !w[k].number && is_weekday(w[k].text)) ++k;
  if (k >= w.size() || !w[k].number || w[k].text.size() > 2) return std::nullopt;
  const int day = to_int(w[k].text);
  ++k;
  if (k < w.size() && !w[k].number && w[k].text == "er") ++k;  // "1er"
  if (k >= w.size() || w[k].number) return std::nullopt;
  const int month = month_from_name(w[k].text);
  if (!month) return std::nullopt;
  ++k;
  int year = 0;
  if (k < w.size() && w[k].number && w[k].text.size() == 4) {
    year = to_int(w[k].text);
    ++k;
  } else if (default_year) {
    year = *default_year;
  } else {
    return std::nullopt;
  }
  consumed = k - i;
  return make_day(year, month, day);
}

// "23.07.2023" or "23/07/2023", day first as French writes it, at text offset `at`.
std::optional<Date> numeric_at(std::string_view s, std::size_t at, std::size_t& length) {
  auto digits = [&](std::size_t pos, std::size_t min, std::size_t max, int& value, std::size_t& end) {
    end = pos;
    while (end < s.size() && end - pos < max && std::isdigit(static_cast<unsigned char>(s[end]))) ++end;
    if (end - pos < min || (end < s.size() && std::isdigit(static_cast<unsigned char>(s[end])))) return false;
    value = to_int(std::string(s.substr(pos, end - pos)));
    return true;
  };
  int day, month, year;
  std::size_t e1, e2, e3;
  if (!digits(at, 1, 2, day, e1) || e1 >= s.size() || (s[e1] != '.' && s[e1] != '/')) return std::nullopt;
  const char sep = s[e1];
  if (!digits(e1 + 1, 1, 2, month, e2) || e2 >= s.size() || s[e2] != sep) return std::nullopt;
  if (!digits(e2 + 1, 4, 4, year, e3)) return std::nullopt;
  length = e3 - at;
  return make_day(year, month, day);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<Date> parse_date(std::string_view text, std::optional<int> default_year) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (auto iso = parse_iso_date(text)) return iso;
  std::size_t length = 0;
  if (auto numeric = numeric_at(text, 0, length); numeric && length == text.size()) return numeric;
  const std::vector<Word> words = split_words(text);
  std::size_t start = 0;
  if (!words.empty() && !words[0].number && words[0].text == "le") start = 1;  // "le 19 juillet 2023"
  std::size_t consumed = 0;
  auto written = written_at(words, start, default_year, consumed);
  if (!written) return std::nullopt;
  // RFC 822 goes on with a time and a zone ("10:00:00 +0200", "GMT"); the date stays as written.
  const std::size_t after = start + consumed;
  if (after < words.size() && !(words[after].number && words[after].text.size() <= 2)) return std::nullopt;
  return written;
}

std::optional<Date> find_day_in_month(std::string_view text, const Date& month) {
  if (month.precision != DatePrecision::kMonth) return std::nullopt;
  auto in_month = [&](const std::optional<Date>& d) { return d && d->year == month.year && d->month == month.month; };
  // Numeric dates, scanned by position.
  std::optional<Date> first_numeric;
  std::size_t numeric_pos = text.size();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i])) || (i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1]))))
      continue;
    std::size_t length;
    if (auto d = numeric_at(text, i, length); in_month(d)) {
      first_numeric = d;
      numeric_pos = i;
      break;
    }
  }
  const std::vector<Word> words = split_words(text.substr(0, numeric_pos));
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::size_t consumed;
    if (auto d = written_at(words, i, month.year, consumed); in_month(d)) return d;
  }
  return first_numeric;
}

}  // namespace depeche::util
