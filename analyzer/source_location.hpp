// analyzer/source_location.hpp
#pragma once

#include <cstdint>
#include <string>

namespace fwaudit {

// Where something came from in an input file. Lines and columns are 1-based; column 0 means
// "whole line". `text` is the original line (or the relevant part of it), secrets already masked.
struct SourceLocation {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string text;

  bool known() const { return line != 0; }
  // "file:line:col" (or "file:line" when the column is unknown).
  std::string to_string() const;
};

}  // namespace fwaudit
