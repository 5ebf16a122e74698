// parsers/asa/syntax_tree.hpp
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzer/diagnostic.hpp"
#include "analyzer/ip_address.hpp"

// The ASA running-config as written, before any meaning is given to it. Names are views into the
// (secret-masked) configuration text, which must outlive the tree; values that have a typed form
// (addresses, ports, protocol numbers) are converted when read. Lowering to the model is a
// separate pass (lower.hpp).
namespace fwaudit::asa {

// Where a construct was written: 1-based line and column. The line's text is Config::lines.
struct Where {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

// A network operand: ACE source/destination, network-object, object network contents.
struct Address {
  enum class Kind { any, any4, any6, host, masked, prefix, object, group, interface_, unset };
  Kind kind = Kind::unset;
  IpAddress addr;
  IpAddress mask;        // masked: as written (IPv4)
  int length = 0;        // prefix (IPv6 "x::/len")
  std::string_view ref;  // object / group / interface name
  Where at;
};

// A port condition on one side (source or destination).
struct PortMatch {
  enum class Op { any, eq, neq, lt, gt, range, group };
  Op op = Op::any;
  std::uint16_t lo = 0;
  std::uint16_t hi = 0;
  std::string_view ref;  // group: a service object-group of port-objects
  Where at;
};

// An ICMP type condition: any, one type (optionally a code), or an icmp-type object-group.
struct IcmpMatch {
  bool any = true;
  std::uint8_t type = 0;
  std::optional<std::uint8_t> code;
  std::string_view group;
  Where at;
};

// The protocol part of an ACE or a service: `ip`, a protocol, `tcp-udp`, or a reference to a
// service object / protocol or service object-group.
struct Protocol {
  enum class Kind { ip, number, tcp_udp, object, group };
  Kind kind = Kind::ip;
  std::uint8_t number = 0;
  std::string_view ref;
  Where at;
};

// `service tcp source eq 1 destination range 2 3`, `service icmp echo`, `service-object ...`.
struct ServiceSpec {
  Protocol protocol;
  PortMatch source;
  PortMatch destination;
  IcmpMatch icmp;
};

struct NetworkObject {
  enum class Kind { empty, host, subnet, range, fqdn };
  std::string_view name;
  Where at;
  Kind kind = Kind::empty;
  IpAddress addr;  // host, subnet, range start
  IpAddress last;  // range end
  int length = 0;  // subnet prefix length
  std::string_view fqdn;
  Where body_at;
};

struct ServiceObject {
  std::string_view name;
  Where at;
  std::optional<ServiceSpec> spec;
  Where body_at;
};

// One line inside an object-group.
struct GroupMember {
  enum class Kind { address, port, service, protocol, icmp_type, group, object };
  Kind kind = Kind::address;
  Address address;       // network-object
  PortMatch port;        // port-object
  ServiceSpec service;   // service-object
  Protocol protocol;     // protocol-object
  IcmpMatch icmp;        // icmp-object
  std::string_view ref;  // group-object / service-object object NAME
  Where at;
};

struct ObjectGroup {
  enum class Kind { network, service, protocol, icmp_type, other };
  Kind kind = Kind::network;
  std::string_view name;
  Where at;
  // For `object-group service NAME tcp|udp|tcp-udp` (port-object members): the protocols.
  std::optional<Protocol> ports_protocol;
  std::vector<GroupMember> members;
};

// One access control entry (`access-list NAME extended ...`), or a remark / standard entry.
struct Ace {
  enum class Kind { extended, standard, remark };
  Kind kind = Kind::extended;
  std::string_view acl;
  Where at;
  bool permit = false;
  Protocol protocol;
  Address source;
  PortMatch source_port;
  Address destination;
  PortMatch destination_port;
  IcmpMatch icmp;
  bool inactive = false;
  std::string_view time_range;
  std::string unsupported;  // a match fwaudit cannot evaluate (identity firewall users...)
};

struct AccessList {
  std::string_view name;
  Where first;
  Where last;
  std::vector<Ace> entries;
};

struct AccessGroup {
  enum class Direction { in, out, global };
  std::string_view acl;
  Direction direction = Direction::in;
  std::string_view interface_;
  bool control_plane = false;
  Where at;
};

// An address in a NAT statement: a named object or group, `any`, `interface`, or (object NAT and
// pre-8.3 `static`) a literal address.
struct NatAddress {
  enum class Kind { none, object, any, interface_, literal, pat_pool };
  Kind kind = Kind::none;
  std::string_view ref;
  IpAddress addr;
  Where at;
};

// Object NAT (inside `object network`), twice NAT (`nat (...) source ...`) or pre-8.3 `static`.
struct NatRule {
  enum class Kind { object, twice, legacy_static };
  enum class Section { manual, object, after_auto };
  Kind kind = Kind::twice;
  Section section = Section::manual;
  std::string_view real_if;    // empty: any
  std::string_view mapped_if;  // empty: any
  bool is_static = false;
  std::string_view object;  // object NAT: the real object
  NatAddress source_real;   // twice NAT / legacy static
  NatAddress source_mapped;
  bool has_destination = false;
  NatAddress destination_mapped;
  NatAddress destination_real;
  // twice NAT `service REAL MAPPED` (service object names)
  std::string_view service_real;
  std::string_view service_mapped;
  // object NAT `service tcp REAL MAPPED` and legacy static with ports
  std::optional<std::uint8_t> port_protocol;
  std::uint16_t real_port = 0;
  std::uint16_t mapped_port = 0;
  IpAddress legacy_mask;  // legacy static `netmask`
  bool has_legacy_mask = false;
  bool inactive = false;
  bool unidirectional = false;
  Where at;
};

struct Interface {
  std::string_view hardware;
  std::string_view nameif;
  int security_level = -1;
  std::vector<IpPrefix> addresses;
  bool dynamic_address = false;  // dhcp / pppoe
  bool shutdown = false;
  bool management_only = false;
  Where at;
  Where nameif_at;
  Where security_level_at;
};

// To-the-box management access: `ssh`, `telnet`, `http` and `icmp` commands.
struct ManagementAccess {
  enum class Kind { ssh, telnet, http, icmp };
  Kind kind = Kind::ssh;
  bool permit = true;
  Address source;  // masked / prefix / any / host
  IcmpMatch icmp;
  std::string_view interface_;
  Where at;
};

// A use of a named object, for undefined / unused checks.
struct Reference {
  enum class Kind { object, group, interface_, acl, name };
  Kind kind = Kind::object;
  std::string_view name;
  Where at;
};

struct Config {
  std::string file;
  std::vector<std::string_view> lines;  // the masked text, by line (line n is lines[n - 1])

  std::string platform;  // "asa", "pix", "fwsm" (empty: no version header)
  std::string version;   // "9.8(2)"
  int version_major = 0;
  int version_minor = 0;
  Where version_at;
  std::string_view hostname;

  bool names_enabled = false;
  std::unordered_map<std::string_view, IpAddress> names;

  std::vector<Interface> interfaces;
  std::vector<NetworkObject> network_objects;
  std::unordered_map<std::string_view, std::size_t> network_object_index;
  std::vector<ServiceObject> service_objects;
  std::unordered_map<std::string_view, std::size_t> service_object_index;
  std::vector<ObjectGroup> groups;
  std::unordered_map<std::string_view, std::size_t> group_index;
  std::vector<AccessList> acls;
  std::unordered_map<std::string_view, std::size_t> acl_index;
  std::vector<AccessGroup> access_groups;
  std::vector<NatRule> nats;
  std::vector<ManagementAccess> management;
  bool http_server_enabled = false;
  std::uint16_t http_server_port = 443;
  bool same_security_inter = false;
  bool same_security_intra = false;
  std::vector<Reference> references;
  bool legacy_nat_seen = false;  // pre-8.3 nat / global / static

  std::size_t skipped_lines = 0;
  std::size_t unsupported_lines = 0;
  Diagnostics diagnostics;

  // ACLs use real (untranslated) addresses from 8.3 on; before, the addresses seen on the wire.
  bool pre_8_3() const;
  SourceLocation location(Where w) const;
  const NetworkObject* network_object(std::string_view name) const;
  const ServiceObject* service_object(std::string_view name) const;
  const ObjectGroup* group(std::string_view name) const;
  Interface* interface_by_nameif(std::string_view nameif);
  const Interface* interface_by_nameif(std::string_view nameif) const;
};

}  // namespace fwaudit::asa
