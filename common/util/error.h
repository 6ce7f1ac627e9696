// The two kinds of failure that cross module boundaries (as in ccache):
// Error can be reported and recovered from (one file, one query); Fatal ends the program,
// and only each main() turns it into a message and an exit code. DataError is the Error of a
// damaged database.
#ifndef DEPECHE_INCLUDED_UTIL_ERROR_H
#define DEPECHE_INCLUDED_UTIL_ERROR_H

#include <stdexcept>
#include <string>

namespace depeche {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Stored data that cannot be decoded (a damaged database, not a bad command line): exit 3 with
// the database named. An Error still, so that what reads every article (--rebuild) can count
// those it cannot read and refuse.
class DataError : public Error {
 public:
  using Error::Error;
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
