// analyzer/packet_set.hpp
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/ip_address.hpp"
#include "analyzer/packet.hpp"

namespace fwaudit {

// An inclusive range of 16-bit values (ports, ICMP type<<8|code).
struct PortRange {
  std::uint16_t lo = 0;
  std::uint16_t hi = 65535;
  std::string to_string() const;  // "25", "1024-65535"
  auto operator<=>(const PortRange&) const = default;
};

struct AddressRange {
  IpAddress lo;
  IpAddress hi;
  auto operator<=>(const AddressRange&) const = default;
};

// One product-shaped piece of a packet set, in people's terms: every combination of the listed
// values is in the set. Empty vectors never occur; "any" is the full range.
struct PacketCube {
  std::vector<Family> families;
  std::vector<std::uint8_t> protocols;  // all 256 when any
  std::vector<IpPrefix> src;            // CIDR blocks
  std::vector<IpPrefix> dst;
  std::vector<PortRange> sports;
  std::vector<PortRange> dports;
  std::vector<ConnState> states;
  std::string in_if;  // "*" for any, else a name, a "prefix+" or "!"-joined description
  std::string out_if;
  std::string to_string() const;
};

// A packet laid out once for fast membership tests against many sets (evaluation builds one per
// packet and tests it against every rule it meets).
class PacketProbe {
 public:
  explicit PacketProbe(const Packet& p);

 private:
  friend class PacketSet;
  std::vector<std::uint8_t> bits_;  // one entry per BDD variable
  bool valid_ = true;               // false for interface names too long to be in any set
};

// A set of packet headers (see DESIGN.md "Packet sets"). A value type: cheap to copy, compare and
// combine. Backed by a BDD; the only place in fwaudit that knows that.
//
// Fields: address family, source and destination address (128 bits, IPv4-mapped), IP protocol,
// source and destination port (ICMP type/code in the destination port), connection state,
// ingress and egress interface (by name, up to 31 bytes; "" is the firewall itself).
class PacketSet {
 public:
  // Sizes BuDDy's node table and caches; call before the first set is built (later calls only
  // grow the table). Without a call, a default suited to small inputs is used.
  static void reserve(std::size_t nodes);

  PacketSet();  // the empty set
  PacketSet(const PacketSet&);
  PacketSet& operator=(const PacketSet&);
  PacketSet(PacketSet&&) noexcept;
  PacketSet& operator=(PacketSet&&) noexcept;
  ~PacketSet();

  static PacketSet all();
  static PacketSet none() { return PacketSet(); }
  static PacketSet family(Family f);
  static PacketSet src(const IpPrefix& p);
  static PacketSet dst(const IpPrefix& p);
  static PacketSet src_range(const IpAddress& lo, const IpAddress& hi);
  static PacketSet dst_range(const IpAddress& lo, const IpAddress& hi);
  // address & mask == value & mask, for any mask (non-contiguous ones included).
  static PacketSet src_masked(const IpAddress& value, const IpAddress& mask);
  static PacketSet dst_masked(const IpAddress& value, const IpAddress& mask);
  static PacketSet protocol(std::uint8_t p);
  static PacketSet protocol_range(std::uint8_t lo, std::uint8_t hi);
  static PacketSet src_port(std::uint16_t lo, std::uint16_t hi);
  static PacketSet dst_port(std::uint16_t lo, std::uint16_t hi);
  static PacketSet src_port(PortRange r) { return src_port(r.lo, r.hi); }
  static PacketSet dst_port(PortRange r) { return dst_port(r.lo, r.hi); }
  // ICMP type and optional code, as carried in the destination port; combine with protocol().
  static PacketSet icmp(std::uint8_t type, std::optional<std::uint8_t> code = std::nullopt);
  static PacketSet state(ConnState s);
  // Exact interface name ("" = the firewall itself); names longer than 31 bytes are an error.
  static PacketSet in_interface(std::string_view name);
  static PacketSet out_interface(std::string_view name);
  // Every name that starts with `prefix` (iptables "eth+"), the empty prefix excluding "".
  static PacketSet in_interface_prefix(std::string_view prefix);
  static PacketSet out_interface_prefix(std::string_view prefix);
  // Exactly this one packet.
  static PacketSet of(const Packet& p);

  PacketSet operator|(const PacketSet& o) const;
  PacketSet operator&(const PacketSet& o) const;
  PacketSet operator-(const PacketSet& o) const;
  PacketSet operator~() const;  // complement within all()
  PacketSet& operator|=(const PacketSet& o);
  PacketSet& operator&=(const PacketSet& o);
  PacketSet& operator-=(const PacketSet& o);

  bool empty() const;
  bool is_all() const;
  bool operator==(const PacketSet& o) const;
  bool subset_of(const PacketSet& o) const;
  bool intersects(const PacketSet& o) const;
  bool contains(const Packet& p) const;
  bool contains(const PacketProbe& probe) const;

  // A concrete packet of the set, chosen to read naturally: a known interface name, a
  // non-network address where possible, source port 40000 or another unprivileged one, the
  // lowest destination port. nullopt for the empty set.
  std::optional<Packet> witness() const;
  // Number of packets in the set (as a double: the universe has 2^800-odd elements).
  double count() const;
  std::size_t node_count() const;

  // The reply direction: src<->dst, sport<->dport, in_if<->out_if swapped (state unchanged).
  PacketSet swapped() const;

  // Readable projections: the values the set takes in one field, over all other fields.
  std::vector<Family> families() const;
  std::vector<std::uint8_t> protocols() const;
  std::vector<AddressRange> src_ranges() const;
  std::vector<AddressRange> dst_ranges() const;
  std::vector<PortRange> src_ports() const;
  std::vector<PortRange> dst_ports() const;
  std::vector<ConnState> states() const;
  // The set as a union of at most `limit` cubes (disjoint); `truncated` says whether more exist.
  std::vector<PacketCube> cubes(std::size_t limit, bool* truncated = nullptr) const;
  // A one-line summary built from cubes(), for messages and debugging.
  std::string to_string(std::size_t limit = 4) const;

 private:
  friend class HeaderRewrite;
  explicit PacketSet(int root);
  static PacketSet cut_to_universe(int root);
  int root_;  // a BuDDy node, reference-counted by this object
};

// A header rewrite (NAT): some fields of every packet replaced by values from given sets.
// image() is where packets go; the two preimages say which packets surely / possibly land in a
// set (they differ only when a rewrite has a choice, e.g. a DNAT pool).
class HeaderRewrite {
 public:
  HeaderRewrite() = default;
  // Replace the first `p.length` bits (NETMAP keeps the host bits; a host prefix replaces all).
  HeaderRewrite& src_prefix(const IpPrefix& p);
  HeaderRewrite& dst_prefix(const IpPrefix& p);
  HeaderRewrite& src_range(const IpAddress& lo, const IpAddress& hi);
  HeaderRewrite& dst_range(const IpAddress& lo, const IpAddress& hi);
  HeaderRewrite& src_port(std::uint16_t lo, std::uint16_t hi);
  HeaderRewrite& dst_port(std::uint16_t lo, std::uint16_t hi);

  bool identity() const { return fields_.empty(); }
  PacketSet image(const PacketSet& s) const;
  PacketSet preimage_sure(const PacketSet& post) const;
  PacketSet preimage_may(const PacketSet& post) const;
  // The packet after the rewrite, taking the lowest value of a pool.
  Packet apply(const Packet& p) const;
  std::string to_string() const;  // "dst 10.0.0.5:25"

 private:
  enum class Field : std::uint8_t { src, dst, sport, dport };
  struct Part {
    Field field;
    int from;  // bits [from, to) of the field are replaced (IPv4 addresses use bits 96..127)
    int to;
    IpAddress lo, hi;
    PortRange ports;
  };
  std::vector<Part> fields_;
  PacketSet target_constraint() const;
  // `s` with the rewritten bits free (existentially quantified).
  PacketSet forget_rewritten(const PacketSet& s) const;
};

}  // namespace fwaudit
