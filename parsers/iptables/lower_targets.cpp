// parsers/iptables/lower_targets.cpp
#include "parsers/iptables/lower_context.hpp"
#include "parsers/iptables/values.hpp"

namespace fwaudit::iptables {

namespace {

const Option* find(const TargetSpec& t, std::string_view name) {
  for (const Option& o : t.options)
    if (o.name == name) return &o;
  return nullptr;
}

std::string_view arg(const Option* o) {
  return o && !o->args.empty() ? o->args.front().value : std::string_view();
}

// Targets that change something about the packet or log it and let evaluation go on.
bool is_non_terminating(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "LOG", "NFLOG",   "ULOG",     "MARK",        "CONNMARK",  "TCPMSS",      "TRACE",
      "CT",  "NOTRACK", "CLASSIFY", "DSCP",        "ECN",       "TOS",         "TTL",
      "HL",  "SET",     "AUDIT",    "CHECKSUM",    "SECMARK",   "CONNSECMARK", "IDLETIMER",
      "LED", "TEE",     "RATEEST",  "TCPOPTSTRIP", "CLUSTERIP", "HMARK",
  };
  for (auto n : kNames)
    if (n == name) return true;
  return false;
}

bool valid_reject(std::string_view with, Family f) {
  static constexpr std::string_view kV4[] = {
      "icmp-net-unreachable",
      "net-unreach",
      "icmp-host-unreachable",
      "host-unreach",
      "icmp-port-unreachable",
      "port-unreach",
      "icmp-proto-unreachable",
      "proto-unreach",
      "icmp-net-prohibited",
      "net-prohib",
      "icmp-host-prohibited",
      "host-prohib",
      "icmp-admin-prohibited",
      "admin-prohib",
      "tcp-reset",
  };
  static constexpr std::string_view kV6[] = {
      "icmp6-no-route",
      "no-route",
      "icmp6-adm-prohibited",
      "adm-prohibited",
      "icmp6-addr-unreachable",
      "addr-unreach",
      "icmp6-port-unreachable",
      "port-unreach",
      "icmp6-policy-fail",
      "policy-fail",
      "icmp6-reject-route",
      "reject-route",
      "tcp-reset",
  };
  if (f == Family::ipv4) {
    for (auto n : kV4)
      if (n == with) return true;
  } else {
    for (auto n : kV6)
      if (n == with) return true;
  }
  return false;
}

std::string describe(const TargetSpec& t) {
  std::string out(t.name);
  for (const Option& o : t.options) {
    out += ' ';
    out += o.name;
    for (const auto& a : o.args) {
      out += ' ';
      out += a.value;
    }
  }
  return out;
}

// The first address the site profile gives for an interface, in the ruleset's family.
std::optional<IpAddress> interface_address(const LowerContext& lc, std::string_view name) {
  auto it = lc.options.interface_addresses.find(std::string(name));
  if (it == lc.options.interface_addresses.end()) return std::nullopt;
  for (const auto& p : it->second)
    if (p.addr.family == lc.family) return p.addr;
  return std::nullopt;
}

// The one exact, non-negated interface a rule names with -i (in) or -o (out), if any.
std::optional<std::string_view> sole_interface(const RuleSpec& spec, bool in) {
  std::optional<std::string_view> out;
  for (const Option& o : spec.base) {
    bool is_in = o.name == "-i" || o.name == "--in-interface";
    bool is_out = o.name == "-o" || o.name == "--out-interface";
    if ((in && is_in) || (!in && is_out)) {
      if (o.negated || o.args.empty() || o.args.front().value.ends_with('+')) return std::nullopt;
      out = o.args.front().value;
    }
  }
  return out;
}

bool check_hooks(const TargetSpec& t, RuleContext& rc, unsigned allowed) {
  if ((rc.hooks & ~allowed) == 0) return true;
  rc.error("target-in-hook",
           std::string(t.name) + " is only valid in " + hook_names(allowed) + ", but chain " +
               rc.chain.name + " is reached from " + hook_names(rc.hooks),
           t.column);
  return false;
}

bool check_table(const TargetSpec& t, RuleContext& rc, std::string_view table) {
  if (rc.table.name == table) return true;
  rc.error("target-in-table",
           std::string(t.name) + " is only valid in the " + std::string(table) + " table, not in " +
               rc.table.name,
           t.column);
  return false;
}

void nat_port(HeaderRewrite& rw, const Option* o, RuleContext& rc, bool source) {
  if (!o) return;
  std::string_view text = arg(o);
  std::string_view lo = text, hi = text;
  if (auto dash = text.find('-'); dash != std::string_view::npos)
    lo = text.substr(0, dash), hi = text.substr(dash + 1);
  auto l = parse_unsigned(lo), h = parse_unsigned(hi);
  if (!l || !h || *l > 65535 || *h > 65535 || *h < *l) {
    rc.error("bad-port", "bad port range '" + std::string(text) + "'; expected a port or range a-b",
             o->args.front().column);
    return;
  }
  if (source)
    rw.src_port(static_cast<std::uint16_t>(*l), static_cast<std::uint16_t>(*h));
  else
    rw.dst_port(static_cast<std::uint16_t>(*l), static_cast<std::uint16_t>(*h));
}

void lower_nat(const RuleSpec& spec, const TargetSpec& t, Rule& rule, RuleContext& rc) {
  if (!check_table(t, rc, "nat")) return;
  Translation tr;
  tr.description = describe(t);
  HeaderRewrite& rw = tr.rewrite;
  std::string_view name = t.name;
  if (name == "DNAT" || name == "SNAT") {
    bool dnat = name == "DNAT";
    if (!check_hooks(t, rc,
                     dnat ? (hook_prerouting | hook_output) : (hook_postrouting | hook_input)))
      return;
    const Option* to = find(t, dnat ? "--to-destination" : "--to-source");
    if (!to) {
      return rc.error("missing-option",
                      std::string(name) + " needs " + (dnat ? "--to-destination" : "--to-source"),
                      t.column);
    }
    std::string error;
    auto r = parse_nat_range(arg(to), rc.lc.family, error);
    if (!r) return rc.error("bad-nat-range", error, to->args.front().column);
    if (r->ports && rc.protocol != 6 && rc.protocol != 17 && rc.protocol != 132 &&
        rc.protocol != 33 && rc.protocol != 136) {
      return rc.error("nat-port-needs-protocol",
                      "a port in " + std::string(to->name) + " needs -p tcp, udp, sctp or dccp",
                      to->args.front().column);
    }
    if (r->lo) {
      if (dnat)
        rw.dst_range(*r->lo, *r->hi);
      else
        rw.src_range(*r->lo, *r->hi);
    }
    if (r->ports) {
      if (dnat)
        rw.dst_port(r->ports->lo, r->ports->hi);
      else
        rw.src_port(r->ports->lo, r->ports->hi);
    }
  } else if (name == "MASQUERADE") {
    if (!check_hooks(t, rc, hook_postrouting)) return;
    nat_port(rw, find(t, "--to-ports"), rc, true);
    auto out = sole_interface(spec, false);
    std::optional<IpAddress> addr = out ? interface_address(rc.lc, *out) : std::nullopt;
    if (addr)
      rw.src_prefix(IpPrefix::host(*addr));
    else
      tr.unknown_reason = out ? "MASQUERADE: address of " + std::string(*out) + " unknown"
                              : "MASQUERADE: egress interface address unknown";
  } else if (name == "REDIRECT") {
    if (!check_hooks(t, rc, hook_prerouting | hook_output)) return;
    nat_port(rw, find(t, "--to-ports"), rc, false);
    // Locally generated packets go to the loopback address, others to the address of the
    // interface they came in on.
    std::optional<IpAddress> addr;
    if (rc.hooks == hook_output) {
      addr = IpAddress::parse(rc.lc.family == Family::ipv4 ? "127.0.0.1" : "::1");
    } else if (rc.hooks == hook_prerouting) {
      if (auto in = sole_interface(spec, true)) addr = interface_address(rc.lc, *in);
    }
    if (addr)
      rw.dst_prefix(IpPrefix::host(*addr));
    else
      tr.unknown_reason = "REDIRECT: address of the incoming interface unknown";
  } else {  // NETMAP
    const Option* to = find(t, "--to");
    if (!to) return rc.error("missing-option", "NETMAP needs --to", t.column);
    std::string error;
    auto a = parse_address(arg(to), rc.lc.family, error);
    if (!a || !a->prefix_length) {
      return rc.error("bad-nat-range",
                      a ? "NETMAP needs a prefix, not a non-contiguous mask" : error,
                      to->args.front().column);
    }
    IpPrefix p{a->address, *a->prefix_length};
    unsigned dst_hooks = hook_prerouting | hook_output, src_hooks = hook_postrouting | hook_input;
    if (rc.hooks && (rc.hooks & ~dst_hooks) == 0)
      rw.dst_prefix(p);
    else if (rc.hooks && (rc.hooks & ~src_hooks) == 0)
      rw.src_prefix(p);
    else if (rc.hooks)
      return rc.error("target-in-hook",
                      "NETMAP in chain " + rc.chain.name + " is reached from " +
                          hook_names(rc.hooks) +
                          ": it would map destinations in some and sources in others",
                      t.column);
  }
  rule.action = RuleAction::translate;
  rule.translation = std::move(tr);
}

}  // namespace

void lower_target(const RuleSpec& spec, Rule& rule, MatchSet& m, RuleContext& rc,
                  const std::map<std::string, PolicyId, std::less<>>& chains) {
  rule.action = RuleAction::next;
  if (!spec.target) return;  // a rule without a target only counts packets
  const TargetSpec& t = *spec.target;
  std::string_view name = t.name;

  if (name == "ACCEPT")
    rule.action = RuleAction::permit;
  else if (name == "DROP")
    rule.action = RuleAction::deny;
  else if (name == "RETURN")
    rule.action = RuleAction::return_;
  if (name == "ACCEPT" || name == "DROP" || name == "RETURN") {
    if (t.is_goto)
      rc.error("goto-verdict", "-g needs a user chain, not " + std::string(name), t.column);
    return;
  }

  if (auto it = chains.find(name); it != chains.end()) {
    if (!t.options.empty()) {
      return rc.error("unknown-option",
                      "unknown option '" + std::string(t.options.front().name) +
                          "'; a jump to chain " + std::string(name) + " takes no options",
                      t.options.front().column);
    }
    const RestoredChain* target = rc.table.find(name);
    if (target && target->builtin) {
      return rc.error(
          "jump-to-builtin",
          "cannot jump to built-in chain " + std::string(name) + "; expected a user chain",
          t.column);
    }
    rule.action = t.is_goto ? RuleAction::go_to : RuleAction::call;
    rule.target = it->second;
    return;
  }
  if (t.is_goto) {
    return rc.error("undeclared-chain",
                    "chain " + std::string(name) + " does not exist in table " + rc.table.name +
                        "; expected ':" + std::string(name) + " - [0:0]' or '-N " +
                        std::string(name) + "' before it is used",
                    t.column);
  }

  if (name == "QUEUE" || name == "NFQUEUE") {
    // A user-space program decides; even with --queue-bypass its verdict is not known.
    rule.action = RuleAction::unknown;
    return;
  }
  if (name == "REJECT") {
    if (!check_hooks(t, rc, hook_input | hook_forward | hook_output)) return;
    rule.action = RuleAction::reject;
    if (const Option* with = find(t, "--reject-with")) {
      if (!valid_reject(arg(with), rc.lc.family)) {
        return rc.error("bad-reject-with",
                        "unknown --reject-with '" + std::string(arg(with)) + "'; expected " +
                            (rc.lc.family == Family::ipv4
                                 ? "icmp-port-unreachable, icmp-host-prohibited, tcp-reset or "
                                   "another icmp-* type"
                                 : "icmp6-port-unreachable, icmp6-adm-prohibited, tcp-reset or "
                                   "another icmp6-* type"),
                        with->args.front().column);
      }
      if (arg(with) == "tcp-reset") {
        if (rc.protocol != 6)
          return rc.error("reset-needs-tcp", "--reject-with tcp-reset needs -p tcp",
                          with->args.front().column);
        rule.rejects_with_reset = true;
      }
    }
    return;
  }
  if (name == "DNAT" || name == "SNAT" || name == "MASQUERADE" || name == "REDIRECT" ||
      name == "NETMAP") {
    return lower_nat(spec, t, rule, rc);
  }
  if (name == "NOTRACK" || (name == "CT" && find(t, "--notrack"))) {
    if (!check_table(t, rc, "raw")) return;
    rc.lc.warn_once("NOTRACK", "notrack",
                    "NOTRACK: packets it matches are UNTRACKED in later tables; fwaudit evaluates "
                    "them with the connection state the query gives",
                    rc.at(t.column));
    return;
  }
  if (name == "CT" && !check_table(t, rc, "raw")) return;
  if (is_non_terminating(name)) return;

  bool upper = !name.empty();
  for (char c : name)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) upper = false;
  if (!upper) {
    return rc.error("undeclared-chain",
                    "chain " + std::string(name) + " does not exist in table " + rc.table.name +
                        "; expected ':" + std::string(name) + " - [0:0]' or '-N " +
                        std::string(name) + "' before it is used",
                    t.column);
  }
  std::string cause = "target " + std::string(name);
  rc.lc.warn_once(cause, "unknown-target",
                  "target " + std::string(name) + " is neither a chain of table " + rc.table.name +
                      " nor a target fwaudit models; it is taken as non-terminating, and packets "
                      "it matches get an uncertain verdict",
                  rc.at(t.column));
  m.uncertain(m.may, cause);
}

}  // namespace fwaudit::iptables
