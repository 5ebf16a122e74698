// catalog/load_catalog.hpp
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "analyzer/diagnostic.hpp"
#include "catalog/catalog.hpp"
#include "catalog/json_document.hpp"

namespace fwaudit::catalog {

// Validates one catalog document (catalog/README.md) and converts it. Every problem is reported
// as an error "<file>:<line>:<col>: error: <json pointer>: <message>"; nullopt when any was found.
std::optional<Product> parse_product(const JsonDocument& doc, Diagnostics& diagnostics);
std::optional<Product> load_product_file(const std::filesystem::path& path,
                                         Diagnostics& diagnostics);

// Where the built-in catalog files are: $FWAUDIT_CATALOG_DIR if set, else
// <exe dir>/../share/fwaudit/catalog when that exists (installed), else the source tree's
// catalog/data (build tree).
std::filesystem::path builtin_catalog_dir();

// The *.json files of a folder, sorted by name; a file path is returned as is.
std::vector<std::filesystem::path> catalog_files(const std::filesystem::path& path);

// The built-in catalog (when `include_builtin`) plus the user's catalog files or folders, in that
// order. Invalid files and product ids defined twice are errors; valid products are still loaded.
Catalog load_catalog(const std::vector<std::filesystem::path>& user_paths, Diagnostics& diagnostics,
                     bool include_builtin = true);

// Requirement and product ids: lowercase letters, digits, '.', '_' and '-', starting with a letter
// or digit.
bool valid_id(std::string_view id);
// Hostnames as the catalog accepts them (lowercase labels, '*' wildcards inside labels).
bool valid_hostname(std::string_view name);

}  // namespace fwaudit::catalog
