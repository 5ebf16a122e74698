// parsers/asa/secrets.hpp
#pragma once

#include <string>
#include <string_view>

namespace fwaudit::asa {

inline constexpr std::string_view kMask = "*****";

// The configuration with every secret replaced by kMask, line by line, before anything else reads
// it: `enable password`, `passwd`, `username ... password`, `snmp-server ... community` and v3
// auth/priv keys, `key`, `pre-shared-key`, `ldap-login-password`, `isakmp key`, `failover key`,
// `authentication-key`, `message-digest-key ... md5`, `neighbor ... password`, `secret`...
// Lines without secrets are copied unchanged, so line numbers and most columns stay put.
std::string mask_secrets(std::string_view text);

// The same for one line (without its end of line).
std::string mask_secrets_in_line(std::string_view line);

}  // namespace fwaudit::asa
