// parsers/parse_config.cpp
#include "parsers/parse_config.hpp"

#include <fstream>
#include <sstream>

#ifdef FWAUDIT_HAVE_IPTABLES
#include "parsers/iptables/parse_iptables.hpp"
#endif
#ifdef FWAUDIT_HAVE_PF
#include "parsers/pf/parse_pf.hpp"
#endif
#ifdef FWAUDIT_HAVE_ASA
#include "parsers/asa/parse_asa.hpp"
#endif

namespace fwaudit {

const char* to_string(Vendor v) {
  switch (v) {
    case Vendor::auto_detect:
      return "auto";
    case Vendor::iptables:
      return "iptables";
    case Vendor::pf:
      return "pf";
    case Vendor::asa:
      return "asa";
  }
  return "auto";
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

}  // namespace

Vendor detect_vendor(std::string_view text) {
  // Look at the first significant lines only: each vendor has unmistakable openings.
  int seen = 0;
  std::size_t pos = 0;
  while (pos < text.size() && seen < 200) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim(text.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty()) continue;
    if (line[0] == ':' && seen == 0 && line.find(' ') != std::string_view::npos &&
        line.rfind(": ", 0) != 0)
      return Vendor::iptables;  // ":INPUT ACCEPT [0:0]" (ASA's ": Saved" has a space after ':')
    if (line[0] == '#' || line[0] == '!' || line[0] == ':') continue;
    ++seen;
    if (starts_with(line, "*filter") || starts_with(line, "*nat") || starts_with(line, "*mangle") ||
        starts_with(line, "*raw") || starts_with(line, "*security") || starts_with(line, "-A ") ||
        starts_with(line, "-N ") || starts_with(line, "-P ") || starts_with(line, "-I "))
      return Vendor::iptables;
    if (starts_with(line, "ASA Version") || starts_with(line, "PIX Version") ||
        starts_with(line, "FWSM Version") || starts_with(line, "access-list ") ||
        starts_with(line, "nameif ") || starts_with(line, "hostname ") ||
        starts_with(line, "object-group ") || starts_with(line, "access-group ") ||
        starts_with(line, ": Saved") || starts_with(line, "interface "))
      return Vendor::asa;
    if (starts_with(line, "pass") || starts_with(line, "block") || starts_with(line, "match") ||
        starts_with(line, "set ") || starts_with(line, "table <") || starts_with(line, "scrub") ||
        starts_with(line, "antispoof") || starts_with(line, "anchor") ||
        starts_with(line, "nat ") || starts_with(line, "rdr ") || starts_with(line, "binat ") ||
        starts_with(line, "include ") || starts_with(line, "load anchor") ||
        line.find(" = ") != std::string_view::npos || line.find("=\"") != std::string_view::npos)
      return Vendor::pf;
  }
  return Vendor::auto_detect;
}

Ruleset parse_config_text(const std::string& file, std::string_view text,
                          const ParseOptions& options) {
  Vendor vendor = options.vendor == Vendor::auto_detect ? detect_vendor(text) : options.vendor;
  switch (vendor) {
#ifdef FWAUDIT_HAVE_IPTABLES
    case Vendor::iptables:
      return iptables::parse(file, text, options);
#endif
#ifdef FWAUDIT_HAVE_PF
    case Vendor::pf:
      return pf::parse(file, text, options);
#endif
#ifdef FWAUDIT_HAVE_ASA
    case Vendor::asa:
      return asa::parse(file, text, options);
#endif
    case Vendor::auto_detect:
      throw InputError(
          {Severity::error,
           "unknown-vendor",
           "cannot tell which firewall wrote this file (expected iptables-save, pf.conf "
           "or ASA running-config output); name it with --vendor",
           {file, 1, 1, {}},
           {}});
    default:
      break;
  }
  throw InputError({Severity::error,
                    "vendor-unavailable",
                    std::string("this build has no parser for ") + to_string(vendor),
                    {file, 1, 1, {}},
                    {}});
}

Ruleset parse_config(const std::string& path, const ParseOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError(
        {Severity::error, "unreadable-file", "cannot open file for reading", {path, 0, 0, {}}, {}});
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse_config_text(path, buffer.str(), options);
}

}  // namespace fwaudit
