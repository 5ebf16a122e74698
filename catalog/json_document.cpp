// catalog/json_document.cpp
#include "catalog/json_document.hpp"

#include <fstream>
#include <functional>
#include <iterator>
#include <set>

namespace fwaudit::catalog {

namespace {

// A minimal scanner over well-formed JSON text (it was parsed before), used only to find where a
// value starts; nothing here allocates per token except object keys being compared.
class PointerScanner {
 public:
  explicit PointerScanner(std::string_view text) : text_(text) {}

  // Offset of the value (or member key) named by `tokens`; the deepest one found otherwise.
  std::size_t find(const std::vector<std::string>& tokens) {
    skip_space();
    std::size_t found = pos_;
    for (const std::string& token : tokens) {
      if (pos_ >= text_.size()) break;
      if (text_[pos_] == '{') {
        if (!enter_member(token)) break;
        found = key_start_;
      } else if (text_[pos_] == '[') {
        if (!enter_element(token)) break;
        found = pos_;
      } else {
        break;
      }
    }
    return found;
  }

 private:
  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }

  // At '"': reads a string, leaves pos_ after the closing quote. Decodes simple escapes only
  // (enough to compare keys; \u escapes are kept verbatim).
  std::string read_string() {
    std::string out;
    ++pos_;
    while (pos_ < text_.size() && text_[pos_] != '"') {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) {
        char c = text_[pos_ + 1];
        switch (c) {
          case 'n':
            out += '\n';
            break;
          case 't':
            out += '\t';
            break;
          case 'r':
            out += '\r';
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'u':
            out += "\\u";
            break;
          default:
            out += c;
            break;
        }
        pos_ += 2;
      } else {
        out += text_[pos_++];
      }
    }
    ++pos_;
    return out;
  }

  void skip_value() {
    skip_space();
    if (pos_ >= text_.size()) return;
    char c = text_[pos_];
    if (c == '"') {
      read_string();
      return;
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      while (pos_ < text_.size()) {
        char d = text_[pos_];
        if (d == '"') {
          read_string();
          continue;
        }
        if (d == '{' || d == '[') ++depth;
        if (d == '}' || d == ']') {
          --depth;
          if (depth == 0) {
            ++pos_;
            return;
          }
        }
        ++pos_;
      }
      return;
    }
    while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '}' && text_[pos_] != ']')
      ++pos_;
  }

  bool enter_member(const std::string& key) {
    ++pos_;  // '{'
    for (;;) {
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != '"') return false;
      key_start_ = pos_;
      std::string name = read_string();
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != ':') return false;
      ++pos_;
      skip_space();
      if (name == key) return true;
      skip_value();
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != ',') return false;
      ++pos_;
    }
  }

  bool enter_element(const std::string& token) {
    std::size_t index = 0;
    for (char c : token) {
      if (c < '0' || c > '9') return false;
      index = index * 10 + static_cast<std::size_t>(c - '0');
    }
    ++pos_;  // '['
    for (std::size_t i = 0;; ++i) {
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] == ']') return false;
      if (i == index) return true;
      skip_value();
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != ',') return false;
      ++pos_;
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t key_start_ = 0;
};

std::vector<std::string> tokens_of(const JsonPointer& pointer) {
  std::vector<std::string> tokens;
  JsonPointer p = pointer;
  while (!p.empty()) {
    tokens.insert(tokens.begin(), p.back());
    p.pop_back();
  }
  return tokens;
}

// "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..." -> the part
// after the position.
std::string syntax_message(const std::string& what) {
  auto column = what.find("column ");
  auto colon = what.find(": ", column == std::string::npos ? 0 : column);
  if (colon == std::string::npos) return what;
  return what.substr(colon + 2);
}

// Tracks where the parser is (as a JSON pointer) to find keys repeated in one object, which
// nlohmann::json would silently collapse to the last value.
class DuplicateKeyFinder {
 public:
  bool operator()(int /*depth*/, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    switch (event) {
      case Event::object_start:
        frames_.push_back({false, 0, {}, {}});
        break;
      case Event::array_start:
        frames_.push_back({true, 0, {}, {}});
        break;
      case Event::key: {
        Frame& top = frames_.back();
        top.key = parsed.get<std::string>();
        if (!top.keys.insert(top.key).second) duplicates_.push_back(pointer());
        break;
      }
      case Event::value:
        if (!frames_.empty() && frames_.back().is_array) ++frames_.back().index;
        break;
      case Event::object_end:
      case Event::array_end:
        frames_.pop_back();
        if (!frames_.empty() && frames_.back().is_array) ++frames_.back().index;
        break;
    }
    return true;
  }

  const std::vector<JsonPointer>& duplicates() const { return duplicates_; }

 private:
  struct Frame {
    bool is_array;
    std::size_t index;
    std::string key;
    std::set<std::string> keys;
  };

  JsonPointer pointer() const {
    JsonPointer p;
    for (const Frame& f : frames_)
      p = f.is_array ? p / f.index : p / f.key;
    return p;
  }

  std::vector<Frame> frames_;
  std::vector<JsonPointer> duplicates_;
};

}  // namespace

std::pair<std::uint32_t, std::uint32_t> line_column(std::string_view text, std::size_t offset) {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {  // count characters, not UTF-8 continuation bytes
      ++column;
    }
  }
  return {line, column};
}

SourceLocation JsonDocument::locate(const JsonPointer& pointer) const {
  PointerScanner scanner(text);
  std::size_t offset = scanner.find(tokens_of(pointer));
  auto [line, column] = line_column(text, offset);
  return {file, line, column, {}};
}

void JsonDocument::error(Diagnostics& diagnostics, const JsonPointer& pointer, std::string code,
                         const std::string& message) const {
  std::string where = pointer.empty() ? std::string("/") : pointer.to_string();
  diagnostics.error(std::move(code), where + ": " + message, locate(pointer));
}

std::optional<JsonDocument> parse_json_document(std::string file, std::string text,
                                                Diagnostics& diagnostics) {
  JsonDocument doc{std::move(file), std::move(text), {}};
  DuplicateKeyFinder finder;
  try {
    doc.value = nlohmann::json::parse(doc.text, std::ref(finder));
  } catch (const nlohmann::json::parse_error& e) {
    std::size_t offset = e.byte == 0 ? 0 : e.byte - 1;
    auto [line, column] = line_column(doc.text, offset);
    diagnostics.error("json-syntax", "invalid JSON: " + syntax_message(e.what()),
                      {doc.file, line, column, {}});
    return std::nullopt;
  }
  for (const JsonPointer& key : finder.duplicates()) {
    doc.error(diagnostics, key, "duplicate-key",
              "key \"" + key.back() + "\" appears more than once in this object");
  }
  if (!finder.duplicates().empty()) return std::nullopt;
  return doc;
}

std::optional<JsonDocument> read_json_document(const std::filesystem::path& path,
                                               Diagnostics& diagnostics) {
  std::error_code ec;
  const char* why = nullptr;
  if (!std::filesystem::exists(path, ec)) {
    why = "no such file";
  } else if (std::filesystem::is_directory(path, ec)) {
    why = "is a directory";
  }
  std::ifstream in;
  if (why == nullptr) {
    in.open(path, std::ios::binary);
    if (!in) why = "permission denied or not readable";
  }
  if (why != nullptr) {
    diagnostics.error("unreadable", std::string("cannot read file: ") + why,
                      {path.string(), 0, 0, {}});
    return std::nullopt;
  }
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return parse_json_document(path.string(), std::move(text), diagnostics);
}

}  // namespace fwaudit::catalog
