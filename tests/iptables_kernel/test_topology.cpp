// tests/iptables_kernel/test_topology.cpp
#include <doctest/doctest.h>

#include "harness/topology.hpp"

using namespace fwk;

namespace {

std::string route(const char* a) {
  return Addressing::route(*Addr::parse(a));
}
bool local(const char* a) {
  return Addressing::is_local(*Addr::parse(a));
}

}  // namespace

TEST_CASE("firewall addressing") {
  SUBCASE("routes by longest prefix, the default out of wan0") {
    CHECK(route("192.0.2.77") == "lan0");
    CHECK(route("198.51.100.255") == "dmz0");
    CHECK(route("203.0.113.77") == "wan0");
    CHECK(route("10.1.2.3") == "wan0");
    CHECK(route("2001:db8:1:ffff::9") == "lan0");
    CHECK(route("2001:db8:2::25") == "dmz0");
    CHECK(route("2001:db8:f000::1") == "wan0");
  }
  SUBCASE("the firewall's own addresses route to itself") {
    CHECK(route("192.0.2.1") == "self");
    CHECK(route("203.0.113.240") == "self");
    CHECK(route("203.0.113.255") == "self");
    CHECK(route("2001:db8:3:ff::1234") == "self");
    CHECK(local("198.51.100.1"));
    CHECK(local("2001:db8:2::1"));
    CHECK_FALSE(local("203.0.113.239"));
    CHECK_FALSE(local("2001:db8:3:fe::1"));
  }
  SUBCASE("host pools never contain another interface's routes") {
    for (const auto& i : Addressing::interfaces()) {
      for (bool v6 : {false, true}) {
        CAPTURE(i);
        CAPTURE(v6);
        auto pools = Addressing::hosts_behind(i, v6);
        CHECK_FALSE(pools.empty());
        for (const auto& p : pools) {
          CHECK(Addressing::route(p.first()) == (Addressing::is_local(p.first()) ? "self" : i));
          CHECK(Addressing::route(p.last()) == (Addressing::is_local(p.last()) ? "self" : i));
        }
      }
    }
  }
}
