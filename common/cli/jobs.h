// --jobs, as both command lines take it: how many threads work at once, 0 for one per core.
#ifndef DEPECHE_INCLUDED_CLI_JOBS_H
#define DEPECHE_INCLUDED_CLI_JOBS_H

#include <CLI/CLI.hpp>

#include <algorithm>
#include <string>
#include <thread>

namespace depeche::cli {

// `what`: what the threads do; the option's help adds what 0 means.
inline CLI::Option* add_jobs_option(CLI::App& app, unsigned& jobs, const std::string& what) {
  return app.add_option("--jobs,-j", jobs, what + ". 0: one per core")->check(CLI::Range(0u, 256u))->capture_default_str();
}

// The number of threads --jobs asks for.
inline unsigned threads_for(unsigned jobs) { return jobs ? jobs : std::max(1u, std::thread::hardware_concurrency()); }

}  // namespace depeche::cli

#endif
