// Turning the paths named on the command line into the list of input files to read.
#ifndef DEPECHE_INCLUDED_INDEX_INPUTS_H
#define DEPECHE_INCLUDED_INDEX_INPUTS_H

#include "readers/reader.h"

#include <functional>
#include <string>
#include <vector>

namespace depeche {

// Files are taken as they are, folders recursed (hidden entries skipped, names sorted so that runs
// are reproducible), "-" is stdin. Each file's display name is its path relative to the folder
// named on the command line (its own name for a file named directly). A path that does not exist
// is reported through `problem` and skipped.
std::vector<InputName> expand_inputs(const std::vector<std::string>& paths,
                                     const std::function<void(const std::string&)>& problem);

}  // namespace depeche

#endif
