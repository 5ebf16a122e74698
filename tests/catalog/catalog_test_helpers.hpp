// tests/catalog/catalog_test_helpers.hpp
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "analyzer/diagnostic.hpp"
#include "catalog/catalog.hpp"
#include "catalog/load_catalog.hpp"

namespace fwaudit::catalog::testing {

inline std::filesystem::path builtin_dir() {
  return std::filesystem::path(FWAUDIT_SOURCE_ROOT) / "catalog" / "data";
}

inline std::filesystem::path seeds_dir() {
  return std::filesystem::path(FWAUDIT_SHARED_DIR) / "seeds";
}

// The built-in catalog read from the source tree, with its diagnostics.
struct LoadedCatalog {
  Catalog catalog;
  Diagnostics diagnostics;
};

inline LoadedCatalog load_builtin() {
  LoadedCatalog out;
  std::vector<std::filesystem::path> files = catalog_files(builtin_dir());
  out.catalog = load_catalog(files, out.diagnostics, /*include_builtin=*/false);
  return out;
}

// All diagnostics, one per line, for CHECK messages and exact comparisons.
inline std::string all_messages(const Diagnostics& d) {
  std::string out;
  for (const auto& item : d.items())
    out += item.to_string() + '\n';
  return out;
}

// Lines of a text file (index 0 = line 1).
inline std::vector<std::string> read_lines(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

inline std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return s;
}

}  // namespace fwaudit::catalog::testing
