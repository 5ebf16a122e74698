// parsers/pf/source_text.hpp
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/diagnostic.hpp"
#include "parsers/parse_options.hpp"

// The lexical layer of pf.conf, as pfctl's lexer sees it: comments, `\` continuations, macro
// definitions and `$name` expansion, and `include`. The result is one text the grammar reads,
// with a map from every byte back to the file, line and column it came from.
namespace fwaudit::pf {

class SourceMap {
 public:
  // A run of output bytes copied from one place (or produced by one `$macro` expansion).
  struct Segment {
    std::uint32_t out = 0;
    std::uint32_t file = 0;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    bool expansion = false;  // every byte maps to the `$` of the macro
  };

  std::uint32_t add_file(std::string name, std::string contents);
  void add_segment(Segment s) { segments_.push_back(s); }
  const std::string& file_name(std::uint32_t file) const { return files_.at(file).name; }
  std::size_t file_count() const { return files_.size(); }

  // file:line:col of an output byte, with the logical line (continuations joined) as text.
  SourceLocation locate(std::uint32_t out_offset) const;
  SourceLocation locate(std::uint32_t file, std::uint32_t line, std::uint32_t column) const;
  // The original statement text starting at `line`: continuation lines joined with a space.
  std::string logical_line(std::uint32_t file, std::uint32_t line) const;

 private:
  struct File {
    std::string name;
    std::string contents;
    std::vector<std::uint32_t> line_starts;
  };
  std::vector<File> files_;
  std::vector<Segment> segments_;
};

struct Macro {
  std::string name;
  std::string value;
  SourceLocation location;
};

struct Preprocessed {
  std::string text;  // statements separated by '\n'; anchor bodies keep their inner newlines
  SourceMap map;
  std::vector<Macro> macros;
  std::vector<std::string> files;  // the config and every included file, in reading order
  // Output offsets of lines that had a lexical error (undefined macro): not parsed further.
  std::vector<std::uint32_t> poisoned_lines;
  Diagnostics diagnostics;
};

// Reads `text` (the contents of `file`) and everything it includes.
Preprocessed preprocess(const std::string& file, std::string_view text,
                        const ParseOptions& options);

// A statement of the preprocessed text: its bytes and where it starts.
struct StatementText {
  std::string_view text;
  std::uint32_t offset = 0;
};

// Splits the preprocessed text at newlines outside braces. Unbalanced braces are reported.
std::vector<StatementText> split_statements(const Preprocessed& source, Diagnostics& diagnostics);

}  // namespace fwaudit::pf
