// parsers/pf/names.hpp
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

// Names pfctl looks up while loading rules: protocols (/etc/protocols), services
// (/etc/services), ICMP and ICMPv6 types and codes (pf.conf(5) "icmp-type"). Built in, so the
// result does not depend on the machine fwaudit runs on.
namespace fwaudit::pf {

std::optional<std::uint8_t> protocol_number(std::string_view name);
// A port number or a TCP/UDP service name; nullopt when neither.
std::optional<std::uint32_t> port_number(std::string_view name);
std::optional<std::uint8_t> icmp_type_number(std::string_view name, bool v6);
std::optional<std::uint8_t> icmp_code_number(std::string_view name, bool v6);
// A decimal, 0x hexadecimal or octal number as pfctl's lexer reads it.
std::optional<std::uint64_t> parse_number(std::string_view text);

}  // namespace fwaudit::pf
