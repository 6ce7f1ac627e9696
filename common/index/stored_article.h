// The article as kept in a Xapian document's data, so the archive can be printed back
// and rebuilt without its source files.
#ifndef DEPECHE_INCLUDED_INDEX_STORED_ARTICLE_H
#define DEPECHE_INCLUDED_INDEX_STORED_ARTICLE_H

#include "readers/article.h"

#include <string>

namespace depeche {

std::string store_article(const Article& a);
// Throws depeche::Error when `data` is not what store_article wrote.
Article load_article(const std::string& data);

}  // namespace depeche

#endif
