// catalog/load_profile.cpp
#include "catalog/load_profile.hpp"

#include <algorithm>
#include <set>

#include "catalog/deployed.hpp"
#include "catalog/json_reader.hpp"
#include "catalog/load_catalog.hpp"
#include "catalog/roles.hpp"

namespace fwaudit::catalog {

namespace {

using nlohmann::json;

// An address or CIDR block without host bits; reports and returns nullopt otherwise.
std::optional<IpPrefix> read_prefix(const JsonReader& in, const json& v, const JsonPointer& where) {
  std::string text;
  if (!in.string(v, where, text)) return std::nullopt;
  auto prefix = IpPrefix::parse(text);
  if (!prefix) {
    in.error(where, "bad-network", "\"" + text + "\" is not an IPv4/IPv6 address or CIDR block");
    return std::nullopt;
  }
  if (prefix->first() != prefix->addr) {
    in.error(where, "bad-network",
             "\"" + text + "\" has host bits set (did you mean " +
                 IpPrefix{prefix->first(), prefix->length}.to_string() + "?)");
    return std::nullopt;
  }
  return prefix;
}

std::vector<IpPrefix> read_prefix_list(const JsonReader& in, const json& v,
                                       const JsonPointer& where) {
  std::vector<IpPrefix> out;
  if (!in.array(v, where)) return out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (auto p = read_prefix(in, v[i], where / i)) out.push_back(*p);
  }
  return out;
}

void read_zones(const JsonReader& in, const json& v, const JsonPointer& where, SiteProfile& out) {
  if (!in.array(v, where)) return;
  std::map<std::string, std::string> interface_owner;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const JsonPointer at = where / i;
    const json& z = v[i];
    if (!in.object(z, at, {"name"}, {"interfaces", "networks"})) continue;
    ProfileZone zone;
    zone.location = in.document().locate(at);
    if (z.contains("name") && in.string(z["name"], at / "name", zone.name)) {
      if (!valid_id(zone.name)) {
        in.error(
            at / "name", "bad-id",
            "zone name \"" + zone.name + "\" must use lowercase letters, digits, '.', '_' or '-'");
      } else if (zone.name == kFirewallZone) {
        in.error(at / "name", "bad-id",
                 "zone name \"firewall\" is reserved for the firewall itself (use "
                 "\"appliance\": {\"host_firewall\": true} for a host firewall)");
      } else if (out.find_zone(zone.name) != nullptr) {
        in.error(at / "name", "duplicate-id", "zone \"" + zone.name + "\" is defined twice");
      }
    }
    if (z.contains("interfaces") &&
        in.string_list(z["interfaces"], at / "interfaces", zone.interfaces)) {
      for (std::size_t k = 0; k < zone.interfaces.size(); ++k) {
        auto [it, inserted] = interface_owner.emplace(zone.interfaces[k], zone.name);
        if (!inserted) {
          in.error(at / "interfaces" / k, "duplicate-entry",
                   "interface \"" + zone.interfaces[k] + "\" already belongs to zone \"" +
                       it->second + '"');
        }
      }
    }
    if (z.contains("networks"))
      zone.networks = read_prefix_list(in, z["networks"], at / "networks");
    if (z.is_object() && !z.contains("interfaces") && !z.contains("networks")) {
      in.error(at, "missing-field", "a zone needs \"interfaces\" or \"networks\" (or both)");
    }
    out.zones.push_back(std::move(zone));
  }
}

void read_appliance(const JsonReader& in, const json& v, const JsonPointer& where,
                    SiteProfile& out) {
  ApplianceEntry& a = out.appliance;
  a.location = in.document().locate(where);
  if (!in.object(v, where, {}, {"host_firewall", "addresses", "zone"})) return;
  if (v.contains("host_firewall"))
    in.boolean(v["host_firewall"], where / "host_firewall", a.host_firewall);
  if (v.contains("addresses"))
    a.addresses = read_prefix_list(in, v["addresses"], where / "addresses");
  if (a.host_firewall) {
    if (v.contains("zone")) {
      in.error(where / "zone", "bad-value",
               "a host firewall appliance is the firewall zone itself: remove \"zone\"");
    }
    return;
  }
  if (!v.contains("addresses")) {
    in.error(where, "missing-field",
             "missing required field \"addresses\" (or set \"host_firewall\": true)");
  } else if (v["addresses"].is_array() && v["addresses"].empty()) {
    in.error(where / "addresses", "bad-value", "needs at least one address");
  }
  if (!v.contains("zone")) {
    in.error(where, "missing-field",
             "missing required field \"zone\" (or set \"host_firewall\": true)");
    return;
  }
  if (!in.string(v["zone"], where / "zone", a.zone)) return;
  const ProfileZone* zone = out.find_zone(a.zone);
  if (zone == nullptr) {
    in.error(where / "zone", "unknown-zone",
             "unknown zone \"" + a.zone + "\" (define it in /zones)");
    return;
  }
  for (std::size_t i = 0; i < a.addresses.size() && !zone->networks.empty(); ++i) {
    const IpPrefix& addr = a.addresses[i];
    bool inside = std::any_of(zone->networks.begin(), zone->networks.end(), [&](const IpPrefix& n) {
      return n.addr.family == addr.addr.family && n.length <= addr.length && n.contains(addr.addr);
    });
    if (!inside) {
      in.warning(where / "addresses" / i, "address-outside-zone",
                 addr.to_string() + " is not inside the networks of zone \"" + a.zone + '"',
                 zone->location);
    }
  }
}

void read_roles(const JsonReader& in, const json& v, const JsonPointer& where, SiteProfile& out) {
  if (!in.object(v, where, {}, {"*"})) return;
  for (const auto& [role, entries] : v.items()) {
    const JsonPointer at = where / role;
    if (find_role(role) == nullptr) {
      in.error(
          at, "unknown-role",
          "unknown role \"" + role + "\" (see `fwaudit catalog show roles` or docs/profile.md)");
      continue;
    }
    if (role == kRoleAppliance) {
      in.error(at, "bad-value",
               "the appliance is bound by the \"appliance\" entry, not in \"roles\"");
      continue;
    }
    if (!in.array(entries, at)) continue;
    if (entries.empty()) {
      in.error(at, "bad-value", "needs at least one address, CIDR block or \"zone:NAME\"");
      continue;
    }
    RoleBinding binding;
    binding.location = in.document().locate(at);
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const json& e = entries[i];
      if (e.is_string() && e.get_ref<const std::string&>().rfind("zone:", 0) == 0) {
        std::string zone = e.get<std::string>().substr(5);
        if (out.find_zone(zone) == nullptr && zone != kInternetZone) {
          in.error(at / i, "unknown-zone", "unknown zone \"" + zone + "\" (define it in /zones)");
        } else {
          binding.zones.push_back(std::move(zone));
        }
        continue;
      }
      if (auto p = read_prefix(in, e, at / i)) binding.prefixes.push_back(*p);
    }
    out.roles.emplace(role, std::move(binding));
  }
}

void read_features(const JsonReader& in, const json& v, const JsonPointer& where,
                   const Catalog& catalog, SiteProfile& out) {
  if (!in.string_list(v, where, out.features)) return;
  // Features are checked against the deployed products; with a product list that is itself
  // wrong, that check would only add noise.
  if (out.products.empty() ||
      std::any_of(out.products.begin(), out.products.end(),
                  [&](const std::string& id) { return catalog.find_product(id) == nullptr; })) {
    return;
  }
  for (std::size_t i = 0; i < out.features.size(); ++i) {
    const std::string& f = out.features[i];
    bool known = false;
    std::string declared;
    for (const std::string& id : out.products) {
      const Product* p = catalog.find_product(id);
      if (p == nullptr) continue;
      if (p->features.contains(f)) known = true;
      for (const auto& [name, description] : p->features) {
        if (declared.find('"' + name + '"') != std::string::npos) continue;
        if (!declared.empty()) declared += ", ";
        declared += '"' + name + '"';
      }
    }
    if (!known) {
      in.error(where / i, "unknown-feature",
               "unknown feature \"" + f + "\": no deployed product declares it" +
                   (declared.empty() ? std::string() : " (known: " + declared + ')'));
    }
  }
}

void read_hostnames(const JsonReader& in, const json& v, const JsonPointer& where,
                    SiteProfile& out) {
  if (!in.object(v, where, {}, {"*"})) return;
  for (const auto& [name, addresses] : v.items()) {
    const JsonPointer at = where / name;
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
      return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    if (!valid_hostname(lower)) {
      in.error(at, "bad-hostname", "\"" + name + "\" is not a hostname");
      continue;
    }
    auto list = read_prefix_list(in, addresses, at);
    if (addresses.is_array() && addresses.empty()) {
      in.error(at, "bad-value", "needs at least one address");
    }
    out.hostnames[lower] = std::move(list);
  }
}

// A hint for a hostname no deployed requirement names is probably a typo: warn.
void check_hostname_hints(const JsonReader& in, const json& v, const JsonPointer& where,
                          const Catalog& catalog, const SiteProfile& profile) {
  for (const auto& [name, addresses] : v.items()) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
      return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    if (!profile.hostnames.contains(lower)) continue;  // invalid, reported already
    bool used = false;
    for (const std::string& id : profile.products) {
      const Product* p = catalog.find_product(id);
      if (p == nullptr) return;  // unknown product reported already; nothing to compare with
      for (const Requirement& r : p->requirements) {
        for (const std::string& h : r.hostnames) {
          if (h == lower || hostname_matches(h, lower)) used = true;
        }
      }
    }
    if (!used) {
      in.warning(where / name, "unused-hostname-hint",
                 "no requirement of the deployed products names \"" + lower + '"');
    }
  }
}

void read_tables(const JsonReader& in, const json& v, const JsonPointer& where, SiteProfile& out) {
  if (!in.object(v, where, {}, {"*"})) return;
  auto base = std::filesystem::path(in.document().file).parent_path();
  for (const auto& [name, file] : v.items()) {
    const JsonPointer at = where / name;
    std::string text;
    if (!in.string(file, at, text)) continue;
    std::filesystem::path path = text;
    if (path.is_relative()) path = base / path;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
      in.error(at, "unreadable", "table file \"" + path.string() + "\" not found");
      continue;
    }
    out.tables.emplace(name, path);
  }
}

// An interface address keeps its host bits: "203.0.113.2/24" is the address 203.0.113.2 on the
// network 203.0.113.0/24; a bare address is a host.
void read_interface_addresses(const JsonReader& in, const json& v, const JsonPointer& where,
                              SiteProfile& out) {
  if (!in.object(v, where, {}, {"*"})) return;
  for (const auto& [name, list] : v.items()) {
    const JsonPointer at = where / name;
    if (!in.array(list, at)) continue;
    if (list.empty()) in.error(at, "bad-value", "needs at least one address");
    std::vector<IpPrefix>& addresses = out.interface_addresses[name];
    for (std::size_t i = 0; i < list.size(); ++i) {
      std::string text;
      if (!in.string(list[i], at / i, text)) continue;
      if (auto p = IpPrefix::parse(text)) {
        addresses.push_back(*p);
      } else {
        in.error(at / i, "bad-network",
                 "\"" + text + "\" is not an IPv4/IPv6 address (with an optional /prefix length)");
      }
    }
  }
}

void read_interface_groups(const JsonReader& in, const json& v, const JsonPointer& where,
                           SiteProfile& out) {
  if (!in.object(v, where, {}, {"*"})) return;
  for (const auto& [name, members] : v.items()) {
    std::vector<std::string> list;
    if (!in.string_list(members, where / name, list)) continue;
    if (list.empty()) in.error(where / name, "bad-value", "needs at least one interface");
    out.interface_groups[name] = std::move(list);
  }
}

}  // namespace

std::optional<SiteProfile> parse_profile(const JsonDocument& doc, const Catalog& catalog,
                                         Diagnostics& diagnostics) {
  Diagnostics found;
  JsonReader in(doc, found);
  const json& v = doc.value;
  const JsonPointer root;
  SiteProfile profile;
  profile.file = doc.file;
  if (!in.object(v, root, {"schema_version", "products", "appliance"},
                 {"zones", "roles", "features", "hostnames", "tables", "interface_addresses",
                  "interface_groups"})) {
    diagnostics.append(found);
    return std::nullopt;
  }
  std::int64_t version = 0;
  if (v.contains("schema_version") &&
      in.integer(v["schema_version"], root / "schema_version", 0, 1000000, version) &&
      version != kProfileSchemaVersion) {
    in.error(root / "schema_version", "schema-version",
             "unsupported schema_version " + std::to_string(version) + " (this fwaudit reads " +
                 std::to_string(kProfileSchemaVersion) + ')');
  }
  if (v.contains("products") &&
      in.string_list(v["products"], root / "products", profile.products)) {
    if (profile.products.empty()) {
      in.error(root / "products", "bad-value", "name at least one deployed product");
    }
    for (std::size_t i = 0; i < profile.products.size(); ++i) {
      if (catalog.find_product(profile.products[i]) == nullptr) {
        in.error(root / "products" / i, "unknown-product",
                 "unknown product \"" + profile.products[i] + "\" (see `fwaudit catalog list`)");
      }
    }
  }
  if (v.contains("zones")) read_zones(in, v["zones"], root / "zones", profile);
  if (v.contains("appliance")) read_appliance(in, v["appliance"], root / "appliance", profile);
  if (v.contains("roles")) read_roles(in, v["roles"], root / "roles", profile);
  if (v.contains("features")) read_features(in, v["features"], root / "features", catalog, profile);
  if (v.contains("hostnames")) {
    read_hostnames(in, v["hostnames"], root / "hostnames", profile);
    if (v["hostnames"].is_object()) {
      check_hostname_hints(in, v["hostnames"], root / "hostnames", catalog, profile);
    }
  }
  if (v.contains("tables")) read_tables(in, v["tables"], root / "tables", profile);
  if (v.contains("interface_addresses"))
    read_interface_addresses(in, v["interface_addresses"], root / "interface_addresses", profile);
  if (v.contains("interface_groups"))
    read_interface_groups(in, v["interface_groups"], root / "interface_groups", profile);
  bool ok = !found.has_errors();
  diagnostics.append(found);
  if (!ok) return std::nullopt;
  return profile;
}

std::optional<SiteProfile> load_profile_file(const std::filesystem::path& path,
                                             const Catalog& catalog, Diagnostics& diagnostics) {
  auto doc = read_json_document(path, diagnostics);
  if (!doc) return std::nullopt;
  return parse_profile(*doc, catalog, diagnostics);
}

}  // namespace fwaudit::catalog
