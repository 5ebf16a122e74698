// parsers/asa/names.hpp
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

// The names ASA accepts in place of numbers: TCP/UDP ports, IP protocols and ICMP types, per the
// ASA configuration guide's tables "Protocols and Applications", "TCP and UDP Ports" and
// "ICMP Types". A number in range is accepted too.
namespace fwaudit::asa {

std::optional<std::uint16_t> port_from_text(std::string_view text);
// "ip" is protocol 0 here; callers treat it as "any protocol".
std::optional<std::uint8_t> protocol_from_text(std::string_view text);
// ICMP (protocol 1) or ICMPv6 (protocol 58) type names.
std::optional<std::uint8_t> icmp_type_from_text(std::string_view text, bool icmp6);
bool is_icmp_protocol(std::uint8_t protocol);

}  // namespace fwaudit::asa
