// Stop words, folded (no accents): dropped from free-text queries, never from the index,
// so phrases that contain them still match.
#ifndef DEPECHE_INCLUDED_ANALYSIS_STOPWORDS_H
#define DEPECHE_INCLUDED_ANALYSIS_STOPWORDS_H

#include <string_view>
#include <vector>

namespace depeche::analysis {

const std::vector<std::string_view>& stopwords_for(std::string_view lang);

}  // namespace depeche::analysis

#endif
