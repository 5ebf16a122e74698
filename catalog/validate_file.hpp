// catalog/validate_file.hpp
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "analyzer/diagnostic.hpp"

namespace fwaudit::catalog {

enum class FileKind { invalid, catalog, profile };
const char* to_string(FileKind k);

struct ValidationResult {
  FileKind kind = FileKind::invalid;
  bool valid = false;
  std::string
      summary;  // "product clearswift-seg, 58 requirements" / "1 product(s), 3 zone(s), ..."
};

// `fwaudit catalog validate FILE`: checks a catalog file on its own, or a site profile against the
// built-in catalog plus `user_catalogs`. `kind` invalid = decide from the content (an object with
// "requirements" is a catalog, one with "appliance", "zones" or "roles" a profile).
ValidationResult validate_file(const std::filesystem::path& path, FileKind kind,
                               const std::vector<std::filesystem::path>& user_catalogs,
                               Diagnostics& diagnostics);

}  // namespace fwaudit::catalog
