// tests/catalog/test_profile.cpp
// Site profiles: loading, validation errors, zone and role resolution.
#include <doctest/doctest.h>

#include "catalog/json_document.hpp"
#include "catalog/load_profile.hpp"
#include "catalog/resolve_profile.hpp"
#include "catalog/validate_file.hpp"
#include "catalog_test_helpers.hpp"

using namespace fwaudit;
using namespace fwaudit::catalog;
using namespace fwaudit::catalog::testing;
using nlohmann::json;

namespace {

std::filesystem::path samples_dir() {
  return std::filesystem::path(FWAUDIT_SOURCE_ROOT) / "samples" / "profiles";
}

const Catalog& builtin() {
  static const LoadedCatalog loaded = load_builtin();
  return loaded.catalog;
}

json base_profile() {
  return json::parse(R"({
    "schema_version": 1,
    "products": ["clearswift-seg"],
    "appliance": {"addresses": ["192.0.2.25"], "zone": "dmz"},
    "zones": [
      {"name": "dmz", "interfaces": ["eth1"], "networks": ["192.0.2.0/24"]},
      {"name": "inside", "interfaces": ["eth2"], "networks": ["10.0.0.0/8"]}
    ],
    "roles": {"dns_servers": ["10.0.0.53"], "end_users": ["zone:inside"]},
    "features": ["pmm"]
  })");
}

struct Result {
  std::optional<SiteProfile> profile;
  Diagnostics diagnostics;
};

Result parse(const json& j, const std::string& file = "site.json") {
  Result r;
  auto doc = parse_json_document(file, j.dump(2), r.diagnostics);
  if (doc) r.profile = parse_profile(*doc, builtin(), r.diagnostics);
  return r;
}

std::string only_error(const json& j) {
  Result r = parse(j);
  CHECK_FALSE(r.profile.has_value());
  REQUIRE_MESSAGE(r.diagnostics.items().size() == 1, all_messages(r.diagnostics));
  return r.diagnostics.items()[0].message;
}

std::string only_code(const json& j) {
  Result r = parse(j);
  REQUIRE_MESSAGE(r.diagnostics.items().size() == 1, all_messages(r.diagnostics));
  return r.diagnostics.items()[0].code;
}

std::vector<std::string> texts(const std::vector<IpPrefix>& prefixes) {
  std::vector<std::string> out;
  for (const auto& p : prefixes)
    out.push_back(p.to_string());
  return out;
}

IpPrefix prefix(const char* text) {
  auto p = IpPrefix::parse(text);
  REQUIRE(p.has_value());
  return *p;
}

}  // namespace

TEST_CASE("sample site profiles validate") {
  for (const char* name :
       {"clearswift-dmz.json", "edge-asa-clearswift-sxg.json", "lotus-host-firewall.json",
        "symantec-asa.json", "symantec-pf-dmz.json"}) {
    CAPTURE(name);
    Diagnostics d;
    auto profile = load_profile_file(samples_dir() / name, builtin(), d);
    CHECK_MESSAGE(profile.has_value(), all_messages(d));
    CHECK(all_messages(d) == "");
  }
}

TEST_CASE("site profile contents") {
  Diagnostics d;
  auto p = load_profile_file(samples_dir() / "lotus-host-firewall.json", builtin(), d);
  REQUIRE(p.has_value());
  CHECK(p->products == std::vector<std::string>{"lotus-protector-mail", "ibm-iss-updates"});
  CHECK(p->appliance.host_firewall);
  CHECK(texts(p->appliance.addresses) == std::vector<std::string>{"198.51.100.20", "172.16.0.20"});
  CHECK(p->appliance.zone.empty());
  REQUIRE(p->zones.size() == 2);
  CHECK(p->zones[1].name == "inside");
  CHECK(p->zones[1].interfaces == std::vector<std::string>{"eth0"});
  CHECK(p->zones[1].location.line == 7);
  CHECK(p->feature_enabled("mail_security"));
  CHECK_FALSE(p->feature_enabled("cluster"));
  REQUIRE(p->tables.contains("mgmt_hosts"));
  CHECK(p->tables.at("mgmt_hosts") == samples_dir() / "lotus-mgmt-hosts.txt");

  Diagnostics d2;
  auto dmz = load_profile_file(samples_dir() / "clearswift-dmz.json", builtin(), d2);
  REQUIRE(dmz.has_value());
  REQUIRE(dmz->hostnames.contains("repo.clearswift.net"));
  CHECK(texts(dmz->hostnames.at("repo.clearswift.net")) ==
        std::vector<std::string>{"203.0.113.80"});
  CHECK(dmz->appliance.zone == "dmz");
}

TEST_CASE("profile zones resolve to analyzer zones") {
  SUBCASE("an internet zone given by the profile is used as is") {
    Diagnostics d;
    auto p = load_profile_file(samples_dir() / "clearswift-dmz.json", builtin(), d);
    REQUIRE(p.has_value());
    auto zones = resolve_zones(*p);
    REQUIRE(zones.size() == 4);
    CHECK(zones[0].name == "firewall");
    CHECK(zones[0].is_firewall);
    CHECK(zones[1].name == "internet");
    CHECK(zones[1].networks.empty());
    CHECK(zones[1].interfaces == std::vector<std::string>{"eth0"});
    CHECK(zones[3].name == "inside");
    CHECK(texts(zones[3].networks) == std::vector<std::string>{"10.10.0.0/16", "10.20.0.0/16"});
  }
  SUBCASE("otherwise the internet is everything outside the other zones") {
    Result r = parse(base_profile());
    REQUIRE(r.profile.has_value());
    auto zones = resolve_zones(*r.profile);
    REQUIRE(zones.size() == 4);
    const Zone& internet = zones.back();
    CHECK(internet.name == "internet");
    CHECK_FALSE(internet.is_firewall);
    CHECK(internet.interfaces.empty());
    CHECK(texts(internet.networks) ==
          std::vector<std::string>{
              "0.0.0.0/5",     "8.0.0.0/7",     "11.0.0.0/8",    "12.0.0.0/6",
              "16.0.0.0/4",    "32.0.0.0/3",    "64.0.0.0/2",    "128.0.0.0/2",
              "192.0.0.0/23",  "192.0.3.0/24",  "192.0.4.0/22",  "192.0.8.0/21",
              "192.0.16.0/20", "192.0.32.0/19", "192.0.64.0/18", "192.0.128.0/17",
              "192.1.0.0/16",  "192.2.0.0/15",  "192.4.0.0/14",  "192.8.0.0/13",
              "192.16.0.0/12", "192.32.0.0/11", "192.64.0.0/10", "192.128.0.0/9",
              "193.0.0.0/8",   "194.0.0.0/7",   "196.0.0.0/6",   "200.0.0.0/5",
              "208.0.0.0/4",   "224.0.0.0/3",   "::/0"});
  }
}

TEST_CASE("address complement") {
  SUBCASE("nothing covered") {
    CHECK(texts(complement({}, Family::ipv4)) == std::vector<std::string>{"0.0.0.0/0"});
  }
  SUBCASE("everything covered") {
    CHECK(complement({prefix("0.0.0.0/0")}, Family::ipv4).empty());
  }
  SUBCASE("overlapping and nested blocks") {
    auto out = complement({prefix("128.0.0.0/1"), prefix("192.0.0.0/2"), prefix("0.0.0.0/2")},
                          Family::ipv4);
    CHECK(texts(out) == std::vector<std::string>{"64.0.0.0/2"});
  }
  SUBCASE("blocks at both ends") {
    auto out = complement({prefix("0.0.0.0/8"), prefix("255.255.255.255")}, Family::ipv4);
    CHECK(out.front().to_string() == "1.0.0.0/8");
    CHECK(out.back().to_string() == "255.255.255.254");
  }
  SUBCASE("other families are ignored") {
    CHECK(texts(complement({prefix("10.0.0.0/8")}, Family::ipv6)) ==
          std::vector<std::string>{"::/0"});
    CHECK(texts(complement({prefix("8000::/1")}, Family::ipv6)) ==
          std::vector<std::string>{"::/1"});
  }
}

TEST_CASE("role resolution") {
  Diagnostics d;
  auto host = load_profile_file(samples_dir() / "lotus-host-firewall.json", builtin(), d);
  REQUIRE(host.has_value());
  Result dmz = parse(base_profile());
  REQUIRE(dmz.profile.has_value());

  SUBCASE("the appliance") {
    auto a = resolve_role(*host, "appliance");
    CHECK(a.bound);
    CHECK(a.is_firewall);
    CHECK(texts(a.prefixes) == std::vector<std::string>{"198.51.100.20", "172.16.0.20"});
    auto b = resolve_role(*dmz.profile, "appliance");
    CHECK(b.bound);
    CHECK_FALSE(b.is_firewall);
    CHECK(texts(b.prefixes) == std::vector<std::string>{"192.0.2.25"});
  }
  SUBCASE("bound roles") {
    auto dns = resolve_role(*host, "dns_servers");
    CHECK(dns.bound);
    CHECK(texts(dns.prefixes) == std::vector<std::string>{"172.16.0.2", "172.16.0.3"});
    CHECK(dns.location.line == 12);
    auto users = resolve_role(*dmz.profile, "end_users");
    CHECK(users.bound);
    CHECK(users.prefixes.empty());
    CHECK(users.zones == std::vector<std::string>{"inside"});
  }
  SUBCASE("internet defaults to the internet zone") {
    auto net = resolve_role(*dmz.profile, "internet");
    CHECK(net.bound);
    CHECK(net.zones == std::vector<std::string>{"internet"});
    CHECK_FALSE(net.location.known());
    auto bound = resolve_role(*host, "internet");
    CHECK(bound.zones == std::vector<std::string>{"outside"});
  }
  SUBCASE("unbound roles and the entry to add") {
    auto syslog = resolve_role(*dmz.profile, "syslog_servers");
    CHECK_FALSE(syslog.bound);
    CHECK(syslog.prefixes.empty());
    CHECK(syslog.zones.empty());
    CHECK(unbound_role_entry("dns_servers") ==
          R"("roles": {"dns_servers": ["<address or CIDR>"]})");
    CHECK(feature_entry("pmm_full_mode") == R"("features": ["pmm_full_mode"])");
  }
}

TEST_CASE("site profile validation errors") {
  json j = base_profile();
  SUBCASE("valid base") {
    Result r = parse(j);
    CHECK_MESSAGE(r.profile.has_value(), all_messages(r.diagnostics));
  }
  SUBCASE("unknown field") {
    j["zone"] = "dmz";
    CHECK(only_error(j) ==
          "/zone: unknown field \"zone\" (expected one of \"schema_version\", \"products\", "
          "\"appliance\", \"zones\", \"roles\", \"features\", \"hostnames\", \"tables\", "
          "\"interface_addresses\", \"interface_groups\")");
  }
  SUBCASE("location of an error") {
    j["roles"]["dns_servers"][0] = "10.0.0.530";
    Result r = parse(j);
    REQUIRE(r.diagnostics.items().size() == 1);
    CHECK(r.diagnostics.items()[0].to_string() ==
          "site.json:16:7: error: /roles/dns_servers/0: \"10.0.0.530\" is not an IPv4/IPv6 "
          "address or CIDR block");
  }
  SUBCASE("products") {
    j["products"] = json::array({"clearswift-seg", "clearswift"});
    CHECK(only_error(j) ==
          "/products/1: unknown product \"clearswift\" (see `fwaudit catalog list`)");
    j["products"] = json::array();
    CHECK(only_error(j) == "/products: name at least one deployed product");
    j.erase("products");
    CHECK(only_error(j) == "/: missing required field \"products\"");
  }
  SUBCASE("appliance") {
    SUBCASE("unknown zone") {
      j["appliance"]["zone"] = "perimeter";
      CHECK(only_error(j) == "/appliance/zone: unknown zone \"perimeter\" (define it in /zones)");
      CHECK(only_code(j) == "unknown-zone");
    }
    SUBCASE("host firewall has no zone") {
      j["appliance"]["host_firewall"] = true;
      CHECK(only_error(j) ==
            "/appliance/zone: a host firewall appliance is the firewall zone itself: remove "
            "\"zone\"");
    }
    SUBCASE("host firewall flag must be boolean") {
      j["appliance"]["host_firewall"] = "yes";
      CHECK(only_error(j) == "/appliance/host_firewall: expected true or false, got string");
    }
    SUBCASE("addresses are needed outside host firewall mode") {
      j["appliance"].erase("addresses");
      CHECK(only_error(j) ==
            "/appliance: missing required field \"addresses\" (or set \"host_firewall\": true)");
      j["appliance"]["addresses"] = json::array();
      CHECK(only_error(j) == "/appliance/addresses: needs at least one address");
    }
    SUBCASE("zone is needed outside host firewall mode") {
      j["appliance"].erase("zone");
      CHECK(only_error(j) ==
            "/appliance: missing required field \"zone\" (or set \"host_firewall\": true)");
    }
    SUBCASE("an address outside the zone is a warning") {
      j["appliance"]["addresses"] = json::array({"192.0.2.25", "10.1.1.1"});
      Result r = parse(j);
      CHECK(r.profile.has_value());
      REQUIRE(r.diagnostics.items().size() == 1);
      const Diagnostic& w = r.diagnostics.items()[0];
      CHECK(w.severity == Severity::warning);
      CHECK(w.message ==
            "/appliance/addresses/1: 10.1.1.1 is not inside the networks of zone \"dmz\"");
      REQUIRE(w.related.size() == 1);
      CHECK(w.related[0].line == 25);  // the zone's object in the sorted dump
    }
  }
  SUBCASE("zones") {
    SUBCASE("reserved name") {
      j["zones"][0]["name"] = "firewall";
      j["appliance"]["zone"] = "inside";
      j["appliance"]["addresses"] = json::array({"10.0.0.25"});
      CHECK(only_error(j) ==
            "/zones/0/name: zone name \"firewall\" is reserved for the firewall itself (use "
            "\"appliance\": {\"host_firewall\": true} for a host firewall)");
    }
    SUBCASE("duplicate zone") {
      j["zones"][1]["name"] = "dmz";
      j["roles"].erase("end_users");
      CHECK(only_error(j) == "/zones/1/name: zone \"dmz\" is defined twice");
      CHECK(only_code(j) == "duplicate-id");
    }
    SUBCASE("interface in two zones") {
      j["zones"][1]["interfaces"] = json::array({"eth2", "eth1"});
      CHECK(only_error(j) ==
            "/zones/1/interfaces/1: interface \"eth1\" already belongs to zone \"dmz\"");
    }
    SUBCASE("zone without interfaces and networks") {
      j["zones"].push_back({{"name", "empty"}});
      CHECK(only_error(j) == "/zones/2: a zone needs \"interfaces\" or \"networks\" (or both)");
    }
    SUBCASE("bad zone name") {
      j["zones"].push_back({{"name", "Guest WiFi"}, {"interfaces", {"wlan0"}}});
      CHECK(only_code(j) == "bad-id");
    }
    SUBCASE("network with host bits") {
      j["zones"][1]["networks"] = json::array({"10.1.2.3/8"});
      CHECK(only_error(j) ==
            "/zones/1/networks/0: \"10.1.2.3/8\" has host bits set (did you mean 10.0.0.0/8?)");
    }
    SUBCASE("zones must be a list") {
      j["zones"] = json::object();
      Result r = parse(j);
      CHECK_FALSE(r.profile.has_value());
      CHECK(r.diagnostics.items()[0].message == "/zones: expected an array, got object");
    }
  }
  SUBCASE("roles") {
    SUBCASE("unknown role") {
      j["roles"]["dns"] = json::array({"10.0.0.53"});
      CHECK(only_error(j) ==
            "/roles/dns: unknown role \"dns\" (see `fwaudit catalog show roles` or "
            "docs/profile.md)");
      CHECK(only_code(j) == "unknown-role");
    }
    SUBCASE("the appliance is not a role binding") {
      j["roles"]["appliance"] = json::array({"192.0.2.25"});
      CHECK(
          only_error(j) ==
          "/roles/appliance: the appliance is bound by the \"appliance\" entry, not in \"roles\"");
    }
    SUBCASE("empty binding") {
      j["roles"]["ntp_servers"] = json::array();
      CHECK(only_error(j) ==
            "/roles/ntp_servers: needs at least one address, CIDR block or \"zone:NAME\"");
    }
    SUBCASE("unknown zone") {
      j["roles"]["end_users"] = json::array({"zone:lan"});
      CHECK(only_error(j) == "/roles/end_users/0: unknown zone \"lan\" (define it in /zones)");
    }
    SUBCASE("the implicit internet zone may be named") {
      j["roles"]["end_users"] = json::array({"zone:internet"});
      CHECK(parse(j).profile.has_value());
    }
    SUBCASE("wrong type") {
      j["roles"]["dns_servers"] = "10.0.0.53";
      CHECK(only_error(j) == "/roles/dns_servers: expected an array, got string");
    }
  }
  SUBCASE("features") {
    j["features"] = json::array({"pmm", "cluster"});
    CHECK(only_error(j) ==
          "/features/1: unknown feature \"cluster\": no deployed product declares it (known: "
          "\"backup_ftp\", \"backup_ftps\", \"backup_sftp\", \"kaspersky\", "
          "\"lexical_data_import\", \"ntp\", \"pmm\", \"pmm_full_mode\")");
    CHECK(only_code(j) == "unknown-feature");
    j["features"] = json::array({"pmm", "pmm"});
    CHECK(only_error(j) == "/features/1: \"pmm\" is listed twice");
  }
  SUBCASE("hostnames") {
    j["hostnames"] = {{"repo clearswift net", {"203.0.113.80"}}};
    CHECK(only_error(j) ==
          "/hostnames/repo clearswift net: \"repo clearswift net\" is not a hostname");
    j["hostnames"] = {{"repo.clearswift.net", json::array()}};
    CHECK(only_error(j) == "/hostnames/repo.clearswift.net: needs at least one address");
    j["hostnames"] = {{"Repo.Clearswift.net", {"203.0.113.80"}}};
    Result r = parse(j);
    REQUIRE(r.profile.has_value());
    CHECK(r.profile->hostnames.contains("repo.clearswift.net"));
    CHECK(r.diagnostics.items().empty());
    // A concrete host under a catalog wildcard is a use of the hint.
    j["hostnames"] = {{"x.apc.avira.com", {"203.0.113.90"}}};
    CHECK(parse(j).diagnostics.items().empty());
    j["hostnames"] = {{"repo.clearswift.com", {"203.0.113.80"}}};
    Result typo = parse(j);
    CHECK(typo.profile.has_value());
    REQUIRE(typo.diagnostics.items().size() == 1);
    CHECK(typo.diagnostics.items()[0].severity == Severity::warning);
    CHECK(typo.diagnostics.items()[0].code == "unused-hostname-hint");
    CHECK(typo.diagnostics.items()[0].message ==
          "/hostnames/repo.clearswift.com: no requirement of the deployed products names "
          "\"repo.clearswift.com\"");
  }
  SUBCASE("interface addresses and groups") {
    j["interface_addresses"] = {{"em0", {"203.0.113.2/24", "2001:db8::2"}}};
    j["interface_groups"] = {{"egress", {"em0"}}};
    Result r = parse(j);
    REQUIRE_MESSAGE(r.profile.has_value(), all_messages(r.diagnostics));
    REQUIRE(r.profile->interface_addresses.at("em0").size() == 2);
    // The interface's own address is kept with its network's prefix length.
    CHECK(r.profile->interface_addresses.at("em0")[0].addr.to_string() == "203.0.113.2");
    CHECK(r.profile->interface_addresses.at("em0")[0].length == 24);
    CHECK(r.profile->interface_groups.at("egress") == std::vector<std::string>{"em0"});
    j["interface_addresses"]["em0"][1] = "203.0.113.300";
    CHECK(only_error(j) ==
          "/interface_addresses/em0/1: \"203.0.113.300\" is not an IPv4/IPv6 "
          "address (with an optional /prefix length)");
    j["interface_addresses"] = {{"em0", json::array()}};
    CHECK(only_error(j) == "/interface_addresses/em0: needs at least one address");
    j.erase("interface_addresses");
    j["interface_groups"] = {{"egress", "em0"}};
    CHECK(only_error(j) == "/interface_groups/egress: expected an array, got string");
  }
  SUBCASE("tables") {
    j["tables"] = {{"blocklist", "no-such-table.txt"}};
    Result r = parse(j, "/nonexistent/site.json");
    REQUIRE(r.diagnostics.items().size() == 1);
    CHECK(r.diagnostics.items()[0].message ==
          "/tables/blocklist: table file \"/nonexistent/no-such-table.txt\" not found");
    j["tables"] = {{"blocklist", 7}};
    CHECK(only_error(j) == "/tables/blocklist: expected a string, got integer");
  }
  SUBCASE("a role bound twice") {
    Result r;
    auto doc = parse_json_document(
        "site.json",
        "{\"schema_version\": 1, \"products\": [\"clearswift-seg\"],\n"
        " \"appliance\": {\"host_firewall\": true},\n"
        " \"roles\": {\"dns_servers\": [\"10.0.0.53\"], \"dns_servers\": [\"10.0.0.54\"]}}",
        r.diagnostics);
    CHECK_FALSE(doc.has_value());
    REQUIRE(r.diagnostics.items().size() == 1);
    CHECK(r.diagnostics.items()[0].to_string() ==
          "site.json:3:12: error: /roles/dns_servers: key \"dns_servers\" appears more than once "
          "in this object");
  }
  SUBCASE("schema version") {
    j["schema_version"] = 0;
    CHECK(only_error(j) == "/schema_version: unsupported schema_version 0 (this fwaudit reads 1)");
  }
}

TEST_CASE("validate_file decides between catalog and profile") {
  const std::filesystem::path data = FWAUDIT_TEST_DATA;
  SUBCASE("catalog file") {
    Diagnostics d;
    auto r =
        validate_file(data / "user-catalog" / "inhouse-archiver.json", FileKind::invalid, {}, d);
    CHECK(r.kind == FileKind::catalog);
    CHECK(r.valid);
    CHECK(r.summary == "product inhouse-archiver, 1 requirements");
  }
  SUBCASE("profile") {
    Diagnostics d;
    auto r = validate_file(samples_dir() / "lotus-host-firewall.json", FileKind::invalid, {}, d);
    CHECK(r.kind == FileKind::profile);
    CHECK_MESSAGE(r.valid, all_messages(d));
    CHECK(r.summary == "2 product(s), 2 zone(s), 7 role binding(s), host firewall mode");
  }
  SUBCASE("profile using a user catalog product") {
    Diagnostics d;
    auto r = validate_file(data / "profiles" / "archiver-site.json", FileKind::invalid, {}, d);
    CHECK_FALSE(r.valid);
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].message ==
          "/products/0: unknown product \"inhouse-archiver\" (see `fwaudit catalog list`)");
    Diagnostics d2;
    auto r2 = validate_file(data / "profiles" / "archiver-site.json", FileKind::invalid,
                            {data / "user-catalog"}, d2);
    CHECK_MESSAGE(r2.valid, all_messages(d2));
  }
  SUBCASE("forced kind") {
    Diagnostics d;
    auto r = validate_file(samples_dir() / "symantec-asa.json", FileKind::catalog, {}, d);
    CHECK(r.kind == FileKind::catalog);
    CHECK_FALSE(r.valid);
    CHECK(d.has_errors());
  }
}
