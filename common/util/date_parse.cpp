#include "util/date_parse.h"

#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
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

}  // namespace

int french_month(std::string_view word) {
  const std::string folded = fold_ascii(word);
  const Names& n = french_names();
  for (std::size_t i = 0; i < 12; ++i)
    if (folded == n.months[i]) return static_cast<int>(i) + 1;
  return 0;
}

namespace {

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

// Words of a date: runs of letters (folded) or digits, and, for datelines, each punctuation mark.
struct Word {
  std::string text;      // folded letters, digits, or one punctuation character
  bool number = false;
  bool punct = false;
  bool capital = false;  // letters that begin with a capital, as a source's name does
  std::size_t begin = 0, end = 0;  // byte offsets
};

bool is_punct(const Word& w, char c) { return w.punct && w.text[0] == c; }

// Typographic characters a dateline uses, as their ASCII kin (' ' for a blank); 0 for others.
// `length` is their size in bytes.
char typographic(std::string_view s, std::size_t i, std::size_t& length) {
  struct Mark { std::string_view bytes; char ascii; };
  static constexpr Mark kMarks[] = {{"\xC2\xA0", ' '},  {"\xE2\x80\xAF", ' '}, {"\xE2\x80\x89", ' '},
                                    {"\xE2\x80\x93", '-'}, {"\xE2\x80\x94", '-'}, {"\xE2\x80\xA6", '.'},
                                    {"\xE2\x80\xA2", '|'}, {"\xC2\xB7", '|'},     {"\xE2\x80\x99", '\''},
                                    {"\xC2\xAB", '"'},  {"\xC2\xBB", '"'}};
  for (const Mark& m : kMarks)
    if (s.substr(i, m.bytes.size()) == m.bytes) {
      length = m.bytes.size();
      return m.ascii;
    }
  return 0;
}

bool starts_capital(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c >= 'A' && c <= 'Z') return true;
  // Latin-1 capitals "À".."Þ" (not "×") are C3 80..C3 9E in UTF-8.
  const auto next = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
  return c == 0xC3 && next >= 0x80 && next <= 0x9E && next != 0x97;
}

// With `punct`, punctuation is kept as one-character words and typographic blanks, dashes and
// quotes are read as their ASCII kin; without, both are skipped as they always were.
std::vector<Word> split_words(std::string_view s, bool punct = false) {
  std::vector<Word> words;
  std::size_t i = 0;
  std::size_t mark_length = 0;
  auto letter_at = [&](std::size_t k) {
    const auto c = static_cast<unsigned char>(s[k]);
    return std::isalpha(c) || (c >= 0x80 && !(punct && typographic(s, k, mark_length)));
  };
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (std::isdigit(c)) {
      Word w{"", true, false, false, i, i};
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) w.text += s[i++];
      w.end = i;
      words.push_back(w);
    } else if (letter_at(i)) {
      const std::size_t start = i;
      while (i < s.size() && letter_at(i)) ++i;
      words.push_back({fold_ascii(s.substr(start, i - start)), false, false, starts_capital(s, start), start, i});
    } else if (punct && c >= 0x80) {
      const char ascii = typographic(s, i, mark_length);
      if (ascii != ' ') words.push_back({std::string(1, ascii), false, true, false, i, i + mark_length});
      i += mark_length;
    } else {
      if (punct && !std::isspace(c)) words.push_back({std::string(1, static_cast<char>(c)), false, true, false, i, i + 1});
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
  if (k < w.size() && is_punct(w[k], '.') && w[k].begin == w[k - 1].end) ++k;  // "janv."
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

// "23.07.2023" or "23/07/2023" written without blanks, day first as French writes it, at words[i]
// of words split with punctuation.
std::optional<Date> numeric_at(const std::vector<Word>& w, std::size_t i, std::size_t& consumed) {
  if (i + 5 > w.size()) return std::nullopt;
  for (std::size_t k = i + 1; k < i + 5; ++k)
    if (w[k].begin != w[k - 1].end) return std::nullopt;
  const Word &day = w[i], &sep = w[i + 1], &month = w[i + 2], &sep2 = w[i + 3], &year = w[i + 4];
  if (!day.number || day.text.size() > 2 || !month.number || month.text.size() > 2 || !year.number ||
      year.text.size() != 4 || !(is_punct(sep, '.') || is_punct(sep, '/')) || !is_punct(sep2, sep.text[0]))
    return std::nullopt;
  consumed = 5;
  return make_day(to_int(year.text), to_int(month.text), to_int(day.text));
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// ---- datelines ----
// A dateline is a piece of text made only of dated items (an optional marker, a date, an optional
// time), at most two source names, and separators: "Publié le 31 janvier 2023 à 18h02",
// "23.07.2023, Sputnik Afrique", "PARIS, 31/01/2023 (AFP)". Anything else in the piece (a verb, a
// lower-case word, "dernier") makes it a sentence, whose dates are never the publication's.

constexpr std::size_t kHeadLines = 4;      // title, standfirst, byline, first paragraph
constexpr std::size_t kFootLines = 3;      // signature lines
constexpr std::size_t kMaxDateline = 160;  // bytes: longer pieces are prose, and the scan stays linear
constexpr std::size_t kMaxPieceEnds = 8;   // sentence ends tried at each end of a line

struct DatelineItem {
  Date date;
  bool update = false;     // "Mis à jour le": the publication date only when no other is given
  bool published = false;  // after "Publié", "Mis en ligne": a dateline wherever it stands
};

class DatelineParser {
 public:
  DatelineParser(const std::vector<Word>& w, std::optional<int> year) : w_(w), year_(year) {}

  // The dated items when the whole piece is a dateline. `alone`: the piece is a line of its own;
  // a piece cut from a paragraph needs more than a bare date (a source, a time or a marker).
  std::vector<DatelineItem> parse(bool alone) {
    std::vector<DatelineItem> items;
    int sources = 0;
    bool separated = true, bare_source_before = false, more_than_date = false;
    while (i_ < w_.size()) {
      if (separator()) {
        separated = true;
        continue;
      }
      if (i_ + 1 == w_.size() && is_punct(w_[i_], '.')) break;  // the sentence's full stop
      bool timed = false, marked = false;
      if (auto item = dated_item(items.empty(), timed, marked)) {
        if (bare_source_before && !separated && !marked) return {};
        more_than_date = more_than_date || timed || marked;
        items.push_back(*item);
        bare_source_before = false;
      } else if (bool paren = false; source(paren)) {
        // "Sputnik Afrique 23.07.2023" is not told from "Depuis le 3 juillet 2023": a bare name needs its comma.
        if (++sources > 2 || (!paren && !separated && !items.empty())) return {};
        more_than_date = true;
        bare_source_before = !paren;
      } else {
        return {};
      }
      separated = false;
    }
    if (!alone && !more_than_date) return {};
    return items;
  }

 private:
  bool word(std::string_view text) const {
    return i_ < w_.size() && !w_[i_].punct && !w_[i_].number && w_[i_].text == text;
  }
  bool number(std::size_t max_digits) const {
    return i_ < w_.size() && w_[i_].number && w_[i_].text.size() <= max_digits;
  }

  bool separator() {
    if (i_ >= w_.size() || !w_[i_].punct) return false;
    for (char c : {',', '-', '|', ';', ':', '/'})
      if (w_[i_].text[0] == c) {
        ++i_;
        return true;
      }
    return false;
  }

  // "Publié (le)", "Mis à jour (le)" ... followed by an optional ":". 0 none, 1 publication, 2 update.
  // Opening a piece, it is capitalised as a line is: "mise à jour le 5 mai" begins no dateline.
  int marker(bool opens) {
    if (i_ >= w_.size() || (opens && !w_[i_].capital)) return 0;
    static const std::vector<std::pair<std::vector<std::string_view>, int>> kMarkers = {
        {{"publie"}, 1},          {{"publiee"}, 1},           {{"mis", "en", "ligne"}, 1},
        {{"mise", "en", "ligne"}, 1}, {{"mis", "a", "jour"}, 2}, {{"mise", "a", "jour"}, 2},
        {{"derniere", "mise", "a", "jour"}, 2}, {{"modifie"}, 2}, {{"modifiee"}, 2},
        {{"actualise"}, 2},       {{"actualisee"}, 2}};
    for (const auto& [words, kind] : kMarkers) {
      const std::size_t start = i_;
      std::size_t matched = 0;
      while (matched < words.size() && word(words[matched])) {
        ++i_;
        ++matched;
      }
      if (matched == words.size()) {
        if (word("le")) ++i_;
        if (i_ < w_.size() && is_punct(w_[i_], ':')) ++i_;
        return kind;
      }
      i_ = start;
    }
    return 0;
  }

  // "à 18h02", "18h", "18:02", "18:02:11".
  bool time() {
    const std::size_t start = i_;
    if (word("a")) ++i_;
    auto minutes_at = [&](std::size_t k) {
      return k < w_.size() && w_[k].number && w_[k].text.size() == 2 && to_int(w_[k].text) <= 59;
    };
    if (number(2) && to_int(w_[i_].text) <= 23) {
      ++i_;
      if (word("h")) {
        ++i_;
        if (minutes_at(i_)) ++i_;
        return true;
      }
      bool minutes = false;
      for (; i_ + 1 < w_.size() && is_punct(w_[i_], ':') && minutes_at(i_ + 1); i_ += 2) minutes = true;
      if (minutes) return true;
    }
    i_ = start;
    return false;
  }

  // [marker] date [time]. A date without its year takes the header's, after a marker or before a time.
  // No "le" without a marker: "Budapest, le 27 février 2022" captions a photo.
  std::optional<DatelineItem> dated_item(bool opens, bool& timed, bool& marked) {
    const std::size_t start = i_;
    const int kind = marker(opens);
    std::size_t consumed = 0;
    std::optional<Date> date = numeric_at(w_, i_, consumed);
    bool yearless = false;
    if (!date) date = written_at(w_, i_, std::nullopt, consumed);
    if (!date && year_ && (date = written_at(w_, i_, year_, consumed))) yearless = true;
    if (!date) {
      i_ = start;
      return std::nullopt;
    }
    i_ += consumed;
    timed = time();
    marked = kind != 0;
    if (yearless && !timed && !marked) {
      i_ = start;
      return std::nullopt;
    }
    return DatelineItem{*date, kind == 2, kind == 1};
  }

  // A source's name: "(AFP)", or capitalised words joined by short ones ("Sputnik Afrique", "Le
  // Monde avec AFP"), perhaps with a number ("France 24") or a hyphen or apostrophe inside a word.
  bool source(bool& paren) {
    static constexpr std::string_view kJoins[] = {"de", "du", "des", "la", "le", "les", "l", "d", "avec", "et", "en", "sur"};
    const std::size_t start = i_;
    paren = i_ < w_.size() && is_punct(w_[i_], '(');
    if (paren) ++i_;
    std::size_t words = 0;
    bool last_is_word = false;
    while (i_ < w_.size() && words < 6) {
      const Word& t = w_[i_];
      const bool glued = i_ > 0 && t.begin == w_[i_ - 1].end && i_ + 1 < w_.size() && w_[i_ + 1].begin == t.end;
      if (t.punct && words > 0 && glued && (t.text == "-" || t.text == "'" || t.text == ".")) {
        last_is_word = false;
      } else if (t.number && words > 0) {
        last_is_word = true;
      } else if (!t.punct && !t.number &&
                 (t.capital || paren || (words > 0 && std::find(std::begin(kJoins), std::end(kJoins), t.text) != std::end(kJoins)))) {
        last_is_word = true;
      } else {
        break;
      }
      ++i_;
      ++words;
    }
    if (words > 0 && last_is_word && (!paren || (i_ < w_.size() && is_punct(w_[i_], ')')))) {
      if (paren) ++i_;
      return true;
    }
    i_ = start;
    return false;
  }

  const std::vector<Word>& w_;
  std::optional<int> year_;
  std::size_t i_ = 0;
};

std::vector<DatelineItem> dateline_items(std::string_view piece, std::optional<int> year, bool alone) {
  if (piece.size() > kMaxDateline || piece.find_first_of("0123456789") == std::string_view::npos) return {};
  const std::vector<Word> words = split_words(piece, true);
  return DatelineParser(words, year).parse(alone);
}

// The datelines of one line: the line itself; or a piece that ends the paragraph after a sentence
// end (". ", "! ", "? ", "… ") or a spaced dash; or one that starts it before a spaced dash (" - ",
// " – "), as agencies write. A sentence end alone does not close a dateline at the start: "Stockholm,
// samedi 14 mai 2016. Depuis..." sets a scene.
std::vector<DatelineItem> datelines_of_line(std::string_view line, std::optional<int> year) {
  if (auto items = dateline_items(line, year, true); !items.empty()) return items;
  std::vector<std::size_t> ends, dashes;  // offsets of the blank after a sentence end, before a dash
  for (std::size_t i = 1; i + 1 < line.size(); ++i) {
    if (line[i] != ' ') continue;
    const char before = line[i - 1];
    const bool dash = line[i + 1] == '-' || line.substr(i + 1, 3) == "\xE2\x80\x93" || line.substr(i + 1, 3) == "\xE2\x80\x94";
    if (dash) dashes.push_back(i);
    if (dash || before == '.' || before == '!' || before == '?' || (i >= 3 && line.substr(i - 3, 3) == "\xE2\x80\xA6"))
      ends.push_back(i);
  }
  // The end of the paragraph, longest piece first, then its start.
  for (std::size_t k = ends.size() > kMaxPieceEnds ? ends.size() - kMaxPieceEnds : 0; k < ends.size(); ++k) {
    if (line.size() - ends[k] > kMaxDateline) continue;
    if (auto items = dateline_items(line.substr(ends[k]), year, false); !items.empty()) return items;
  }
  for (std::size_t k = std::min(dashes.size(), kMaxPieceEnds); k-- > 0;) {
    if (dashes[k] > kMaxDateline) continue;
    if (auto items = dateline_items(line.substr(0, dashes[k]), year, false); !items.empty()) return items;
  }
  return {};
}

}  // namespace

std::optional<Date> parse_date(std::string_view text, std::optional<int> default_year) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (auto iso = parse_iso_date(text)) return iso;
  const std::vector<Word> marks = split_words(text, true);
  std::size_t length = 0;
  if (auto numeric = numeric_at(marks, 0, length); numeric && length == marks.size()) return numeric;
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

std::optional<Date> find_dateline(std::string_view text, const Date& within) {
  if (within.precision == DatePrecision::kDay) return std::nullopt;
  const std::optional<int> year =
      within.precision == DatePrecision::kNone ? std::nullopt : std::optional<int>(within.year);
  auto inside = [&](const Date& d) {
    return within.precision == DatePrecision::kNone ||
           (d.year == within.year && (within.precision == DatePrecision::kYear || d.month == within.month));
  };
  // The lines that are not blank, for the head and the foot.
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (std::string_view line = trim(text.substr(start, end - start)); !line.empty()) lines.push_back(line);
    start = end + 1;
  }
  std::optional<Date> update;
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const bool head_or_foot = n < kHeadLines || n + kFootLines >= lines.size();
    for (const DatelineItem& item : datelines_of_line(lines[n], year)) {
      if (!inside(item.date) || !(head_or_foot || item.published)) continue;
      if (!item.update) return item.date;
      if (!update) update = item.date;
    }
  }
  return update;
}

}  // namespace depeche::util
