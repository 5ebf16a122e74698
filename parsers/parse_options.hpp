// parsers/parse_options.hpp
#pragma once

#include <map>
#include <string>
#include <vector>

#include "analyzer/ip_address.hpp"

namespace fwaudit {

enum class Vendor { auto_detect, iptables, pf, asa };
const char* to_string(Vendor v);

// Everything a parser may need beyond the config text. Facts that only the site profile knows
// (interface addresses, interface groups) arrive here; without them the parsers mark the rules
// that need them as "may match".
struct ParseOptions {
  Vendor vendor = Vendor::auto_detect;
  std::map<std::string, std::string> table_files;  // pf: --table NAME=FILE
  std::vector<std::string> ipset_files;            // iptables: `ipset save` output
  bool allow_include_outside = false;              // pf: include above the config's folder
  std::map<std::string, std::vector<IpPrefix>> interface_addresses;
  std::map<std::string, std::vector<std::string>> interface_groups;  // pf: group -> members
};

}  // namespace fwaudit
