// tests/asa/test_read.cpp
// The reader alone: running-config text to the syntax tree, before any lowering.
#include <doctest/doctest.h>

#include <string>

#include "parsers/asa/read_config.hpp"

using namespace fwaudit;
using namespace fwaudit::asa;

namespace {

std::vector<std::string> diags(const Config& c) {
  std::vector<std::string> out;
  for (const auto& d : c.diagnostics.items())
    out.push_back(std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + " " +
                  to_string(d.severity) + " " + d.code + ": " + d.message);
  return out;
}

}  // namespace

TEST_CASE("ASA header and hostname and names and interfaces are read") {
  const std::string text =
      ": Saved\n"
      "ASA Version 9.8(4)32 <context>\n"
      "hostname fw1\n"
      "names\n"
      "name 192.0.2.10 web-server description the web server\n"
      "interface GigabitEthernet0/0\n"
      " nameif outside\n"
      " security-level 0\n"
      " ip address 192.0.2.1 255.255.255.0 standby 192.0.2.2\n"
      " ipv6 address 2001:db8::1/64\n"
      "!\n"
      "interface GigabitEthernet0/1\n"
      " shutdown\n"
      " nameif spare\n"
      " ip address dhcp setroute\n"
      "interface Management0/0\n"
      " management-only\n"
      " nameif mgmt\n";
  Config c = read_config("fw.cfg", text);
  CHECK(diags(c).empty());
  CHECK(c.platform == "asa");
  CHECK(c.version == "9.8(4)32");
  CHECK(c.version_major == 9);
  CHECK(c.version_minor == 8);
  CHECK_FALSE(c.pre_8_3());
  CHECK(c.hostname == "fw1");
  CHECK(c.names_enabled);
  REQUIRE(c.names.count("web-server") == 1);
  CHECK(c.names.at("web-server").to_string() == "192.0.2.10");
  REQUIRE(c.interfaces.size() == 3);
  CHECK(c.interfaces[0].hardware == "GigabitEthernet0/0");
  CHECK(c.interfaces[0].nameif == "outside");
  CHECK(c.interfaces[0].security_level == 0);
  REQUIRE(c.interfaces[0].addresses.size() == 2);
  CHECK(c.interfaces[0].addresses[0].addr.to_string() == "192.0.2.1");
  CHECK(c.interfaces[0].addresses[0].length == 24);
  CHECK(c.interfaces[0].addresses[1].addr.to_string() == "2001:db8::1");
  CHECK(c.interfaces[0].addresses[1].length == 64);
  CHECK(c.interfaces[1].shutdown);
  CHECK(c.interfaces[1].dynamic_address);
  CHECK(c.interfaces[1].security_level == -1);
  CHECK(c.interfaces[2].management_only);
}

TEST_CASE("PIX 6 nameif and ip address commands are read") {
  Config c = read_config("pix.cfg",
                         "PIX Version 6.3(5)\n"
                         "nameif ethernet0 outside security0\n"
                         "nameif ethernet1 inside security100\n"
                         "ip address outside 203.0.113.2 255.255.255.0\n"
                         "ip address inside dhcp\n");
  CHECK(diags(c).empty());
  CHECK(c.pre_8_3());
  REQUIRE(c.interfaces.size() == 2);
  CHECK(c.interfaces[0].nameif == "outside");
  CHECK(c.interfaces[1].security_level == 100);
  REQUIRE(c.interfaces[0].addresses.size() == 1);
  CHECK(c.interfaces[0].addresses[0].addr.to_string() == "203.0.113.2");
  CHECK(c.interfaces[1].dynamic_address);
}

TEST_CASE("ASA objects and object-groups are read with their members") {
  Config c = read_config("o.cfg",
                         "object network h1\n"
                         " host 10.0.0.1\n"
                         "object network n1\n"
                         " subnet 10.1.0.0 255.255.0.0\n"
                         " description not needed\n"
                         "object network r1\n"
                         " range 10.2.0.10 10.2.0.20\n"
                         "object network f1\n"
                         " fqdn v4 www.example.com\n"
                         "object network v6\n"
                         " subnet 2001:db8::/32\n"
                         "object service s1\n"
                         " service tcp source range 1024 65535 destination eq https\n"
                         "object service s2\n"
                         " service icmp echo\n"
                         "object-group network g1\n"
                         " network-object host 10.0.0.2\n"
                         " network-object 10.3.0.0 255.255.255.0\n"
                         " network-object object h1\n"
                         " network-object 2001:db8:1::/48\n"
                         " group-object g0\n"
                         "object-group service ports tcp-udp\n"
                         " port-object eq domain\n"
                         " port-object range 8000 8080\n"
                         "object-group service svc\n"
                         " service-object tcp destination eq 25\n"
                         " service-object object s1\n"
                         " service-object icmp echo-reply\n"
                         "object-group protocol pr\n"
                         " protocol-object esp\n"
                         " protocol-object 47\n"
                         "object-group icmp-type it\n"
                         " icmp-object time-exceeded\n");
  CHECK(diags(c).empty());
  REQUIRE(c.network_object("h1"));
  CHECK(c.network_object("h1")->kind == NetworkObject::Kind::host);
  CHECK(c.network_object("n1")->length == 16);
  CHECK(c.network_object("r1")->last.to_string() == "10.2.0.20");
  CHECK(c.network_object("f1")->fqdn == "www.example.com");
  CHECK(c.network_object("v6")->addr.family == Family::ipv6);
  REQUIRE(c.service_object("s1"));
  const ServiceSpec& s1 = *c.service_object("s1")->spec;
  CHECK(s1.protocol.number == 6);
  CHECK(s1.source.op == PortMatch::Op::range);
  CHECK(s1.source.lo == 1024);
  CHECK(s1.destination.op == PortMatch::Op::eq);
  CHECK(s1.destination.lo == 443);
  const ServiceSpec& s2 = *c.service_object("s2")->spec;
  CHECK(s2.icmp.type == 8);
  REQUIRE(c.group("g1"));
  REQUIRE(c.group("g1")->members.size() == 5);
  CHECK(c.group("g1")->members[2].address.kind == Address::Kind::object);
  CHECK(c.group("g1")->members[4].kind == GroupMember::Kind::group);
  CHECK(c.group("ports")->ports_protocol->kind == Protocol::Kind::tcp_udp);
  CHECK(c.group("ports")->members[0].port.lo == 53);
  CHECK(c.group("ports")->members[1].port.hi == 8080);
  REQUIRE(c.group("svc")->members.size() == 3);
  CHECK(c.group("svc")->members[1].kind == GroupMember::Kind::object);
  CHECK(c.group("svc")->members[2].service.icmp.type == 0);
  CHECK(c.group("pr")->members[0].protocol.number == 50);
  CHECK(c.group("pr")->members[1].protocol.number == 47);
  CHECK(c.group("it")->members[0].icmp.type == 11);
}

TEST_CASE("ASA access-list entries are read") {
  Config c =
      read_config("a.cfg",
                  "object-group service web tcp\n"
                  " port-object eq www\n"
                  "object-group network servers\n"
                  " network-object host 10.0.0.5\n"
                  "access-list in remark the first rule\n"
                  "access-list in extended permit tcp any object-group servers object-group web "
                  "log 6 interval 300\n"
                  "access-list in extended deny udp host 10.0.0.1 eq 53 10.0.0.0 255.0.0.0 range "
                  "1000 2000 inactive\n"
                  "access-list in extended permit tcp any object-group web object-group servers\n"
                  "access-list in extended permit icmp any4 any echo-reply time-range work\n"
                  "access-list in extended permit ip 2001:db8::/32 any6\n"
                  "access-list in line 7 extended permit esp any interface outside\n"
                  "access-list pix permit tcp any host 192.0.2.1 neq telnet\n"
                  "access-list std standard permit 10.0.0.0 255.0.0.0\n");
  CHECK(diags(c).empty());
  REQUIRE(c.acls.size() == 3);
  const auto& e = c.acls[0].entries;
  REQUIRE(e.size() == 7);
  CHECK(e[0].kind == Ace::Kind::remark);
  // `object-group servers` after the source is the destination (a network group) ...
  CHECK(e[1].destination.kind == Address::Kind::group);
  CHECK(e[1].destination.ref == "servers");
  CHECK(e[1].destination_port.op == PortMatch::Op::group);
  CHECK(e[1].destination_port.ref == "web");
  CHECK(e[2].source.addr.to_string() == "10.0.0.1");
  CHECK(e[2].source_port.lo == 53);
  CHECK(e[2].destination.length == 8);
  CHECK(e[2].destination_port.op == PortMatch::Op::range);
  CHECK(e[2].inactive);
  CHECK_FALSE(e[2].permit);
  // ... while a service group there is the source port.
  CHECK(e[3].source_port.op == PortMatch::Op::group);
  CHECK(e[3].source_port.ref == "web");
  CHECK(e[3].destination.ref == "servers");
  CHECK(e[4].source.kind == Address::Kind::any4);
  CHECK(e[4].icmp.type == 0);
  CHECK(e[4].time_range == "work");
  CHECK(e[5].source.kind == Address::Kind::prefix);
  CHECK(e[5].source.length == 32);
  CHECK(e[6].protocol.number == 50);
  CHECK(e[6].destination.kind == Address::Kind::interface_);
  CHECK(c.acls[1].entries[0].destination_port.op == PortMatch::Op::neq);
  CHECK(c.acls[1].entries[0].destination_port.lo == 23);
  CHECK(c.acls[2].entries[0].kind == Ace::Kind::standard);
  CHECK(c.acls[2].entries[0].destination.length == 8);
}

TEST_CASE("ASA access-group and same-security-traffic and management and NAT commands are read") {
  Config c = read_config(
      "b.cfg",
      "ASA Version 8.2(5)\n"
      "access-group out_in in interface outside\n"
      "access-group in_out out interface inside\n"
      "access-group glob global\n"
      "same-security-traffic permit inter-interface\n"
      "ssh 10.0.0.0 255.0.0.0 inside\n"
      "ssh timeout 5\n"
      "telnet 10.1.0.0 255.255.0.0 inside\n"
      "http server enable 8443\n"
      "http 10.2.0.0 255.255.0.0 inside\n"
      "icmp deny any echo outside\n"
      "static (inside,outside) tcp interface www 10.0.0.5 8080 netmask 255.255.255.255\n"
      "static (dmz,outside) 192.0.2.0 172.16.0.0 netmask 255.255.255.0\n"
      "object network web\n"
      " host 10.0.0.5\n"
      " nat (inside,outside) static 192.0.2.5 service tcp 8080 www\n"
      "nat (inside,outside) after-auto source dynamic any interface\n"
      "nat (inside,dmz) source static web web destination static dmzhost dmzhost unidirectional\n");
  CHECK(diags(c).empty());
  CHECK(c.pre_8_3());
  REQUIRE(c.access_groups.size() == 3);
  CHECK(c.access_groups[0].direction == AccessGroup::Direction::in);
  CHECK(c.access_groups[1].direction == AccessGroup::Direction::out);
  CHECK(c.access_groups[1].interface_ == "inside");
  CHECK(c.access_groups[2].direction == AccessGroup::Direction::global);
  CHECK(c.same_security_inter);
  CHECK_FALSE(c.same_security_intra);
  REQUIRE(c.management.size() == 4);
  CHECK(c.management[0].kind == ManagementAccess::Kind::ssh);
  CHECK(c.management[0].source.length == 8);
  CHECK(c.management[1].kind == ManagementAccess::Kind::telnet);
  CHECK(c.http_server_enabled);
  CHECK(c.http_server_port == 8443);
  CHECK(c.management[3].kind == ManagementAccess::Kind::icmp);
  CHECK_FALSE(c.management[3].permit);
  CHECK(c.management[3].icmp.type == 8);
  CHECK(c.management[3].interface_ == "outside");
  REQUIRE(c.nats.size() == 5);
  CHECK(c.nats[0].kind == NatRule::Kind::legacy_static);
  CHECK(c.nats[0].source_mapped.kind == NatAddress::Kind::interface_);
  CHECK(c.nats[0].mapped_port == 80);
  CHECK(c.nats[0].real_port == 8080);
  CHECK(c.nats[0].source_real.addr.to_string() == "10.0.0.5");
  CHECK(c.nats[1].legacy_mask.to_string() == "255.255.255.0");
  CHECK(c.nats[2].kind == NatRule::Kind::object);
  CHECK(c.nats[2].object == "web");
  CHECK(c.nats[2].source_mapped.addr.to_string() == "192.0.2.5");
  CHECK(c.nats[2].real_port == 8080);
  CHECK(c.nats[2].mapped_port == 80);
  CHECK(c.nats[3].section == NatRule::Section::after_auto);
  CHECK_FALSE(c.nats[3].is_static);
  CHECK(c.nats[3].source_real.kind == NatAddress::Kind::any);
  CHECK(c.nats[3].source_mapped.kind == NatAddress::Kind::interface_);
  CHECK(c.nats[4].has_destination);
  CHECK(c.nats[4].destination_real.ref == "dmzhost");
  CHECK(c.nats[4].unidirectional);
}

TEST_CASE("ASA lines the audit does not need are skipped and counted") {
  SUBCASE("known commands and their sub-lines are counted, without diagnostics") {
    Config c = read_config("s.cfg",
                           "logging enable\n"
                           "crypto ikev1 policy 10\n"
                           " authentication pre-share\n"
                           "timeout xlate 3:00:00\n"
                           "ssh version 2\n"
                           "interface Gi0/0\n"
                           " description uplink\n"
                           "access-list alert-interval 300\n");
    CHECK(diags(c).empty());
    CHECK(c.skipped_lines == 7);
  }
  SUBCASE("an unknown command is skipped with a located note") {
    Config c = read_config("s.cfg", "frobnicate all the things\n");
    CHECK(c.skipped_lines == 1);
    CHECK(diags(c) == std::vector<std::string>{
                          "1:1 note unknown-command: line skipped: 'frobnicate' is not a command "
                          "fwaudit knows to affect access control"});
  }
  SUBCASE("commands that decide access but are not modelled are unsupported, with location") {
    Config c = read_config("s.cfg",
                           "conduit permit tcp any any\n"
                           "access-list eth ethertype permit bpdu\n"
                           "nat (inside) 1 0.0.0.0 0.0.0.0\n");
    CHECK(c.unsupported_lines == 3);
    CHECK(diags(c) ==
          std::vector<std::string>{
              "1:1 unsupported unsupported-command: 'conduit' decides access but is not "
              "modelled; its effect is ignored",
              "2:1 unsupported unsupported-acl-type: access-list type 'ethertype' is not "
              "modelled (only extended and standard access lists are)",
              "3:1 unsupported legacy-dynamic-nat: pre-8.3 dynamic NAT (nat/global) is not "
              "translated; ACL verdicts do not depend on it, but nat-control is not modelled"});
  }
}

TEST_CASE("ASA syntax errors name the line and column and what was expected") {
  SUBCASE("a truncated access-list entry") {
    Config c = read_config("e.cfg", "access-list x extended permit tcp any\n");
    CHECK(diags(c) == std::vector<std::string>{
                          "1:38 error syntax: expected a destination address (any, any4, any6, "
                          "host IP, IP MASK with a contiguous mask, IPv6/len, object NAME, "
                          "object-group NAME, interface NAME)"});
    REQUIRE(c.diagnostics.items().size() == 1);
    CHECK(c.diagnostics.items()[0].location.text == "access-list x extended permit tcp any");
    CHECK(c.acls.empty());
  }
  SUBCASE("a non-contiguous netmask") {
    Config c = read_config("e.cfg", "access-list x extended permit ip 10.0.0.0 255.0.255.0 any\n");
    CHECK(diags(c) == std::vector<std::string>{
                          "1:34 error syntax: expected a source address (any, any4, any6, host "
                          "IP, IP MASK with a contiguous mask, IPv6/len, object NAME, "
                          "object-group NAME, interface NAME)"});
  }
  SUBCASE("an unknown port name") {
    Config c = read_config("e.cfg", "access-list x extended permit tcp any any eq nosuchport\n");
    CHECK(diags(c) ==
          std::vector<std::string>{
              "1:46 error syntax: expected a port number (0-65535) or an ASA port name"});
  }
  SUBCASE("trailing garbage") {
    Config c = read_config("e.cfg", "access-list x extended permit tcp any any eq 80 bogus\n");
    CHECK(diags(c) == std::vector<std::string>{
                          "1:49 error syntax: unexpected text; expected a port (eq, neq, lt, gt, "
                          "range), an ICMP type for icmp, log, inactive, time-range or the end of "
                          "the line"});
  }
  SUBCASE("an out-of-range security level, inside an interface block") {
    Config c = read_config("e.cfg", "interface Gi0/0\n security-level 101\n");
    CHECK(diags(c) ==
          std::vector<std::string>{"2:17 error syntax: expected a security level from 0 to 100"});
  }
  SUBCASE("host bits set under the mask: a located warning, taken as the network") {
    Config c =
        read_config("e.cfg", "object-group network g\n network-object 10.0.0.3 255.255.255.252\n");
    CHECK(diags(c) == std::vector<std::string>{
                          "2:17 warning address-mask-mismatch: IP address 10.0.0.3 and mask "
                          "255.255.255.252 do not pair (host bits set; ASA 8.x and later reject "
                          "it); taken as the network 10.0.0.0/30"});
  }
  SUBCASE("errors do not stop the lines after them") {
    Config c = read_config("e.cfg",
                           "access-list x extended permit tcp any\n"
                           "access-list x extended permit tcp any any\n");
    REQUIRE(c.acls.size() == 1);
    CHECK(c.acls[0].entries.size() == 1);
  }
}
