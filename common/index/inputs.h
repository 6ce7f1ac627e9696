// Turning the paths named on the command line into the list of input files to read.
#ifndef DEPECHE_INCLUDED_INDEX_INPUTS_H
#define DEPECHE_INCLUDED_INDEX_INPUTS_H

#include "readers/reader.h"

#include <functional>
#include <string>
#include <vector>

namespace depeche {

// Files are taken as they are, folders recursed (hidden entries skipped, names sorted so that runs
// are reproducible), "-" is stdin. Each file's display name, which names its article when it has
// no URL, is the name of the folder named on the command line and its path below it
// ("lemonde/2023/une.txt"; its own name for a file named directly), made valid UTF-8 (a name in
// another charset is read as Windows-1252). A path that does not exist, a folder that cannot be
// read and a broken symbolic link inside a folder are reported through `problem` and skipped.
std::vector<InputName> expand_inputs(const std::vector<std::string>& paths,
                                     const std::function<void(const std::string&)>& problem);

}  // namespace depeche

#endif
