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
// read and a broken symbolic link inside a folder are reported through `problem` and skipped, and
// so are the links and folders `walk` leaves out.
// How folders are walked. Every bound is reported when reached, never silently.
struct InputWalk {
  // Folders nested deeper than this below an input are not entered (reported): memory and time
  // stay bounded whatever a folder holds (6,000 levels once took 2.2 GB).
  std::size_t max_depth = 64;
  // Symbolic links are followed only to files inside the input folder (as ripgrep and find do):
  // a link may lead anywhere (/etc/passwd), and links to folders may loop or index a folder twice.
  // Each link passed over is reported. True follows them all (--follow-symlinks).
  bool follow_symlinks = false;
};

// `unseen`: part of the input could not be seen (missing, unreadable, a broken link), so that
// --prune must not take its files for deleted; false for what `walk` leaves out on purpose.
using InputProblem = std::function<void(const std::string& message, bool unseen)>;

std::vector<InputName> expand_inputs(const std::vector<std::string>& paths, const InputWalk& walk,
                                     const InputProblem& problem);

}  // namespace depeche

#endif
