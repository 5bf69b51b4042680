#include "support/staff.hpp"

#include <atomic>
#include <random>
#include <stdexcept>

#include "support/server_process.hpp"

namespace mosaik::testing {

std::string fresh_password() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  return "Lindenblüte-" + std::to_string(rd() % 100000) + "-Kanal-" + std::to_string(++counter);
}

void create_staff(const std::string& database_url, const std::string& email,
                  const std::string& password, const std::vector<std::string>& roles) {
  std::vector<std::string> argv = {MOSAIK_CLI_BINARY, "user",    "create", "--database",
                                   database_url,      "--email", email};
  for (const auto& r : roles) argv.insert(argv.end(), {"--role", r});
  auto r = run_command(argv, {}, password + "\n");
  if (r.exit_code != 0) throw std::runtime_error("mosaik user create failed:\n" + r.output);
}

StaffSession sign_in(std::uint16_t port, const std::string& email, const std::string& password) {
  StaffSession s;
  json::object body{{"email", email}, {"password", password}};
  s.login_response = request(port, "POST", "/api/v1/session",
                             {{"Content-Type", "application/json"}}, json::serialize(body));
  if (s.login_response.status != 200) return s;
  auto cookie = s.login_response.header("Set-Cookie");
  auto start = cookie.find("mosaik_session=");
  if (start == std::string::npos) return s;
  start += std::string_view("mosaik_session=").size();
  s.session_id = cookie.substr(start, cookie.find(';', start) - start);
  s.csrf_token = s.login_response.json().as_object().at("csrf_token").as_string().c_str();
  return s;
}

Headers with_json(Headers headers) {
  headers.emplace_back("Content-Type", "application/json");
  return headers;
}

}  // namespace mosaik::testing
