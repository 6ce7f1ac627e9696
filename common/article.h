// An article as read from any input format and stored: plain data, no Xapian. Below the schema,
// whose field rows say how each field is read from it, and below the readers, which fill it.
#ifndef DEPECHE_INCLUDED_ARTICLE_H
#define DEPECHE_INCLUDED_ARTICLE_H

#include "util/date.h"

#include <optional>
#include <string>
#include <vector>

namespace depeche {

struct Article {
  std::string id;  // docs/output-format.md: JSON id, else URL, else the file's name (inputs.h) or a hash of the content
  std::string url;
  std::string source;
  std::string section;
  std::string lang;
  std::string author;
  std::optional<std::string> title;
  std::string standfirst;  // the teaser between title and text (chapô), when the text does not already hold it
  std::string body;
  std::vector<std::string> tags;  // keywords and categories the publisher gave, each once
  std::string source_name;        // the site's display name ("Le Monde"); `source` stays the host
  util::Date date;
  std::string origin;  // the input file's display name (inputs.h)
};

}  // namespace depeche

#endif
