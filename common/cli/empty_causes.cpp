#include "cli/empty_causes.h"

namespace depeche::cli {
namespace {

// The options a filter came from, as typed: a date filter is --since and --until.
std::string option_of(const std::string& field, const std::string& value) {
  const std::size_t dots = value.find("..");
  if (field != "date" || dots == std::string::npos) return "--" + field + " " + value;
  const std::string since = value.substr(0, dots), until = value.substr(dots + 2);
  return (since.empty() ? "" : "--since " + since) + (since.empty() || until.empty() ? "" : " ") +
         (until.empty() ? "" : "--until " + until);
}

}  // namespace

std::string worded(const EmptyCause& cause) {
  switch (cause.kind) {
    case EmptyCause::Kind::kQueryPart: return cause.value;
    case EmptyCause::Kind::kFilter: return option_of(cause.field, cause.value);
    case EmptyCause::Kind::kIndexedSince: return "--indexed-since";
    case EmptyCause::Kind::kCombination: break;
  }
  return "each part matches some articles, but no article matches them all";
}

void word_empty_causes(SearchResult& result) {
  result.empty_because.clear();
  for (const EmptyCause& cause : result.emptied_by) result.empty_because.push_back(worded(cause));
}

}  // namespace depeche::cli
