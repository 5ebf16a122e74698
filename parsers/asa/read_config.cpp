// parsers/asa/read_config.cpp
#include "parsers/asa/read_config.hpp"

#include <algorithm>
#include <array>

#include <tao/pegtl.hpp>

#include "parsers/asa/actions.hpp"
#include "parsers/asa/errors.hpp"
#include "parsers/asa/grammar.hpp"
#include "parsers/common/parse_error_location.hpp"

namespace fwaudit::asa {

namespace {

namespace pegtl = tao::pegtl;
using LineInput =
    pegtl::memory_input<pegtl::tracking_mode::eager, pegtl::eol::lf_crlf, const char*>;

// First words of commands that exist on ASA / PIX / FWSM but do not take part in access
// decisions (or are handled where they matter, like `ssh timeout`): skipped and counted.
constexpr std::string_view kIrrelevant[] = {
    "aaa",
    "aaa-server",
    "access-list",
    "admin-context",
    "allocate-interface",
    "anyconnect",
    "arp",
    "asdm",
    "auth-prompt",
    "auto-update",
    "banner",
    "boot",
    "ca",
    "call-home",
    "checkheaps",
    "class-map",
    "clear",
    "clock",
    "cluster",
    "community-list",
    "config-url",
    "console",
    "context",
    "coredump",
    "crashinfo",
    "crypto",
    "ddns",
    "dhcp-client",
    "dhcpd",
    "dhcprelay",
    "dns",
    "dns-group",
    "dns-group-map",
    "dns-guard",
    "domain-name",
    "dynamic-access-policy-record",
    "dynamic-filter",
    "enable",
    "end",
    "eou",
    "failover",
    "filter",
    "firewall",
    "fixup",
    "floodguard",
    "flow-export",
    "fragment",
    "ftp",
    "group-policy",
    "hpm",
    "http",
    "icmp",
    "igmp",
    "interface",
    "ip",
    "ipv6",
    "isakmp",
    "jumbo-frame",
    "kerberos-realm",
    "ldap",
    "license",
    "logging",
    "mac-address",
    "mac-address-table",
    "management-access",
    "mgcp",
    "monitor-interface",
    "mroute",
    "mtu",
    "multicast-routing",
    "names",
    "no",
    "ntp",
    "object-group",
    "pager",
    "parameters",
    "passwd",
    "password",
    "pdm",
    "pim",
    "policy-map",
    "prefix-list",
    "privilege",
    "prompt",
    "quit",
    "regex",
    "route",
    "route-map",
    "router",
    "service",
    "service-policy",
    "setroute",
    "sla",
    "smtp-server",
    "snmp-server",
    "ssh",
    "ssl",
    "sysopt",
    "tcp-map",
    "telnet",
    "terminal",
    "tftp-server",
    "threat-detection",
    "timeout",
    "track",
    "tunnel-group",
    "url-block",
    "url-server",
    "username",
};
constexpr std::string_view kIrrelevantPrefixes[] = {
    "vpn",  "webvpn",  "username", "user-identity", "tunnel-group",  "group-policy",
    "wccp", "virtual", "xlate",    "scansafe",      "sunrpc-server", "write"};

bool irrelevant(std::string_view first) {
  for (auto w : kIrrelevant)
    if (w == first) return true;
  for (auto p : kIrrelevantPrefixes)
    if (first.substr(0, p.size()) == p) return true;
  return false;
}

template <typename Rule>
bool parse_line(ReadState& st, std::string_view line, std::size_t byte, std::string_view text) {
  // Indented lines are read from their first word; columns still count from the line start.
  const std::size_t first = line.find_first_not_of(" \t");
  LineInput in(line.data() + first, line.data() + line.size(), st.config.file.c_str(), byte + first,
               st.line, first + 1);
  try {
    return pegtl::parse<Rule, action, control>(in, st);
  } catch (const pegtl::parse_error& e) {
    st.config.diagnostics.add(diagnostic_from(e, text, "syntax"));
    return true;  // reported; not a skipped line
  }
}

}  // namespace

Config read_config(const std::string& file, std::string_view text) {
  Config c;
  c.file = file;
  c.lines.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
  for (std::size_t pos = 0; pos <= text.size();) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    c.lines.push_back(line);
    if (end == text.size()) break;
    pos = end + 1;
  }
  if (!c.lines.empty() && c.lines.back().empty()) c.lines.pop_back();

  ReadState st(c);
  for (std::size_t i = 0; i < c.lines.size(); ++i) {
    std::string_view line = c.lines[i];
    st.line = static_cast<std::uint32_t>(i + 1);
    st.line_begin = line.data();
    const std::size_t byte = static_cast<std::size_t>(line.data() - text.data());
    std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos) continue;  // blank
    const bool indented = first > 0;
    std::string_view body = line.substr(first);
    if (body[0] == '!' || body[0] == ':' || body.substr(0, 14) == "Cryptochecksum") {
      if (!indented) st.block = Block::none;
      continue;
    }
    if (body == "exit" || body.substr(0, 5) == "exit ") {
      st.block = Block::none;
      continue;
    }
    if (indented) {
      bool matched = false;
      switch (st.block) {
        case Block::interface_:
          matched = parse_line<grammar::interface_member>(st, line, byte, text);
          break;
        case Block::network_object:
          matched = parse_line<grammar::network_object_member>(st, line, byte, text);
          break;
        case Block::service_object:
          matched = parse_line<grammar::service_object_member>(st, line, byte, text);
          break;
        case Block::group:
          matched = parse_line<grammar::group_member>(st, line, byte, text);
          break;
        case Block::none:
        case Block::skipped:
          break;
      }
      if (!matched) ++c.skipped_lines;
      continue;
    }
    st.block = Block::skipped;  // a command's own sub-lines are skipped unless it opens a block
    if (parse_line<grammar::top_line>(st, line, byte, text)) continue;
    ++c.skipped_lines;
    std::string_view keyword = body.substr(0, body.find_first_of(" \t"));
    if (!irrelevant(keyword)) {
      c.diagnostics.add({Severity::note,
                         "unknown-command",
                         "line skipped: '" + std::string(keyword) +
                             "' is not a command fwaudit knows to affect access control",
                         c.location({st.line, 1}),
                         {}});
    }
  }
  return c;
}

}  // namespace fwaudit::asa
