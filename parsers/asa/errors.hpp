// parsers/asa/errors.hpp
#pragma once

#include <tao/pegtl.hpp>

#include "parsers/asa/grammar.hpp"

// What was expected at each `must<>` point of the ASA grammar. A must<> without an entry here
// fails the build (must_if with RequireMessage).
namespace fwaudit::asa {

template <typename Rule>
inline constexpr const char* error_message = nullptr;

namespace g = grammar;

// clang-format off
template <> inline constexpr auto error_message<g::sp_port_value> = "expected a port number (0-65535) or an ASA port name";
template <> inline constexpr auto error_message<g::sp_range_end> = "expected the upper port of the range (a number or an ASA port name)";
template <> inline constexpr auto error_message<g::sp_time_range_name> = "expected a time-range name";
template <> inline constexpr auto error_message<g::sp_ace_protocol> = "expected a protocol (ip, tcp, udp, icmp, a protocol name or number 0-255, object NAME, object-group NAME)";
template <> inline constexpr auto error_message<g::sp_ace_source> = "expected a source address (any, any4, any6, host IP, IP MASK with a contiguous mask, IPv6/len, object NAME, object-group NAME, interface NAME)";
template <> inline constexpr auto error_message<g::sp_ace_destination> = "expected a destination address (any, any4, any6, host IP, IP MASK with a contiguous mask, IPv6/len, object NAME, object-group NAME, interface NAME)";
template <> inline constexpr auto error_message<g::ace_end> = "unexpected text; expected a port (eq, neq, lt, gt, range), an ICMP type for icmp, log, inactive, time-range or the end of the line";
template <> inline constexpr auto error_message<g::sp_ace_body> = "expected permit or deny after extended";
template <> inline constexpr auto error_message<g::sp_standard_body> = "expected permit or deny and a destination (any, host IP, IP MASK) after standard";
template <> inline constexpr auto error_message<g::sp_acl_body> = "expected extended, standard, remark, permit or deny after the access-list name";
template <> inline constexpr auto error_message<g::sp_interface_keyword> = "expected interface after in or out";
template <> inline constexpr auto error_message<g::sp_interface_name> = "expected an interface name (nameif)";
template <> inline constexpr auto error_message<g::sp_binding> = "expected in interface NAME, out interface NAME or global";
template <> inline constexpr auto error_message<g::sp_acl_reference> = "expected an access-list name";
template <> inline constexpr auto error_message<g::binding_end> = "unexpected text after the access-group binding; expected per-user-override, control-plane or the end of the line";
template <> inline constexpr auto error_message<g::sp_permit_keyword> = "expected permit after same-security-traffic";
template <> inline constexpr auto error_message<g::sp_same_security_kind> = "expected inter-interface or intra-interface";
template <> inline constexpr auto error_message<g::sp_name_address> = "expected an IPv4 or IPv6 address after name";
template <> inline constexpr auto error_message<g::sp_name_value> = "expected the name to give the address";
template <> inline constexpr auto error_message<g::name_end> = "unexpected text; expected description or the end of the line";
template <> inline constexpr auto error_message<g::sp_object_name> = "expected an object name and the end of the line";
template <> inline constexpr auto error_message<g::sp_service_group_name> = "expected an object-group name, optionally followed by tcp, udp or tcp-udp";
template <> inline constexpr auto error_message<g::management_body> = "expected a source (IP MASK, host IP, any or IPv6/len) and an interface name";
template <> inline constexpr auto error_message<g::sp_icmp_rule_body> = "expected a source (any, host IP, IP MASK), an optional ICMP type and an interface name";
template <> inline constexpr auto error_message<g::sp_nat_kind> = "expected static or dynamic";
template <> inline constexpr auto error_message<g::sp_nat_real> = "expected the real source (any or an object or object-group name)";
template <> inline constexpr auto error_message<g::sp_nat_mapped> = "expected the mapped source (any, interface, pat-pool NAME or an object or object-group name)";
template <> inline constexpr auto error_message<g::sp_static_keyword> = "expected static after destination";
template <> inline constexpr auto error_message<g::sp_nat_destination_mapped> = "expected the mapped destination (any, interface or an object or object-group name)";
template <> inline constexpr auto error_message<g::sp_nat_destination_real> = "expected the real destination (any or an object or object-group name)";
template <> inline constexpr auto error_message<g::sp_nat_service_real> = "expected the real service object name";
template <> inline constexpr auto error_message<g::sp_nat_service_mapped> = "expected the mapped service object name";
template <> inline constexpr auto error_message<g::twice_nat_end> = "unexpected text at the end of the nat command";
template <> inline constexpr auto error_message<g::sp_object_nat_protocol> = "expected tcp, udp or sctp after service";
template <> inline constexpr auto error_message<g::sp_object_nat_real_port> = "expected the real port (a number or an ASA port name)";
template <> inline constexpr auto error_message<g::sp_object_nat_mapped_port> = "expected the mapped port (a number or an ASA port name)";
template <> inline constexpr auto error_message<g::sp_object_nat_mapped> = "expected the mapped address (an IP address, an object name, interface or pat-pool NAME)";
template <> inline constexpr auto error_message<g::object_nat_end> = "unexpected text at the end of the nat command";
template <> inline constexpr auto error_message<g::sp_static_interfaces> = "expected (real_interface,mapped_interface)";
template <> inline constexpr auto error_message<g::sp_static_body> = "expected [tcp|udp] mapped address [port] real address [port], or mapped address access-list NAME";
template <> inline constexpr auto error_message<g::static_end> = "unexpected text at the end of the static command";
template <> inline constexpr auto error_message<g::sp_interface_nameif> = "expected an interface name after nameif";
template <> inline constexpr auto error_message<g::sp_security_level> = "expected a security level from 0 to 100";
template <> inline constexpr auto error_message<g::sp_subnet_value> = "expected IP MASK (contiguous mask) or IPv6/len after subnet";
template <> inline constexpr auto error_message<g::sp_host_value> = "expected an IPv4 or IPv6 address after host";
template <> inline constexpr auto error_message<g::sp_range_value> = "expected two addresses after range";
template <> inline constexpr auto error_message<g::sp_fqdn_value> = "expected [v4|v6] and a domain name after fqdn";
template <> inline constexpr auto error_message<g::sp_service_spec> = "expected a protocol (tcp, udp, tcp-udp, icmp, a name or number) with optional source/destination ports or ICMP type";
template <> inline constexpr auto error_message<g::sp_netobj_value> = "expected host IP, IP MASK (contiguous mask), IPv6/len or object NAME after network-object";
template <> inline constexpr auto error_message<g::sp_port_op> = "expected eq, neq, lt, gt or range with ports after port-object";
template <> inline constexpr auto error_message<g::sp_svcobj_value> = "expected a protocol with optional ports or ICMP type, or object NAME, after service-object";
template <> inline constexpr auto error_message<g::sp_protocol_value> = "expected a protocol name or number (0-255) after protocol-object";
template <> inline constexpr auto error_message<g::sp_icmp_object_value> = "expected an ICMP type name or number (0-255) after icmp-object";
template <> inline constexpr auto error_message<g::sp_group_name> = "expected an object-group name after group-object";
// clang-format on

struct errors {
  template <typename Rule>
  static constexpr auto message = error_message<Rule>;
};

template <typename Rule>
using control = tao::pegtl::must_if<errors>::control<Rule>;

}  // namespace fwaudit::asa
