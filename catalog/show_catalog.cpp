// catalog/show_catalog.cpp
#include "catalog/show_catalog.hpp"

#include <algorithm>

#include "catalog/roles.hpp"

namespace fwaudit::catalog {

namespace {

// Display width of UTF-8 text: characters, East Asian wide ones counted twice (titles of the
// Japanese document).
std::size_t display_width(const std::string& s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t length = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    width += length >= 3 ? 2 : 1;
    i += length;
  }
  return width;
}

// Rows of cells -> lines with columns padded to the widest cell (last column unpadded).
std::string table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (std::size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], display_width(row[i]));
    }
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line.append(widths[i] - display_width(row[i]) + 2, ' ');
    }
    out += line + '\n';
  }
  return out;
}

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::string necessity_text(const Requirement& r) {
  std::string out = to_string(r.necessity);
  if (!r.features.empty()) out += " (" + join(r.features, " or ") + ')';
  return out;
}

}  // namespace

std::string format_ports(const std::vector<PortRange>& ports) {
  std::vector<std::string> parts;
  for (const PortRange& p : ports)
    parts.push_back(p.to_string());
  return parts.empty() ? std::string("-") : join(parts, ",");
}

std::string format_product_list(const Catalog& catalog) {
  std::vector<std::vector<std::string>> rows{
      {"PRODUCT", "REQUIREMENTS", "VENDOR", "NAME", "SOURCE"}};
  for (const Product& p : catalog.products) {
    rows.push_back(
        {p.id, std::to_string(p.requirements.size()), p.vendor, p.name, p.document.file});
  }
  return table(rows);
}

std::string format_product(const Product& p) {
  std::string out = p.id + ": " + p.name + " (" + p.vendor + ")\n";
  if (!p.versions.empty()) out += "versions: " + join(p.versions, "; ") + '\n';
  out += "document: " + p.document.file + " \"" + p.document.title + "\" [" + p.document.language +
         "]\n";
  if (!p.document.url.empty()) out += "url: " + p.document.url + '\n';
  out += "catalog file: " + p.loaded_from + '\n';
  if (!p.features.empty()) {
    out += "features:\n";
    for (const auto& [name, description] : p.features)
      out += "  " + name + ": " + description + '\n';
  }
  out += "requirements (" + std::to_string(p.requirements.size()) + "):\n";
  std::vector<std::vector<std::string>> rows{
      {"  ID", "DIRECTION", "PEER", "TRANSPORT", "PORTS", "NECESSITY", "LINE"}};
  for (const Requirement& r : p.requirements) {
    std::string direction = to_string(r.direction);
    if (r.applies_to != kRoleAppliance) direction = r.applies_to + ' ' + direction;
    rows.push_back({"  " + r.id.substr(p.id.size() + 1), direction, r.peer, to_string(r.transport),
                    format_ports(r.ports), necessity_text(r), std::to_string(r.source.line)});
  }
  return out + table(rows);
}

std::string format_requirement(const Product& p, const Requirement& r) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"id:", r.id});
  rows.push_back({"product:", p.id + " (" + p.name + ')'});
  rows.push_back({"summary:", r.summary});
  if (r.applies_to != kRoleAppliance) rows.push_back({"applies to:", r.applies_to});
  rows.push_back({"direction:", to_string(r.direction)});
  rows.push_back({"peer:", r.peer});
  rows.push_back({"transport:", to_string(r.transport)});
  rows.push_back({"ports:", format_ports(r.ports)});
  if (!r.hostnames.empty()) rows.push_back({"hostnames:", join(r.hostnames, ", ")});
  if (!r.networks.empty()) {
    std::vector<std::string> nets;
    for (const IpPrefix& n : r.networks)
      nets.push_back(n.to_string());
    rows.push_back({"networks:", join(nets, ", ")});
  }
  rows.push_back({"necessity:", necessity_text(r)});
  if (!r.flags.empty()) {
    std::vector<std::string> flags;
    for (Flag f : r.flags)
      flags.push_back(to_string(f));
    rows.push_back({"flags:", join(flags, ", ")});
  }
  std::string source = r.source.to_string();
  if (!r.source.related_lines.empty()) {
    std::vector<std::string> lines;
    for (auto l : r.source.related_lines)
      lines.push_back(std::to_string(l));
    source += (lines.size() == 1 ? " (also line " : " (also lines ") + join(lines, ", ") + ')';
  }
  rows.push_back({"source:", source});
  for (const std::string& note : r.notes)
    rows.push_back({"note:", note});
  return table(rows);
}

std::string format_roles() {
  std::vector<std::vector<std::string>> rows{{"ROLE", "MEANING"}};
  for (const RoleInfo& r : roles())
    rows.push_back({std::string(r.name), std::string(r.description)});
  return table(rows);
}

}  // namespace fwaudit::catalog
