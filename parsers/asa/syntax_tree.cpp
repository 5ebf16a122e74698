// parsers/asa/syntax_tree.cpp
#include "parsers/asa/syntax_tree.hpp"

namespace fwaudit::asa {

bool Config::pre_8_3() const {
  if (platform == "pix" || platform == "fwsm") return true;
  if (platform == "asa") return version_major < 8 || (version_major == 8 && version_minor < 3);
  return legacy_nat_seen;  // no header: the NAT commands tell
}

SourceLocation Config::location(Where w) const {
  SourceLocation l;
  l.file = file;
  l.line = w.line;
  l.column = w.column;
  if (w.line >= 1 && w.line <= lines.size()) l.text = std::string(lines[w.line - 1]);
  return l;
}

const NetworkObject* Config::network_object(std::string_view name) const {
  auto it = network_object_index.find(name);
  return it == network_object_index.end() ? nullptr : &network_objects[it->second];
}

const ServiceObject* Config::service_object(std::string_view name) const {
  auto it = service_object_index.find(name);
  return it == service_object_index.end() ? nullptr : &service_objects[it->second];
}

const ObjectGroup* Config::group(std::string_view name) const {
  auto it = group_index.find(name);
  return it == group_index.end() ? nullptr : &groups[it->second];
}

Interface* Config::interface_by_nameif(std::string_view nameif) {
  for (auto& i : interfaces)
    if (i.nameif == nameif) return &i;
  return nullptr;
}

const Interface* Config::interface_by_nameif(std::string_view nameif) const {
  for (const auto& i : interfaces)
    if (i.nameif == nameif) return &i;
  return nullptr;
}

}  // namespace fwaudit::asa
