// parsers/iptables/errors.hpp
#pragma once

#include <tao/pegtl.hpp>

#include "parsers/iptables/grammar.hpp"

// What was expected at each point of no return of the line grammar.
namespace fwaudit::iptables {

template <typename Rule>
inline constexpr const char* error_message = nullptr;

// clang-format off
template <> inline constexpr auto error_message<grammar::line_content> =
    "expected a table header (*filter), a chain (:NAME POLICY [0:0]), a command (-A CHAIN ...), "
    "COMMIT or a comment";
template <> inline constexpr auto error_message<grammar::table_name> =
    "expected a table name after '*' (filter, nat, mangle, raw or security)";
template <> inline constexpr auto error_message<grammar::line_end> =
    "unexpected text at the end of the line";
template <> inline constexpr auto error_message<grammar::packet_count> =
    "expected a packet count after '[' (counters are written [packets:bytes])";
template <> inline constexpr auto error_message<grammar::counter_separator> =
    "expected ':' between packet and byte counts (counters are written [packets:bytes])";
template <> inline constexpr auto error_message<grammar::byte_count> =
    "expected a byte count after ':' (counters are written [packets:bytes])";
template <> inline constexpr auto error_message<grammar::counters_close> =
    "expected ']' to close the counters [packets:bytes]";
template <> inline constexpr auto error_message<grammar::chain_name> =
    "expected a chain name after ':'";
template <> inline constexpr auto error_message<grammar::chain_separator> =
    "expected a policy after the chain name (ACCEPT, DROP, or - for a user chain)";
template <> inline constexpr auto error_message<grammar::policy_name> =
    "expected a policy after the chain name (ACCEPT, DROP, or - for a user chain)";
template <> inline constexpr auto error_message<grammar::chain_counters> =
    "expected counters [packets:bytes] after the policy";
template <> inline constexpr auto error_message<grammar::quoted_body> =
    "expected the text of a quoted string";
template <> inline constexpr auto error_message<grammar::closing_quote> =
    "expected '\"' to close the quoted string";
template <> inline constexpr auto error_message<grammar::escaped_char> =
    "expected a character after '\\'";
// clang-format on

struct error_messages {
  template <typename Rule>
  static constexpr const char* message = error_message<Rule>;
};

template <typename Rule>
using control = tao::pegtl::must_if<error_messages>::control<Rule>;

}  // namespace fwaudit::iptables
