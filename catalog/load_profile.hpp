// catalog/load_profile.hpp
#pragma once

#include <filesystem>
#include <optional>

#include "analyzer/diagnostic.hpp"
#include "catalog/catalog.hpp"
#include "catalog/json_document.hpp"
#include "catalog/site_profile.hpp"

namespace fwaudit::catalog {

// Validates a site profile (docs/profile.md) against the loaded catalog: products and features
// must exist there, roles in the shared vocabulary, zones referenced must be defined, table files
// must exist. Errors read "<file>:<line>:<col>: error: <json pointer>: <message>"; nullopt when
// any was found. Doubtful but usable entries (an appliance address outside its zone) are warnings.
std::optional<SiteProfile> parse_profile(const JsonDocument& doc, const Catalog& catalog,
                                         Diagnostics& diagnostics);
std::optional<SiteProfile> load_profile_file(const std::filesystem::path& path,
                                             const Catalog& catalog, Diagnostics& diagnostics);

}  // namespace fwaudit::catalog
