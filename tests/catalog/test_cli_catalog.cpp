// tests/catalog/test_cli_catalog.cpp
// `fwaudit catalog list | show | validate` run as a user would: output, JSON shapes, exit codes.
#include <doctest/doctest.h>

#include <unistd.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "../common/run_fwaudit.hpp"
#include "catalog_test_helpers.hpp"

using nlohmann::json;

namespace {

using Run = fwaudit::testing::FwauditRun;

// Runs fwaudit with `args` (already shell-quoted where needed) and the built-in catalog of the
// source tree.
Run run_fwaudit(const std::string& args) {
  return fwaudit::testing::run_fwaudit(args, "env -u FWAUDIT_CATALOG_DIR");
}

const std::string kSource = FWAUDIT_SOURCE_ROOT;
const std::string kData = FWAUDIT_TEST_DATA;

}  // namespace

TEST_CASE("fwaudit catalog list") {
  SUBCASE("text") {
    Run r = run_fwaudit("catalog list");
    CHECK(r.exit_code == 0);
    CHECK(r.err == "");
    CHECK(r.out.rfind("PRODUCT               REQUIREMENTS  VENDOR      NAME", 0) == 0);
    CHECK(r.out.find("\nclearswift-seg        58            Clearswift  Clearswift Secure Email "
                     "Gateway            003_a59427b59fdbda36.txt\n") != std::string::npos);
  }
  SUBCASE("json is the full catalog data") {
    Run r = run_fwaudit("catalog list --format json");
    REQUIRE(r.exit_code == 0);
    json j = json::parse(r.out);
    CHECK(j["schema_version"] == 1);
    REQUIRE(j["products"].size() == 5);
    CHECK(j["products"][2]["id"] == "lotus-protector-mail");
    CHECK(j["products"][2]["requirements"].size() == 22);
    CHECK(j["products"][4]["requirements"][0]["source"]["file"] == "004_cbcffee6cd8d5eb3.txt");
  }
  SUBCASE("user catalog on top") {
    Run r = run_fwaudit("catalog list --catalog '" + kData + "/user-catalog'");
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("\ninhouse-archiver      1 ") != std::string::npos);
  }
  SUBCASE("invalid user catalog fails the command") {
    Run r = run_fwaudit("catalog list --catalog '" + kData + "/user-catalog' --catalog '" + kData +
                        "/duplicate-product'");
    CHECK(r.exit_code == 2);
    CHECK(r.out == "");
    CHECK(r.err == kData +
                       "/duplicate-product/inhouse-archiver-copy.json:3:3: error: /id: product "
                       "\"inhouse-archiver\" is already defined in " +
                       kData + "/user-catalog/inhouse-archiver.json\n");
  }
  SUBCASE("bad format value is a usage error") {
    Run r = run_fwaudit("catalog list --format xml");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--format") != std::string::npos);
  }
}

TEST_CASE("fwaudit catalog show") {
  SUBCASE("a product") {
    Run r = run_fwaudit("catalog show symantec-sma-5");
    CHECK(r.exit_code == 0);
    CHECK(r.out.rfind("symantec-sma-5: Symantec Mail Security Appliance (Symantec)\n", 0) == 0);
    CHECK(r.out.find("requirements (27):") != std::string::npos);
    CHECK(r.out.find("  cc-https-management            control_center inbound  management_hosts"
                     "       tcp        41443  required                          103\n") !=
          std::string::npos);
  }
  SUBCASE("a requirement") {
    Run r = run_fwaudit("catalog show clearswift-sxg/applianceupdate");
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("networks:   86.188.240.24, 213.106.99.208, 46.236.38.70\n") !=
          std::string::npos);
    CHECK(r.out.find("source:     004_cbcffee6cd8d5eb3.txt:69 (also lines 71, 73, 75, 77)\n") !=
          std::string::npos);
  }
  SUBCASE("a requirement as json") {
    Run r = run_fwaudit("catalog show ibm-iss-updates/cobion-dnsbl --format json");
    REQUIRE(r.exit_code == 0);
    json j = json::parse(r.out);
    CHECK(j["schema_version"] == 1);
    CHECK(j["product_id"] == "ibm-iss-updates");
    CHECK(j["requirement"]["transport"] == "both");
    CHECK(j["requirement"]["source"] ==
          json{{"file", "000_0c807913a29d929d.txt"}, {"line", 36}, {"related_lines", {34}}});
  }
  SUBCASE("roles") {
    Run r = run_fwaudit("catalog show roles --format json");
    REQUIRE(r.exit_code == 0);
    json j = json::parse(r.out);
    CHECK(j["roles"].size() == 18);
    CHECK(j["roles"][4]["name"] == "dns_servers");
  }
  SUBCASE("unknown id") {
    Run r = run_fwaudit("catalog show clearswift");
    CHECK(r.exit_code == 2);
    CHECK(r.out == "");
    CHECK(r.err ==
          "fwaudit: catalog show: no product or requirement \"clearswift\" (see `fwaudit catalog "
          "list`; requirement ids are PRODUCT/NAME)\n");
  }
  SUBCASE("missing id") {
    Run r = run_fwaudit("catalog show");
    CHECK(r.exit_code == 2);
  }
}

TEST_CASE("fwaudit catalog validate") {
  SUBCASE("a built-in catalog file") {
    std::string file = kSource + "/catalog/data/003-clearswift-seg.json";
    Run r = run_fwaudit("catalog validate '" + file + "'");
    CHECK(r.exit_code == 0);
    CHECK(r.out == file + ": valid catalog (product clearswift-seg, 58 requirements)\n");
  }
  SUBCASE("a sample profile") {
    std::string file = kSource + "/samples/profiles/lotus-host-firewall.json";
    Run r = run_fwaudit("catalog validate '" + file + "'");
    CHECK(r.exit_code == 0);
    CHECK(r.out == file +
                       ": valid profile (2 product(s), 2 zone(s), 7 role binding(s), host "
                       "firewall mode)\n");
  }
  SUBCASE("an invalid file: every error, exit 2") {
    auto file = std::filesystem::temp_directory_path() /
                ("fwaudit-bad-catalog-" + std::to_string(::getpid()) + ".json");
    {
      std::ofstream out(file);
      out << "{\n  \"schema_version\": 1,\n  \"id\": \"x\",\n  \"name\": \"X\",\n"
             "  \"vendor\": \"V\",\n  \"versions\": [],\n"
             "  \"document\": {\"file\": \"d\", \"title\": \"t\", \"language\": \"en\"},\n"
             "  \"requirements\": [{\"id\": \"x/a\", \"summary\": \"s\", \"direction\": \"in\",\n"
             "    \"peer\": \"internet\", \"transport\": \"tcp\", \"ports\": [99999],\n"
             "    \"necessity\": \"required\", \"source\": {\"file\": \"d\", \"line\": 1}}]\n}\n";
    }
    Run r = run_fwaudit("catalog validate '" + file.string() + "'");
    CHECK(r.exit_code == 2);
    CHECK(r.out == "");
    // A member is located at its key ("direction" at column 50), an array element at itself.
    CHECK(r.err == file.string() +
                       ":8:50: error: /requirements/0/direction: unknown direction \"in\" "
                       "(expected one of \"inbound\", \"outbound\")\n" +
                       file.string() +
                       ":9:55: error: /requirements/0/ports/0: port 99999 is out of range "
                       "1..65535\n");
    Run j = run_fwaudit("catalog validate --format json '" + file.string() + "'");
    CHECK(j.exit_code == 2);
    json out = json::parse(j.out);
    CHECK(out["valid"] == false);
    CHECK(out["kind"] == "catalog");
    REQUIRE(out["diagnostics"].size() == 2);
    CHECK(out["diagnostics"][1]["code"] == "bad-port");
    CHECK(out["diagnostics"][1]["location"] ==
          json{{"file", file.string()}, {"line", 9}, {"column", 55}});
    std::filesystem::remove(file);
  }
  SUBCASE("unreadable file") {
    Run r = run_fwaudit("catalog validate /nonexistent/site.json");
    CHECK(r.exit_code == 2);
    CHECK(r.err == "/nonexistent/site.json: error: cannot read file: no such file\n");
  }
  SUBCASE("profile with a product from --catalog") {
    std::string file = kData + "/profiles/archiver-site.json";
    CHECK(run_fwaudit("catalog validate '" + file + "'").exit_code == 2);
    CHECK(run_fwaudit("catalog validate '" + file + "' --catalog '" + kData +
                      "/user-catalog/inhouse-archiver.json'")
              .exit_code == 0);
  }
}
