// tests/pf/test_service_names.cpp
// pfctl resolves a port name with getservbyname(name, "tcp"), then "udp" (parse.y getservice):
// the names of OpenBSD's /etc/services, aliases included, whatever the rule's protocol.
#include <doctest/doctest.h>

#include "parsers/pf/names.hpp"
#include "pf_test_support.hpp"

namespace fwaudit::pf {

using test::parse_text;
using test::verdict;

TEST_CASE("service names of mail and infrastructure flows") {
  struct Named {
    const char* name;
    std::uint32_t port;
  };
  const Named expected[] = {
      {"smtp", 25},         {"mail", 25},         {"smtps", 465},        {"submissions", 465},
      {"submission", 587},  {"msa", 587},         {"pop3", 110},         {"pop3s", 995},
      {"spop3", 995},       {"imap", 143},        {"imaps", 993},        {"ldap", 389},
      {"ldaps", 636},       {"domain", 53},       {"domain-s", 853},     {"http", 80},
      {"www", 80},          {"https", 443},       {"ntp", 123},          {"syslog", 514},
      {"syslog-tls", 6514}, {"snmp", 161},        {"snmptrap", 162},     {"snmp-trap", 162},
      {"kerberos", 88},     {"kerberos-sec", 88}, {"kpasswd", 464},      {"kerberos-adm", 749},
      {"kerberos-iv", 750}, {"kdc", 750},         {"klogin", 543},       {"kshell", 544},
      {"ssh", 22},          {"nntps", 563},       {"rtsp", 554},         {"radius", 1812},
      {"radacct", 1813},    {"isakmp", 500},      {"ipsec-nat-t", 4500}, {"portmap", 111},
      {"rpcbind", 111},     {"spamd", 8025},      {"sieve", 4190},
  };
  for (const Named& n : expected) {
    CAPTURE(std::string(n.name));
    CHECK(port_number(n.name) == n.port);
  }
  CHECK_FALSE(port_number("smtp-tls"));
}

TEST_CASE("port smtps parses and matches 465") {
  Ruleset rs = parse_text(
      "block in all\npass in proto tcp to port { smtps submission imaps }\n"
      "pass in proto udp to port { syslog snmptrap }\n");
  REQUIRE_FALSE(rs.diagnostics.has_errors());
  CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 192.0.2.10:465 in em0") == "permit");
  CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 192.0.2.10:587 in em0") == "permit");
  CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 192.0.2.10:993 in em0") == "permit");
  CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 192.0.2.10:25 in em0") == "deny");
  CHECK(verdict(rs, "udp 198.51.100.7:40000 -> 192.0.2.10:514 in em0") == "permit");
  CHECK(verdict(rs, "udp 198.51.100.7:40000 -> 192.0.2.10:162 in em0") == "permit");
  Ruleset unknown = parse_text("pass in proto tcp to port smtp-tls\n");
  CHECK(unknown.diagnostics.has_errors());
}

}  // namespace fwaudit::pf
