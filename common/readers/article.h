// An article as read from any input format: plain data, no Xapian.
#ifndef DEPECHE_INCLUDED_READERS_ARTICLE_H
#define DEPECHE_INCLUDED_READERS_ARTICLE_H

#include "util/date.h"

#include <optional>
#include <string>

namespace depeche {

struct Article {
  std::string id;  // see ../shared/decisions.md: JSON id, else URL, else path relative to the input folder
  std::string url;
  std::string source;
  std::string section;
  std::string lang;
  std::string author;
  std::optional<std::string> title;
  std::string body;
  util::Date date;
  std::string origin;  // the input file, relative to the folder named on the command line
};

// The URL's host without "www.", the default source; empty when `url` has none.
std::string host_of(const std::string& url);

}  // namespace depeche

#endif
