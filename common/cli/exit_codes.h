// Exit statuses of both binaries, the contract scripts and cron rely on (docs/exit-codes.md). Only
// cli/ and the two main() use them: the modules below throw a Fatal of some FatalKind instead.
#ifndef DEPECHE_INCLUDED_CLI_EXIT_CODES_H
#define DEPECHE_INCLUDED_CLI_EXIT_CODES_H

namespace depeche::exit_code {

inline constexpr int kOk = 0;              // search: something matched; index: every input indexed
inline constexpr int kNoMatch = 1;         // search: nothing matched the query as written
inline constexpr int kUsage = 2;           // bad option, query or filter syntax
inline constexpr int kDatabase = 3;        // database missing, unreadable, corrupt, or of another version
inline constexpr int kSomeInputFailed = 4; // index: some input was skipped or cut; the rest is indexed
inline constexpr int kFormatTooOld = 20;   // --format-version older than supported
inline constexpr int kFormatTooNew = 21;   // --format-version newer than this binary
inline constexpr int kOutputFailed = 74;   // EX_IOERR: standard output could not be written (a full disk)
inline constexpr int kLocked = 75;         // EX_TEMPFAIL: another indexer holds the database; retry later

}  // namespace depeche::exit_code

#endif
