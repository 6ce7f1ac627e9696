// How a Xapian error reads in depeche's messages.
#ifndef DEPECHE_INCLUDED_UTIL_XAPIAN_ERROR_H
#define DEPECHE_INCLUDED_UTIL_XAPIAN_ERROR_H

#include <xapian.h>

#include <string>

namespace depeche::util {

// The message with the system's reason when there is one: "Error writing block 345 (No space left
// on device)". get_msg() alone drops the reason, which is what tells a full disk from the rest.
inline std::string xapian_message(const Xapian::Error& e) {
  const char* reason = e.get_error_string();
  return reason && *reason ? e.get_msg() + " (" + reason + ")" : e.get_msg();
}

}  // namespace depeche::util

#endif
