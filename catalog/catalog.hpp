// catalog/catalog.hpp
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/ip_address.hpp"

namespace fwaudit::catalog {

// Current version of the catalog file format (the "schema_version" field).
inline constexpr int kCatalogSchemaVersion = 1;

// Direction of a flow relative to the host the requirement applies to (usually the appliance):
// inbound = the peer opens the connection to it, outbound = it opens the connection to the peer.
enum class Direction { invalid, inbound, outbound };
enum class Transport { invalid, tcp, udp, both, icmp };
// conditional = required when one of the requirement's features is enabled in the site profile.
enum class Necessity { invalid, required, optional, conditional };
// Machine-readable notes the audit acts on.
enum class Flag {
  invalid,
  no_ip_pinning,     // do not write these hostnames as fixed IP addresses in rules
  no_ssl_proxy,      // port 443 but not standard HTTPS: do not route through an SSL proxy
  source_truncated,  // the source row is cut off: hosts or purpose missing
};

const char* to_string(Direction d);
const char* to_string(Transport t);
const char* to_string(Necessity n);
const char* to_string(Flag f);

// Destination port range, both ends included (1..65535).
struct PortRange {
  std::uint16_t first = 0;
  std::uint16_t last = 0;
  bool operator==(const PortRange&) const = default;
  std::string to_string() const;  // "25" or "41000-41100"
};

// The vendor document row a requirement comes from.
struct SourceRef {
  std::string file;                          // document file name
  std::uint32_t line = 0;                    // first line of the row (1-based)
  std::vector<std::uint32_t> related_lines;  // further lines of the same fact (host lists...)
  std::string to_string() const;             // "file:line"
};

// One flow a product needs through a firewall.
struct Requirement {
  std::string id;                        // "<product id>/<name>", stable
  std::string summary;                   // our own words
  std::string applies_to = "appliance";  // role of the host whose traffic this is
  Direction direction = Direction::invalid;
  std::string peer;  // role from roles.hpp
  Transport transport = Transport::invalid;
  std::vector<PortRange> ports;        // destination ports; empty only for icmp
  std::vector<std::string> hostnames;  // lowercased; may hold '*' wildcards
  std::vector<IpPrefix> networks;      // peer addresses named by the document
  Necessity necessity = Necessity::invalid;
  std::vector<std::string> features;  // conditional: needed when any of these is enabled
  std::vector<Flag> flags;
  std::vector<std::string> notes;  // interpretations and caveats, in our words
  SourceRef source;

  bool has_flag(Flag f) const;
};

// One product described by one vendor document (one catalog file).
struct Product {
  std::string id;
  std::string name;
  std::string vendor;
  std::vector<std::string> versions;
  struct Document {
    std::string file;
    std::string title;
    std::string language;  // BCP 47 tag: "en", "ja"
    std::string url;       // optional
  } document;
  std::map<std::string, std::string> features;  // feature name -> what enabling it means
  std::vector<Requirement> requirements;
  std::string loaded_from;  // path of the catalog file (not part of the JSON)
};

// All products loaded (built-in first, then the user's catalogs).
struct Catalog {
  std::vector<Product> products;

  const Product* find_product(std::string_view id) const;
  const Requirement* find_requirement(std::string_view id) const;
  // The product owning requirement `id` ("product/name").
  const Product* product_of(std::string_view requirement_id) const;
};

}  // namespace fwaudit::catalog
