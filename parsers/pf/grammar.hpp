// parsers/pf/grammar.hpp
#pragma once

#include <tao/pegtl.hpp>

// The grammar of one pf.conf statement after preprocessing (comments, continuations, macros and
// includes are handled by source_text.cpp, as pfctl's lexer does). Rules follow pf.conf(5) of
// OpenBSD and FreeBSD; element order in a rule is pfctl's: action, block mode, direction, log,
// quick, on, route, address family, proto, from/to, options.
namespace fwaudit::pf::grammar {

namespace pg = tao::pegtl;

// ---- lexical -----------------------------------------------------------------------------

struct ws : pg::star<pg::one<' ', '\t'>> {};
struct wsnl : pg::star<pg::one<' ', '\t', '\n'>> {};
struct blanks : pg::plus<pg::one<' ', '\t'>> {};
// Characters of an unquoted string token (pfctl's allowed_in_string()).
struct string_char : pg::seq<pg::not_at<pg::one<' ', '\t', '\n', '(', ')', '{', '}', '<', '>', '!',
                                                '=', '/', '#', ',', '"'>>,
                             pg::range<'!', '~'>> {};
struct word : pg::plus<string_char> {};
struct quote_close : pg::one<'"'> {};
struct quoted : pg::seq<pg::one<'"'>, pg::star<pg::not_one<'"', '\n'>>, pg::must<quote_close>> {};
struct string_ : pg::sor<quoted, word> {};
struct number : pg::plus<pg::digit> {};
struct comma_sep : pg::seq<wsnl, pg::opt<pg::one<','>>, wsnl> {};
struct close_brace : pg::one<'}'> {};
struct close_paren : pg::one<')'> {};
struct paren_group
    : pg::seq<pg::one<'('>, pg::star<pg::sor<paren_group, pg::not_one<'(', ')', '\n'>>>,
              pg::must<close_paren>> {};
struct brace_group : pg::seq<pg::one<'{'>, pg::star<pg::sor<brace_group, pg::not_one<'{', '}'>>>,
                             pg::must<close_brace>> {};

template <typename S>
struct key : pg::seq<S, pg::not_at<string_char>> {};

#define FWAUDIT_PF_KEY(name, text) \
  struct name : key<TAO_PEGTL_STRING(text)> {}

FWAUDIT_PF_KEY(k_pass, "pass");
FWAUDIT_PF_KEY(k_block, "block");
FWAUDIT_PF_KEY(k_match, "match");
FWAUDIT_PF_KEY(k_scrub, "scrub");
FWAUDIT_PF_KEY(k_no, "no");
FWAUDIT_PF_KEY(k_nat, "nat");
FWAUDIT_PF_KEY(k_rdr, "rdr");
FWAUDIT_PF_KEY(k_binat, "binat");
FWAUDIT_PF_KEY(k_anchor, "anchor");
FWAUDIT_PF_KEY(k_nat_anchor, "nat-anchor");
FWAUDIT_PF_KEY(k_rdr_anchor, "rdr-anchor");
FWAUDIT_PF_KEY(k_binat_anchor, "binat-anchor");
FWAUDIT_PF_KEY(k_scrub_anchor, "scrub-anchor");
FWAUDIT_PF_KEY(k_antispoof, "antispoof");
FWAUDIT_PF_KEY(k_table, "table");
FWAUDIT_PF_KEY(k_set, "set");
FWAUDIT_PF_KEY(k_altq, "altq");
FWAUDIT_PF_KEY(k_queue, "queue");
FWAUDIT_PF_KEY(k_load, "load");
FWAUDIT_PF_KEY(k_ether, "ether");
FWAUDIT_PF_KEY(k_drop, "drop");
FWAUDIT_PF_KEY(k_return, "return");
FWAUDIT_PF_KEY(k_return_rst, "return-rst");
FWAUDIT_PF_KEY(k_return_icmp, "return-icmp");
FWAUDIT_PF_KEY(k_return_icmp6, "return-icmp6");
FWAUDIT_PF_KEY(k_in, "in");
FWAUDIT_PF_KEY(k_out, "out");
FWAUDIT_PF_KEY(k_log, "log");
FWAUDIT_PF_KEY(k_quick, "quick");
FWAUDIT_PF_KEY(k_on, "on");
FWAUDIT_PF_KEY(k_inet, "inet");
FWAUDIT_PF_KEY(k_inet6, "inet6");
FWAUDIT_PF_KEY(k_proto, "proto");
FWAUDIT_PF_KEY(k_all, "all");
FWAUDIT_PF_KEY(k_from, "from");
FWAUDIT_PF_KEY(k_to, "to");
FWAUDIT_PF_KEY(k_port, "port");
FWAUDIT_PF_KEY(k_any, "any");
FWAUDIT_PF_KEY(k_os, "os");
FWAUDIT_PF_KEY(k_flags, "flags");
FWAUDIT_PF_KEY(k_icmp_type, "icmp-type");
FWAUDIT_PF_KEY(k_icmp6_type, "icmp6-type");
FWAUDIT_PF_KEY(k_code, "code");
FWAUDIT_PF_KEY(k_state, "state");
FWAUDIT_PF_KEY(k_keep, "keep");
FWAUDIT_PF_KEY(k_modulate, "modulate");
FWAUDIT_PF_KEY(k_synproxy, "synproxy");
FWAUDIT_PF_KEY(k_user, "user");
FWAUDIT_PF_KEY(k_group, "group");
FWAUDIT_PF_KEY(k_label, "label");
FWAUDIT_PF_KEY(k_tag, "tag");
FWAUDIT_PF_KEY(k_tagged, "tagged");
FWAUDIT_PF_KEY(k_probability, "probability");
FWAUDIT_PF_KEY(k_rtable, "rtable");
FWAUDIT_PF_KEY(k_allow_opts, "allow-opts");
FWAUDIT_PF_KEY(k_fragment, "fragment");
FWAUDIT_PF_KEY(k_reassemble, "reassemble");
FWAUDIT_PF_KEY(k_crop, "crop");
FWAUDIT_PF_KEY(k_drop_ovl, "drop-ovl");
FWAUDIT_PF_KEY(k_no_df, "no-df");
FWAUDIT_PF_KEY(k_min_ttl, "min-ttl");
FWAUDIT_PF_KEY(k_max_mss, "max-mss");
FWAUDIT_PF_KEY(k_set_tos, "set-tos");
FWAUDIT_PF_KEY(k_random_id, "random-id");
FWAUDIT_PF_KEY(k_tcp, "tcp");
FWAUDIT_PF_KEY(k_prio, "prio");
FWAUDIT_PF_KEY(k_tos, "tos");
FWAUDIT_PF_KEY(k_delay, "delay");
FWAUDIT_PF_KEY(k_once, "once");
FWAUDIT_PF_KEY(k_max_pkt_rate, "max-pkt-rate");
FWAUDIT_PF_KEY(k_divert_to, "divert-to");
FWAUDIT_PF_KEY(k_divert_reply, "divert-reply");
FWAUDIT_PF_KEY(k_divert_packet, "divert-packet");
FWAUDIT_PF_KEY(k_received_on, "received-on");
FWAUDIT_PF_KEY(k_nat_to, "nat-to");
FWAUDIT_PF_KEY(k_rdr_to, "rdr-to");
FWAUDIT_PF_KEY(k_binat_to, "binat-to");
FWAUDIT_PF_KEY(k_af_to, "af-to");
FWAUDIT_PF_KEY(k_route_to, "route-to");
FWAUDIT_PF_KEY(k_reply_to, "reply-to");
FWAUDIT_PF_KEY(k_dup_to, "dup-to");
FWAUDIT_PF_KEY(k_fastroute, "fastroute");
FWAUDIT_PF_KEY(k_bitmask, "bitmask");
FWAUDIT_PF_KEY(k_random, "random");
FWAUDIT_PF_KEY(k_source_hash, "source-hash");
FWAUDIT_PF_KEY(k_round_robin, "round-robin");
FWAUDIT_PF_KEY(k_least_states, "least-states");
FWAUDIT_PF_KEY(k_sticky_address, "sticky-address");
FWAUDIT_PF_KEY(k_static_port, "static-port");
FWAUDIT_PF_KEY(k_for, "for");
FWAUDIT_PF_KEY(k_persist, "persist");
FWAUDIT_PF_KEY(k_const, "const");
FWAUDIT_PF_KEY(k_counters, "counters");
FWAUDIT_PF_KEY(k_file, "file");
FWAUDIT_PF_KEY(k_max_src_nodes, "max-src-nodes");

#undef FWAUDIT_PF_KEY

// A statement ends at the end of its text, at the newline of an anchor body, or before the '}'
// closing an anchor body written on one line.
struct statement_end : pg::seq<ws, pg::sor<pg::eof, pg::at<pg::one<'\n'>>, pg::at<pg::one<'}'>>>> {
};
struct filter_end : statement_end {};
struct scrub_end : statement_end {};
struct nat_end : statement_end {};
struct anchor_end : statement_end {};
struct antispoof_end : statement_end {};
struct table_end : statement_end {};
struct set_end : statement_end {};
struct queue_end : statement_end {};
struct load_end : statement_end {};

// ---- addresses -----------------------------------------------------------------------------

struct table_name : pg::plus<pg::not_one<'>', ' ', '\t', '\n', '<'>> {};
struct table_close : pg::one<'>'> {};
struct table_ref : pg::seq<pg::one<'<'>, pg::must<table_name>, pg::must<table_close>> {};
struct dynamic_name : pg::plus<pg::not_one<')', '(', ' ', '\t', '\n'>> {};
struct dynamic_if : pg::seq<pg::one<'('>, ws, pg::must<dynamic_name>, ws, pg::must<close_paren>> {};
struct range_tail : pg::seq<ws, pg::one<'-'>, blanks, word> {};
struct mask_bits : pg::plus<pg::digit> {};
struct mask : pg::seq<pg::one<'/'>, pg::must<mask_bits>> {};
struct host_body : pg::sor<table_ref, dynamic_if, pg::seq<word, pg::opt<range_tail>>> {};
struct host : pg::seq<pg::opt<pg::one<'!'>, ws>, host_body, pg::opt<mask>> {};
struct host_list;
struct host_item : pg::sor<host_list, host> {};
struct host_list : pg::seq<pg::one<'{'>, wsnl, pg::must<host_item>, pg::star<comma_sep, host_item>,
                           wsnl, pg::must<close_brace>> {};
struct any_host : k_any {};
struct ipspec : pg::sor<any_host, host_list, host> {};

// ---- ports, users, groups ----------------------------------------------------------------------

struct port_value : pg::plus<pg::sor<pg::alnum, pg::one<'_', '-', '*', '.'>>> {};
struct port_unary_op : pg::sor<pg::string<'!', '='>, pg::string<'<', '='>, pg::string<'>', '='>,
                               pg::one<'='>, pg::one<'<'>, pg::one<'>'>> {};
struct port_binary_op : pg::sor<pg::string<'<', '>'>, pg::string<'>', '<'>, pg::one<':'>> {};
struct port_operand : port_value {};
struct port_item
    : pg::sor<pg::if_must<port_unary_op, ws, port_operand>,
              pg::seq<port_value,
                      pg::opt<pg::if_must<pg::seq<ws, port_binary_op>, ws, port_operand>>>> {};
struct port_list;
struct port_entry : pg::sor<port_list, port_item> {};
struct port_list : pg::seq<pg::one<'{'>, wsnl, pg::must<port_entry>,
                           pg::star<comma_sep, port_entry>, wsnl, pg::must<close_brace>> {};
struct portspec : pg::sor<port_list, port_item> {};

struct port_kw : k_port {};
struct port_part : pg::if_must<port_kw, ws, portspec> {};
struct ipportspec : pg::sor<port_part, pg::seq<ipspec, pg::opt<ws, port_part>>> {};
struct from_kw : k_from {};
struct to_kw : k_to {};
struct os_value : string_ {};
struct os_list
    : pg::if_must<pg::one<'{'>, wsnl, os_value, pg::star<comma_sep, os_value>, wsnl, close_brace> {
};
struct os_spec : pg::sor<os_list, os_value> {};
struct os_part : pg::if_must<k_os, ws, os_spec> {};
struct from_part : pg::if_must<from_kw, ws, ipportspec> {};
struct to_part : pg::if_must<to_kw, ws, ipportspec> {};
struct all_kw : k_all {};
struct fromto
    : pg::sor<all_kw, pg::seq<from_part, pg::opt<ws, os_part>, pg::opt<ws, to_part>>, to_part> {};

// ---- rule head -------------------------------------------------------------------------------

struct dir_in : k_in {};
struct dir_out : k_out {};
struct direction : pg::sor<dir_in, dir_out> {};
struct log_part : pg::seq<k_log, pg::opt<ws, paren_group>> {};
struct quick_kw : k_quick {};
struct log_quick : pg::star<ws, pg::sor<log_part, quick_kw>> {};
struct if_name : pg::sor<pg::seq<pg::one<'('>, ws, word, ws, pg::one<')'>>, word> {};
struct if_item : pg::seq<pg::opt<pg::one<'!'>, ws>, if_name> {};
struct if_list : pg::seq<pg::one<'{'>, wsnl, pg::must<if_item>, pg::star<comma_sep, if_item>, wsnl,
                         pg::must<close_brace>> {};
struct ifspec : pg::sor<if_list, if_item> {};
struct on_kw : k_on {};
struct on_part : pg::if_must<on_kw, ws, ifspec> {};
struct af_inet : k_inet {};
struct af_inet6 : k_inet6 {};
struct family : pg::sor<af_inet6, af_inet> {};
struct proto_item : word {};
struct proto_list : pg::seq<pg::one<'{'>, wsnl, pg::must<proto_item>,
                            pg::star<comma_sep, proto_item>, wsnl, pg::must<close_brace>> {};
struct protospec : pg::sor<proto_list, proto_item> {};
struct proto_part : pg::if_must<k_proto, ws, protospec> {};

// Pool options of translations and route-to.
struct pool_reserved : pg::sor<k_inet, k_inet6, k_all, k_proto, k_from, k_to, k_static_port,
                               k_sticky_address, k_port, k_label, k_tag, k_tagged, k_keep, k_flags,
                               k_queue, k_no, k_modulate, k_synproxy> {};
struct hash_key : pg::seq<pg::not_at<pool_reserved>, word> {};
struct static_port_kw : k_static_port {};
struct pool_opt : pg::sor<k_bitmask, k_random, pg::seq<k_source_hash, pg::opt<ws, hash_key>>,
                          k_round_robin, k_least_states, k_sticky_address> {};
struct pool_opts : pg::star<ws, pg::sor<pool_opt, static_port_kw>> {};

// route-to (em1 10.0.0.1) / { ... } / 10.0.0.1 / <table>
struct route_target_text
    : pg::sor<pg::seq<pg::one<'('>, ws, word, pg::opt<blanks, host>, ws, pg::one<')'>>, host> {};
struct route_target : route_target_text {};
struct route_target_list : pg::seq<pg::one<'{'>, wsnl, pg::must<route_target>,
                                   pg::star<comma_sep, route_target>, wsnl, pg::must<close_brace>> {
};
struct route_targets : pg::sor<route_target_list, route_target> {};
struct route_kind : pg::sor<k_route_to, k_reply_to, k_dup_to> {};
struct route_part : pg::sor<pg::if_must<route_kind, ws, route_targets, pool_opts>, k_fastroute> {};

// ---- translation targets --------------------------------------------------------------------

struct redir_port_kw : k_port {};
struct redir_hosts : pg::sor<host_list, host> {};
struct redirspec
    : pg::seq<redir_hosts, pg::opt<ws, pg::if_must<redir_port_kw, ws, port_item>>, pool_opts> {};
struct nat_to_kw : k_nat_to {};
struct rdr_to_kw : k_rdr_to {};
struct binat_to_kw : k_binat_to {};
struct arrow : pg::string<'-', '>'> {};
struct nat_to : pg::if_must<nat_to_kw, ws, redirspec> {};
struct rdr_to : pg::if_must<rdr_to_kw, ws, redirspec> {};
struct binat_to : pg::if_must<binat_to_kw, ws, redirspec> {};
struct arrow_part : pg::if_must<arrow, ws, redirspec> {};
struct afto_family : family {};
struct afto_hosts : redir_hosts {};
struct af_to : pg::if_must<k_af_to, ws, afto_family, pg::opt<ws, k_from, ws, afto_hosts>,
                           pg::opt<ws, k_to, ws, afto_hosts>> {};

// ---- filter options ----------------------------------------------------------------------

struct flag_chars : pg::star<pg::one<'F', 'S', 'R', 'P', 'A', 'U', 'E', 'W'>> {};
struct flag_mask : pg::plus<pg::one<'F', 'S', 'R', 'P', 'A', 'U', 'E', 'W'>> {};
struct flags_value : pg::sor<k_any, pg::seq<flag_chars, pg::one<'/'>, flag_mask>> {};
struct flags_opt : pg::if_must<k_flags, ws, flags_value> {};

struct icmp_code : word {};
struct icmp_item : pg::seq<word, pg::opt<ws, pg::if_must<k_code, ws, icmp_code>>> {};
struct icmp_list : pg::seq<pg::one<'{'>, wsnl, pg::must<icmp_item>, pg::star<comma_sep, icmp_item>,
                           wsnl, pg::must<close_brace>> {};
struct icmp_kw : k_icmp_type {};
struct icmp6_kw : k_icmp6_type {};
struct icmp_types : pg::sor<icmp_list, icmp_item> {};
struct icmp_opt : pg::if_must<pg::sor<icmp_kw, icmp6_kw>, ws, icmp_types> {};

struct state_options : paren_group {};
struct no_state : pg::seq<k_no, ws, k_state> {};
struct keep_kw : k_keep {};
struct modulate_kw : k_modulate {};
struct synproxy_kw : k_synproxy {};
struct state_kw : k_state {};
struct keep_state : pg::if_must<pg::sor<keep_kw, modulate_kw, synproxy_kw>, ws, state_kw,
                                pg::opt<ws, state_options>> {};

struct user_kw : k_user {};
struct group_kw : k_group {};
struct id_spec : portspec {};
struct user_opt : pg::if_must<pg::sor<user_kw, group_kw>, ws, id_spec> {};
struct label_value : string_ {};
struct label_opt : pg::if_must<k_label, ws, label_value> {};
struct tag_value : string_ {};
struct tag_opt : pg::if_must<k_tag, ws, tag_value> {};
struct tagged_not : pg::one<'!'> {};
struct tagged_value : string_ {};
struct tagged_opt : pg::if_must<pg::seq<pg::opt<tagged_not, ws>, k_tagged>, ws, tagged_value> {};
struct probability_value : word {};
struct probability_opt : pg::if_must<k_probability, ws, probability_value> {};
struct option_value : pg::sor<paren_group, string_> {};
struct queue_opt : pg::if_must<k_queue, ws, option_value> {};
struct rtable_opt : pg::if_must<k_rtable, ws, number> {};
struct allow_opts : k_allow_opts {};
struct set_kind : pg::sor<k_prio, k_tos, k_queue, k_delay> {};
struct set_opt : pg::if_must<k_set, ws, set_kind, ws, option_value> {};
struct prio_opt : pg::if_must<k_prio, ws, option_value> {};
struct tos_opt : pg::if_must<k_tos, ws, option_value> {};
struct max_pkt_rate_opt : pg::if_must<k_max_pkt_rate, ws, option_value> {};
struct divert_to
    : pg::if_must<k_divert_to, ws, word, pg::opt<ws, pg::if_must<k_port, ws, port_value>>> {};
struct divert_packet : pg::if_must<k_divert_packet, ws, k_port, ws, port_value> {};
struct received_on : pg::if_must<k_received_on, ws, if_item> {};
struct other_option
    : pg::sor<queue_opt, rtable_opt, allow_opts, set_opt, prio_opt, tos_opt, max_pkt_rate_opt,
              divert_to, k_divert_reply, divert_packet, received_on, k_once> {};

// Normalisation options (scrub rules, and `scrub (...)` on match rules).
struct fragment_opt : pg::seq<k_fragment, pg::opt<ws, pg::sor<k_reassemble, k_crop, k_drop_ovl>>> {
};
struct scrub_option
    : pg::sor<k_no_df, pg::if_must<k_min_ttl, ws, number>, pg::if_must<k_max_mss, ws, number>,
              pg::if_must<k_set_tos, ws, word>, k_random_id, pg::if_must<k_reassemble, ws, k_tcp>,
              fragment_opt, pg::seq<k_scrub, ws, paren_group>> {};

struct filter_opt : pg::sor<flags_opt, icmp_opt, no_state, keep_state, user_opt, label_opt, tag_opt,
                            tagged_opt, probability_opt, nat_to, rdr_to, binat_to, af_to,
                            route_part, scrub_option, other_option> {};
struct filter_opts : pg::star<ws, filter_opt> {};

// ---- statements --------------------------------------------------------------------------

struct statement;
struct statement_begin : pg::success {};

struct action_pass : k_pass {};
struct action_block : k_block {};
struct action_match : k_match {};
struct block_drop : k_drop {};
struct block_return : k_return {};
struct block_return_rst : pg::seq<k_return_rst, pg::opt<ws, paren_group>> {};
struct block_return_icmp
    : pg::seq<pg::sor<k_return_icmp6, k_return_icmp>, pg::opt<ws, paren_group>> {};
struct block_mode : pg::sor<block_drop, block_return_rst, block_return_icmp, block_return> {};
struct filter_head
    : pg::sor<action_pass, action_match, pg::seq<action_block, pg::opt<ws, block_mode>>> {};
struct filter_rule
    : pg::if_must<filter_head, pg::opt<ws, direction>, log_quick, pg::opt<ws, on_part>,
                  pg::star<ws, route_part>, pg::opt<ws, family>, pg::opt<ws, proto_part>,
                  pg::opt<ws, fromto>, filter_opts, filter_end> {};

struct scrub_head : pg::sor<pg::seq<k_no, ws, k_scrub>, k_scrub> {};
struct scrub_rule : pg::if_must<scrub_head, pg::opt<ws, direction>, log_quick, pg::opt<ws, on_part>,
                                pg::opt<ws, family>, pg::opt<ws, proto_part>, pg::opt<ws, fromto>,
                                filter_opts, scrub_end> {};

struct nat_head
    : pg::sor<pg::seq<k_no, ws, pg::sor<k_nat, k_rdr, k_binat>>,
              pg::seq<pg::sor<k_nat, k_rdr, k_binat>, pg::opt<ws, k_pass, pg::opt<ws, log_part>>>> {
};
struct nat_option : pg::sor<tag_opt, tagged_opt, rtable_opt> {};
struct nat_rule
    : pg::if_must<nat_head, pg::opt<ws, on_part>, pg::opt<ws, family>, pg::opt<ws, proto_part>,
                  pg::opt<ws, fromto>, pg::star<ws, nat_option>, pg::opt<ws, arrow_part>,
                  pg::star<ws, nat_option>, nat_end> {};

struct anchor_kw : pg::sor<k_anchor, k_nat_anchor, k_rdr_anchor, k_binat_anchor, k_scrub_anchor> {};
struct anchor_reserved
    : pg::sor<k_in, k_out, k_on, k_inet, k_inet6, k_proto, k_from, k_to, k_all, k_log, k_quick> {};
struct anchor_name : pg::sor<quoted, pg::seq<pg::not_at<anchor_reserved>, word>> {};
struct body_open : pg::one<'{'> {};
struct body_statement : pg::seq<pg::not_at<close_brace>, pg::must<statement>, wsnl> {};
struct anchor_body : pg::if_must<body_open, wsnl, pg::star<body_statement>, close_brace> {};
struct anchor_rule : pg::if_must<anchor_kw, pg::opt<ws, anchor_name>, pg::opt<ws, direction>,
                                 log_quick, pg::opt<ws, on_part>, pg::star<ws, route_part>,
                                 pg::opt<ws, family>, pg::opt<ws, proto_part>, pg::opt<ws, fromto>,
                                 filter_opts, pg::opt<ws, anchor_body>, anchor_end> {};

struct for_kw : k_for {};
struct antispoof_rule : pg::if_must<k_antispoof, log_quick, ws, for_kw, ws, ifspec,
                                    pg::opt<ws, family>, filter_opts, antispoof_end> {};

struct table_decl_name : table_ref {};
struct table_file_name : quoted {};
struct table_file : pg::if_must<k_file, ws, table_file_name> {};
struct persist_kw : k_persist {};
struct const_kw : k_const {};
struct table_entries : host_list {};
struct table_stmt
    : pg::if_must<
          k_table, ws, table_decl_name,
          pg::star<ws, pg::sor<persist_kw, const_kw, k_counters, table_file, table_entries>>,
          table_end> {};

struct option_name : word {};
struct option_word : pg::sor<brace_group, paren_group, quoted, pg::one<','>, word> {};
struct set_stmt : pg::if_must<k_set, ws, option_name, pg::star<ws, option_word>, set_end> {};

struct altq_kw : k_altq {};
struct queue_kw : k_queue {};
struct queue_word : pg::sor<brace_group, paren_group, quoted, pg::one<',', '!'>, word> {};
struct queue_stmt : pg::if_must<pg::sor<altq_kw, queue_kw>, pg::star<ws, queue_word>, queue_end> {};

struct load_name : string_ {};
struct load_file : quoted {};
struct load_stmt
    : pg::if_must<k_load, ws, k_anchor, ws, load_name, ws, k_from, ws, load_file, load_end> {};

struct ether_rule : pg::seq<k_ether, pg::star<pg::not_one<'\n'>>> {};

struct statement_body : pg::sor<filter_rule, scrub_rule, nat_rule, anchor_rule, antispoof_rule,
                                table_stmt, set_stmt, queue_stmt, load_stmt, ether_rule> {};
struct statement : pg::seq<statement_begin, statement_body> {};

// One top-level statement as split by split_statements().
struct top_statement : pg::seq<pg::must<statement>, wsnl, pg::must<pg::eof>> {};

}  // namespace fwaudit::pf::grammar
