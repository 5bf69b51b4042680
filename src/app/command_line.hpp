// What mosaikd and mosaik share about their command lines: `--version`, and exit code 2 for
// every usage error (CLI11 would exit with its own codes 105-109).
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "core/version.hpp"

namespace mosaik::app {

// Adds `--version`, which prints "<program> <version>" and exits 0.
inline void add_version_flag(CLI::App& cli, std::string_view program) {
  cli.set_version_flag("--version", std::string(program) + " " + std::string(build_version()),
                       "print the version and exit");
}

// Parses the command line (for the CLI this runs the chosen command's callback). Returns the
// code `main` should exit with when parsing ends the program: 0 after --help or --version, 2
// after a usage error (unknown option or subcommand, missing or malformed value), whose message
// and a hint went to stderr. Returns nullopt when the program goes on.
inline std::optional<int> parse_command_line(CLI::App& cli, int argc, char** argv) {
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == static_cast<int>(CLI::ExitCodes::Success) ? 0 : 2;
  }
  return std::nullopt;
}

}  // namespace mosaik::app
