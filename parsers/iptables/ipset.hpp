// parsers/iptables/ipset.hpp
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/diagnostic.hpp"
#include "analyzer/packet_set.hpp"

// Contents of ipsets from `ipset save` output, so that `-m set --match-set NAME src,dst` can be
// evaluated exactly instead of being "may match".
namespace fwaudit::iptables {

// One dimension of a set element.
struct IpsetValue {
  enum class Kind { address, port, interface, unsupported } kind = Kind::unsupported;
  AddressRange addresses;
  std::optional<std::uint8_t> protocol;  // port: tcp when not written
  PortRange ports;                       // port; for ICMP the type/code in the port bits
  std::string interface;
};

struct IpsetElement {
  std::vector<IpsetValue> values;  // one per dimension
  bool nomatch = false;
};

struct Ipset {
  std::string name;
  std::string type;  // "hash:net,port"
  Family family = Family::ipv4;
  std::vector<std::string> dimensions;  // "ip", "net", "port", "iface", "mac", "set"...
  std::vector<IpsetElement> elements;
  std::vector<std::string> members;  // list:set
  SourceLocation location;
};

class IpsetStore {
 public:
  // Adds the sets of one `ipset save` file; errors and unsupported lines go to `diags`.
  void read(const std::string& file, std::string_view text, Diagnostics& diags);
  // Adds set `name` from a plain list of addresses, CIDR blocks or ranges (one or more per line,
  // `#` comments), the format of pf table files: a hash:net set in the first entry's family.
  void read_address_list(const std::string& name, const std::string& file, std::string_view text,
                         Diagnostics& diags);
  bool empty() const { return sets_.empty(); }
  const Ipset* find(std::string_view name) const;

  // The packets `--match-set NAME flags` matches (flags: true = src). nullopt and `reason` when
  // the set is unknown or cannot be modelled.
  std::optional<PacketSet> members(std::string_view name, const std::vector<bool>& src_flags,
                                   std::string& reason, int depth = 0) const;

 private:
  std::map<std::string, Ipset, std::less<>> sets_;
};

}  // namespace fwaudit::iptables
