// A listening TCP socket on 127.0.0.1 with a free port, for the tests' own small servers
// (StaticHttpServer, SmtpSink).
#pragma once

#include <cstdint>

namespace mosaik::testing {

struct LoopbackListener {
  int fd = -1;
  std::uint16_t port = 0;
};

// Throws std::runtime_error when no socket can be made or bound.
LoopbackListener listen_on_loopback();

}  // namespace mosaik::testing
