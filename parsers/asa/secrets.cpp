// parsers/asa/secrets.cpp
#include "parsers/asa/secrets.hpp"

#include <array>
#include <vector>

namespace fwaudit::asa {

namespace {

// A token after one of these is a secret.
constexpr std::array<std::string_view, 13> kSecretBefore{"password",
                                                         "passwd",
                                                         "key",
                                                         "pre-shared-key",
                                                         "ldap-login-password",
                                                         "community",
                                                         "secret",
                                                         "authentication-key",
                                                         "md5",
                                                         "key-string",
                                                         "shared-secret",
                                                         "password-encryption",
                                                         "encryption-key"};

// Words that may follow `auth` / `priv` in `snmp-server user` and are not secrets.
constexpr std::array<std::string_view, 9> kSnmpAlgorithms{"md5", "sha", "sha256", "aes", "3des",
                                                          "des", "128", "192",    "256"};

template <std::size_t N>
bool in(const std::array<std::string_view, N>& list, std::string_view word) {
  for (auto w : list)
    if (w == word) return true;
  return false;
}

bool might_hold_secret(std::string_view line) {
  for (std::string_view hint : {"pass", "key", "secret", "community", "md5", "auth", "priv"})
    if (line.find(hint) != std::string_view::npos) return true;
  return false;
}

struct Token {
  std::size_t begin;
  std::size_t end;
};

}  // namespace

std::string mask_secrets_in_line(std::string_view line) {
  if (!might_hold_secret(line)) return std::string(line);
  std::vector<Token> tokens;
  for (std::size_t i = 0; i < line.size();) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
      ++i;
    std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t')
      ++i;
    if (i > start) tokens.push_back({start, i});
  }
  auto word = [&](std::size_t k) {
    return line.substr(tokens[k].begin, tokens[k].end - tokens[k].begin);
  };
  std::vector<bool> secret(tokens.size(), false);
  const bool crypto_key = tokens.size() >= 2 && word(0) == "crypto" && word(1) == "key";
  const bool snmp_user = tokens.size() >= 2 && word(0) == "snmp-server" && word(1) == "user";
  bool after_auth = false;
  for (std::size_t k = 1; k < tokens.size(); ++k) {
    std::string_view prev = word(k - 1);
    if (in(kSecretBefore, prev) && !(crypto_key && k == 2)) secret[k] = true;
    if (snmp_user) {
      if (word(k - 1) == "auth" || word(k - 1) == "priv") after_auth = true;
      if (after_auth && !in(kSnmpAlgorithms, word(k)) && word(k) != "priv" && word(k) != "auth" &&
          word(k) != "encrypted" && word(k) != "localized")
        secret[k] = true;
    }
  }
  std::string out;
  out.reserve(line.size());
  std::size_t pos = 0;
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    if (!secret[k]) continue;
    out.append(line.substr(pos, tokens[k].begin - pos));
    out.append(kMask);
    pos = tokens[k].end;
  }
  out.append(line.substr(pos));
  return out;
}

std::string mask_secrets(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    out.append(mask_secrets_in_line(text.substr(pos, end - pos)));
    if (end < text.size()) out.push_back('\n');
    pos = end + 1;
  }
  return out;
}

}  // namespace fwaudit::asa
