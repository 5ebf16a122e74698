// parsers/pf/source_text.cpp
#include "parsers/pf/source_text.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace fwaudit::pf {

namespace fs = std::filesystem;

std::uint32_t SourceMap::add_file(std::string name, std::string contents) {
  File f;
  f.name = std::move(name);
  f.contents = std::move(contents);
  f.line_starts.push_back(0);
  for (std::uint32_t i = 0; i < f.contents.size(); ++i) {
    if (f.contents[i] == '\n') f.line_starts.push_back(i + 1);
  }
  files_.push_back(std::move(f));
  return static_cast<std::uint32_t>(files_.size() - 1);
}

std::string SourceMap::logical_line(std::uint32_t file, std::uint32_t line) const {
  if (file >= files_.size()) return {};
  const File& f = files_[file];
  std::string out;
  for (std::uint32_t l = line; l >= 1 && l <= f.line_starts.size(); ++l) {
    std::uint32_t begin = f.line_starts[l - 1];
    std::uint32_t end = l < f.line_starts.size() ? f.line_starts[l] - 1
                                                 : static_cast<std::uint32_t>(f.contents.size());
    std::string_view text(f.contents.data() + begin, end - begin);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    bool continued = !text.empty() && text.back() == '\\';
    if (continued) text.remove_suffix(1);
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
      text.remove_prefix(1);
    if (l != line && !out.empty() && out.back() != ' ') out += ' ';
    out += text;
    if (!continued) break;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t'))
    out.pop_back();
  return out;
}

SourceLocation SourceMap::locate(std::uint32_t file, std::uint32_t line,
                                 std::uint32_t column) const {
  SourceLocation loc;
  if (file < files_.size()) loc.file = files_[file].name;
  loc.line = line;
  loc.column = column;
  loc.text = logical_line(file, line);
  return loc;
}

SourceLocation SourceMap::locate(std::uint32_t out_offset) const {
  if (segments_.empty()) return {};
  auto it = std::upper_bound(segments_.begin(), segments_.end(), out_offset,
                             [](std::uint32_t off, const Segment& s) { return off < s.out; });
  if (it != segments_.begin()) --it;
  const Segment& s = *it;
  std::uint32_t column = s.column + (s.expansion ? 0 : out_offset - s.out);
  return locate(s.file, s.line, column);
}

namespace {

constexpr int kMaxIncludeDepth = 16;

bool is_macro_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Characters after which a `$` starts a new token (pfctl expands macros at token starts only).
bool ends_token(char c) {
  return c == ' ' || c == '\t' || c == '{' || c == '}' || c == '(' || c == ')' || c == '<' ||
         c == '>' || c == '!' || c == '=' || c == '/' || c == ',' || c == '"';
}

// One physical line's part of a logical line.
struct Piece {
  std::uint32_t joined = 0;  // offset in the joined logical line
  std::uint32_t line = 0;
  std::uint32_t column = 1;
};

struct LogicalLine {
  std::string text;
  std::vector<Piece> pieces;
};

class Preprocessor {
 public:
  Preprocessor(Preprocessed& out, const ParseOptions& options) : out_(out), options_(options) {}

  void run(const std::string& file, std::string_view text) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(fs::absolute(fs::path(file), ec), ec);
    base_ = p.parent_path();
    process(file, std::string(text), p, 0);
  }

 private:
  Preprocessed& out_;
  const ParseOptions& options_;
  fs::path base_;
  std::vector<fs::path> stack_;
  std::map<std::string, std::string> macros_;

  SourceLocation at(std::uint32_t file, std::uint32_t line, std::uint32_t col) const {
    return out_.map.locate(file, line, col);
  }

  void process(const std::string& name, std::string contents, const fs::path& canonical,
               int depth) {
    // Binary input: a NUL byte or other control bytes pfctl's lexer would reject.
    for (std::size_t i = 0; i < contents.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(contents[i]);
      if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')) {
        std::uint32_t line = 1 + static_cast<std::uint32_t>(
                                     std::count(contents.begin(), contents.begin() + i, '\n'));
        std::size_t nl = contents.rfind('\n', i);
        std::uint32_t col = static_cast<std::uint32_t>(nl == std::string::npos ? i + 1 : i - nl);
        Diagnostic d;
        d.severity = Severity::error;
        d.code = "binary-input";
        d.message = "unexpected control byte in the file (expected pf.conf text)";
        d.location = {name, line, col, {}};
        out_.diagnostics.add(std::move(d));
        return;
      }
    }
    std::uint32_t file = out_.map.add_file(name, contents);
    out_.files.push_back(name);
    stack_.push_back(canonical);
    const std::string& data = contents;
    std::uint32_t line_no = 0;
    std::size_t pos = 0;
    while (pos < data.size()) {
      LogicalLine logical;
      // Join physical lines ending with a backslash.
      while (pos < data.size()) {
        ++line_no;
        std::size_t end = data.find('\n', pos);
        if (end == std::string::npos) end = data.size();
        std::string_view phys(data.data() + pos, end - pos);
        pos = end + 1;
        if (!phys.empty() && phys.back() == '\r') phys.remove_suffix(1);
        bool continued = !phys.empty() && phys.back() == '\\';
        if (continued) phys.remove_suffix(1);
        logical.pieces.push_back({static_cast<std::uint32_t>(logical.text.size()), line_no, 1});
        logical.text += phys;
        if (!continued) break;
        logical.text += ' ';
      }
      strip_comment(logical.text);
      handle_line(file, logical, canonical, depth);
    }
    stack_.pop_back();
  }

  static void strip_comment(std::string& s) {
    bool quoted = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '"') quoted = !quoted;
      if (s[i] == '#' && !quoted) {
        s.resize(i);
        return;
      }
    }
  }

  static Piece piece_at(const LogicalLine& l, std::size_t i) {
    Piece p = l.pieces.front();
    for (const Piece& q : l.pieces) {
      if (q.joined <= i) p = q;
    }
    p.column = static_cast<std::uint32_t>(1 + (i - p.joined));
    return p;
  }

  void handle_line(std::uint32_t file, const LogicalLine& l, const fs::path& canonical, int depth) {
    const std::string& s = l.text;
    std::size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\f'))
      ++i;
    if (i == s.size()) {
      out_.text += '\n';
      return;
    }
    // include "file"
    if (s.compare(i, 7, "include") == 0 && i + 7 < s.size() &&
        (s[i + 7] == ' ' || s[i + 7] == '\t' || s[i + 7] == '"')) {
      handle_include(file, l, i, canonical, depth);
      out_.text += '\n';
      return;
    }
    // name = value
    std::size_t j = i;
    while (j < s.size() && is_macro_char(s[j]))
      ++j;
    std::size_t k = j;
    while (k < s.size() && (s[k] == ' ' || s[k] == '\t'))
      ++k;
    if (j > i && k < s.size() && s[k] == '=') {
      define_macro(file, l, i, j, k + 1);
      out_.text += '\n';
      return;
    }
    expand_into_output(file, l, i);
  }

  void handle_include(std::uint32_t file, const LogicalLine& l, std::size_t start,
                      const fs::path& canonical, int depth) {
    Piece p = piece_at(l, start);
    SourceLocation where = at(file, p.line, p.column);
    std::size_t q1 = l.text.find('"', start);
    std::size_t q2 = q1 == std::string::npos ? q1 : l.text.find('"', q1 + 1);
    if (q2 == std::string::npos) {
      out_.diagnostics.error("syntax", "expected a quoted file name after 'include'", where);
      return;
    }
    std::string target = l.text.substr(q1 + 1, q2 - q1 - 1);
    fs::path path(target);
    if (path.is_relative()) path = canonical.parent_path() / path;
    std::error_code ec;
    fs::path resolved = fs::weakly_canonical(path, ec);
    if (ec) resolved = path.lexically_normal();
    if (depth + 1 > kMaxIncludeDepth) {
      out_.diagnostics.error("include-depth",
                             "includes nested deeper than " + std::to_string(kMaxIncludeDepth) +
                                 " levels (expected a bounded include chain)",
                             where);
      return;
    }
    if (!options_.allow_include_outside) {
      auto rel = resolved.lexically_relative(base_);
      if (rel.empty() || *rel.begin() == "..") {
        out_.diagnostics.error("include-outside",
                               "include of '" + target +
                                   "' leaves the configuration's folder (allow it with "
                                   "--allow-include-outside)",
                               where);
        return;
      }
    }
    if (std::find(stack_.begin(), stack_.end(), resolved) != stack_.end()) {
      out_.diagnostics.error("include-loop",
                             "include of '" + target +
                                 "' forms a loop (the file is already "
                                 "being read)",
                             where);
      return;
    }
    std::ifstream in(resolved, std::ios::binary);
    if (!in) {
      out_.diagnostics.error("include-unreadable", "cannot read included file '" + target + "'",
                             where);
      return;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    // The included file's statements go on their own lines.
    if (!out_.text.empty() && out_.text.back() != '\n') out_.text += '\n';
    process(fs::path(target).is_absolute() ? target : relative_name(file, target), buffer.str(),
            resolved, depth + 1);
  }

  // The included file's name as the user would write it: relative to the including file.
  std::string relative_name(std::uint32_t file, const std::string& target) const {
    fs::path including(out_.map.file_name(file));
    return (including.parent_path() / target).lexically_normal().string();
  }

  void define_macro(std::uint32_t file, const LogicalLine& l, std::size_t name_begin,
                    std::size_t name_end, std::size_t value_begin) {
    const std::string& s = l.text;
    Macro m;
    m.name = s.substr(name_begin, name_end - name_begin);
    Piece p = piece_at(l, name_begin);
    m.location = at(file, p.line, p.column);
    std::string value;
    bool ok = true;
    std::size_t i = value_begin;
    auto add = [&value](std::string_view token) {
      if (!value.empty()) value += ' ';
      value += token;
    };
    while (i < s.size()) {
      char c = s[i];
      if (c == ' ' || c == '\t') {
        ++i;
      } else if (c == '"') {
        std::size_t end = s.find('"', i + 1);
        if (end == std::string::npos) {
          Piece q = piece_at(l, i);
          out_.diagnostics.error("syntax", "unterminated quoted string (expected a closing '\"')",
                                 at(file, q.line, q.column));
          ok = false;
          break;
        }
        add(std::string_view(s).substr(i + 1, end - i - 1));
        i = end + 1;
      } else if (c == '$') {
        std::size_t e = i + 1;
        while (e < s.size() && is_macro_char(s[e]))
          ++e;
        std::string name = s.substr(i + 1, e - i - 1);
        auto it = macros_.find(name);
        if (it == macros_.end()) {
          Piece q = piece_at(l, i);
          out_.diagnostics.error("undefined-macro",
                                 "macro '" + name +
                                     "' is not defined (expected a macro defined on an earlier "
                                     "line)",
                                 at(file, q.line, q.column));
          ok = false;
        } else {
          add(it->second);
        }
        i = e;
      } else {
        std::size_t e = i;
        while (e < s.size() && s[e] != ' ' && s[e] != '\t' && s[e] != '"')
          ++e;
        add(std::string_view(s).substr(i, e - i));
        i = e;
      }
    }
    if (!ok) return;
    m.value = value;
    macros_[m.name] = value;
    out_.macros.push_back(std::move(m));
  }

  void expand_into_output(std::uint32_t file, const LogicalLine& l, std::size_t start) {
    const std::string& s = l.text;
    std::uint32_t line_out = static_cast<std::uint32_t>(out_.text.size());
    bool quoted = false;
    bool need_segment = true;
    std::size_t piece_index = 0;
    for (std::size_t i = start; i < s.size(); ++i) {
      while (piece_index + 1 < l.pieces.size() && l.pieces[piece_index + 1].joined <= i) {
        ++piece_index;
        need_segment = true;
      }
      char c = s[i];
      if (c == '"') quoted = !quoted;
      if (c == '$' && !quoted && (i == start || ends_token(s[i - 1])) && i + 1 < s.size() &&
          is_macro_char(s[i + 1])) {
        std::size_t e = i + 1;
        while (e < s.size() && is_macro_char(s[e]))
          ++e;
        std::string name = s.substr(i + 1, e - i - 1);
        const Piece& p = l.pieces[piece_index];
        std::uint32_t col = static_cast<std::uint32_t>(1 + i - p.joined);
        auto it = macros_.find(name);
        if (it == macros_.end()) {
          out_.diagnostics.error("undefined-macro",
                                 "macro '" + name +
                                     "' is not defined (expected a macro defined on an earlier "
                                     "line)",
                                 at(file, p.line, col));
          out_.poisoned_lines.push_back(line_out);
        } else {
          out_.map.add_segment(
              {static_cast<std::uint32_t>(out_.text.size()), file, p.line, col, true});
          out_.text += it->second;
        }
        need_segment = true;
        i = e - 1;
        continue;
      }
      if (need_segment) {
        const Piece& p = l.pieces[piece_index];
        out_.map.add_segment({static_cast<std::uint32_t>(out_.text.size()), file, p.line,
                              static_cast<std::uint32_t>(1 + i - p.joined), false});
        need_segment = false;
      }
      out_.text += (c == '\f' ? ' ' : c);
    }
    out_.text += '\n';
  }
};

}  // namespace

Preprocessed preprocess(const std::string& file, std::string_view text,
                        const ParseOptions& options) {
  Preprocessed out;
  Preprocessor(out, options).run(file, text);
  return out;
}

std::vector<StatementText> split_statements(const Preprocessed& source, Diagnostics& diagnostics) {
  std::vector<StatementText> out;
  const std::string& t = source.text;
  std::size_t begin = 0;
  int depth = 0;
  bool quoted = false;
  std::vector<std::size_t> opens;
  bool broken = false;
  auto poisoned = [&source](std::size_t b, std::size_t e) {
    for (std::uint32_t p : source.poisoned_lines) {
      if (p >= b && p < e) return true;
    }
    return false;
  };
  auto flush = [&](std::size_t end) {
    std::string_view s(t.data() + begin, end - begin);
    std::size_t skip = 0;
    while (skip < s.size() && (s[skip] == ' ' || s[skip] == '\t' || s[skip] == '\n'))
      ++skip;
    if (skip < s.size() && !broken && !poisoned(begin, end)) {
      out.push_back({s.substr(skip), static_cast<std::uint32_t>(begin + skip)});
    }
    broken = false;
    begin = end + 1;
  };
  for (std::size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c == '\n') quoted = false;
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '{') {
      ++depth;
      opens.push_back(i);
    } else if (c == '}') {
      if (depth == 0) {
        diagnostics.error("unbalanced-braces", "'}' without a matching '{'",
                          source.map.locate(static_cast<std::uint32_t>(i)));
        broken = true;
      } else {
        --depth;
        opens.pop_back();
      }
    } else if (c == '\n' && depth == 0) {
      flush(i);
    }
  }
  if (depth > 0) {
    diagnostics.error(
        "unbalanced-braces",
        "unbalanced braces: expected '}' to close this '{' before the end of the file",
        source.map.locate(static_cast<std::uint32_t>(opens.front())));
    broken = true;
  }
  if (begin < t.size()) flush(t.size());
  return out;
}

}  // namespace fwaudit::pf
