// tests/catalog/test_load_catalog.cpp
// Catalog validation: every error names the file, line, column and JSON pointer.
#include <doctest/doctest.h>

#include "catalog/catalog_json.hpp"
#include "catalog/json_document.hpp"
#include "catalog_test_helpers.hpp"

using namespace fwaudit;
using namespace fwaudit::catalog;
using namespace fwaudit::catalog::testing;
using nlohmann::json;

namespace {

// A small valid product; tests change one thing at a time.
json base_product() {
  return json::parse(R"({
    "schema_version": 1,
    "id": "acme-mail",
    "name": "ACME Mail Relay",
    "vendor": "ACME",
    "versions": ["1.0"],
    "document": {"file": "acme.txt", "title": "ACME ports", "language": "en"},
    "features": {"ntp": "NTP is enabled"},
    "requirements": [
      {"id": "acme-mail/smtp-in", "summary": "Receive mail", "direction": "inbound",
       "peer": "internet", "transport": "tcp", "ports": [25], "necessity": "required",
       "source": {"file": "acme.txt", "line": 3}},
      {"id": "acme-mail/ntp", "summary": "Time", "direction": "outbound",
       "peer": "ntp_servers", "transport": "udp", "ports": [123], "necessity": "conditional",
       "features": ["ntp"], "source": {"file": "acme.txt", "line": 4}}
    ]
  })");
}

struct Result {
  std::optional<Product> product;
  Diagnostics diagnostics;
  // Messages without the location prefix, in order.
  std::vector<std::string> messages() const {
    std::vector<std::string> out;
    for (const auto& d : diagnostics.items())
      out.push_back(d.message);
    return out;
  }
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const auto& d : diagnostics.items())
      out.push_back(d.code);
    return out;
  }
};

Result parse_text(const std::string& text) {
  Result r;
  auto doc = parse_json_document("acme.json", text, r.diagnostics);
  if (doc) r.product = parse_product(*doc, r.diagnostics);
  return r;
}

Result parse(const json& j) {
  return parse_text(j.dump(2));
}

// The single error message of parsing `j`.
std::string only_error(const json& j) {
  Result r = parse(j);
  CHECK_FALSE(r.product.has_value());
  REQUIRE_MESSAGE(r.diagnostics.items().size() == 1, all_messages(r.diagnostics));
  return r.diagnostics.items()[0].message;
}

std::string only_code(const json& j) {
  Result r = parse(j);
  REQUIRE_MESSAGE(r.diagnostics.items().size() == 1, all_messages(r.diagnostics));
  return r.diagnostics.items()[0].code;
}

}  // namespace

TEST_CASE("catalog loader accepts a valid product") {
  Result r = parse(base_product());
  REQUIRE_MESSAGE(r.product.has_value(), all_messages(r.diagnostics));
  CHECK(r.diagnostics.items().empty());
  CHECK(r.product->id == "acme-mail");
  REQUIRE(r.product->requirements.size() == 2);
  const Requirement& ntp = r.product->requirements[1];
  CHECK(ntp.applies_to == "appliance");
  CHECK(ntp.direction == Direction::outbound);
  CHECK(ntp.transport == Transport::udp);
  CHECK(ntp.ports == std::vector<PortRange>{{123, 123}});
  CHECK(ntp.necessity == Necessity::conditional);
  CHECK(ntp.source.to_string() == "acme.txt:4");

  SUBCASE("port ranges and networks") {
    json j = base_product();
    j["requirements"][0]["ports"] = json::array({25, "41000-41100", "587"});
    j["requirements"][0]["networks"] =
        json::array({"192.0.2.0/24", "2001:db8::/32", "198.51.100.7"});
    j["requirements"][0]["hostnames"] = json::array({"Mail.Example.COM", "update*.example.net"});
    Result rr = parse(j);
    REQUIRE_MESSAGE(rr.product.has_value(), all_messages(rr.diagnostics));
    const Requirement& smtp = rr.product->requirements[0];
    CHECK(smtp.ports == std::vector<PortRange>{{25, 25}, {41000, 41100}, {587, 587}});
    CHECK(smtp.networks.size() == 3);
    CHECK(smtp.hostnames == std::vector<std::string>{"mail.example.com", "update*.example.net"});
  }
  SUBCASE("writer output reads back the same") {
    std::string written = to_json(*r.product).dump(2);
    Result again = parse_text(written);
    REQUIRE_MESSAGE(again.product.has_value(), all_messages(again.diagnostics));
    CHECK(to_json(*again.product).dump(2) == written);
  }
  SUBCASE("built-in files round-trip through the writer") {
    for (const auto& file : catalog_files(builtin_dir())) {
      CAPTURE(file);
      Diagnostics d;
      auto p = load_product_file(file, d);
      REQUIRE(p.has_value());
      Result again = parse_text(to_json(*p).dump(2));
      REQUIRE_MESSAGE(again.product.has_value(), all_messages(again.diagnostics));
      CHECK(to_json(*again.product) == to_json(*p));
    }
  }
}

TEST_CASE("catalog errors carry the file position and the JSON pointer") {
  SUBCASE("bad port in the middle of the file") {
    json j = base_product();
    j["requirements"][1]["ports"] = json::array({123, 70000});
    Result r = parse(j);
    REQUIRE(r.diagnostics.items().size() == 1);
    // Pretty-printed with 2 spaces and sorted keys: the second port is on line 38, column 9.
    CHECK(r.diagnostics.items()[0].to_string() ==
          "acme.json:38:9: error: /requirements/1/ports/1: port 70000 is out of range 1..65535");
    CHECK(r.diagnostics.items()[0].code == "bad-port");
  }
  SUBCASE("unknown field points at its key") {
    Result r = parse_text("{\n  \"schema_version\": 1,\n  \"colour\": \"red\"\n}");
    REQUIRE(r.diagnostics.items().size() >= 2);
    const auto& last = r.diagnostics.items().back();
    CHECK(last.location.to_string() == "acme.json:3:3");
    CHECK(last.message ==
          "/colour: unknown field \"colour\" (expected one of \"schema_version\", \"id\", "
          "\"name\", \"vendor\", \"versions\", \"document\", \"requirements\", \"features\")");
  }
  SUBCASE("syntax error with line and column") {
    Result r = parse_text("{\n  \"id\": \"x\",\n  \"name\" \"y\"\n}");
    REQUIRE(r.diagnostics.items().size() == 1);
    const auto& d = r.diagnostics.items()[0];
    CHECK(d.code == "json-syntax");
    CHECK(d.location.to_string() == "acme.json:3:12");
    CHECK(d.message.rfind("invalid JSON: syntax error while parsing object separator", 0) == 0);
  }
  SUBCASE("a key given twice in one object") {
    Result r = parse_text(
        "{\n  \"schema_version\": 1,\n  \"requirements\": [{\"id\": \"a\"}, {\"id\": \"b\", "
        "\"ports\": [], "
        "\"id\": \"c\"}]\n}");
    CHECK_FALSE(r.product.has_value());
    REQUIRE(r.diagnostics.items().size() == 1);
    CHECK(r.diagnostics.items()[0].to_string() ==
          "acme.json:3:34: error: /requirements/1/id: key \"id\" appears more than once in this "
          "object");
    CHECK(r.diagnostics.items()[0].code == "duplicate-key");
  }
  SUBCASE("binary garbage is a syntax error, not a crash") {
    Result r = parse_text(std::string("\x7f\x45\x4c\x46\x02\x01\x00\x00", 8));
    REQUIRE(r.diagnostics.items().size() == 1);
    CHECK(r.diagnostics.items()[0].code == "json-syntax");
    CHECK(r.diagnostics.items()[0].location.to_string() == "acme.json:1:1");
  }
  SUBCASE("unreadable file") {
    Diagnostics d;
    auto p = load_product_file(std::filesystem::path(FWAUDIT_TEST_DATA) / "no-such.json", d);
    CHECK_FALSE(p.has_value());
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].message == "cannot read file: no such file");
    CHECK(d.items()[0].code == "unreadable");
  }
  SUBCASE("a directory is not a catalog file") {
    Diagnostics d;
    CHECK_FALSE(load_product_file(FWAUDIT_TEST_DATA, d).has_value());
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].message == "cannot read file: is a directory");
  }
}

TEST_CASE("catalog validation errors") {
  json j = base_product();
  auto& r0 = j["requirements"][0];

  SUBCASE("unknown field in a requirement") {
    r0["port"] = 25;
    CHECK(only_error(j).rfind("/requirements/0/port: unknown field \"port\" (expected one of ",
                              0) == 0);
  }
  SUBCASE("missing field") {
    r0.erase("peer");
    CHECK(only_error(j) == "/requirements/0: missing required field \"peer\"");
  }
  SUBCASE("wrong types") {
    SUBCASE("string expected") {
      r0["summary"] = 5;
      CHECK(only_error(j) == "/requirements/0/summary: expected a string, got integer");
    }
    SUBCASE("array expected") {
      j["versions"] = "1.0";
      CHECK(only_error(j) == "/versions: expected an array, got string");
    }
    SUBCASE("object expected") {
      r0["source"] = "acme.txt:3";
      CHECK(only_error(j) == "/requirements/0/source: expected an object, got string");
    }
    SUBCASE("integer expected") {
      r0["source"]["line"] = "3";
      CHECK(only_error(j) == "/requirements/0/source/line: expected an integer, got string");
    }
    SUBCASE("top level not an object") {
      CHECK(only_error(json::array()) == "/: expected an object, got array");
    }
    SUBCASE("empty string") {
      j["name"] = "";
      CHECK(only_error(j) == "/name: must not be empty");
    }
  }
  SUBCASE("duplicate requirement ids") {
    j["requirements"][1]["id"] = "acme-mail/smtp-in";
    CHECK(only_error(j) ==
          "/requirements/1/id: requirement id \"acme-mail/smtp-in\" is already used by "
          "/requirements/0");
    CHECK(only_code(j) == "duplicate-id");
  }
  SUBCASE("requirement id outside the product") {
    r0["id"] = "other/smtp-in";
    CHECK(only_error(j) ==
          "/requirements/0/id: requirement id \"other/smtp-in\" must be \"acme-mail/<name>\" with "
          "a name of lowercase letters, digits, '.', '_' or '-'");
  }
  SUBCASE("bad product id") {
    j["id"] = "ACME Mail";
    CHECK(only_error(j) ==
          "/id: product id \"ACME Mail\" must use lowercase letters, digits, '.', '_' or '-'");
  }
  SUBCASE("unknown role") {
    r0["peer"] = "mail_servers";
    CHECK(only_error(j) ==
          "/requirements/0/peer: unknown role \"mail_servers\" (see `fwaudit catalog show roles` "
          "or catalog/README.md)");
    CHECK(only_code(j) == "unknown-role");
  }
  SUBCASE("unknown applies_to role") {
    r0["applies_to"] = "firewall";
    CHECK(only_code(j) == "unknown-role");
  }
  SUBCASE("unknown feature") {
    j["requirements"][1]["features"] = json::array({"ntpd"});
    CHECK(only_error(j) ==
          "/requirements/1/features/0: unknown feature \"ntpd\" (declare it in /features)");
    CHECK(only_code(j) == "unknown-feature");
  }
  SUBCASE("bad feature name") {
    j["features"]["Bad Name"] = "x";
    CHECK(only_error(j) ==
          "/features/Bad Name: feature name \"Bad Name\" must use lowercase letters, digits and "
          "'_'");
  }
  SUBCASE("conditional without features") {
    j["requirements"][1].erase("features");
    CHECK(only_error(j) == "/requirements/1: a conditional requirement needs \"features\"");
  }
  SUBCASE("conditional with an empty feature list") {
    j["requirements"][1]["features"] = json::array();
    CHECK(only_error(j) == "/requirements/1/features: a conditional requirement needs a feature");
  }
  SUBCASE("features on a required requirement") {
    r0["features"] = json::array({"ntp"});
    CHECK(only_error(j) ==
          "/requirements/0/features: features apply only to conditional requirements, not "
          "required ones");
  }
  SUBCASE("bad enum values") {
    SUBCASE("direction") {
      r0["direction"] = "both";
      CHECK(only_error(j) ==
            "/requirements/0/direction: unknown direction \"both\" (expected one of \"inbound\", "
            "\"outbound\")");
    }
    SUBCASE("invalid is never accepted") {
      r0["direction"] = "";
      CHECK(only_code(j) == "bad-value");
    }
    SUBCASE("transport") {
      r0["transport"] = "sctp";
      CHECK(only_error(j) ==
            "/requirements/0/transport: unknown transport \"sctp\" (expected one of \"tcp\", "
            "\"udp\", \"both\", \"icmp\")");
    }
    SUBCASE("necessity") {
      r0["necessity"] = "recommended";
      CHECK(only_code(j) == "bad-value");
    }
    SUBCASE("flag") {
      r0["flags"] = json::array({"pinned"});
      CHECK(only_error(j) ==
            "/requirements/0/flags/0: unknown flag \"pinned\" (expected one of \"no_ip_pinning\", "
            "\"no_ssl_proxy\", \"source_truncated\")");
    }
  }
  SUBCASE("bad ports") {
    auto port_error = [&](json port) {
      r0["ports"] = json::array({port});
      return only_error(j);
    };
    CHECK(port_error(0) == "/requirements/0/ports/0: port 0 is out of range 1..65535");
    CHECK(port_error(-5) == "/requirements/0/ports/0: port -5 is out of range 1..65535");
    CHECK(port_error(65536) == "/requirements/0/ports/0: port 65536 is out of range 1..65535");
    CHECK(port_error("20-10") ==
          "/requirements/0/ports/0: port range \"20-10\" ends before it starts");
    CHECK(port_error("1-70000") ==
          "/requirements/0/ports/0: port range \"1-70000\" is out of range 1..65535");
    CHECK(port_error("smtp") ==
          "/requirements/0/ports/0: \"smtp\" is not a port number or a range \"first-last\"");
    CHECK(port_error(25.5) ==
          "/requirements/0/ports/0: expected a port number or a range \"first-last\", got number");
    CHECK(port_error(nullptr) ==
          "/requirements/0/ports/0: expected a port number or a range \"first-last\", got null");
  }
  SUBCASE("duplicate port") {
    r0["ports"] = json::array({25, "25"});
    CHECK(only_error(j) == "/requirements/0/ports/1: port 25 is listed twice");
  }
  SUBCASE("tcp without ports") {
    r0.erase("ports");
    CHECK(only_error(j) == "/requirements/0: a tcp requirement needs at least one port");
    r0["ports"] = json::array();
    CHECK(only_error(j) == "/requirements/0/ports: a tcp requirement needs at least one port");
  }
  SUBCASE("icmp with ports") {
    r0["transport"] = "icmp";
    CHECK(only_error(j) == "/requirements/0/ports: an icmp requirement has no ports");
    r0.erase("ports");
    CHECK(parse(j).product.has_value());
  }
  SUBCASE("bad hostname") {
    r0["hostnames"] = json::array({"http://repo.example.com"});
    CHECK(only_error(j) ==
          "/requirements/0/hostnames/0: \"http://repo.example.com\" is not a hostname (letters, "
          "digits, '-' and '*' wildcards in dot-separated labels; addresses go to \"networks\")");
    r0["hostnames"] = json::array({"192.0.2.1"});
    CHECK(only_code(j) == "bad-hostname");
    r0["hostnames"] = json::array({"localhost"});
    CHECK(only_code(j) == "bad-hostname");
  }
  SUBCASE("duplicate hostname") {
    r0["hostnames"] = json::array({"a.example.com", "a.example.com"});
    CHECK(only_error(j) == "/requirements/0/hostnames/1: \"a.example.com\" is listed twice");
  }
  SUBCASE("bad networks") {
    r0["networks"] = json::array({"192.0.2.0/33"});
    CHECK(only_error(j) ==
          "/requirements/0/networks/0: \"192.0.2.0/33\" is not an IPv4/IPv6 address or CIDR block");
    r0["networks"] = json::array({"192.0.2.1/24"});
    CHECK(only_error(j) ==
          "/requirements/0/networks/0: \"192.0.2.1/24\" has host bits set (did you mean "
          "192.0.2.0/24?)");
  }
  SUBCASE("source line must be positive") {
    r0["source"]["line"] = 0;
    CHECK(only_error(j) == "/requirements/0/source/line: 0 is out of range 1..10000000");
  }
  SUBCASE("unsupported schema version") {
    j["schema_version"] = 2;
    CHECK(only_error(j) == "/schema_version: unsupported schema_version 2 (this fwaudit reads 1)");
  }
  SUBCASE("no requirements") {
    j["requirements"] = json::array();
    CHECK(only_error(j) == "/requirements: a product needs at least one requirement");
  }
  SUBCASE("every error of a file is reported") {
    r0["peer"] = "nobody";
    r0["ports"] = json::array({0});
    j["requirements"][1]["direction"] = "sideways";
    Result r = parse(j);
    CHECK(r.codes() == std::vector<std::string>{"unknown-role", "bad-port", "bad-value"});
  }
}

TEST_CASE("catalog folders and user catalogs") {
  const std::filesystem::path data = FWAUDIT_TEST_DATA;
  SUBCASE("user catalog adds a product on top of the built-in ones") {
    Diagnostics d;
    auto files = catalog_files(builtin_dir());
    files.push_back(data / "user-catalog" / "inhouse-archiver.json");
    Catalog c = load_catalog(files, d, false);
    CHECK(all_messages(d) == "");
    REQUIRE(c.products.size() == 6);
    CHECK(c.products.back().id == "inhouse-archiver");
    CHECK(c.find_requirement("inhouse-archiver/imap-pull") != nullptr);
    CHECK(c.product_of("inhouse-archiver/imap-pull") == &c.products.back());
  }
  SUBCASE("a folder loads its *.json files in name order") {
    auto files = catalog_files(data / "user-catalog");
    REQUIRE(files.size() == 1);
    CHECK(files[0].filename() == "inhouse-archiver.json");
  }
  SUBCASE("a product defined twice") {
    Diagnostics d;
    auto file = data / "user-catalog" / "inhouse-archiver.json";
    Catalog c =
        load_catalog({file, data / "duplicate-product" / "inhouse-archiver-copy.json"}, d, false);
    CHECK(c.products.size() == 1);
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].code == "duplicate-product");
    CHECK(d.items()[0].message ==
          "/id: product \"inhouse-archiver\" is already defined in " + file.string());
    CHECK(d.items()[0].location.line == 3);
    REQUIRE(d.items()[0].related.size() == 1);
    CHECK(d.items()[0].related[0].file == file.string());
  }
  SUBCASE("built-in folder from FWAUDIT_CATALOG_DIR") {
    ::setenv("FWAUDIT_CATALOG_DIR", (data / "user-catalog").c_str(), 1);
    CHECK(builtin_catalog_dir() == data / "user-catalog");
    Diagnostics d;
    Catalog c = load_catalog({}, d);
    ::unsetenv("FWAUDIT_CATALOG_DIR");
    CHECK(c.products.size() == 1);
  }
  SUBCASE("a missing built-in folder is an error") {
    ::setenv("FWAUDIT_CATALOG_DIR", (data / "no-such-folder").c_str(), 1);
    Diagnostics d;
    Catalog c = load_catalog({}, d);
    ::unsetenv("FWAUDIT_CATALOG_DIR");
    CHECK(c.products.empty());
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].code == "no-builtin-catalog");
    CHECK(d.items()[0].to_string() ==
          (data / "no-such-folder").string() +
              ": error: built-in catalog folder not found (set FWAUDIT_CATALOG_DIR)");
  }
  SUBCASE("built-in folder of the build tree holds the five products") {
    ::unsetenv("FWAUDIT_CATALOG_DIR");
    Diagnostics d;
    Catalog c = load_catalog({}, d);
    CHECK(all_messages(d) == "");
    CHECK(c.products.size() == 5);
  }
}

TEST_CASE("catalog id and hostname syntax") {
  CHECK(valid_id("clearswift-seg"));
  CHECK(valid_id("flexera-net-64.14.29"));
  CHECK_FALSE(valid_id(""));
  CHECK_FALSE(valid_id("-x"));
  CHECK_FALSE(valid_id("Upper"));
  CHECK_FALSE(valid_id("a/b"));
  CHECK(valid_hostname("update*.cobion.com"));
  CHECK(valid_hostname("*.apc.avira.com"));
  CHECK(valid_hostname("kav-update-8-1.clearswift.net"));
  CHECK_FALSE(valid_hostname("a..b"));
  CHECK_FALSE(valid_hostname("-a.b"));
  CHECK_FALSE(valid_hostname("a b.c"));
  CHECK_FALSE(valid_hostname("10.0.0.1"));
  CHECK_FALSE(valid_hostname("single"));
}
