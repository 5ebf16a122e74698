// catalog/catalog_json.hpp
#pragma once

#include <nlohmann/json.hpp>

#include "catalog/catalog.hpp"

namespace fwaudit::catalog {

// Writers in the catalog file format (catalog/README.md), keys in a stable order. Reading a
// written product back gives the same product.
nlohmann::ordered_json to_json(const Requirement& r);
nlohmann::ordered_json to_json(const Product& p);
// {"schema_version", "products": [...]}: what `fwaudit catalog list --format json` prints.
nlohmann::ordered_json to_json(const Catalog& c);

}  // namespace fwaudit::catalog
