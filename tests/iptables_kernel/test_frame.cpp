// tests/iptables_kernel/test_frame.cpp
#include <doctest/doctest.h>

#include "harness/frame.hpp"

using namespace fwk;

namespace {

Header tcp_header(bool v6) {
  Header h;
  h.src = *Addr::parse(v6 ? "2001:db8:1::7" : "192.0.2.7");
  h.dst = *Addr::parse(v6 ? "2001:db8:3::9" : "203.0.113.9");
  h.proto = kTcp;
  h.sport = 40000;
  h.dport = 25;
  h.seq = 0x01020304;
  h.payload = {'f', 'w', 'k', '!', 0, 0, 0, 1};
  return h;
}

// Sum over the pseudo-header and segment: 0 (0xffff before complement) when the checksum is right.
std::uint16_t verify_transport(const std::vector<std::uint8_t>& p, bool v6) {
  std::size_t l4 = v6 ? 40 : 20;
  std::vector<std::uint8_t> sum;
  if (v6) {
    sum.assign(p.begin() + 8, p.begin() + 40);
  } else {
    sum.assign(p.begin() + 12, p.begin() + 20);
  }
  auto length = p.size() - l4;
  sum.push_back(0);
  sum.push_back(v6 ? p[6] : p[9]);
  sum.push_back(static_cast<std::uint8_t>(length >> 8));
  sum.push_back(static_cast<std::uint8_t>(length));
  sum.insert(sum.end(), p.begin() + static_cast<std::ptrdiff_t>(l4), p.end());
  return internet_checksum(sum);
}

}  // namespace

TEST_CASE("crafted packets") {
  SUBCASE("RFC 1071 checksum of a known IPv4 header") {
    // Example header from RFC 1071 section 3 style data: the checksum field filled in makes the
    // header sum to zero.
    std::vector<std::uint8_t> header = {0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
                                        0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7};
    CHECK(internet_checksum(header) == 0xb861);
    header[10] = 0xb8;
    header[11] = 0x61;
    CHECK(internet_checksum(header) == 0);
  }
  SUBCASE("IPv4 TCP: lengths and both checksums") {
    auto p = build_packet(tcp_header(false));
    REQUIRE(p.size() == 20 + 20 + 8);
    CHECK(p[0] == 0x45);
    CHECK((p[2] << 8 | p[3]) == 48);
    CHECK(p[8] == 64);
    CHECK(p[9] == kTcp);
    CHECK(internet_checksum({p.begin(), p.begin() + 20}) == 0);
    CHECK(verify_transport(p, false) == 0);
    CHECK(p[20 + 13] == 0x02);  // SYN
  }
  SUBCASE("IPv6 UDP and ICMPv6 use the pseudo-header") {
    auto h = tcp_header(true);
    h.proto = kUdp;
    auto p = build_packet(h);
    CHECK((p[0] >> 4) == 6);
    CHECK((p[4] << 8 | p[5]) == 16);
    CHECK(verify_transport(p, true) == 0);
    h.proto = kIcmpV6;
    h.icmp_type = 128;
    p = build_packet(h);
    CHECK(p[40] == 128);
    CHECK(verify_transport(p, true) == 0);
  }
  SUBCASE("ICMPv4 sums the message alone") {
    auto h = tcp_header(false);
    h.proto = kIcmp;
    h.icmp_type = 8;
    h.icmp_id = 0x1234;
    auto p = build_packet(h);
    CHECK(internet_checksum({p.begin() + 20, p.end()}) == 0);
  }
  SUBCASE("other protocols carry the payload right after the IP header") {
    auto h = tcp_header(false);
    h.proto = 253;
    auto p = build_packet(h);
    CHECK(p.size() == 28);
    CHECK(p[20] == 'f');
  }
  SUBCASE("parsing what was built") {
    auto p = parse_packet(build_packet(tcp_header(true)));
    REQUIRE(p);
    CHECK(p->src.to_string() == "2001:db8:1::7");
    CHECK(p->dst.to_string() == "2001:db8:3::9");
    CHECK(p->sport == 40000);
    CHECK(p->dport == 25);
    CHECK_FALSE(p->is_icmp_error);
    auto h = tcp_header(false);
    h.proto = kIcmp;
    h.icmp_type = 3;
    h.icmp_code = 3;
    auto e = parse_packet(build_packet(h));
    REQUIRE(e);
    CHECK(e->is_icmp_error);
    CHECK(e->icmp_code == 3);
    CHECK_FALSE(parse_packet({0x45, 0x00}));
  }
}
