// tests/catalog/test_schema.cpp
// The JSON Schema files say the same as the loader: same vocabularies, same version.
#include <doctest/doctest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "catalog/roles.hpp"
#include "catalog/site_profile.hpp"
#include "catalog_test_helpers.hpp"

using namespace fwaudit::catalog;
using nlohmann::json;

namespace {

json read_schema(const char* name) {
  std::ifstream in(std::filesystem::path(FWAUDIT_SOURCE_ROOT) / "catalog" / name);
  REQUIRE(in.good());
  return json::parse(in);
}

template <typename Enum>
std::vector<std::string> enum_names(int count) {
  std::vector<std::string> out;
  for (int i = 1; i <= count; ++i)
    out.emplace_back(to_string(static_cast<Enum>(i)));
  return out;
}

std::vector<std::string> role_names(bool with_appliance) {
  std::vector<std::string> out;
  for (const RoleInfo& r : roles()) {
    if (with_appliance || r.name != kRoleAppliance) out.emplace_back(r.name);
  }
  return out;
}

}  // namespace

TEST_CASE("catalog schema matches the loader") {
  json s = read_schema("catalog.schema.json");
  CHECK(s["properties"]["schema_version"]["const"] == kCatalogSchemaVersion);
  const json& req = s["$defs"]["requirement"]["properties"];
  CHECK(s["$defs"]["role"]["enum"].get<std::vector<std::string>>() == role_names(true));
  CHECK(req["direction"]["enum"].get<std::vector<std::string>>() == enum_names<Direction>(2));
  CHECK(req["transport"]["enum"].get<std::vector<std::string>>() == enum_names<Transport>(4));
  CHECK(req["necessity"]["enum"].get<std::vector<std::string>>() == enum_names<Necessity>(3));
  CHECK(req["flags"]["items"]["enum"].get<std::vector<std::string>>() == enum_names<Flag>(3));
  CHECK(s["required"].get<std::vector<std::string>>() ==
        std::vector<std::string>{"schema_version", "id", "name", "vendor", "versions", "document",
                                 "requirements"});
}

TEST_CASE("profile schema matches the loader") {
  json s = read_schema("profile.schema.json");
  CHECK(s["properties"]["schema_version"]["const"] == kProfileSchemaVersion);
  CHECK(s["properties"]["roles"]["propertyNames"]["enum"].get<std::vector<std::string>>() ==
        role_names(false));
  std::vector<std::string> keys;
  for (const auto& [key, value] : s["properties"].items())
    keys.push_back(key);
  std::sort(keys.begin(), keys.end());
  CHECK(keys == std::vector<std::string>{"appliance", "features", "hostnames",
                                         "interface_addresses", "interface_groups", "products",
                                         "roles", "schema_version", "tables", "zones"});
}

TEST_CASE("role vocabulary") {
  CHECK(roles().size() == 18);
  REQUIRE(find_role("dns_servers") != nullptr);
  CHECK(find_role("dns_servers")->description == "DNS resolvers the appliance queries");
  CHECK(find_role("dns") == nullptr);
  for (const RoleInfo& r : roles()) {
    CAPTURE(r.name);
    CHECK(!r.description.empty());
    CHECK(find_role(r.name) == &r);
  }
}
