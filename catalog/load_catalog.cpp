// catalog/load_catalog.cpp
#include "catalog/load_catalog.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "catalog/json_reader.hpp"
#include "catalog/roles.hpp"

#ifndef FWAUDIT_BUILTIN_CATALOG_DIR
#define FWAUDIT_BUILTIN_CATALOG_DIR ""
#endif

namespace fwaudit::catalog {

namespace {

using nlohmann::json;

bool is_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

bool valid_feature_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string lowercase(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// "25" / 25 / "41000-41100" -> a range; reports and returns nullopt otherwise.
std::optional<PortRange> read_port(const JsonReader& in, const json& v, const JsonPointer& where) {
  auto bad = [&](const std::string& message) {
    in.error(where, "bad-port", message);
    return std::nullopt;
  };
  if (v.is_number_integer()) {
    std::int64_t port = 0;
    if (v.is_number_unsigned() ? v.get<std::uint64_t>() == 0 : v.get<std::int64_t>() < 1) {
      return bad("port " + std::to_string(v.get<std::int64_t>()) + " is out of range 1..65535");
    }
    if (v.get<std::uint64_t>() > 65535) {
      return bad("port " + std::to_string(v.get<std::uint64_t>()) + " is out of range 1..65535");
    }
    port = v.get<std::int64_t>();
    auto p = static_cast<std::uint16_t>(port);
    return PortRange{p, p};
  }
  if (!v.is_string()) {
    return bad("expected a port number or a range \"first-last\", got " + json_type_name(v));
  }
  const std::string& text = v.get_ref<const std::string&>();
  auto parse_number = [](std::string_view s) -> std::optional<std::uint32_t> {
    if (s.empty() || s.size() > 5) return std::nullopt;
    std::uint32_t n = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return std::nullopt;
      n = n * 10 + static_cast<std::uint32_t>(c - '0');
    }
    return n;
  };
  auto dash = text.find('-');
  auto first = parse_number(std::string_view(text).substr(0, dash));
  auto last =
      dash == std::string::npos ? first : parse_number(std::string_view(text).substr(dash + 1));
  if (!first || !last) {
    return bad("\"" + text + "\" is not a port number or a range \"first-last\"");
  }
  if (*first < 1 || *first > 65535 || *last < 1 || *last > 65535) {
    return bad("port range \"" + text + "\" is out of range 1..65535");
  }
  if (*first > *last) return bad("port range \"" + text + "\" ends before it starts");
  return PortRange{static_cast<std::uint16_t>(*first), static_cast<std::uint16_t>(*last)};
}

bool read_role(const JsonReader& in, const json& v, const JsonPointer& where, std::string& out) {
  if (!in.string(v, where, out)) return false;
  if (find_role(out) != nullptr) return true;
  in.error(where, "unknown-role",
           "unknown role \"" + out + "\" (see `fwaudit catalog show roles` or catalog/README.md)");
  return false;
}

void read_source(const JsonReader& in, const json& v, const JsonPointer& where, SourceRef& out) {
  if (!in.object(v, where, {"file", "line"}, {"related_lines"})) return;
  if (v.contains("file")) in.string(v["file"], where / "file", out.file);
  std::int64_t line = 0;
  if (v.contains("line") && in.integer(v["line"], where / "line", 1, 10000000, line)) {
    out.line = static_cast<std::uint32_t>(line);
  }
  if (v.contains("related_lines") && in.array(v["related_lines"], where / "related_lines")) {
    const json& lines = v["related_lines"];
    for (std::size_t i = 0; i < lines.size(); ++i) {
      std::int64_t n = 0;
      if (in.integer(lines[i], where / "related_lines" / i, 1, 10000000, n)) {
        out.related_lines.push_back(static_cast<std::uint32_t>(n));
      }
    }
  }
}

Requirement read_requirement(const JsonReader& in, const json& v, const JsonPointer& where,
                             const Product& product) {
  Requirement r;
  if (!in.object(v, where,
                 {"id", "summary", "direction", "peer", "transport", "necessity", "source"},
                 {"applies_to", "ports", "hostnames", "networks", "features", "flags", "notes"})) {
    return r;
  }
  if (v.contains("id") && in.string(v["id"], where / "id", r.id) && valid_id(product.id)) {
    std::string prefix = product.id + '/';
    if (r.id.rfind(prefix, 0) != 0 || !valid_id(std::string_view(r.id).substr(prefix.size()))) {
      in.error(where / "id", "bad-id",
               "requirement id \"" + r.id + "\" must be \"" + prefix +
                   "<name>\" with a name of lowercase letters, digits, '.', '_' or '-'");
    }
  }
  if (v.contains("summary")) in.string(v["summary"], where / "summary", r.summary);
  if (v.contains("applies_to")) read_role(in, v["applies_to"], where / "applies_to", r.applies_to);
  int choice = 0;
  if (v.contains("direction") && in.choice(v["direction"], where / "direction", "direction",
                                           {"", "inbound", "outbound"}, choice)) {
    r.direction = static_cast<Direction>(choice);
  }
  if (v.contains("peer")) read_role(in, v["peer"], where / "peer", r.peer);
  if (v.contains("transport") && in.choice(v["transport"], where / "transport", "transport",
                                           {"", "tcp", "udp", "both", "icmp"}, choice)) {
    r.transport = static_cast<Transport>(choice);
  }
  if (v.contains("ports") && in.array(v["ports"], where / "ports")) {
    const json& ports = v["ports"];
    for (std::size_t i = 0; i < ports.size(); ++i) {
      if (auto p = read_port(in, ports[i], where / "ports" / i)) {
        if (std::find(r.ports.begin(), r.ports.end(), *p) != r.ports.end()) {
          in.error(where / "ports" / i, "duplicate-entry",
                   "port " + p->to_string() + " is listed twice");
        }
        r.ports.push_back(*p);
      }
    }
  }
  if (r.transport == Transport::icmp && v.contains("ports")) {
    in.error(where / "ports", "bad-port", "an icmp requirement has no ports");
  } else if (r.transport != Transport::icmp && r.transport != Transport::invalid &&
             (!v.contains("ports") || (v["ports"].is_array() && v["ports"].empty()))) {
    in.error(v.contains("ports") ? where / "ports" : where, "bad-port",
             std::string("a ") + to_string(r.transport) + " requirement needs at least one port");
  }
  if (v.contains("hostnames") && in.string_list(v["hostnames"], where / "hostnames", r.hostnames)) {
    for (std::size_t i = 0; i < r.hostnames.size(); ++i) {
      r.hostnames[i] = lowercase(r.hostnames[i]);
      if (!valid_hostname(r.hostnames[i])) {
        in.error(where / "hostnames" / i, "bad-hostname",
                 "\"" + r.hostnames[i] +
                     "\" is not a hostname (letters, digits, '-' and '*' wildcards in "
                     "dot-separated labels; addresses go to \"networks\")");
      }
    }
  }
  if (v.contains("networks") && in.array(v["networks"], where / "networks")) {
    const json& networks = v["networks"];
    for (std::size_t i = 0; i < networks.size(); ++i) {
      std::string text;
      if (!in.string(networks[i], where / "networks" / i, text)) continue;
      auto prefix = IpPrefix::parse(text);
      if (!prefix) {
        in.error(where / "networks" / i, "bad-network",
                 "\"" + text + "\" is not an IPv4/IPv6 address or CIDR block");
      } else if (prefix->first() != prefix->addr) {
        in.error(where / "networks" / i, "bad-network",
                 "\"" + text + "\" has host bits set (did you mean " +
                     IpPrefix{prefix->first(), prefix->length}.to_string() + "?)");
      } else {
        r.networks.push_back(*prefix);
      }
    }
  }
  if (v.contains("necessity") && in.choice(v["necessity"], where / "necessity", "necessity",
                                           {"", "required", "optional", "conditional"}, choice)) {
    r.necessity = static_cast<Necessity>(choice);
  }
  if (v.contains("features") && in.string_list(v["features"], where / "features", r.features)) {
    for (std::size_t i = 0; i < r.features.size(); ++i) {
      if (!product.features.contains(r.features[i])) {
        in.error(where / "features" / i, "unknown-feature",
                 "unknown feature \"" + r.features[i] + "\" (declare it in /features)");
      }
    }
  }
  if (r.necessity == Necessity::conditional && r.features.empty() && !v.contains("features")) {
    in.error(where, "missing-field", "a conditional requirement needs \"features\"");
  } else if (r.necessity == Necessity::conditional && v.contains("features") &&
             v["features"].is_array() && v["features"].empty()) {
    in.error(where / "features", "bad-value", "a conditional requirement needs a feature");
  } else if (r.necessity != Necessity::conditional && r.necessity != Necessity::invalid &&
             v.contains("features")) {
    in.error(where / "features", "bad-value",
             std::string("features apply only to conditional requirements, not ") +
                 to_string(r.necessity) + " ones");
  }
  if (v.contains("flags") && in.array(v["flags"], where / "flags")) {
    const json& flags = v["flags"];
    for (std::size_t i = 0; i < flags.size(); ++i) {
      if (in.choice(flags[i], where / "flags" / i, "flag",
                    {"", "no_ip_pinning", "no_ssl_proxy", "source_truncated"}, choice)) {
        r.flags.push_back(static_cast<Flag>(choice));
      }
    }
  }
  if (v.contains("notes")) in.string_list(v["notes"], where / "notes", r.notes);
  if (v.contains("source")) read_source(in, v["source"], where / "source", r.source);
  return r;
}

void read_document(const JsonReader& in, const json& v, const JsonPointer& where,
                   Product::Document& out) {
  if (!in.object(v, where, {"file", "title", "language"}, {"url"})) return;
  if (v.contains("file")) in.string(v["file"], where / "file", out.file);
  if (v.contains("title")) in.string(v["title"], where / "title", out.title);
  if (v.contains("language")) in.string(v["language"], where / "language", out.language);
  if (v.contains("url")) in.string(v["url"], where / "url", out.url);
}

std::filesystem::path executable_dir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : exe.parent_path();
}

}  // namespace

bool valid_id(std::string_view id) {
  return !id.empty() && id.front() != '.' && id.front() != '-' && id.front() != '_' &&
         std::all_of(id.begin(), id.end(), is_id_char);
}

bool valid_hostname(std::string_view name) {
  if (name.empty() || name.size() > 253 || IpAddress::parse(name)) return false;
  std::size_t labels = 0;
  std::size_t start = 0;
  while (start <= name.size()) {
    auto dot = name.find('.', start);
    std::string_view label = name.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (char c : label) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '*')) return false;
    }
    ++labels;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return labels >= 2;
}

std::optional<Product> parse_product(const JsonDocument& doc, Diagnostics& diagnostics) {
  Diagnostics errors;
  JsonReader in(doc, errors);
  const json& v = doc.value;
  const JsonPointer root;
  Product product;
  product.loaded_from = doc.file;
  if (!in.object(v, root,
                 {"schema_version", "id", "name", "vendor", "versions", "document", "requirements"},
                 {"features"})) {
    diagnostics.append(errors);
    return std::nullopt;
  }
  std::int64_t version = 0;
  if (v.contains("schema_version") &&
      in.integer(v["schema_version"], root / "schema_version", 0, 1000000, version) &&
      version != kCatalogSchemaVersion) {
    in.error(root / "schema_version", "schema-version",
             "unsupported schema_version " + std::to_string(version) + " (this fwaudit reads " +
                 std::to_string(kCatalogSchemaVersion) + ')');
  }
  if (v.contains("id") && in.string(v["id"], root / "id", product.id) && !valid_id(product.id)) {
    in.error(
        root / "id", "bad-id",
        "product id \"" + product.id + "\" must use lowercase letters, digits, '.', '_' or '-'");
  }
  if (v.contains("name")) in.string(v["name"], root / "name", product.name);
  if (v.contains("vendor")) in.string(v["vendor"], root / "vendor", product.vendor);
  if (v.contains("versions")) in.string_list(v["versions"], root / "versions", product.versions);
  if (v.contains("document")) read_document(in, v["document"], root / "document", product.document);
  if (v.contains("features") && in.object(v["features"], root / "features", {}, {"*"})) {
    for (const auto& [name, description] : v["features"].items()) {
      const JsonPointer where = root / "features" / name;
      if (!valid_feature_name(name)) {
        in.error(where, "bad-id",
                 "feature name \"" + name + "\" must use lowercase letters, digits and '_'");
        continue;
      }
      std::string text;
      if (in.string(description, where, text)) product.features.emplace(name, std::move(text));
    }
  }
  if (v.contains("requirements") && in.array(v["requirements"], root / "requirements")) {
    const json& requirements = v["requirements"];
    if (requirements.empty()) {
      in.error(root / "requirements", "bad-value", "a product needs at least one requirement");
    }
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < requirements.size(); ++i) {
      Requirement r = read_requirement(in, requirements[i], root / "requirements" / i, product);
      if (!r.id.empty()) {
        auto [it, inserted] = seen.emplace(r.id, i);
        if (!inserted) {
          in.error(root / "requirements" / i / "id", "duplicate-id",
                   "requirement id \"" + r.id + "\" is already used by /requirements/" +
                       std::to_string(it->second));
        }
      }
      product.requirements.push_back(std::move(r));
    }
  }
  bool ok = !errors.has_errors();
  diagnostics.append(errors);
  if (!ok) return std::nullopt;
  return product;
}

std::optional<Product> load_product_file(const std::filesystem::path& path,
                                         Diagnostics& diagnostics) {
  auto doc = read_json_document(path, diagnostics);
  if (!doc) return std::nullopt;
  return parse_product(*doc, diagnostics);
}

std::filesystem::path builtin_catalog_dir() {
  if (const char* env = std::getenv("FWAUDIT_CATALOG_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  std::error_code ec;
  auto exe = executable_dir();
  if (!exe.empty()) {
    auto installed = exe.parent_path() / "share" / "fwaudit" / "catalog";
    if (std::filesystem::is_directory(installed, ec)) return installed;
  }
  return FWAUDIT_BUILTIN_CATALOG_DIR;
}

std::vector<std::filesystem::path> catalog_files(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) return {path};
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
    if (entry.path().extension() == ".json" && !entry.is_directory(ec)) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

Catalog load_catalog(const std::vector<std::filesystem::path>& user_paths, Diagnostics& diagnostics,
                     bool include_builtin) {
  std::vector<std::filesystem::path> roots;
  if (include_builtin) {
    auto dir = builtin_catalog_dir();
    std::error_code ec;
    if (dir.empty() || !std::filesystem::is_directory(dir, ec)) {
      diagnostics.error("no-builtin-catalog",
                        "built-in catalog folder not found (set FWAUDIT_CATALOG_DIR)",
                        {dir.string(), 0, 0, {}});
    } else {
      roots.push_back(dir);
    }
  }
  roots.insert(roots.end(), user_paths.begin(), user_paths.end());
  Catalog catalog;
  for (const auto& root : roots) {
    for (const auto& file : catalog_files(root)) {
      auto doc = read_json_document(file, diagnostics);
      if (!doc) continue;
      auto product = parse_product(*doc, diagnostics);
      if (!product) continue;
      if (const Product* earlier = catalog.find_product(product->id)) {
        Diagnostic d{
            Severity::error,
            "duplicate-product",
            "/id: product \"" + product->id + "\" is already defined in " + earlier->loaded_from,
            doc->locate(JsonPointer("/id")),
            {{earlier->loaded_from, 0, 0, {}}}};
        diagnostics.add(std::move(d));
        continue;
      }
      catalog.products.push_back(std::move(*product));
    }
  }
  return catalog;
}

}  // namespace fwaudit::catalog
