// The version of this build, for `--version` and the mosaik_build_info metric.
#pragma once

#include <string_view>

namespace mosaik {

// CMake's project version, plus `git describe` of the sources when they were configured in a
// git checkout ("0.1.0+8b1188c-dirty"); "0.1.0" alone without git. Only [A-Za-z0-9.+_-], so it
// needs no quoting in a Prometheus label. Defined in a file cmake/version.cmake generates.
std::string_view build_version() noexcept;

}  // namespace mosaik
