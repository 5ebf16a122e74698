// parsers/asa/names.cpp
#include "parsers/asa/names.hpp"

#include <array>
#include <charconv>
#include <utility>

namespace fwaudit::asa {

namespace {

template <typename T>
std::optional<T> number_up_to(std::string_view text, unsigned max) {
  if (text.empty() || text.size() > 5) return std::nullopt;
  unsigned value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value > max) return std::nullopt;
  return static_cast<T>(value);
}

using Entry = std::pair<std::string_view, unsigned>;

constexpr std::array kPorts{
    Entry{"aol", 5190},
    Entry{"bgp", 179},
    Entry{"biff", 512},
    Entry{"bootpc", 68},
    Entry{"bootps", 67},
    Entry{"chargen", 19},
    Entry{"cifs", 3020},
    Entry{"citrix-ica", 1494},
    Entry{"cmd", 514},
    Entry{"ctiqbe", 2748},
    Entry{"daytime", 13},
    Entry{"discard", 9},
    Entry{"dnsix", 195},
    Entry{"domain", 53},
    Entry{"echo", 7},
    Entry{"exec", 512},
    Entry{"finger", 79},
    Entry{"ftp", 21},
    Entry{"ftp-data", 20},
    Entry{"gopher", 70},
    Entry{"h323", 1720},
    Entry{"hostname", 101},
    Entry{"http", 80},
    Entry{"https", 443},
    Entry{"ident", 113},
    Entry{"imap4", 143},
    Entry{"irc", 194},
    Entry{"isakmp", 500},
    Entry{"kerberos", 750},
    Entry{"klogin", 543},
    Entry{"kshell", 544},
    Entry{"ldap", 389},
    Entry{"ldaps", 636},
    Entry{"login", 513},
    Entry{"lotusnotes", 1352},
    Entry{"lpd", 515},
    Entry{"mobile-ip", 434},
    Entry{"nameserver", 42},
    Entry{"netbios-dgm", 138},
    Entry{"netbios-ns", 137},
    Entry{"netbios-ssn", 139},
    Entry{"nfs", 2049},
    Entry{"nntp", 119},
    Entry{"ntp", 123},
    Entry{"pcanywhere-data", 5631},
    Entry{"pcanywhere-status", 5632},
    Entry{"pim-auto-rp", 496},
    Entry{"pop2", 109},
    Entry{"pop3", 110},
    Entry{"pptp", 1723},
    Entry{"radius", 1645},
    Entry{"radius-acct", 1646},
    Entry{"rip", 520},
    Entry{"rsh", 514},
    Entry{"rtsp", 554},
    Entry{"secureid-udp", 5510},
    Entry{"sip", 5060},
    Entry{"smtp", 25},
    Entry{"snmp", 161},
    Entry{"snmptrap", 162},
    Entry{"sqlnet", 1521},
    Entry{"ssh", 22},
    Entry{"sunrpc", 111},
    Entry{"syslog", 514},
    Entry{"tacacs", 49},
    Entry{"talk", 517},
    Entry{"telnet", 23},
    Entry{"tftp", 69},
    Entry{"time", 37},
    Entry{"uucp", 540},
    Entry{"vxlan", 4789},
    Entry{"who", 513},
    Entry{"whois", 43},
    Entry{"www", 80},
    Entry{"xdmcp", 177},
};

constexpr std::array kProtocols{
    Entry{"ip", 0},     Entry{"icmp", 1},   Entry{"igmp", 2},   Entry{"ipinip", 4},
    Entry{"tcp", 6},    Entry{"igrp", 9},   Entry{"udp", 17},   Entry{"gre", 47},
    Entry{"pptp", 47},  Entry{"esp", 50},   Entry{"ipsec", 50}, Entry{"ah", 51},
    Entry{"icmp6", 58}, Entry{"eigrp", 88}, Entry{"ospf", 89},  Entry{"nos", 94},
    Entry{"pim", 103},  Entry{"pcp", 108},  Entry{"snp", 109},  Entry{"sctp", 132},
};

constexpr std::array kIcmpTypes{
    Entry{"echo-reply", 0},           Entry{"unreachable", 3},
    Entry{"source-quench", 4},        Entry{"redirect", 5},
    Entry{"alternate-address", 6},    Entry{"echo", 8},
    Entry{"router-advertisement", 9}, Entry{"router-solicitation", 10},
    Entry{"time-exceeded", 11},       Entry{"parameter-problem", 12},
    Entry{"timestamp-request", 13},   Entry{"timestamp-reply", 14},
    Entry{"information-request", 15}, Entry{"information-reply", 16},
    Entry{"mask-request", 17},        Entry{"mask-reply", 18},
    Entry{"traceroute", 30},          Entry{"conversion-error", 31},
    Entry{"mobile-redirect", 32},
};

constexpr std::array kIcmp6Types{
    Entry{"unreachable", 1},
    Entry{"packet-too-big", 2},
    Entry{"time-exceeded", 3},
    Entry{"parameter-problem", 4},
    Entry{"echo", 128},
    Entry{"echo-reply", 129},
    Entry{"membership-query", 130},
    Entry{"membership-report", 131},
    Entry{"membership-reduction", 132},
    Entry{"router-solicitation", 133},
    Entry{"router-advertisement", 134},
    Entry{"neighbor-solicitation", 135},
    Entry{"neighbor-advertisement", 136},
    Entry{"neighbor-redirect", 137},
    Entry{"router-renumbering", 138},
};

template <typename Table>
std::optional<unsigned> lookup(const Table& table, std::string_view text) {
  for (const auto& [name, value] : table)
    if (name == text) return value;
  return std::nullopt;
}

}  // namespace

std::optional<std::uint16_t> port_from_text(std::string_view text) {
  if (auto n = number_up_to<std::uint16_t>(text, 65535)) return n;
  if (auto v = lookup(kPorts, text)) return static_cast<std::uint16_t>(*v);
  return std::nullopt;
}

std::optional<std::uint8_t> protocol_from_text(std::string_view text) {
  if (auto n = number_up_to<std::uint8_t>(text, 255)) return n;
  if (auto v = lookup(kProtocols, text)) return static_cast<std::uint8_t>(*v);
  return std::nullopt;
}

std::optional<std::uint8_t> icmp_type_from_text(std::string_view text, bool icmp6) {
  if (auto n = number_up_to<std::uint8_t>(text, 255)) return n;
  auto v = icmp6 ? lookup(kIcmp6Types, text) : lookup(kIcmpTypes, text);
  if (v) return static_cast<std::uint8_t>(*v);
  return std::nullopt;
}

bool is_icmp_protocol(std::uint8_t protocol) {
  return protocol == 1 || protocol == 58;
}

}  // namespace fwaudit::asa
