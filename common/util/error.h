// The two kinds of failure that cross module boundaries (as in ccache):
// Error can be reported and recovered from (one file, one query); Fatal ends the program,
// and only cli/tool_main turns it into a message and an exit status. DataError is the Error of a
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

// Why a Fatal ends the program, not with which number: cli/tool_main alone maps a kind to its exit
// status (docs/exit-codes.md), so that the modules below cli/ know nothing of exit statuses.
enum class FatalKind {
  kUsage,         // a command line to fix
  kDatabase,      // a database missing, unusable, damaged or of another version, or a failed write
  kLocked,        // another indexer holds the database: worth retrying later
  kFormatTooOld,  // --format-version older than any this binary writes
  kFormatTooNew,  // --format-version newer than this binary writes
};

class Fatal : public std::runtime_error {
 public:
  Fatal(FatalKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  FatalKind kind() const { return kind_; }

 private:
  FatalKind kind_;
};

}  // namespace depeche

#endif
