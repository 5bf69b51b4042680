#include "platform/identity/password.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <semaphore>
#include <stdexcept>
#include <thread>

#include "core/json_reader.hpp"
#include "platform/identity/secrets.hpp"

namespace mosaik::identity {

namespace {

constexpr auto kAlgorithm = crypto_pwhash_ALG_ARGON2ID13;
constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr std::size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

// Frequent passwords and the words they are usually built from, in lower case, as they remain
// after stripping leading and trailing digits and punctuation. Compiled by hand from what
// published password-leak statistics show to be common in German and English; small on purpose
// (the length rule does most of the work), extend it when you see others in the wild.
constexpr std::string_view kCommon[] = {
    "",           "password",      "passwort",
    "passw0rd",   "passwort!",     "kennwort",
    "geheim",     "geheimnis",     "qwerty",
    "qwertz",     "qwertzu",       "qwertzuiop",
    "qwertyuiop", "asdfgh",        "asdfghjkl",
    "yxcvbnm",    "zxcvbnm",       "abc",
    "abcdef",     "abcdefgh",      "abcdefghijkl",
    "abcd",       "hallo",         "hallohallo",
    "hello",      "helloworld",    "hallowelt",
    "welcome",    "willkommen",    "letmein",
    "admin",      "administrator", "root",
    "user",       "login",         "master",
    "test",       "testtest",      "test-test",
    "changeme",   "default",       "secret",
    "iloveyou",   "ichliebedich",  "schatz",
    "schatzi",    "liebe",         "love",
    "sommer",     "winter",        "fruehling",
    "frühling",   "herbst",        "summer",
    "spring",     "autumn",        "januar",
    "februar",    "dezember",      "monday",
    "montag",     "sonntag",       "football",
    "fussball",   "fußball",       "soccer",
    "bvb",        "borussia",      "borussiadortmund",
    "schalke",    "bayern",        "fcbayern",
    "dortmund",   "schwerte",      "solingen",
    "wolfsburg",  "remscheid",     "berlin",
    "hamburg",    "muenchen",      "münchen",
    "koeln",      "köln",          "deutschland",
    "germany",    "stadt",         "rathaus",
    "verwaltung", "buergeramt",    "bürgeramt",
    "mosaik",     "dragon",        "monkey",
    "shadow",     "sunshine",      "princess",
    "superman",   "batman",        "starwars",
    "pokemon",    "michael",       "thomas",
    "andreas",    "stefan",        "daniel",
    "sabine",     "nicole",        "christian",
    "jennifer",   "alexander",     "mercedes",
    "porsche",    "ficken",        "arschloch",
    "killer",     "trustno1",      "whatever",
    "freedom",    "computer",      "internet",
    "samsung",    "google",        "facebook",
    "apple",
};

bool is_trim_char(unsigned char c) {
  return std::isdigit(c) || std::ispunct(c) || c == ' ';
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// A string of one repeated short pattern ("aaaaaaaaaaaa", "abcabcabcabc", "121212121212").
bool is_repetition(std::string_view s) {
  for (std::size_t period = 1; period <= 4 && period < s.size(); ++period) {
    bool repeats = true;
    for (std::size_t i = period; i < s.size() && repeats; ++i) repeats = s[i] == s[i - period];
    if (repeats) return true;
  }
  return false;
}

// Ascending or descending runs of digits or letters ("123456789012", "987654321098").
bool is_sequence(std::string_view s) {
  if (s.size() < 4) return false;
  auto step = [](char a, char b) {
    return static_cast<unsigned char>(b) - static_cast<unsigned char>(a);
  };
  int first = step(s[0], s[1]);
  if (first != 1 && first != -1) return false;
  for (std::size_t i = 2; i < s.size(); ++i) {
    int d = step(s[i - 1], s[i]);
    // digits wrap around: ...8 9 0 1...
    bool wrap = (first == 1 && s[i - 1] == '9' && s[i] == '0') ||
                (first == -1 && s[i - 1] == '0' && s[i] == '9');
    if (d != first && !wrap) return false;
  }
  return true;
}

// Each argon2id run takes 64 MiB for its duration. Bound how many run at once (one per core, at
// most 4), so that a burst of sign-ins costs time, not a burst of memory: at most 256 MiB.
class HashSlots {
 public:
  HashSlots()
      : slots_(
            static_cast<std::ptrdiff_t>(std::clamp(std::thread::hardware_concurrency(), 1u, 4u))) {}
  struct Held {
    std::counting_semaphore<4>& s;
    ~Held() { s.release(); }
  };
  Held acquire() {
    slots_.acquire();
    return Held{slots_};
  }

 private:
  std::counting_semaphore<4> slots_;
};

HashSlots& hash_slots() {
  static HashSlots slots;
  return slots;
}

const std::string& dummy_hash() {
  static const std::string hash = [] {
    auto h = hash_password(random_secret());
    if (!h) throw std::runtime_error("argon2id hashing failed: " + h.error().detail());
    return *h;
  }();
  return hash;
}

}  // namespace

Result<void> check_password_rules(std::string_view password, std::string_view email) {
  auto fail = [](std::string detail) { return validation_error("password", std::move(detail)); };
  if (password.size() > kMaxPasswordBytes)
    return fail("The password is too long (at most 1024 bytes)");
  if (!is_clean_utf8(password))
    return fail("The password must be UTF-8 text without control characters");
  if (code_points(password) < kMinPasswordLength)
    return fail("The password must have at least 12 characters");
  auto lower = lower_ascii(password);
  auto mail = lower_ascii(email);
  auto local = std::string_view(mail).substr(0, mail.find('@'));
  if (lower == mail || lower == local ||
      (local.size() >= 4 && lower.find(local) != std::string::npos))
    return fail("The password must not contain the e-mail address");
  std::string_view core = lower;
  while (!core.empty() && is_trim_char(static_cast<unsigned char>(core.front())))
    core.remove_prefix(1);
  while (!core.empty() && is_trim_char(static_cast<unsigned char>(core.back())))
    core.remove_suffix(1);
  bool common = std::find(std::begin(kCommon), std::end(kCommon), core) != std::end(kCommon);
  // Two common words ("hallohallo", "passwortpasswort") count as common too.
  if (!common && core.size() % 2 == 0)
    common = core.substr(0, core.size() / 2) == core.substr(core.size() / 2) &&
             std::find(std::begin(kCommon), std::end(kCommon), core.substr(0, core.size() / 2)) !=
                 std::end(kCommon);
  if (common || is_repetition(lower) || is_sequence(lower))
    return fail("This password is too common or too easy to guess; choose a longer phrase");
  return {};
}

Result<std::string> hash_password(std::string_view password) {
  if (sodium_init() < 0) return Error(Errc::internal, "libsodium could not be initialised");
  std::array<char, crypto_pwhash_STRBYTES> out{};
  auto slot = hash_slots().acquire();
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), kOpsLimit, kMemLimit,
                            kAlgorithm) != 0)
    return Error(Errc::internal, "argon2id hashing ran out of memory");
  return std::string(out.data());
}

bool verify_password(std::string_view password, const std::string& hash) {
  if (sodium_init() < 0) return false;
  if (hash.size() >= crypto_pwhash_STRBYTES) return false;
  auto slot = hash_slots().acquire();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void verify_password_against_nothing(std::string_view password) {
  (void)verify_password(password, dummy_hash());
}

bool password_needs_rehash(const std::string& hash) {
  return crypto_pwhash_str_needs_rehash(hash.c_str(), kOpsLimit, kMemLimit) != 0;
}

}  // namespace mosaik::identity
