// cli/profile_facts.cpp
#include "cli/profile_facts.hpp"

#include <iostream>

#include "catalog/load_catalog.hpp"
#include "catalog/load_profile.hpp"
#include "cli/config_options.hpp"

namespace fwaudit::cli {

bool add_profile_file_facts(const std::string& profile_path, ParseOptions& options) {
  Diagnostics diagnostics;
  // The profile names products, which are validated against the catalog.
  catalog::Catalog catalog = catalog::load_catalog({}, diagnostics);
  auto profile = diagnostics.has_errors()
                     ? std::nullopt
                     : catalog::load_profile_file(profile_path, catalog, diagnostics);
  for (const Diagnostic& d : diagnostics.items())
    std::cerr << d.to_string() << '\n';
  if (diagnostics.has_errors() || !profile) return false;
  add_profile_facts(*profile, options);
  return true;
}

}  // namespace fwaudit::cli
