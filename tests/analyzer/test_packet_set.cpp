// tests/analyzer/test_packet_set.cpp
#include <doctest/doctest.h>

#include <stdexcept>

#include "analyzer/packet_set.hpp"

using namespace fwaudit;

namespace {

IpAddress ip(const char* s) {
  return *IpAddress::parse(s);
}
IpPrefix net(const char* s) {
  return *IpPrefix::parse(s);
}

Packet tcp(const char* src, std::uint16_t sport, const char* dst, std::uint16_t dport,
           const char* in = "eth0", const char* out = "eth1") {
  Packet p;
  p.family = ip(src).family;
  p.src = ip(src), p.dst = ip(dst), p.proto = 6, p.sport = sport, p.dport = dport;
  p.in_if = in, p.out_if = out;
  return p;
}

}  // namespace

TEST_CASE("packet set primitives") {
  SUBCASE("prefixes include their edges and nothing past them") {
    PacketSet s = PacketSet::dst(net("192.0.2.0/24"));
    CHECK(s.contains(tcp("198.51.100.1", 1, "192.0.2.0", 25)));
    CHECK(s.contains(tcp("198.51.100.1", 1, "192.0.2.255", 25)));
    CHECK_FALSE(s.contains(tcp("198.51.100.1", 1, "192.0.3.0", 25)));
    CHECK_FALSE(s.contains(tcp("198.51.100.1", 1, "192.0.1.255", 25)));
  }
  SUBCASE("families never mix") {
    CHECK_FALSE(PacketSet::src(net("0.0.0.0/0")).contains(tcp("2001:db8::1", 1, "2001:db8::2", 2)));
    CHECK(PacketSet::src(net("::/0")).contains(tcp("2001:db8::1", 1, "2001:db8::2", 2)));
    CHECK((PacketSet::family(Family::ipv4) & PacketSet::family(Family::ipv6)).empty());
    CHECK((PacketSet::family(Family::ipv4) | PacketSet::family(Family::ipv6)).is_all());
  }
  SUBCASE("non-contiguous masks") {
    // 10.0.x.1 for any x: mask 255.255.0.255
    PacketSet s = PacketSet::src_masked(ip("10.0.0.1"), ip("255.255.0.255"));
    CHECK(s.contains(tcp("10.0.77.1", 1, "1.1.1.1", 1)));
    CHECK_FALSE(s.contains(tcp("10.0.77.2", 1, "1.1.1.1", 1)));
    CHECK(s.count() == doctest::Approx(PacketSet::src(net("10.0.0.0/24")).count()));
  }
  SUBCASE("address ranges") {
    PacketSet s = PacketSet::src_range(ip("10.0.0.250"), ip("10.0.1.5"));
    CHECK(s.contains(tcp("10.0.0.250", 1, "1.1.1.1", 1)));
    CHECK(s.contains(tcp("10.0.1.5", 1, "1.1.1.1", 1)));
    CHECK_FALSE(s.contains(tcp("10.0.0.249", 1, "1.1.1.1", 1)));
    CHECK_FALSE(s.contains(tcp("10.0.1.6", 1, "1.1.1.1", 1)));
  }
  SUBCASE("ports and protocol") {
    PacketSet s = PacketSet::protocol(6) & PacketSet::dst_port(1024, 65535);
    CHECK(s.contains(tcp("1.1.1.1", 1, "2.2.2.2", 1024)));
    CHECK(s.contains(tcp("1.1.1.1", 1, "2.2.2.2", 65535)));
    CHECK_FALSE(s.contains(tcp("1.1.1.1", 1, "2.2.2.2", 1023)));
    Packet u = tcp("1.1.1.1", 1, "2.2.2.2", 2000);
    u.proto = 17;
    CHECK_FALSE(s.contains(u));
  }
  SUBCASE("ICMP type and code") {
    Packet echo;
    echo.src = ip("1.1.1.1"), echo.dst = ip("2.2.2.2"), echo.proto = 1, echo.in_if = "eth0";
    echo.set_icmp(8, 0);
    CHECK((PacketSet::protocol(1) & PacketSet::icmp(8)).contains(echo));
    CHECK((PacketSet::protocol(1) & PacketSet::icmp(8, 0)).contains(echo));
    CHECK_FALSE((PacketSet::protocol(1) & PacketSet::icmp(3)).contains(echo));
  }
  SUBCASE("interfaces: exact, prefix wildcard, the firewall itself") {
    CHECK(PacketSet::in_interface("eth0").contains(tcp("1.1.1.1", 1, "2.2.2.2", 2, "eth0")));
    CHECK_FALSE(PacketSet::in_interface("eth0").contains(tcp("1.1.1.1", 1, "2.2.2.2", 2, "eth00")));
    PacketSet eth = PacketSet::in_interface_prefix("eth");
    CHECK(eth.contains(tcp("1.1.1.1", 1, "2.2.2.2", 2, "eth")));
    CHECK(eth.contains(tcp("1.1.1.1", 1, "2.2.2.2", 2, "eth7")));
    CHECK(eth.contains(tcp("1.1.1.1", 1, "2.2.2.2", 2, "eth0.100")));
    CHECK_FALSE(eth.contains(tcp("1.1.1.1", 1, "2.2.2.2", 2, "et")));
    CHECK_FALSE(eth.contains(tcp("1.1.1.1", 1, "2.2.2.2", 2, "wlan0")));
    PacketSet any = PacketSet::in_interface_prefix("");
    CHECK(any.contains(tcp("1.1.1.1", 1, "2.2.2.2", 2, "x")));
    CHECK_FALSE(any.contains(tcp("1.1.1.1", 1, "2.2.2.2", 2, "")));
    CHECK((any | PacketSet::in_interface("")).is_all());
    CHECK_THROWS_AS(PacketSet::in_interface("an-interface-name-of-32-bytes-xx"),
                    std::invalid_argument);
  }
  SUBCASE("connection state") {
    Packet p = tcp("1.1.1.1", 1, "2.2.2.2", 2);
    p.state = ConnState::established;
    CHECK(PacketSet::state(ConnState::established).contains(p));
    CHECK_FALSE(PacketSet::state(ConnState::new_).contains(p));
    PacketSet every;
    for (int i = 0; i < kConnStateCount; ++i)
      every |= PacketSet::state(static_cast<ConnState>(i));
    CHECK(every.is_all());
  }
  SUBCASE("a single packet") {
    Packet p = tcp("198.51.100.7", 40000, "192.0.2.10", 25);
    PacketSet one = PacketSet::of(p);
    CHECK(one.count() == doctest::Approx(1.0));
    CHECK(one.witness() == p);
  }
}

TEST_CASE("set algebra laws") {
  PacketSet a = PacketSet::dst(net("10.0.0.0/8")), b = PacketSet::protocol(6);
  CHECK((a & ~a).empty());
  CHECK((a | ~a).is_all());
  CHECK(~~a == a);
  CHECK(~(a | b) == (~a & ~b));
  CHECK((a - b) == (a & ~b));
  CHECK((a & b).subset_of(a));
  CHECK_FALSE(a.subset_of(a & b));
  CHECK(PacketSet::none().empty());
  CHECK(PacketSet::none().subset_of(a));
  CHECK_FALSE(PacketSet::none().witness());
  PacketSet c = a;
  c |= b;
  CHECK(c == (a | b));
  c &= b;
  CHECK(c == b);
  c -= b;
  CHECK(c.empty());
}

TEST_CASE("witness packets read naturally") {
  PacketSet smtp = PacketSet::family(Family::ipv4) & PacketSet::protocol(6) &
                   PacketSet::dst(net("192.0.2.0/24")) & PacketSet::dst_port(25, 25) &
                   PacketSet::in_interface("eth0") & PacketSet::out_interface("eth1") &
                   PacketSet::state(ConnState::new_);
  auto w = smtp.witness();
  REQUIRE(w);
  CHECK(w->to_string() == "tcp 0.0.0.1:40000 -> 192.0.2.1:25 in eth0 out eth1");
  SUBCASE("without a preferred port the lowest unprivileged one is taken") {
    auto v = (smtp & PacketSet::src_port(2000, 3000)).witness();
    REQUIRE(v);
    CHECK(v->sport == 2000);
  }
  SUBCASE("ICMP prefers echo request") {
    auto v = (PacketSet::family(Family::ipv4) & PacketSet::protocol(1) &
              PacketSet::in_interface("eth0") & PacketSet::out_interface(""))
                 .witness();
    REQUIRE(v);
    CHECK(v->icmp_type() == 8);
    CHECK(v->out_if == "");
  }
}

TEST_CASE("projections back to people's terms") {
  PacketSet s =
      (PacketSet::protocol(6) & (PacketSet::dst_port(25, 25) | PacketSet::dst_port(100, 200))) |
      (PacketSet::protocol(17) & PacketSet::dst_port(53, 53));
  auto ports = s.dst_ports();
  REQUIRE(ports.size() == 3);
  CHECK(ports[0].to_string() == "25");
  CHECK(ports[1].to_string() == "53");
  CHECK(ports[2].to_string() == "100-200");
  CHECK(s.protocols() == std::vector<std::uint8_t>{6, 17});
  auto src = PacketSet::src_range(ip("10.0.0.1"), ip("10.0.0.6")).src_ranges();
  REQUIRE(src.size() == 1);
  CHECK(src[0].lo.to_string() == "10.0.0.1");
  CHECK(src[0].hi.to_string() == "10.0.0.6");
  CHECK(PacketSet::state(ConnState::related).states() ==
        std::vector<ConnState>{ConnState::related});
  CHECK(PacketSet::family(Family::ipv6).families() == std::vector<Family>{Family::ipv6});
  PacketSet cube = PacketSet::family(Family::ipv4) & PacketSet::protocol(6) &
                   PacketSet::src(net("10.0.0.0/8")) & PacketSet::dst(net("192.0.2.10/32")) &
                   PacketSet::dst_port(25, 25) & PacketSet::in_interface("eth0") &
                   PacketSet::out_interface("eth1") & PacketSet::state(ConnState::new_);
  CHECK(cube.to_string() == "tcp 10.0.0.0/8 -> 192.0.2.10 port 25 in eth0 out eth1 state new");
  CHECK(PacketSet::all().to_string() == "(everything)");
  CHECK(PacketSet::none().to_string() == "(nothing)");
}

TEST_CASE("header rewrites (NAT)") {
  PacketSet to_public = PacketSet::family(Family::ipv4) & PacketSet::protocol(6) &
                        PacketSet::dst(net("203.0.113.5/32")) & PacketSet::dst_port(25, 25);
  SUBCASE("DNAT to one host: image and both preimages") {
    HeaderRewrite dnat;
    dnat.dst_range(ip("10.0.0.5"), ip("10.0.0.5"));
    PacketSet image = dnat.image(to_public);
    CHECK(image == (PacketSet::family(Family::ipv4) & PacketSet::protocol(6) &
                    PacketSet::dst(net("10.0.0.5/32")) & PacketSet::dst_port(25, 25)));
    PacketSet allowed = PacketSet::dst(net("10.0.0.0/24"));
    CHECK(to_public.subset_of(dnat.preimage_sure(allowed)));
    CHECK(to_public.subset_of(dnat.preimage_may(allowed)));
    CHECK_FALSE(to_public.intersects(dnat.preimage_may(PacketSet::dst(net("10.0.1.0/24")))));
    Packet p = *to_public.witness();
    CHECK(dnat.apply(p).dst.to_string() == "10.0.0.5");
    CHECK(dnat.to_string() == "dst 10.0.0.5");
  }
  SUBCASE("a pool: surely only when every choice is allowed") {
    HeaderRewrite pool;
    pool.dst_range(ip("10.0.0.5"), ip("10.0.0.6"));
    PacketSet only5 = PacketSet::dst(net("10.0.0.5/32"));
    CHECK_FALSE(to_public.intersects(pool.preimage_sure(only5)));
    CHECK(to_public.subset_of(pool.preimage_may(only5)));
  }
  SUBCASE("NETMAP keeps host bits; ports are rewritten too") {
    HeaderRewrite netmap;
    netmap.dst_prefix(net("10.9.0.0/16")).dst_port(2525, 2525);
    Packet p = *to_public.witness();
    Packet q = netmap.apply(p);
    CHECK(q.dst.to_string() == "10.9.113.5");  // 203.0.113.5 keeps its last 16 bits
    CHECK(q.dport == 2525);
    CHECK(netmap.image(PacketSet::of(p)) == PacketSet::of(q));
  }
  SUBCASE("identity") {
    HeaderRewrite none;
    CHECK(none.identity());
    CHECK(none.image(to_public) == to_public);
  }
}

TEST_CASE("swapping directions gives the reply set") {
  Packet p = tcp("198.51.100.7", 40000, "192.0.2.10", 25);
  CHECK(PacketSet::of(p).swapped() == PacketSet::of([&] {
          Packet r = p.reply();
          r.state = p.state;
          return r;
        }()));
  PacketSet s = PacketSet::src(net("10.0.0.0/8")) & PacketSet::dst_port(25, 25);
  CHECK(s.swapped().swapped() == s);
  CHECK(s.swapped() == (PacketSet::dst(net("10.0.0.0/8")) & PacketSet::src_port(25, 25)));
}
