// The two kinds of failure that cross module boundaries (as in ccache):
// Error can be reported and recovered from (one file, one query); Fatal ends the program,
// and only each main() turns it into a message and an exit code.
#ifndef DEPECHE_INCLUDED_UTIL_ERROR_H
#define DEPECHE_INCLUDED_UTIL_ERROR_H

#include <stdexcept>
#include <string>

namespace depeche {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Fatal : public std::runtime_error {
 public:
  Fatal(int exit_code, const std::string& message) : std::runtime_error(message), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

}  // namespace depeche

#endif
