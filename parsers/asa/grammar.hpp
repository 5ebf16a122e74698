// parsers/asa/grammar.hpp
#pragma once

#include <tao/pegtl.hpp>

#include "parsers/common/literals.hpp"

// One ASA running-config line at a time. The reader (read_config.cpp) splits the text into lines
// and picks the rule by context: `top_line` for lines at the left margin, a `*_member` rule for
// the indented lines of an interface, object or object-group block. A line that no alternative
// matches is skipped and counted; a `must<>` point that fails is an error for that line only.
//
// Names checked against what the configuration defined so far (`defined_name`,
// `service_group_name`) and values checked for range (`port_value`, `protocol_value`) have actions
// returning bool: a false return makes the rule fail, as ASA itself would reject the token.
namespace fwaudit::asa::grammar {

namespace p = tao::pegtl;
using fwaudit::grammar::ipv4_address;
using fwaudit::grammar::ipv6_address;
using fwaudit::grammar::prefix_length;

// ---- tokens ------------------------------------------------------------------------------------
struct sp : p::plus<p::blank> {};
struct line_end : p::seq<p::star<p::blank>, p::eof> {};
struct token_end : p::at<p::sor<p::blank, p::eof>> {};
struct rest : p::star<p::any> {};
template <typename Str>
struct key : p::seq<Str, token_end> {};
struct word : p::plus<p::not_one<' ', '\t'>> {};
struct uint_tok : p::seq<p::plus<p::digit>, token_end> {};
struct ipv4_tok : p::seq<ipv4_address, token_end> {};
struct ipv6_tok : p::seq<ipv6_address, token_end> {};
struct ipv6_prefix_tok : p::seq<ipv6_address, p::one<'/'>, prefix_length, token_end> {};
struct netmask_tok : p::seq<ipv4_address, token_end> {};
struct ip_start : p::seq<p::plus<p::xdigit>, p::one<'.', ':'>> {};

// clang-format off
#define FWAUDIT_ASA_KEYWORD(id, text) struct kw_##id : key<TAO_PEGTL_STRING(text)> {}
FWAUDIT_ASA_KEYWORD(access_group, "access-group");
FWAUDIT_ASA_KEYWORD(access_list, "access-list");
FWAUDIT_ASA_KEYWORD(address, "address");
FWAUDIT_ASA_KEYWORD(after_auto, "after-auto");
FWAUDIT_ASA_KEYWORD(after_object, "after-object");
FWAUDIT_ASA_KEYWORD(alert_interval, "alert-interval");
FWAUDIT_ASA_KEYWORD(any, "any");
FWAUDIT_ASA_KEYWORD(any4, "any4");
FWAUDIT_ASA_KEYWORD(any6, "any6");
FWAUDIT_ASA_KEYWORD(apply, "apply");
FWAUDIT_ASA_KEYWORD(asa, "ASA");
FWAUDIT_ASA_KEYWORD(commit, "commit");
FWAUDIT_ASA_KEYWORD(compiled, "compiled");
FWAUDIT_ASA_KEYWORD(conduit, "conduit");
FWAUDIT_ASA_KEYWORD(control_plane, "control-plane");
FWAUDIT_ASA_KEYWORD(default_, "default");
FWAUDIT_ASA_KEYWORD(deny, "deny");
FWAUDIT_ASA_KEYWORD(deny_flow_max, "deny-flow-max");
FWAUDIT_ASA_KEYWORD(description, "description");
FWAUDIT_ASA_KEYWORD(destination, "destination");
FWAUDIT_ASA_KEYWORD(dhcp, "dhcp");
FWAUDIT_ASA_KEYWORD(disable, "disable");
FWAUDIT_ASA_KEYWORD(dynamic, "dynamic");
FWAUDIT_ASA_KEYWORD(enable, "enable");
FWAUDIT_ASA_KEYWORD(eq, "eq");
FWAUDIT_ASA_KEYWORD(established, "established");
FWAUDIT_ASA_KEYWORD(ethertype, "ethertype");
FWAUDIT_ASA_KEYWORD(extended, "extended");
FWAUDIT_ASA_KEYWORD(fqdn, "fqdn");
FWAUDIT_ASA_KEYWORD(fwsm, "FWSM");
FWAUDIT_ASA_KEYWORD(global, "global");
FWAUDIT_ASA_KEYWORD(group_object, "group-object");
FWAUDIT_ASA_KEYWORD(gt, "gt");
FWAUDIT_ASA_KEYWORD(host, "host");
FWAUDIT_ASA_KEYWORD(hostname, "hostname");
FWAUDIT_ASA_KEYWORD(http, "http");
FWAUDIT_ASA_KEYWORD(icmp, "icmp");
FWAUDIT_ASA_KEYWORD(icmp_object, "icmp-object");
FWAUDIT_ASA_KEYWORD(icmp_type, "icmp-type");
FWAUDIT_ASA_KEYWORD(in, "in");
FWAUDIT_ASA_KEYWORD(inactive, "inactive");
FWAUDIT_ASA_KEYWORD(inter_interface, "inter-interface");
FWAUDIT_ASA_KEYWORD(interface, "interface");
FWAUDIT_ASA_KEYWORD(interval, "interval");
FWAUDIT_ASA_KEYWORD(intra_interface, "intra-interface");
FWAUDIT_ASA_KEYWORD(ip, "ip");
FWAUDIT_ASA_KEYWORD(ipv6, "ipv6");
FWAUDIT_ASA_KEYWORD(line, "line");
FWAUDIT_ASA_KEYWORD(log, "log");
FWAUDIT_ASA_KEYWORD(lt, "lt");
FWAUDIT_ASA_KEYWORD(management_only, "management-only");
FWAUDIT_ASA_KEYWORD(mode, "mode");
FWAUDIT_ASA_KEYWORD(name, "name");
FWAUDIT_ASA_KEYWORD(nameif, "nameif");
FWAUDIT_ASA_KEYWORD(names, "names");
FWAUDIT_ASA_KEYWORD(nat, "nat");
FWAUDIT_ASA_KEYWORD(nat_control, "nat-control");
FWAUDIT_ASA_KEYWORD(neq, "neq");
FWAUDIT_ASA_KEYWORD(netmask, "netmask");
FWAUDIT_ASA_KEYWORD(network, "network");
FWAUDIT_ASA_KEYWORD(network_object, "network-object");
FWAUDIT_ASA_KEYWORD(object, "object");
FWAUDIT_ASA_KEYWORD(object_group, "object-group");
FWAUDIT_ASA_KEYWORD(object_group_security, "object-group-security");
FWAUDIT_ASA_KEYWORD(object_group_user, "object-group-user");
FWAUDIT_ASA_KEYWORD(out, "out");
FWAUDIT_ASA_KEYWORD(outbound, "outbound");
FWAUDIT_ASA_KEYWORD(pat_pool, "pat-pool");
FWAUDIT_ASA_KEYWORD(permit, "permit");
FWAUDIT_ASA_KEYWORD(pix, "PIX");
FWAUDIT_ASA_KEYWORD(port_object, "port-object");
FWAUDIT_ASA_KEYWORD(pppoe, "pppoe");
FWAUDIT_ASA_KEYWORD(protocol, "protocol");
FWAUDIT_ASA_KEYWORD(protocol_object, "protocol-object");
FWAUDIT_ASA_KEYWORD(range, "range");
FWAUDIT_ASA_KEYWORD(remark, "remark");
FWAUDIT_ASA_KEYWORD(same_security_traffic, "same-security-traffic");
FWAUDIT_ASA_KEYWORD(security_group, "security-group");
FWAUDIT_ASA_KEYWORD(security_level, "security-level");
FWAUDIT_ASA_KEYWORD(server, "server");
FWAUDIT_ASA_KEYWORD(service, "service");
FWAUDIT_ASA_KEYWORD(service_object, "service-object");
FWAUDIT_ASA_KEYWORD(shutdown, "shutdown");
FWAUDIT_ASA_KEYWORD(source, "source");
FWAUDIT_ASA_KEYWORD(ssh, "ssh");
FWAUDIT_ASA_KEYWORD(standard, "standard");
FWAUDIT_ASA_KEYWORD(standby, "standby");
FWAUDIT_ASA_KEYWORD(static_, "static");
FWAUDIT_ASA_KEYWORD(subnet, "subnet");
FWAUDIT_ASA_KEYWORD(tcp, "tcp");
FWAUDIT_ASA_KEYWORD(tcp_udp, "tcp-udp");
FWAUDIT_ASA_KEYWORD(telnet, "telnet");
FWAUDIT_ASA_KEYWORD(time_range, "time-range");
FWAUDIT_ASA_KEYWORD(udp, "udp");
FWAUDIT_ASA_KEYWORD(unidirectional, "unidirectional");
FWAUDIT_ASA_KEYWORD(user, "user");
FWAUDIT_ASA_KEYWORD(user_group, "user-group");
FWAUDIT_ASA_KEYWORD(v4, "v4");
FWAUDIT_ASA_KEYWORD(v6, "v6");
FWAUDIT_ASA_KEYWORD(version, "Version");
FWAUDIT_ASA_KEYWORD(webtype, "webtype");
#undef FWAUDIT_ASA_KEYWORD
// clang-format on

// ---- checked values (actions return bool) ------------------------------------------------------
struct defined_name : word {};            // a `name` defined earlier
struct port_value : word {};              // 0-65535 or an ASA port name
struct protocol_value : word {};          // 0-255 or a protocol name
struct icmp_type_value : word {};         // 0-255 or an ICMP type name (for an ICMP protocol only)
struct icmp_object_value : word {};       // the same, in an icmp-object line
struct icmp_code_value : uint_tok {};     // 0-255
struct service_group_name : word {};      // an object-group service (port or service objects)
struct dst_service_group_name : word {};  // an object-group service or icmp-type
struct security_level_value : uint_tok {};  // 0-100
struct object_name : word {};
struct interface_name : word {};

// ---- addresses
// -----------------------------------------------------------------------------------
struct host_value : p::sor<ipv4_tok, ipv6_tok, defined_name> {};
struct addr_any : p::sor<kw_any4, kw_any6, kw_any> {};
struct addr_host : p::seq<kw_host, sp, host_value> {};
struct addr_object : p::seq<kw_object, sp, object_name> {};
struct addr_group : p::seq<kw_object_group, sp, object_name> {};
struct addr_interface : p::seq<kw_interface, sp, interface_name> {};
struct addr_prefix6 : ipv6_prefix_tok {};
struct addr_masked : p::seq<host_value, sp, netmask_tok> {};
struct address_spec : p::sor<addr_any, addr_host, addr_object, addr_group, addr_interface,
                             addr_prefix6, addr_masked> {};

// ---- ports and ICMP
// ------------------------------------------------------------------------------
struct sp_port_value : p::seq<sp, port_value> {};
struct port_eq : p::seq<kw_eq, p::must<sp_port_value>> {};
struct port_neq : p::seq<kw_neq, p::must<sp_port_value>> {};
struct port_lt : p::seq<kw_lt, p::must<sp_port_value>> {};
struct port_gt : p::seq<kw_gt, p::must<sp_port_value>> {};
struct sp_range_end : p::seq<sp, port_value> {};
struct port_range : p::seq<kw_range, p::must<sp_port_value>, p::must<sp_range_end>> {};
struct port_op : p::sor<port_eq, port_neq, port_lt, port_gt, port_range> {};
struct icmp_spec : p::seq<icmp_type_value, p::opt<sp, icmp_code_value>> {};

// ---- access-list
// ---------------------------------------------------------------------------------
struct ace_verb : p::sor<kw_permit, kw_deny> {};
struct proto_object : p::seq<kw_object, sp, object_name> {};
struct proto_group : p::seq<kw_object_group, sp, object_name> {};
struct ace_protocol : p::sor<proto_group, proto_object, protocol_value> {};
struct identity_keyword : p::sor<kw_user_group, kw_user, kw_object_group_user, kw_security_group,
                                 kw_object_group_security> {};
struct identity_spec
    : p::seq<identity_keyword, sp,
             p::sor<p::seq<p::sor<kw_name, key<TAO_PEGTL_STRING("tag")>>, sp, word>, word>> {};
struct ace_source : address_spec {};
struct ace_destination : address_spec {};
struct src_port_group : p::seq<kw_object_group, sp, service_group_name> {};
struct ace_source_port : p::sor<port_op, src_port_group> {};
struct dst_port_group : p::seq<kw_object_group, sp, dst_service_group_name> {};
struct ace_destination_port : p::sor<port_op, dst_port_group, icmp_spec> {};
struct log_level
    : p::sor<uint_tok, key<TAO_PEGTL_STRING("emergencies")>, key<TAO_PEGTL_STRING("alerts")>,
             key<TAO_PEGTL_STRING("critical")>, key<TAO_PEGTL_STRING("errors")>,
             key<TAO_PEGTL_STRING("warnings")>, key<TAO_PEGTL_STRING("notifications")>,
             key<TAO_PEGTL_STRING("informational")>, key<TAO_PEGTL_STRING("debugging")>> {};
struct log_argument
    : p::sor<p::seq<kw_interval, sp, uint_tok>, kw_disable, kw_default_, log_level> {};
struct option_log : p::seq<kw_log, p::star<sp, log_argument>> {};
struct option_inactive : kw_inactive {};
struct sp_time_range_name : p::seq<sp, object_name> {};
struct option_time_range : p::seq<kw_time_range, p::must<sp_time_range_name>> {};
struct ace_option : p::sor<option_log, option_inactive, option_time_range> {};
struct sp_ace_protocol : p::seq<sp, ace_protocol> {};
struct sp_ace_source : p::seq<sp, ace_source> {};
struct sp_ace_destination : p::seq<sp, ace_destination> {};
struct ace_end : line_end {};
struct ace_body
    : p::seq<ace_verb, p::must<sp_ace_protocol>, p::opt<sp, identity_spec>, p::must<sp_ace_source>,
             p::opt<sp, ace_source_port>, p::opt<sp, identity_spec>, p::must<sp_ace_destination>,
             p::opt<sp, ace_destination_port>, p::star<sp, ace_option>, p::must<ace_end>> {};
struct sp_ace_body : p::seq<sp, ace_body> {};
struct acl_extended : p::seq<kw_extended, p::must<sp_ace_body>> {};
struct acl_remark : p::seq<kw_remark, rest> {};
struct standard_destination : address_spec {};
struct standard_body : p::seq<ace_verb, sp, standard_destination, line_end> {};
struct sp_standard_body : p::seq<sp, standard_body> {};
struct acl_standard : p::seq<kw_standard, p::must<sp_standard_body>> {};
struct acl_unsupported_type : p::seq<p::sor<kw_ethertype, kw_webtype>, rest> {};
struct acl_pix_entry : ace_body {};
struct acl_line_number : p::seq<kw_line, sp, uint_tok, sp> {};
struct acl_body
    : p::seq<p::opt<acl_line_number>,
             p::sor<acl_extended, acl_remark, acl_standard, acl_unsupported_type, acl_pix_entry>> {
};
struct sp_acl_body : p::seq<sp, acl_body> {};
struct acl_name : word {};
struct acl_named : p::seq<acl_name, p::must<sp_acl_body>> {};
struct acl_setting
    : p::seq<p::sor<kw_alert_interval, kw_deny_flow_max, kw_mode, kw_commit, kw_compiled>, rest> {};
struct access_list_line : p::seq<kw_access_list, sp, p::sor<acl_setting, acl_named>> {};

// ---- access-group, same-security-traffic
// ---------------------------------------------------------
struct sp_interface_keyword : p::seq<sp, kw_interface> {};
struct sp_interface_name : p::seq<sp, interface_name> {};
struct binding_direction : p::sor<kw_in, kw_out> {};
struct binding_interface
    : p::seq<binding_direction, p::must<sp_interface_keyword>, p::must<sp_interface_name>> {};
struct binding_global : kw_global {};
struct binding_option : p::sor<kw_control_plane, key<TAO_PEGTL_STRING("per-user-override")>> {};
struct sp_binding : p::seq<sp, p::sor<binding_interface, binding_global>> {};
struct sp_acl_reference : p::seq<sp, acl_name> {};
struct binding_end : line_end {};
struct access_group_line : p::seq<kw_access_group, p::must<sp_acl_reference>, p::must<sp_binding>,
                                  p::star<sp, binding_option>, p::must<binding_end>> {};
struct same_security_kind : p::sor<kw_inter_interface, kw_intra_interface> {};
struct sp_permit_keyword : p::seq<sp, kw_permit> {};
struct sp_same_security_kind : p::seq<sp, same_security_kind, line_end> {};
struct same_security_line
    : p::seq<kw_same_security_traffic, p::must<sp_permit_keyword>, p::must<sp_same_security_kind>> {
};

// ---- header, names, interfaces
// -------------------------------------------------------------------
struct platform : p::sor<kw_asa, kw_pix, kw_fwsm> {};
struct version_value : word {};
struct version_line : p::seq<platform, sp, kw_version, sp, version_value, rest> {};
struct hostname_line : p::seq<kw_hostname, sp, word, line_end> {};
struct names_line : p::seq<kw_names, line_end> {};
struct name_address : p::sor<ipv4_tok, ipv6_tok> {};
struct sp_name_address : p::seq<sp, name_address> {};
struct name_value : word {};
struct sp_name_value : p::seq<sp, name_value> {};
struct name_end : p::sor<p::seq<sp, kw_description, rest>, line_end> {};
struct name_line
    : p::seq<kw_name, p::must<sp_name_address>, p::must<sp_name_value>, p::must<name_end>> {};
struct interface_line : p::seq<kw_interface, sp, word, rest> {};
// PIX 6: `nameif ethernet0 outside security0`, `ip address outside 10.0.0.1 255.255.255.0`
struct pix_security : p::seq<TAO_PEGTL_STRING("security"), p::plus<p::digit>, token_end> {};
struct pix_nameif_line
    : p::seq<kw_nameif, sp, word, sp, interface_name, sp, pix_security, line_end> {};
struct pix_ip_address_line : p::seq<kw_ip, sp, kw_address, sp, interface_name, sp,
                                    p::sor<p::seq<ipv4_tok, sp, netmask_tok, line_end>,
                                           p::seq<p::sor<kw_dhcp, kw_pppoe>, rest>>> {};

// ---- objects and object-groups (headers) -------------------------------------------------------
struct sp_object_name : p::seq<sp, object_name, line_end> {};
struct object_network_line : p::seq<kw_object, sp, kw_network, p::must<sp_object_name>> {};
struct object_service_line : p::seq<kw_object, sp, kw_service, p::must<sp_object_name>> {};
struct group_ports_protocol : p::sor<kw_tcp_udp, kw_tcp, kw_udp> {};
struct group_network : p::seq<kw_network, p::must<sp_object_name>> {};
struct sp_service_group_name : p::seq<sp, object_name, p::opt<sp, group_ports_protocol>, line_end> {
};
struct group_service : p::seq<kw_service, p::must<sp_service_group_name>> {};
struct group_protocol : p::seq<kw_protocol, p::must<sp_object_name>> {};
struct group_icmp : p::seq<kw_icmp_type, p::must<sp_object_name>> {};
struct group_other : p::seq<word, rest> {};
struct object_group_line
    : p::seq<kw_object_group, sp,
             p::sor<group_network, group_service, group_protocol, group_icmp, group_other>> {};

// ---- management access (to the box) -------------------------------------------------------------
struct management_source : p::sor<addr_any, addr_host, addr_prefix6, addr_masked> {};
struct management_body : p::seq<management_source, sp, interface_name, line_end> {};
struct management_by_name : management_body {};  // no error: `ssh timeout 5` is another command
struct management_access
    : p::sor<p::seq<p::at<ip_start>, p::must<management_body>>, management_by_name> {};
struct ssh_line : p::seq<kw_ssh, sp, management_access> {};
struct telnet_line : p::seq<kw_telnet, sp, management_access> {};
struct http_server_line
    : p::seq<kw_http, sp, kw_server, sp, kw_enable, p::opt<sp, uint_tok>, line_end> {};
struct http_line : p::seq<kw_http, sp, management_access> {};
struct icmp_rule_type : icmp_object_value {};
struct icmp_rule_body
    : p::seq<management_source, sp, p::opt<icmp_rule_type, sp>, interface_name, line_end> {};
struct sp_icmp_rule_body : p::seq<sp, icmp_rule_body> {};
struct icmp_line : p::seq<kw_icmp, sp, ace_verb, p::must<sp_icmp_rule_body>> {};

// ---- NAT
// -----------------------------------------------------------------------------------------
struct nat_interface : p::plus<p::not_one<',', ')', ' ', '\t'>> {};
struct nat_real_interface : nat_interface {};
struct nat_mapped_interface : nat_interface {};
struct nat_interfaces
    : p::seq<p::one<'('>, nat_real_interface, p::one<','>, nat_mapped_interface, p::one<')'>> {};
struct nat_kind : p::sor<kw_static_, kw_dynamic> {};
struct sp_nat_kind : p::seq<sp, nat_kind> {};
struct nat_real : p::sor<kw_any, object_name> {};
struct nat_pat_pool : p::seq<kw_pat_pool, sp, object_name> {};
struct nat_mapped : p::sor<kw_any, kw_interface, nat_pat_pool, object_name> {};
struct sp_nat_real : p::seq<sp, nat_real> {};
struct sp_nat_mapped : p::seq<sp, nat_mapped> {};
struct sp_static_keyword : p::seq<sp, kw_static_> {};
struct nat_destination_mapped : p::sor<kw_any, kw_interface, object_name> {};
struct nat_destination_real : p::sor<kw_any, object_name> {};
struct sp_nat_destination_mapped : p::seq<sp, nat_destination_mapped> {};
struct sp_nat_destination_real : p::seq<sp, nat_destination_real> {};
struct nat_destination
    : p::seq<kw_destination, p::must<sp_static_keyword>, p::must<sp_nat_destination_mapped>,
             p::must<sp_nat_destination_real>> {};
struct nat_service_real : object_name {};
struct nat_service_mapped : object_name {};
struct sp_nat_service_real : p::seq<sp, nat_service_real> {};
struct sp_nat_service_mapped : p::seq<sp, nat_service_mapped> {};
struct nat_service
    : p::seq<kw_service, p::must<sp_nat_service_real>, p::must<sp_nat_service_mapped>> {};
struct nat_inactive : kw_inactive {};
struct nat_unidirectional : kw_unidirectional {};
struct nat_description : p::seq<kw_description, rest> {};
struct nat_flag : word {};
struct twice_nat_option : p::sor<nat_destination, nat_service, nat_inactive, nat_unidirectional,
                                 nat_description, nat_flag> {};
struct nat_after_auto : p::seq<p::sor<kw_after_auto, kw_after_object>, p::opt<sp, uint_tok>> {};
struct nat_position : p::sor<nat_after_auto, uint_tok> {};
struct twice_nat_end : line_end {};
struct twice_nat_line
    : p::seq<kw_nat, p::opt<sp, nat_interfaces>, p::opt<sp, nat_position>, sp, kw_source,
             p::must<sp_nat_kind>, p::must<sp_nat_real>, p::must<sp_nat_mapped>,
             p::star<sp, twice_nat_option>, p::must<twice_nat_end>> {};
// pre-8.3: `nat (inside) 1 10.0.0.0 255.0.0.0`, `global (outside) 1 interface`
struct legacy_nat_line
    : p::seq<kw_nat, sp, p::one<'('>, nat_interface, p::one<')'>, sp, uint_tok, rest> {};
struct legacy_global_line : p::seq<kw_global, sp, p::one<'('>, rest> {};
// object NAT, inside `object network`
struct object_nat_protocol : p::sor<kw_tcp, kw_udp, key<TAO_PEGTL_STRING("sctp")>> {};
struct sp_object_nat_protocol : p::seq<sp, object_nat_protocol> {};
struct object_nat_real_port : port_value {};
struct object_nat_mapped_port : port_value {};
struct sp_object_nat_real_port : p::seq<sp, object_nat_real_port> {};
struct sp_object_nat_mapped_port : p::seq<sp, object_nat_mapped_port> {};
struct object_nat_service
    : p::seq<kw_service, p::must<sp_object_nat_protocol>, p::must<sp_object_nat_real_port>,
             p::must<sp_object_nat_mapped_port>> {};
struct object_nat_mapped : p::sor<kw_interface, nat_pat_pool, ipv4_tok, ipv6_tok, object_name> {};
struct sp_object_nat_mapped : p::seq<sp, object_nat_mapped> {};
struct object_nat_option : p::sor<object_nat_service, nat_inactive, nat_description, nat_flag> {};
struct object_nat_end : line_end {};
struct object_nat_member : p::seq<kw_nat, p::opt<sp, nat_interfaces>, p::must<sp_nat_kind>,
                                  p::must<sp_object_nat_mapped>, p::star<sp, object_nat_option>,
                                  p::must<object_nat_end>> {};
// pre-8.3 `static (real,mapped) [tcp|udp] MAPPED [PORT] REAL [PORT] [netmask MASK] ...`
struct static_address : p::sor<kw_interface, ipv4_tok, ipv6_tok, defined_name> {};
struct static_mapped : static_address {};
struct static_real : static_address {};
struct static_protocol : p::sor<kw_tcp, kw_udp> {};
struct static_mapped_port : port_value {};
struct static_real_port : port_value {};
struct static_policy : p::seq<kw_access_list, sp, word> {};
struct static_with_ports
    : p::seq<static_protocol, sp, static_mapped, sp, static_mapped_port, sp,
             p::sor<static_policy, p::seq<static_real, sp, static_real_port>>> {};
struct static_plain : p::seq<static_mapped, sp, p::sor<static_policy, static_real>> {};
struct static_netmask : p::seq<kw_netmask, sp, netmask_tok> {};
struct static_option : p::sor<static_netmask, word> {};
struct sp_static_interfaces : p::seq<sp, nat_interfaces> {};
struct sp_static_body : p::seq<sp, p::sor<static_with_ports, static_plain>> {};
struct static_end : line_end {};
struct static_keyword : kw_static_ {};
struct static_line : p::seq<static_keyword, p::must<sp_static_interfaces>, p::must<sp_static_body>,
                            p::star<sp, static_option>, p::must<static_end>> {};

// ---- constructs that decide access but are not modelled
// ------------------------------------------
struct unsupported_line : p::seq<p::sor<kw_conduit, kw_outbound, kw_apply, kw_established,
                                        kw_nat_control, p::seq<kw_ipv6, sp, kw_access_list>>,
                                 rest> {};

// ---- a line at the left margin
// -------------------------------------------------------------------
struct top_line
    : p::sor<access_list_line, object_network_line, object_service_line, object_group_line,
             access_group_line, twice_nat_line, legacy_nat_line, legacy_global_line, static_line,
             interface_line, name_line, names_line, hostname_line, version_line, same_security_line,
             pix_nameif_line, pix_ip_address_line, ssh_line, telnet_line, http_server_line,
             http_line, icmp_line, unsupported_line> {};

// ---- indented lines of a block
// -------------------------------------------------------------------
struct sp_interface_nameif : p::seq<sp, interface_name, line_end> {};
struct if_nameif : p::seq<kw_nameif, p::must<sp_interface_nameif>> {};
struct sp_security_level : p::seq<sp, security_level_value, line_end> {};
struct if_security_level : p::seq<kw_security_level, p::must<sp_security_level>> {};
struct if_standby : p::seq<kw_standby, sp, ipv4_tok> {};
struct if_address_v4 : p::seq<ipv4_tok, sp, netmask_tok, p::opt<sp, if_standby>, rest> {};
struct if_address_dynamic : p::seq<p::sor<kw_dhcp, kw_pppoe>, rest> {};
struct if_ip_address
    : p::seq<kw_ip, sp, kw_address, sp, p::sor<if_address_dynamic, if_address_v4>> {};
struct if_address_v6 : p::seq<ipv6_prefix_tok, rest> {};
struct if_ipv6_address : p::seq<kw_ipv6, sp, kw_address, sp, if_address_v6> {};
struct if_shutdown : p::seq<kw_shutdown, line_end> {};
struct if_management_only : p::seq<kw_management_only, line_end> {};
struct interface_member : p::sor<if_nameif, if_security_level, if_ip_address, if_ipv6_address,
                                 if_shutdown, if_management_only> {};

struct subnet_value : p::sor<ipv6_prefix_tok, p::seq<ipv4_tok, sp, netmask_tok>> {};
struct sp_subnet_value : p::seq<sp, subnet_value, line_end> {};
struct sp_host_value : p::seq<sp, host_value, line_end> {};
struct range_value : p::seq<p::sor<ipv4_tok, ipv6_tok>, sp, p::sor<ipv4_tok, ipv6_tok>> {};
struct sp_range_value : p::seq<sp, range_value, line_end> {};
struct fqdn_value : p::seq<p::opt<p::sor<kw_v4, kw_v6>, sp>, word> {};
struct sp_fqdn_value : p::seq<sp, fqdn_value, line_end> {};
struct on_host : p::seq<kw_host, p::must<sp_host_value>> {};
struct on_subnet : p::seq<kw_subnet, p::must<sp_subnet_value>> {};
struct on_range : p::seq<kw_range, p::must<sp_range_value>> {};
struct on_fqdn : p::seq<kw_fqdn, p::must<sp_fqdn_value>> {};
struct network_object_member : p::sor<on_host, on_subnet, on_range, on_fqdn, object_nat_member> {};

struct service_protocol : p::sor<kw_tcp_udp, protocol_value> {};
struct service_source_ports : p::seq<kw_source, sp, port_op> {};
struct service_destination_ports : p::seq<kw_destination, sp, port_op> {};
struct service_bare_ports : port_op {};
struct service_icmp : icmp_spec {};
struct service_spec : p::seq<service_protocol,
                             p::opt<sp, p::sor<service_source_ports, service_destination_ports,
                                               service_bare_ports, service_icmp>>,
                             p::opt<sp, service_destination_ports>> {};
struct sp_service_spec : p::seq<sp, service_spec, line_end> {};
struct os_service : p::seq<kw_service, p::must<sp_service_spec>> {};
struct service_object_member : p::sor<os_service> {};

struct netobj_host : p::seq<kw_host, sp, host_value> {};
struct netobj_object : p::seq<kw_object, sp, object_name> {};
struct netobj_value : p::sor<netobj_host, netobj_object, addr_prefix6, addr_masked> {};
struct sp_netobj_value : p::seq<sp, netobj_value, line_end> {};
struct gm_network_object : p::seq<kw_network_object, p::must<sp_netobj_value>> {};
struct sp_port_op : p::seq<sp, port_op, line_end> {};
struct gm_port_object : p::seq<kw_port_object, p::must<sp_port_op>> {};
struct svcobj_object : p::seq<kw_object, sp, object_name> {};
struct svcobj_value : p::sor<svcobj_object, service_spec> {};
struct sp_svcobj_value : p::seq<sp, svcobj_value, line_end> {};
struct gm_service_object : p::seq<kw_service_object, p::must<sp_svcobj_value>> {};
struct sp_protocol_value : p::seq<sp, protocol_value, line_end> {};
struct gm_protocol_object : p::seq<kw_protocol_object, p::must<sp_protocol_value>> {};
struct sp_icmp_object_value : p::seq<sp, icmp_object_value, line_end> {};
struct gm_icmp_object : p::seq<kw_icmp_object, p::must<sp_icmp_object_value>> {};
struct sp_group_name : p::seq<sp, object_name, line_end> {};
struct gm_group_object : p::seq<kw_group_object, p::must<sp_group_name>> {};
struct group_member : p::sor<gm_network_object, gm_port_object, gm_service_object,
                             gm_protocol_object, gm_icmp_object, gm_group_object> {};

// Every rule the reader starts from, for tao::pegtl::analyze.
struct any_line : p::sor<top_line, interface_member, network_object_member, service_object_member,
                         group_member> {};

}  // namespace fwaudit::asa::grammar
