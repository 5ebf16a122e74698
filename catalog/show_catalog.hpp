// catalog/show_catalog.hpp
#pragma once

#include <string>

#include "catalog/catalog.hpp"

namespace fwaudit::catalog {

// Text views of the catalog for `fwaudit catalog list | show` (plain text, aligned columns).
std::string format_product_list(const Catalog& catalog);
std::string format_product(const Product& product);
std::string format_requirement(const Product& product, const Requirement& requirement);
std::string format_roles();

// "25, 41000-41100"
std::string format_ports(const std::vector<PortRange>& ports);

}  // namespace fwaudit::catalog
