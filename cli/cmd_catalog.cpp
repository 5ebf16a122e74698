// cli/cmd_catalog.cpp
// `fwaudit catalog list | show ID | validate FILE`: the requirement catalog and site profiles.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "catalog/catalog_json.hpp"
#include "catalog/load_catalog.hpp"
#include "catalog/roles.hpp"
#include "catalog/show_catalog.hpp"
#include "catalog/validate_file.hpp"
#include "cli/command_registry.hpp"
#include "reports/json_common.hpp"

namespace fwaudit::cli {

namespace {

namespace cat = fwaudit::catalog;

struct CatalogOptions {
  std::vector<std::string> catalogs;
  std::string format = "text";
  std::string id;
  std::string file;
  std::string kind = "auto";
};

std::vector<std::filesystem::path> paths(const std::vector<std::string>& names) {
  return {names.begin(), names.end()};
}

void print_diagnostics(const Diagnostics& diagnostics) {
  for (const Diagnostic& d : diagnostics.items())
    std::cerr << d.to_string() << '\n';
}

// Loads built-in + user catalogs; prints every diagnostic; nullopt (exit 2) on errors.
std::optional<cat::Catalog> load(const CatalogOptions& options) {
  Diagnostics diagnostics;
  cat::Catalog catalog = cat::load_catalog(paths(options.catalogs), diagnostics);
  print_diagnostics(diagnostics);
  if (diagnostics.has_errors()) return std::nullopt;
  return catalog;
}

int run_list(const CatalogOptions& options) {
  auto catalog = load(options);
  if (!catalog) return 2;
  if (options.format == "json") {
    std::cout << cat::to_json(*catalog).dump(2) << '\n';
  } else {
    std::cout << cat::format_product_list(*catalog);
  }
  return 0;
}

int run_show(const CatalogOptions& options) {
  auto catalog = load(options);
  if (!catalog) return 2;
  const bool json = options.format == "json";
  nlohmann::ordered_json out;
  out["schema_version"] = cat::kCatalogSchemaVersion;
  if (const cat::Product* p = catalog->find_product(options.id)) {
    if (!json) {
      std::cout << cat::format_product(*p);
      return 0;
    }
    out["product"] = cat::to_json(*p);
  } else if (const cat::Requirement* r = catalog->find_requirement(options.id)) {
    const cat::Product* owner = catalog->product_of(options.id);
    if (!json) {
      std::cout << cat::format_requirement(*owner, *r);
      return 0;
    }
    out["product_id"] = owner->id;
    out["requirement"] = cat::to_json(*r);
  } else if (options.id == "roles") {
    if (!json) {
      std::cout << cat::format_roles();
      return 0;
    }
    auto& roles = out["roles"] = nlohmann::ordered_json::array();
    for (const cat::RoleInfo& role : cat::roles()) {
      roles.push_back({{"name", role.name}, {"description", role.description}});
    }
  } else {
    std::cerr << "fwaudit: catalog show: no product or requirement \"" << options.id
              << "\" (see `fwaudit catalog list`; requirement ids are PRODUCT/NAME)\n";
    return 2;
  }
  std::cout << out.dump(2) << '\n';
  return 0;
}

int run_validate(const CatalogOptions& options) {
  Diagnostics diagnostics;
  cat::FileKind kind = options.kind == "catalog"   ? cat::FileKind::catalog
                       : options.kind == "profile" ? cat::FileKind::profile
                                                   : cat::FileKind::invalid;
  cat::ValidationResult result =
      cat::validate_file(options.file, kind, paths(options.catalogs), diagnostics);
  if (options.format == "json") {
    nlohmann::ordered_json out;
    out["schema_version"] = cat::kCatalogSchemaVersion;
    out["file"] = options.file;
    out["kind"] = cat::to_string(result.kind);
    out["valid"] = result.valid;
    if (result.valid) out["summary"] = result.summary;
    out["diagnostics"] = reports::to_json(diagnostics);
    std::cout << out.dump(2) << '\n';
  } else {
    print_diagnostics(diagnostics);
    if (result.valid) {
      std::cout << options.file << ": valid " << cat::to_string(result.kind) << " ("
                << result.summary << ")\n";
    }
  }
  return result.valid ? 0 : 2;
}

void setup(CLI::App& app, CommandContext& context) {
  CLI::App* catalog = app.add_subcommand(
      "catalog", "List, show and validate the requirement catalog and site profiles");
  catalog->require_subcommand(1);
  auto options = std::make_shared<CatalogOptions>();

  auto common = [options](CLI::App* sub) {
    sub->add_option("--catalog", options->catalogs,
                    "Extra catalog file or folder of *.json files, on top of the built-in ones "
                    "(repeatable)");
    sub->add_option("--format", options->format, "Output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
  };

  CLI::App* list = catalog->add_subcommand("list",
                                           "Products and their requirement counts "
                                           "(--format json: the full catalog data)");
  common(list);
  list->callback([options, &context] { context.exit_code = run_list(*options); });

  CLI::App* show = catalog->add_subcommand(
      "show", "One product or requirement with its source; `show roles` lists the peer roles");
  show->add_option("ID", options->id, "Product id, requirement id (PRODUCT/NAME) or \"roles\"")
      ->required();
  common(show);
  show->callback([options, &context] { context.exit_code = run_show(*options); });

  CLI::App* validate =
      catalog->add_subcommand("validate", "Check a catalog file or a site profile");
  validate->add_option("FILE", options->file, "Catalog or site profile JSON file")->required();
  validate->add_option("--kind", options->kind, "What FILE is (auto: decided from its content)")
      ->check(CLI::IsMember({"auto", "catalog", "profile"}))
      ->capture_default_str();
  common(validate);
  validate->callback([options, &context] { context.exit_code = run_validate(*options); });
}

const CommandRegistration registration{50, &setup};

}  // namespace

}  // namespace fwaudit::cli
