// How far apart two short strings are, to suggest the name the user meant to type.
#ifndef DEPECHE_INCLUDED_UTIL_EDIT_DISTANCE_H
#define DEPECHE_INCLUDED_UTIL_EDIT_DISTANCE_H

#include <cstddef>
#include <string_view>

namespace depeche::util {

// Levenshtein distance counted in bytes: the fewest insertions, deletions and substitutions that
// make `a` into `b`. Quadratic: meant for names and options, not for text.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace depeche::util

#endif
