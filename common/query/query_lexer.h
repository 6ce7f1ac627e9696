// The query language's words, before any grammar: parentheses, "phrases" (ASCII, « », “ ” and „
// quotes), field:value, AND / OR / NOT, -word and +word, NEAR and ADJ with their distance
// (docs/query-syntax.md). query_parser.cpp builds the query from these lexemes.
#ifndef DEPECHE_INCLUDED_QUERY_QUERY_LEXER_H
#define DEPECHE_INCLUDED_QUERY_QUERY_LEXER_H

#include "query/query_parser.h"

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace depeche {

enum class LexemeKind { kWord, kPhrase, kField, kOpen, kClose, kAnd, kOr, kNot, kMinus, kPlus, kNear, kEnd };

// Words apart at most, for NEAR and ADJ without /N.
inline constexpr Xapian::termcount kDefaultProximity = 10;
// The widest NEAR/N or ADJ/N: far more words than any article holds, far less than a termcount.
inline constexpr Xapian::termcount kMaxProximity = 100000;

struct Lexeme {
  LexemeKind kind = LexemeKind::kEnd;
  std::string text;   // word, phrase, or the field's value
  std::string field;  // for kField, lower-cased
  bool quoted = false;
  bool ordered = false;            // kNear: ADJ (in this order) rather than NEAR
  Xapian::termcount distance = 0;  // kNear: words apart at most
  std::size_t pos = 0;             // where it starts, in characters (for messages)
};

// The lexemes of `query`, ending with one of kind kEnd. Throws QueryError on an unknown field,
// a field without a value, or a NEAR or ADJ distance that is not a number.
std::vector<Lexeme> lex(std::string_view query);

// "unknown field 'X:'", with the closest field's name, or else the list of every field.
std::string unknown_field_message(const std::string& name);

}  // namespace depeche

#endif
