#include "support/server_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/test_database.hpp"

extern char** environ;

namespace mosaik::testing {

namespace {

std::vector<std::string> environment_with(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string entry(*e);
    auto name = entry.substr(0, entry.find('='));
    if (!extra.contains(name)) env.push_back(entry);
  }
  for (const auto& [k, v] : extra) env.push_back(k + "=" + v);
  return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// Spawns argv with stdout to `out_fd`, stderr to `err_fd` and, unless -1, stdin from `in_fd`.
pid_t spawn(std::vector<std::string> argv, const std::map<std::string, std::string>& env,
            int out_fd, int err_fd, int in_fd = -1) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (in_fd >= 0) posix_spawn_file_actions_adddup2(&actions, in_fd, STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out_fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_fd, STDERR_FILENO);
  auto envs = environment_with(env);
  auto argp = pointers(argv);
  auto envp = pointers(envs);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, argp[0], &actions, nullptr, argp.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
  return pid;
}

int wait_status(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

CommandResult run_command(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& env, std::string_view input) {
  int fds[2];
  int in[2];
  if (::pipe2(fds, O_CLOEXEC) != 0 || ::pipe2(in, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
  pid_t pid = spawn(argv, env, fds[1], fds[1], in[0]);
  ::close(fds[1]);
  ::close(in[0]);
  // Small inputs (a password line) fit the pipe buffer: write all, then signal end of input.
  for (std::string_view rest = input; !rest.empty();) {
    auto w = ::write(in[1], rest.data(), rest.size());
    if (w <= 0) break;
    rest.remove_prefix(static_cast<std::size_t>(w));
  }
  ::close(in[1]);
  CommandResult result;
  char chunk[4096];
  ssize_t n;
  while ((n = ::read(fds[0], chunk, sizeof chunk)) > 0)
    result.output.append(chunk, static_cast<std::size_t>(n));
  ::close(fds[0]);
  result.exit_code = wait_status(pid);
  return result;
}

ServerProcess::ServerProcess(Options options) {
  std::random_device rd;
  dir_ = (std::filesystem::temp_directory_path() /
          ("mosaikd_test_" + std::to_string(::getpid()) + "_" + std::to_string(rd())))
             .string();
  std::filesystem::create_directories(dir_);
  if (options.database_url.empty()) {
    database_ = std::make_unique<TestDatabase>();
    database_url_ = database_->url();
  } else {
    database_url_ = options.database_url;
  }
  if (options.load_demo) {
    auto demo =
        run_command({MOSAIK_CLI_BINARY, "demo", "load", "--database", database_url_}, options.env);
    if (demo.exit_code != 0) throw std::runtime_error("mosaik demo load failed:\n" + demo.output);
  }
  for (const auto& [path, content] : options.web_files) {
    auto full = std::filesystem::path(dir_) / "web" / path;
    std::filesystem::create_directories(full.parent_path());
    std::ofstream(full, std::ios::binary) << content;
  }
  std::vector<std::string> argv = {
      MOSAIKD_BINARY, "--listen",    "127.0.0.1:0",
      "--database",   database_url_, "--web-root",
      dir_ + "/web",  "--set",       "log.access_log=" + dir_ + "/access.log"};
  argv.insert(argv.end(), options.args.begin(), options.args.end());
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
  int err = ::open((dir_ + "/stderr.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  pid_ = spawn(argv, options.env, out[1], err);
  ::close(out[1]);
  ::close(err);
  // Read the announcement line: "mosaikd listening on http://127.0.0.1:PORT".
  std::string text;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (text.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd p{out[0], POLLIN, 0};
    if (::poll(&p, 1, 200) <= 0) continue;
    char chunk[512];
    auto n = ::read(out[0], chunk, sizeof chunk);
    if (n <= 0) break;
    text.append(chunk, static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  auto marker = text.find("http://127.0.0.1:");
  if (marker == std::string::npos) {
    stop(SIGKILL);
    throw std::runtime_error("mosaikd did not start; stdout: " + text + "\nstderr: " + error_log());
  }
  port_ = static_cast<std::uint16_t>(std::stoi(text.substr(marker + 17)));
}

ServerProcess::~ServerProcess() {
  if (running()) {
    stop(SIGTERM);
  } else if (exit_status_ != -1 && !stopped_) {
    // It died by itself (a crash): say so, with the end of its log, or a failing test shows
    // only "no response".
    auto log = error_log();
    if (log.size() > 4000) log.erase(0, log.size() - 4000);
    std::fprintf(stderr, "mosaikd exited unexpectedly with status %d; the end of its log:\n%s\n",
                 exit_status_, log.c_str());
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

bool ServerProcess::running() {
  if (pid_ <= 0) return false;
  int status = 0;
  pid_t r = ::waitpid(pid_, &status, WNOHANG);
  if (r == 0) return true;
  if (r == pid_) {
    exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    pid_ = -1;
  }
  return false;
}

int ServerProcess::stop(int signal) {
  stopped_ = true;
  if (pid_ > 0) {
    ::kill(pid_, signal);
    exit_status_ = wait_status(pid_);
    pid_ = -1;
  }
  return exit_status_;
}

std::string ServerProcess::access_log() const {
  return read_file(dir_ + "/access.log");
}
std::string ServerProcess::error_log() const {
  return read_file(dir_ + "/stderr.log");
}

}  // namespace mosaik::testing
