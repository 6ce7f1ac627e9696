// Paths compared as paths, component by component ("/a/bc" is not below "/a/b").
#ifndef DEPECHE_INCLUDED_UTIL_PATH_H
#define DEPECHE_INCLUDED_UTIL_PATH_H

#include <algorithm>
#include <filesystem>

namespace depeche::util {

// Whether `inner` is `outer` or lies below it; both absolute and normal (or both canonical).
inline bool is_within(const std::filesystem::path& inner, const std::filesystem::path& outer) {
  auto o = outer.begin();
  auto i = inner.begin();
  for (; o != outer.end() && !o->empty(); ++o, ++i)
    if (i == inner.end() || *i != *o) return false;
  return true;
}

}  // namespace depeche::util

#endif
