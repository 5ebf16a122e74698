// parsers/pf/actions.hpp
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/pf/grammar.hpp"
#include "parsers/pf/syntax_tree.hpp"

// Actions of the pf grammar: they only fill syntax-tree structs. Leaf elements (a host, a port
// match) are matched as a whole and split by the helpers below, so no action ever runs for a
// rule that is later backtracked over.
namespace fwaudit::pf {

// Splitting of matched element text (defined in actions.cpp).
Host host_from_text(std::string_view text, std::uint32_t pos);
PortMatch port_from_text(std::string_view text, std::uint32_t pos);
IcmpMatch icmp_from_text(std::string_view text, bool v6, std::uint32_t pos);
InterfaceRef interface_from_text(std::string_view text, std::uint32_t pos);
std::string unquote(std::string_view text);

struct BuildState {
  std::uint32_t base = 0;  // offset of the parsed statement in the preprocessed text
  std::vector<Statement>* out = nullptr;
  std::vector<std::unique_ptr<Statement>> stack;  // statements being built (anchor nesting)
  std::vector<Host>* hosts = nullptr;
  std::vector<PortMatch>* ports = nullptr;
  std::vector<InterfaceRef>* interfaces = nullptr;
  Redirection* redirection = nullptr;
  bool icmp_v6 = false;
  std::vector<Host> scratch_hosts;
  std::vector<PortMatch> scratch_ports;
  std::vector<InterfaceRef> scratch_interfaces;

  Statement& top() { return *stack.back(); }
  RuleSpec& rule() { return stack.back()->rule; }
  template <typename Input>
  std::uint32_t pos(const Input& in) const {
    return base + static_cast<std::uint32_t>(in.iterator().byte);
  }
  void reset_targets() {
    scratch_hosts.clear();
    scratch_ports.clear();
    scratch_interfaces.clear();
    hosts = &scratch_hosts;
    ports = &scratch_ports;
    interfaces = &scratch_interfaces;
    redirection = nullptr;
  }
};

namespace g = grammar;

template <typename Rule>
struct action {};

template <>
struct action<g::statement_begin> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.stack.push_back(std::make_unique<Statement>());
    s.reset_targets();
    s.top().rule.pos = s.pos(in);
  }
};

template <>
struct action<g::statement> {
  static void apply0(BuildState& s) {
    std::unique_ptr<Statement> done = std::move(s.stack.back());
    s.stack.pop_back();
    if (s.stack.empty()) {
      s.out->push_back(std::move(*done));
    } else {
      s.rule().body.push_back(std::move(*done));
    }
    s.reset_targets();
  }
};

// ---- rule heads

template <Action A>
struct set_action {
  static void apply0(BuildState& s) { s.rule().action = A; }
};
template <>
struct action<g::action_pass> : set_action<Action::pass> {};
template <>
struct action<g::action_block> : set_action<Action::block> {};
template <>
struct action<g::action_match> : set_action<Action::match> {};
template <>
struct action<g::ether_rule> : set_action<Action::ether> {};

template <>
struct action<g::scrub_head> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.rule().action = in.string_view().substr(0, 2) == "no" ? Action::no_scrub : Action::scrub;
  }
};

template <>
struct action<g::nat_head> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    std::string_view t = in.string_view();
    bool no = t.substr(0, 2) == "no";
    if (no) {
      t.remove_prefix(2);
      while (!t.empty() && (t.front() == ' ' || t.front() == '\t'))
        t.remove_prefix(1);
    }
    RuleSpec& r = s.rule();
    if (t.substr(0, 3) == "nat") {
      r.action = no ? Action::no_nat : Action::nat;
    } else if (t.substr(0, 3) == "rdr") {
      r.action = no ? Action::no_rdr : Action::rdr;
    } else {
      r.action = no ? Action::no_binat : Action::binat;
    }
    if (!no && t.find("pass") != std::string_view::npos) r.pass_translated = true;
    if (!no && t.find("log") != std::string_view::npos) r.log = true;
  }
};

template <>
struct action<g::anchor_kw> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    std::string_view t = in.string_view();
    RuleSpec& r = s.rule();
    if (t == "anchor")
      r.action = Action::anchor;
    else if (t == "nat-anchor")
      r.action = Action::nat_anchor;
    else if (t == "rdr-anchor")
      r.action = Action::rdr_anchor;
    else if (t == "binat-anchor")
      r.action = Action::binat_anchor;
    else
      r.action = Action::scrub_anchor;
  }
};

template <>
struct action<g::anchor_name> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.rule().anchor_name = unquote(in.string_view());
  }
};

template <>
struct action<g::body_open> {
  static void apply0(BuildState& s) { s.rule().has_body = true; }
};

template <>
struct action<g::k_antispoof> {
  template <typename Input>
  static void apply(const Input&, BuildState& s) {
    s.rule().action = Action::antispoof;
    s.rule().direction = Direction::in;
  }
};

template <>
struct action<g::for_kw> {
  static void apply0(BuildState& s) { s.interfaces = &s.rule().interfaces; }
};

template <BlockMode M>
struct set_block {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.rule().block = M;
    std::string_view t = in.string_view();
    auto p = t.find('(');
    if (p != std::string_view::npos) s.rule().block_detail = std::string(t.substr(p));
    if (M == BlockMode::return_icmp && t.substr(0, 12) == "return-icmp6") {
      s.rule().block_detail = "icmp6" + s.rule().block_detail;
    }
  }
};
template <>
struct action<g::block_drop> : set_block<BlockMode::drop> {};
template <>
struct action<g::block_return> : set_block<BlockMode::return_> {};
template <>
struct action<g::block_return_rst> : set_block<BlockMode::return_rst> {};
template <>
struct action<g::block_return_icmp> : set_block<BlockMode::return_icmp> {};

template <>
struct action<g::dir_in> {
  static void apply0(BuildState& s) { s.rule().direction = Direction::in; }
};
template <>
struct action<g::dir_out> {
  static void apply0(BuildState& s) { s.rule().direction = Direction::out; }
};
template <>
struct action<g::log_part> {
  static void apply0(BuildState& s) { s.rule().log = true; }
};
template <>
struct action<g::quick_kw> {
  static void apply0(BuildState& s) { s.rule().quick = true; }
};
template <>
struct action<g::on_kw> {
  static void apply0(BuildState& s) { s.interfaces = &s.rule().interfaces; }
};
template <>
struct action<g::if_item> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.interfaces->push_back(interface_from_text(in.string_view(), s.pos(in)));
  }
};
template <>
struct action<g::af_inet> {
  static void apply0(BuildState& s) { s.rule().family = Family::ipv4; }
};
template <>
struct action<g::af_inet6> {
  static void apply0(BuildState& s) { s.rule().family = Family::ipv6; }
};
template <>
struct action<g::proto_item> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.rule().protocols.emplace_back(in.string(), s.pos(in));
  }
};
template <>
struct action<g::all_kw> {
  static void apply0(BuildState& s) { s.rule().all = true; }
};

// ---- addresses and ports

template <>
struct action<g::from_kw> {
  static void apply0(BuildState& s) {
    s.hosts = &s.rule().from.hosts;
    s.ports = &s.rule().from.ports;
  }
};
template <>
struct action<g::to_kw> {
  static void apply0(BuildState& s) {
    s.hosts = &s.rule().to.hosts;
    s.ports = &s.rule().to.ports;
  }
};
template <>
struct action<g::host> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.hosts->push_back(host_from_text(in.string_view(), s.pos(in)));
  }
};
template <>
struct action<g::port_item> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.ports->push_back(port_from_text(in.string_view(), s.pos(in)));
  }
};
template <>
struct action<g::os_value> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.rule().os.push_back(unquote(in.string_view()));
  }
};

// ---- translation

inline void start_redirection(BuildState& s, std::unique_ptr<Redirection>& target,
                              std::uint32_t pos) {
  target = std::make_unique<Redirection>();
  target->pos = pos;
  s.redirection = &*target;
  s.hosts = &target->hosts;
  s.ports = &target->ports;
}

template <>
struct action<g::nat_to_kw> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    start_redirection(s, s.rule().nat_to, s.pos(in));
  }
};
template <>
struct action<g::rdr_to_kw> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    start_redirection(s, s.rule().rdr_to, s.pos(in));
  }
};
template <>
struct action<g::binat_to_kw> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    start_redirection(s, s.rule().binat_to, s.pos(in));
  }
};
template <>
struct action<g::arrow> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    start_redirection(s, s.rule().arrow, s.pos(in));
  }
};
template <>
struct action<g::k_af_to> {
  static void apply0(BuildState& s) {
    s.rule().other_options.push_back("af-to");
    s.hosts = &s.scratch_hosts;
  }
};
template <>
struct action<g::pool_opt> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    if (s.redirection) s.redirection->pool = in.string();
  }
};
template <>
struct action<g::static_port_kw> {
  static void apply0(BuildState& s) {
    if (s.redirection) s.redirection->static_port = true;
  }
};
template <>
struct action<g::route_kind> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    RouteOption r;
    r.kind = in.string();
    r.pos = s.pos(in);
    s.rule().routes.push_back(std::move(r));
    s.redirection = nullptr;
    s.hosts = &s.scratch_hosts;
  }
};
template <>
struct action<g::k_fastroute> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    RouteOption r;
    r.kind = "fastroute";
    r.pos = s.pos(in);
    s.rule().routes.push_back(std::move(r));
  }
};
template <>
struct action<g::route_target> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    if (!s.rule().routes.empty()) s.rule().routes.back().targets.push_back(in.string());
  }
};

// ---- options

template <>
struct action<g::flags_value> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.rule().flags = in.string();
    s.rule().flags_pos = s.pos(in);
  }
};
template <>
struct action<g::icmp_kw> {
  static void apply0(BuildState& s) { s.icmp_v6 = false; }
};
template <>
struct action<g::icmp6_kw> {
  static void apply0(BuildState& s) { s.icmp_v6 = true; }
};
template <>
struct action<g::icmp_item> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.rule().icmp.push_back(icmp_from_text(in.string_view(), s.icmp_v6, s.pos(in)));
  }
};
template <>
struct action<g::no_state> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.rule().state = StateMode::none;
    s.rule().state_pos = s.pos(in);
  }
};
template <StateMode M>
struct set_state {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.rule().state = M;
    s.rule().state_pos = s.pos(in);
  }
};
template <>
struct action<g::keep_kw> : set_state<StateMode::keep> {};
template <>
struct action<g::modulate_kw> : set_state<StateMode::modulate> {};
template <>
struct action<g::synproxy_kw> : set_state<StateMode::synproxy> {};
template <>
struct action<g::state_options> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.rule().state_options = in.string();
  }
};
template <>
struct action<g::user_kw> {
  static void apply0(BuildState& s) { s.ports = &s.rule().users; }
};
template <>
struct action<g::group_kw> {
  static void apply0(BuildState& s) { s.ports = &s.rule().groups; }
};
template <>
struct action<g::label_value> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.rule().label = in.string();
  }
};
template <>
struct action<g::tag_value> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.rule().tag = in.string();
    s.rule().tag_pos = s.pos(in);
  }
};
template <>
struct action<g::tagged_not> {
  static void apply0(BuildState& s) { s.rule().tagged_negated = true; }
};
template <>
struct action<g::tagged_value> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.rule().tagged = in.string();
    s.rule().tagged_pos = s.pos(in);
  }
};
template <>
struct action<g::probability_value> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.rule().probability = in.string();
  }
};
template <>
struct action<g::allow_opts> {
  static void apply0(BuildState& s) { s.rule().allow_opts = true; }
};
template <>
struct action<g::other_option> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.rule().other_options.push_back(in.string());
  }
};
template <>
struct action<g::k_received_on> {
  static void apply0(BuildState& s) { s.interfaces = &s.scratch_interfaces; }
};
template <>
struct action<g::scrub_option> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.rule().scrub_options.push_back(in.string());
    s.rule().scrub_option_pos.push_back(s.pos(in));
  }
};

// ---- tables, options, queues, load anchor

template <>
struct action<g::k_table> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.top().kind = Statement::Kind::table;
    s.top().table = std::make_unique<TableDef>();
    s.top().table->pos = s.pos(in);
    s.hosts = &s.top().table->entries;
  }
};
template <>
struct action<g::table_decl_name> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    std::string_view t = in.string_view();
    s.top().table->name = std::string(t.substr(1, t.size() - 2));
  }
};
template <>
struct action<g::persist_kw> {
  static void apply0(BuildState& s) { s.top().table->persist = true; }
};
template <>
struct action<g::const_kw> {
  static void apply0(BuildState& s) { s.top().table->constant = true; }
};
template <>
struct action<g::table_file_name> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.top().table->files.emplace_back(unquote(in.string_view()), s.pos(in));
  }
};

template <>
struct action<g::k_set> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    // Only the statement-level `set`: a rule's `set prio` is inside other_option.
    if (!s.top().option && s.top().kind == Statement::Kind::rule && s.rule().pos == s.pos(in)) {
      s.top().kind = Statement::Kind::option;
      s.top().option = std::make_unique<OptionSet>();
      s.top().option->pos = s.pos(in);
      s.interfaces = &s.top().option->interfaces;
    }
  }
};
template <>
struct action<g::option_name> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.top().option->name = in.string();
  }
};
template <>
struct action<g::option_word> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.top().option->values.push_back(in.string());
  }
};

template <>
struct action<g::altq_kw> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.top().kind = Statement::Kind::queue;
    s.top().queue = std::make_unique<QueueDef>();
    s.top().queue->altq = true;
    s.top().queue->pos = s.pos(in);
  }
};
template <>
struct action<g::queue_kw> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.top().kind = Statement::Kind::queue;
    s.top().queue = std::make_unique<QueueDef>();
    s.top().queue->pos = s.pos(in);
  }
};
template <>
struct action<g::queue_word> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    Statement& t = s.top();
    if (!t.queue->altq && t.queue->name.empty() && t.queue->words.empty())
      t.queue->name = in.string();
    t.queue->words.push_back(in.string());
  }
};

template <>
struct action<g::k_load> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.top().kind = Statement::Kind::load_anchor;
    s.top().load = std::make_unique<LoadAnchor>();
    s.top().load->pos = s.pos(in);
  }
};
template <>
struct action<g::load_name> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.top().load->name = unquote(in.string_view());
  }
};
template <>
struct action<g::load_file> {
  template <typename Input>
  static void apply(const Input& in, BuildState& s) {
    s.top().load->file = unquote(in.string_view());
  }
};

}  // namespace fwaudit::pf
