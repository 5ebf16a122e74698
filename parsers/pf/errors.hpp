// parsers/pf/errors.hpp
#pragma once

#include "parsers/pf/grammar.hpp"

// What was expected at each point of no return of the pf grammar. The control built from this
// table refuses to compile when a must<> point has no message.
namespace fwaudit::pf {

struct errors {
  template <typename Rule>
  static constexpr const char* message = nullptr;
  // Only must<> points raise; a rule that merely fails lets its alternatives be tried.
  template <typename Rule>
  static constexpr bool raise_on_failure = false;
};

namespace g = grammar;

#define FWAUDIT_PF_ERROR(rule, text) \
  template <>                        \
  inline constexpr const char* errors::message<rule> = text

// Rules that always match: they sit under if_must<> only because of the sequence they are in.
template <typename... R>
inline constexpr const char* errors::message<g::pg::opt<R...>> = "unexpected text";
template <typename... R>
inline constexpr const char* errors::message<g::pg::star<R...>> = "unexpected text";
FWAUDIT_PF_ERROR(g::ws, "expected a blank");
FWAUDIT_PF_ERROR(g::wsnl, "expected a blank");
FWAUDIT_PF_ERROR(g::log_quick, "expected log or quick");
FWAUDIT_PF_ERROR(g::filter_opts, "expected a rule option");
FWAUDIT_PF_ERROR(g::pool_opts, "expected a pool option");

FWAUDIT_PF_ERROR(g::quote_close, "unterminated quoted string: expected a closing '\"'");
FWAUDIT_PF_ERROR(g::close_paren, "expected ')'");
FWAUDIT_PF_ERROR(g::close_brace, "expected '}' or another list item");
FWAUDIT_PF_ERROR(g::table_name, "expected a table name after '<'");
FWAUDIT_PF_ERROR(g::table_close, "expected '>' closing the table name");
FWAUDIT_PF_ERROR(g::dynamic_name, "expected an interface name inside '( )'");
FWAUDIT_PF_ERROR(g::mask_bits, "expected a prefix length after '/'");
FWAUDIT_PF_ERROR(g::host_item, "expected an address, table, interface or host name in the list");
FWAUDIT_PF_ERROR(g::port_operand, "expected a port number or service name after the port operator");
FWAUDIT_PF_ERROR(g::port_entry, "expected a port in the list");
FWAUDIT_PF_ERROR(g::portspec, "expected a port number, service name, operator or '{' after 'port'");
FWAUDIT_PF_ERROR(g::port_item, "expected a port number or service name after 'port'");
FWAUDIT_PF_ERROR(g::ipportspec,
                 "expected an address (any, a host, network, table, interface or '{ list }') or "
                 "'port'");
FWAUDIT_PF_ERROR(g::os_value, "expected an operating system name");
FWAUDIT_PF_ERROR(g::os_spec, "expected an operating system name or list after 'os'");
FWAUDIT_PF_ERROR(g::ifspec, "expected an interface name, group, 'any' or '{ list }' after 'on'");
FWAUDIT_PF_ERROR(g::if_item, "expected an interface name");
FWAUDIT_PF_ERROR(g::protospec, "expected a protocol name or number after 'proto'");
FWAUDIT_PF_ERROR(g::proto_item, "expected a protocol name or number in the list");
FWAUDIT_PF_ERROR(g::route_targets, "expected a route target such as (em1 192.0.2.1)");
FWAUDIT_PF_ERROR(g::route_target, "expected a route target in the list");
FWAUDIT_PF_ERROR(g::redirspec, "expected a translation address, table or '{ list }'");
FWAUDIT_PF_ERROR(g::afto_family, "expected inet or inet6 after 'af-to'");
FWAUDIT_PF_ERROR(g::afto_hosts, "expected the translation address of af-to");
FWAUDIT_PF_ERROR(g::flags_value, "expected TCP flags as <set>/<mask> (e.g. S/SA) or 'any'");
FWAUDIT_PF_ERROR(g::icmp_code, "expected an ICMP code name or number after 'code'");
FWAUDIT_PF_ERROR(g::icmp_item, "expected an ICMP type in the list");
FWAUDIT_PF_ERROR(g::icmp_types, "expected an ICMP type name or number");
FWAUDIT_PF_ERROR(g::state_kw, "expected 'state'");
FWAUDIT_PF_ERROR(g::id_spec, "expected a user or group name, id, or operator");
FWAUDIT_PF_ERROR(g::label_value, "expected a label string");
FWAUDIT_PF_ERROR(g::tag_value, "expected a tag name");
FWAUDIT_PF_ERROR(g::tagged_value, "expected a tag name after 'tagged'");
FWAUDIT_PF_ERROR(g::probability_value, "expected a probability such as 0.5 or 50%");
FWAUDIT_PF_ERROR(g::option_value, "expected a value");
FWAUDIT_PF_ERROR(g::number, "expected a number");
FWAUDIT_PF_ERROR(g::set_kind, "expected prio, tos, queue or delay after 'set'");
FWAUDIT_PF_ERROR(g::word, "expected a word");
FWAUDIT_PF_ERROR(g::port_value, "expected a port number");
FWAUDIT_PF_ERROR(g::k_port, "expected 'port'");
FWAUDIT_PF_ERROR(g::k_tcp, "expected 'tcp' after 'reassemble'");
FWAUDIT_PF_ERROR(g::k_anchor, "expected 'anchor' after 'load'");
FWAUDIT_PF_ERROR(g::k_from, "expected 'from'");
FWAUDIT_PF_ERROR(g::for_kw, "expected 'for' and an interface after 'antispoof'");
FWAUDIT_PF_ERROR(g::table_decl_name, "expected a table name as <name> after 'table'");
FWAUDIT_PF_ERROR(g::table_file_name, "expected a quoted file name after 'file'");
FWAUDIT_PF_ERROR(g::option_name, "expected an option name after 'set'");
FWAUDIT_PF_ERROR(g::load_name, "expected an anchor name");
FWAUDIT_PF_ERROR(g::load_file, "expected a quoted file name after 'from'");
FWAUDIT_PF_ERROR(g::statement,
                 "expected a pf statement (pass, block, match, anchor, antispoof, table, set, "
                 "scrub, nat, rdr, binat, altq, queue, load anchor, include or a macro "
                 "definition)");
FWAUDIT_PF_ERROR(g::pg::eof, "unexpected text after the end of the statement");

FWAUDIT_PF_ERROR(g::filter_end,
                 "unexpected text (expected the rule's parts in pf order: direction, log, quick, "
                 "on, af, proto, from/to, then options such as flags, keep state, label, tag, or "
                 "the end of the rule)");
FWAUDIT_PF_ERROR(g::scrub_end, "unexpected text (expected a scrub option or the end of the rule)");
FWAUDIT_PF_ERROR(g::nat_end,
                 "unexpected text (expected on, af, proto, from/to, tag, '->' and pool options, "
                 "or the end of the rule)");
FWAUDIT_PF_ERROR(g::anchor_end,
                 "unexpected text (expected anchor options, an inline '{ ... }' body or the end "
                 "of the rule)");
FWAUDIT_PF_ERROR(g::antispoof_end, "unexpected text (expected inet, inet6, label or the end)");
FWAUDIT_PF_ERROR(g::table_end,
                 "unexpected text (expected persist, const, counters, '{ addresses }', file "
                 "\"name\" or the end of the table)");
FWAUDIT_PF_ERROR(g::set_end, "unexpected text (expected the option's value)");
FWAUDIT_PF_ERROR(g::queue_end, "unexpected text in the queue definition");
FWAUDIT_PF_ERROR(g::load_end, "unexpected text after load anchor ... from \"file\"");

#undef FWAUDIT_PF_ERROR

}  // namespace fwaudit::pf
