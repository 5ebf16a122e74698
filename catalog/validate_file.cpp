// catalog/validate_file.cpp
#include "catalog/validate_file.hpp"

#include "catalog/load_catalog.hpp"
#include "catalog/load_profile.hpp"

namespace fwaudit::catalog {

const char* to_string(FileKind k) {
  switch (k) {
    case FileKind::catalog:
      return "catalog";
    case FileKind::profile:
      return "profile";
    case FileKind::invalid:
      break;
  }
  return "invalid";
}

ValidationResult validate_file(const std::filesystem::path& path, FileKind kind,
                               const std::vector<std::filesystem::path>& user_catalogs,
                               Diagnostics& diagnostics) {
  ValidationResult result;
  auto doc = read_json_document(path, diagnostics);
  if (!doc) return result;
  if (kind == FileKind::invalid) {
    const auto& v = doc->value;
    bool profile = v.is_object() && !v.contains("requirements") &&
                   (v.contains("appliance") || v.contains("zones") || v.contains("roles"));
    kind = profile ? FileKind::profile : FileKind::catalog;
  }
  result.kind = kind;
  if (kind == FileKind::catalog) {
    auto product = parse_product(*doc, diagnostics);
    if (!product) return result;
    result.valid = true;
    result.summary = "product " + product->id + ", " +
                     std::to_string(product->requirements.size()) + " requirements";
    return result;
  }
  Diagnostics catalog_diagnostics;
  Catalog catalog = load_catalog(user_catalogs, catalog_diagnostics);
  diagnostics.append(catalog_diagnostics);
  if (catalog_diagnostics.has_errors()) return result;
  auto profile = parse_profile(*doc, catalog, diagnostics);
  if (!profile) return result;
  result.valid = true;
  result.summary = std::to_string(profile->products.size()) + " product(s), " +
                   std::to_string(profile->zones.size()) + " zone(s), " +
                   std::to_string(profile->roles.size()) + " role binding(s)" +
                   (profile->appliance.host_firewall ? ", host firewall mode" : "");
  return result;
}

}  // namespace fwaudit::catalog
