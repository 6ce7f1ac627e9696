// Checks a database's facet columns against its value slots, for the unit and end-to-end suites.
#ifndef DEPECHE_INCLUDED_TESTS_SUPPORT_FACET_CHECK_H
#define DEPECHE_INCLUDED_TESTS_SUPPORT_FACET_CHECK_H

#include <string>

namespace depeche::test {

// Empty when, in the database at `path`, every column slot counted from its facet column equals
// the count of its value slot, over every article and over a few of its words; else what differs
// (or that a column is missing).
std::string facet_columns_mismatch(const std::string& path);

// Deletes every facet column key of the database at `path`, as a database written by an
// earlier depeche has none.
void remove_facet_columns(const std::string& path);

}  // namespace depeche::test

#endif
