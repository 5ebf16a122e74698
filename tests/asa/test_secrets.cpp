// tests/asa/test_secrets.cpp
// Secrets never leave the parser: they are masked when the text is read, so no location text,
// diagnostic or model name can carry them.
#include <doctest/doctest.h>

#include <string>

#include "asa_test_util.hpp"
#include "parsers/asa/secrets.hpp"

using namespace fwaudit;
using namespace fwaudit::asa;

TEST_CASE("ASA secrets are masked line by line") {
  SUBCASE("each kind of secret") {
    const std::pair<const char*, const char*> cases[] = {
        {"enable password 8Ry2YjIyt7RRXU24 encrypted", "enable password ***** encrypted"},
        {"passwd 2KFQnbNIdI.2KYOU encrypted", "passwd ***** encrypted"},
        {"username admin password s3cr3t privilege 15",
         "username admin password ***** privilege 15"},
        {"snmp-server community Publ1c", "snmp-server community *****"},
        {"snmp-server host inside 10.0.0.1 community Publ1c version 2c",
         "snmp-server host inside 10.0.0.1 community ***** version 2c"},
        {"snmp-server user u1 g1 v3 auth sha AuthPass1 priv aes 128 PrivPass2",
         "snmp-server user u1 g1 v3 auth sha ***** priv aes 128 *****"},
        {" key RadiusKey", " key *****"},
        {" ikev1 pre-shared-key PSK1", " ikev1 pre-shared-key *****"},
        {" ikev2 remote-authentication pre-shared-key PSK2",
         " ikev2 remote-authentication pre-shared-key *****"},
        {" ldap-login-password LdapPw", " ldap-login-password *****"},
        {"crypto isakmp key IsaKey address 0.0.0.0 netmask 0.0.0.0",
         "crypto isakmp key ***** address 0.0.0.0 netmask 0.0.0.0"},
        {"failover key FoKey", "failover key *****"},
        {"ntp authentication-key 1 md5 NtpKey", "ntp authentication-key ***** md5 *****"},
        {" ospf message-digest-key 1 md5 OspfKey", " ospf message-digest-key 1 md5 *****"},
        {" neighbor 10.0.0.2 password BgpPw", " neighbor 10.0.0.2 password *****"},
    };
    for (const auto& [in, out] : cases) {
      CAPTURE(in);
      CHECK(mask_secrets_in_line(in) == out);
    }
  }
  SUBCASE("lines without secrets are unchanged") {
    CHECK(mask_secrets_in_line("crypto key generate rsa modulus 2048") ==
          "crypto key generate rsa modulus 2048");
    CHECK(mask_secrets_in_line("access-list x extended permit tcp any any eq 22") ==
          "access-list x extended permit tcp any any eq 22");
    CHECK(mask_secrets("a\nb\r\nc") == "a\nb\r\nc");
  }
}

TEST_CASE("ASA secrets appear in no output of the parser") {
  const std::string secrets[] = {"EnablePw1",  "Passwd2", "UserPw3", "Community4",
                                 "RadiusKey5", "Psk6",    "LdapPw7", "SnmpAuth8"};
  const std::string text =
      "ASA Version 9.8(2)\n"
      "enable password EnablePw1 encrypted\n"
      "passwd Passwd2 encrypted\n"
      "username admin password UserPw3 encrypted privilege 15\n"
      "snmp-server community Community4\n"
      "aaa-server R (inside) host 10.0.0.9\n"
      " key RadiusKey5\n"
      "tunnel-group 198.51.100.1 ipsec-attributes\n"
      " ikev1 pre-shared-key Psk6\n"
      " ldap-login-password LdapPw7\n"
      "snmp-server user u g v3 auth sha SnmpAuth8\n"
      // lines with errors that quote their text: an undefined object, a syntax error
      "access-list x extended permit tcp any object nothere password UserPw3\n"
      "username bob password UserPw3 bogus-option\n"
      "access-group x in interface outside\n";
  Ruleset rs = test::parse_text(text);
  std::string everything;
  for (const auto& d : rs.diagnostics.items()) {
    everything += d.to_string() + "\n" + d.location.text + "\n";
    for (const auto& r : d.related)
      everything += r.text + "\n";
  }
  for (const auto& p : rs.policies) {
    everything += p.name + p.fallthrough_label + p.fallthrough_location.text + p.location.text;
    for (const auto& r : p.rules)
      everything += r.location.text + "\n";
  }
  CHECK_FALSE(rs.diagnostics.items().empty());  // the error lines were reported ...
  for (const auto& s : secrets) {
    CAPTURE(s);
    CHECK(everything.find(s) == std::string::npos);  // ... without their secrets
  }
  CHECK(everything.find("password *****") != std::string::npos);
}
