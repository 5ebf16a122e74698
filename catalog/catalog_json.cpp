// catalog/catalog_json.cpp
#include "catalog/catalog_json.hpp"

namespace fwaudit::catalog {

namespace {

nlohmann::ordered_json port_json(const PortRange& p) {
  if (p.first == p.last) return p.first;
  return p.to_string();
}

}  // namespace

nlohmann::ordered_json to_json(const Requirement& r) {
  nlohmann::ordered_json j;
  j["id"] = r.id;
  j["summary"] = r.summary;
  if (r.applies_to != "appliance") j["applies_to"] = r.applies_to;
  j["direction"] = to_string(r.direction);
  j["peer"] = r.peer;
  j["transport"] = to_string(r.transport);
  if (!r.ports.empty()) {
    auto& ports = j["ports"] = nlohmann::ordered_json::array();
    for (const PortRange& p : r.ports)
      ports.push_back(port_json(p));
  }
  if (!r.hostnames.empty()) j["hostnames"] = r.hostnames;
  if (!r.networks.empty()) {
    auto& networks = j["networks"] = nlohmann::ordered_json::array();
    for (const IpPrefix& n : r.networks) {
      networks.push_back(n.to_string());
    }
  }
  j["necessity"] = to_string(r.necessity);
  if (!r.features.empty()) j["features"] = r.features;
  if (!r.flags.empty()) {
    auto& flags = j["flags"] = nlohmann::ordered_json::array();
    for (Flag f : r.flags)
      flags.push_back(to_string(f));
  }
  if (!r.notes.empty()) j["notes"] = r.notes;
  auto& source = j["source"];
  source["file"] = r.source.file;
  source["line"] = r.source.line;
  if (!r.source.related_lines.empty()) source["related_lines"] = r.source.related_lines;
  return j;
}

nlohmann::ordered_json to_json(const Product& p) {
  nlohmann::ordered_json j;
  j["schema_version"] = kCatalogSchemaVersion;
  j["id"] = p.id;
  j["name"] = p.name;
  j["vendor"] = p.vendor;
  j["versions"] = p.versions;
  auto& doc = j["document"];
  doc["file"] = p.document.file;
  doc["title"] = p.document.title;
  doc["language"] = p.document.language;
  if (!p.document.url.empty()) doc["url"] = p.document.url;
  if (!p.features.empty()) {
    auto& features = j["features"] = nlohmann::ordered_json::object();
    for (const auto& [name, description] : p.features)
      features[name] = description;
  }
  auto& requirements = j["requirements"] = nlohmann::ordered_json::array();
  for (const Requirement& r : p.requirements)
    requirements.push_back(to_json(r));
  return j;
}

nlohmann::ordered_json to_json(const Catalog& c) {
  nlohmann::ordered_json j;
  j["schema_version"] = kCatalogSchemaVersion;
  auto& products = j["products"] = nlohmann::ordered_json::array();
  for (const Product& p : c.products)
    products.push_back(to_json(p));
  return j;
}

}  // namespace fwaudit::catalog
