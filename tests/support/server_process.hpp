// Runs the real binaries for integration tests: `mosaik` commands and a `mosaikd` on a free
// loopback port (it listens on port 0 and announces the port on stdout), each test with its
// own temporary directory and a fresh database of the selected backend (see test_database.hpp)
// unless a URL is given.
#pragma once

#include <csignal>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mosaik::testing {

class TestDatabase;

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs a program to completion. `env` adds to the environment; `input` is its standard input.
CommandResult run_command(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& env = {},
                          std::string_view input = {});

class ServerProcess {
 public:
  struct Options {
    std::string database_url;  // empty: a fresh TestDatabase of the selected backend
    bool load_demo = true;     // run `mosaik demo load` first
    std::vector<std::string>
        args;  // extra mosaikd arguments, e.g. {"--set", "server.read_timeout_ms=500"}
    std::map<std::string, std::string> env;
    std::map<std::string, std::string>
        web_files;  // relative path -> content, served as the web app
  };

  explicit ServerProcess(Options options);
  ServerProcess() : ServerProcess(Options{}) {}
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  std::uint16_t port() const { return port_; }
  const std::string& dir() const { return dir_; }
  const std::string& database_url() const { return database_url_; }
  pid_t pid() const { return pid_; }
  // Sends `signal` and waits for the exit; returns the exit status (128+signal if killed).
  int stop(int signal = SIGTERM);
  bool running();
  std::string access_log() const;
  std::string error_log() const;

 private:
  std::string dir_;
  std::unique_ptr<TestDatabase> database_;
  std::string database_url_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  int exit_status_ = -1;
  bool stopped_ = false;  // by stop(), not by itself
};

}  // namespace mosaik::testing
