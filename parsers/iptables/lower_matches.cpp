// parsers/iptables/lower_matches.cpp
#include "parsers/iptables/lower_context.hpp"
#include "parsers/iptables/values.hpp"

namespace fwaudit::iptables {

namespace {

std::string_view arg(const Option& o, std::size_t i = 0) {
  return i < o.args.size() ? o.args[i].value : std::string_view();
}
std::uint32_t arg_column(const Option& o, std::size_t i = 0) {
  return i < o.args.size() ? o.args[i].column : o.column;
}

// Adds a condition known as (surely, possibly) for the positive form; '!' swaps and complements.
void condition(MatchSet& m, const Option& o, const PacketSet& sure, const PacketSet& may,
               const std::string& reason) {
  PacketSet s = o.negated ? ~may : sure;
  PacketSet p = o.negated ? ~sure : may;
  if (s == p)
    m.exact(s);
  else
    m.partial(s, p, reason);
}

void exact(MatchSet& m, const Option& o, const PacketSet& s) {
  m.exact(o.negated ? ~s : s);
}

// A match fwaudit cannot evaluate offline: a warning once per cause, and the rule "may match".
void unknown(MatchSet& m, RuleContext& rc, std::uint32_t column, const std::string& cause,
             const std::string& why) {
  rc.lc.warn_once(cause, "may-match", cause + ": " + why + "; rules using it may or may not match",
                  rc.at(column));
  m.uncertain(PacketSet::all(), cause);
}

bool require_protocol(const MatchBlock& b, RuleContext& rc, std::initializer_list<int> allowed,
                      std::string_view expected) {
  if (b.implicit) return true;
  for (int p : allowed)
    if (rc.protocol && *rc.protocol == p) return true;
  rc.error("module-needs-protocol",
           "-m " + std::string(b.module) + " needs " + std::string(expected) +
               " (the match only works for that protocol)",
           b.column);
  return false;
}

bool require_hooks(const MatchBlock& b, RuleContext& rc, unsigned allowed) {
  if ((rc.hooks & ~allowed) == 0) return true;
  rc.error("match-in-hook",
           "-m " + std::string(b.module) + " is only valid in " + hook_names(allowed) +
               ", but chain " + rc.chain.name + " is reached from " + hook_names(rc.hooks),
           b.column);
  return false;
}

void ports(MatchSet& m, const Option& o, RuleContext& rc, bool source) {
  auto key = std::pair(source ? 'S' : 'D', arg(o));
  if (auto it = rc.lc.field_sets.find(key); it != rc.lc.field_sets.end())
    return exact(m, o, it->second);
  std::string error;
  auto r = parse_port_range(arg(o), error);
  if (!r) return rc.error("bad-port", error, arg_column(o));
  PacketSet s = source ? PacketSet::src_port(*r) : PacketSet::dst_port(*r);
  rc.lc.field_sets.emplace(key, s);
  exact(m, o, s);
}

std::optional<unsigned> tcp_flags(std::string_view text, std::string& error) {
  unsigned out = 0;
  for (auto f : split(text, ',')) {
    if (f == "FIN")
      out |= 1;
    else if (f == "SYN")
      out |= 2;
    else if (f == "RST")
      out |= 4;
    else if (f == "PSH")
      out |= 8;
    else if (f == "ACK")
      out |= 16;
    else if (f == "URG")
      out |= 32;
    else if (f == "ECE")
      out |= 64;
    else if (f == "CWR")
      out |= 128;
    else if (f == "ALL")
      out |= 0x3f;
    else if (f == "NONE")
      out |= 0;
    else {
      error = "unknown TCP flag '" + std::string(f) +
              "'; expected SYN, ACK, FIN, RST, URG, PSH, ALL or NONE (comma-separated)";
      return std::nullopt;
    }
  }
  return out;
}

// Flags are not a packet field; the model's packets are well-formed TCP
// (docs/semantics/iptables.md): a NEW packet is the opening SYN, an ESTABLISHED one the SYN+ACK
// answer or a segment carrying ACK (with data, PSH, URG or FIN) or a RST, a RELATED connection
// opens with a SYN too. INVALID packets, and ECN bits, can carry anything: those stay "may".
void flags_condition(MatchSet& m, const Option& o, unsigned mask, unsigned comp) {
  constexpr unsigned kFin = 1, kSyn = 2, kRst = 4, kPsh = 8, kAck = 16, kUrg = 32, kEcn = 0xc0;
  const std::vector<unsigned> opening{kSyn};
  const std::vector<unsigned> established{
      kSyn | kAck,        kAck, kAck | kPsh, kAck | kFin, kAck | kFin | kPsh, kAck | kUrg,
      kAck | kPsh | kUrg, kRst, kRst | kAck};
  std::vector<unsigned> related = established;
  related.push_back(kSyn);
  auto matches = [&](unsigned flags) { return ((flags & mask) == comp) != o.negated; };
  PacketSet sure, may = PacketSet::state(ConnState::invalid);
  auto judge = [&](ConnState state, const std::vector<unsigned>& combos) {
    std::size_t n = static_cast<std::size_t>(std::count_if(combos.begin(), combos.end(), matches));
    PacketSet in_state = PacketSet::state(state);
    bool ecn_unknown = (mask & kEcn) != 0 && state != ConnState::new_;
    if (n == combos.size() && !ecn_unknown) sure |= in_state;
    if (n > 0 || ecn_unknown) may |= in_state;
  };
  judge(ConnState::new_, opening);
  judge(ConnState::established, established);
  judge(ConnState::related, related);
  m.partial(sure, may, "TCP flags of INVALID or unusual packets");
}

void lower_tcp_udp(const MatchBlock& b, MatchSet& m, RuleContext& rc) {
  bool tcp = b.module == "tcp";
  if (!require_protocol(b, rc, {tcp ? 6 : 17}, tcp ? "-p tcp" : "-p udp")) return;
  for (const Option& o : b.options) {
    if (o.name == "--sport" || o.name == "--source-port")
      ports(m, o, rc, true);
    else if (o.name == "--dport" || o.name == "--destination-port")
      ports(m, o, rc, false);
    else if (o.name == "--syn")
      flags_condition(m, o, 0x17, 2);
    else if (o.name == "--tcp-flags") {
      std::string error;
      auto mask = tcp_flags(arg(o, 0), error);
      if (!mask) return rc.error("bad-tcp-flags", error, arg_column(o, 0));
      auto comp = tcp_flags(arg(o, 1), error);
      if (!comp) return rc.error("bad-tcp-flags", error, arg_column(o, 1));
      flags_condition(m, o, *mask, *comp & *mask);
    } else if (o.name == "--tcp-option") {
      unknown(m, rc, o.column, "-m tcp --tcp-option",
              "TCP options are not part of fwaudit's packets");
    }
  }
}

void lower_multiport(const MatchBlock& b, MatchSet& m, RuleContext& rc) {
  if (!require_protocol(b, rc, {6, 17, 33, 132, 136}, "-p tcp, udp, udplite, sctp or dccp")) return;
  for (const Option& o : b.options) {
    std::string error;
    auto list = parse_port_list(arg(o), error);
    if (!list) return rc.error("bad-port", error, arg_column(o));
    PacketSet src, dst;
    for (const auto& r : *list) {
      src |= PacketSet::src_port(r);
      dst |= PacketSet::dst_port(r);
    }
    if (o.name == "--sports" || o.name == "--source-ports")
      exact(m, o, src);
    else if (o.name == "--dports" || o.name == "--destination-ports")
      exact(m, o, dst);
    else
      exact(m, o, src | dst);
  }
}

void lower_icmp(const MatchBlock& b, MatchSet& m, RuleContext& rc) {
  bool v6 = b.module == "icmp6";
  Family f = v6 ? Family::ipv6 : Family::ipv4;
  if (f != rc.lc.family) {
    return rc.error("wrong-family",
                    "-m " + std::string(b.module) + " is for " + (v6 ? "IPv6" : "IPv4") +
                        " rulesets; expected -m " + (v6 ? "icmp" : "icmp6") + " here",
                    b.column);
  }
  if (!require_protocol(b, rc, {v6 ? 58 : 1}, v6 ? "-p ipv6-icmp" : "-p icmp")) return;
  for (const Option& o : b.options) {
    std::string error;
    auto t = parse_icmp_type(arg(o), f, error);
    if (!t) return rc.error("bad-icmp-type", error, arg_column(o));
    exact(m, o, t->any ? PacketSet::all() : PacketSet::icmp(t->type, t->code));
  }
}

void lower_iprange(const MatchBlock& b, MatchSet& m, RuleContext& rc) {
  (void)b;
  for (const Option& o : b.options) {
    std::string error;
    auto r = parse_address_range(arg(o), rc.lc.family, error);
    if (!r) return rc.error("bad-address", error, arg_column(o));
    exact(m, o,
          o.name == "--src-range" ? PacketSet::src_range(r->lo, r->hi)
                                  : PacketSet::dst_range(r->lo, r->hi));
  }
}

void states(const Option& o, MatchSet& m, RuleContext& rc, bool ctstate) {
  std::string error;
  auto v = parse_states(arg(o), ctstate, error);
  if (!v) return rc.error("bad-state", error, arg_column(o));
  PacketSet s;
  for (ConnState st : v->states)
    s |= PacketSet::state(st);
  if (v->snat || v->dnat) {
    rc.lc.warn_once("conntrack SNAT/DNAT state", "may-match",
                    "conntrack SNAT/DNAT state: whether a connection was translated is not known "
                    "for a single packet; rules using it may or may not match",
                    rc.at(arg_column(o)));
    condition(m, o, s, PacketSet::all(), "conntrack SNAT/DNAT state");
    return;
  }
  exact(m, o, s);
}

// Original / reply tuple fields equal the packet's own fields for NEW packets (before SNAT,
// which happens last); for other states the direction is unknown. `after_dnat` marks fields that
// DNAT changes, uncertain in chains after nat PREROUTING/OUTPUT when the ruleset has DNAT.
void tuple_condition(const Option& o, MatchSet& m, RuleContext& rc, const PacketSet& field,
                     bool changed_by_dnat) {
  bool before_nat =
      rc.table.name == "raw" || ((rc.table.name == "mangle" || rc.table.name == "nat") &&
                                 (rc.hooks & ~(hook_prerouting | hook_output)) == 0);
  PacketSet is_new = PacketSet::state(ConnState::new_);
  std::string reason =
      "conntrack " + std::string(o.name).substr(2) + " of packets that are not NEW";
  if (changed_by_dnat && rc.lc.has_dnat && !before_nat) {
    reason = "conntrack " + std::string(o.name).substr(2) + " after DNAT";
    rc.lc.warn_once(reason, "may-match",
                    reason +
                        ": the address before DNAT is not known after nat PREROUTING; rules "
                        "using it may or may not match",
                    rc.at(o.column));
    m.uncertain(PacketSet::all(), reason);
    return;
  }
  condition(m, o, is_new & field, (is_new & field) | ~is_new, reason);
}

void lower_conntrack(const MatchBlock& b, MatchSet& m, RuleContext& rc) {
  Family f = rc.lc.family;
  for (const Option& o : b.options) {
    std::string_view n = o.name;
    std::string error;
    if (n == "--ctstate") {
      states(o, m, rc, true);
    } else if (n == "--ctproto") {
      auto p = parse_protocol(arg(o), error);
      if (!p) return rc.error("bad-protocol", error, arg_column(o));
      exact(m, o, p->number ? PacketSet::protocol(*p->number) : PacketSet::all());
    } else if (n == "--ctorigsrc" || n == "--ctorigdst" || n == "--ctreplsrc" ||
               n == "--ctrepldst") {
      auto a = parse_address(arg(o), f, error);
      if (!a) return rc.error("bad-address", error, arg_column(o));
      // orig src = src, orig dst = dst (before DNAT), reply src = dst, reply dst = src.
      bool src_field = n == "--ctorigsrc" || n == "--ctrepldst";
      tuple_condition(o, m, rc, address_set(*a, src_field), n == "--ctorigdst");
    } else if (n == "--ctorigsrcport" || n == "--ctorigdstport" || n == "--ctreplsrcport" ||
               n == "--ctrepldstport") {
      auto r = parse_port_range(arg(o), error);
      if (!r) return rc.error("bad-port", error, arg_column(o));
      bool src_field = n == "--ctorigsrcport" || n == "--ctrepldstport";
      tuple_condition(o, m, rc, src_field ? PacketSet::src_port(*r) : PacketSet::dst_port(*r),
                      n == "--ctorigdstport");
    } else if (n == "--ctdir") {
      if (arg(o) != "ORIGINAL" && arg(o) != "REPLY")
        return rc.error("bad-ctdir", "expected ORIGINAL or REPLY after --ctdir", arg_column(o));
      PacketSet is_new = PacketSet::state(ConnState::new_);
      PacketSet sure = arg(o) == "ORIGINAL" ? is_new : PacketSet::none();
      condition(m, o, sure, sure | ~is_new, "conntrack direction of packets that are not NEW");
    } else if (n == "--ctstatus") {
      unknown(m, rc, o.column, "conntrack --ctstatus",
              "connection status bits are not known offline");
    } else if (n == "--ctexpire") {
      unknown(m, rc, o.column, "conntrack --ctexpire", "connection timeouts are not known offline");
    }
  }
}

// Host addresses of the firewall from the site profile (options.interface_addresses).
std::vector<IpPrefix> local_hosts(const LowerContext& lc) {
  std::vector<IpPrefix> out;
  for (const auto& [name, prefixes] : lc.options.interface_addresses)
    for (const auto& p : prefixes)
      if (p.addr.family == lc.family) out.push_back(IpPrefix::host(p.addr));
  return out;
}

void lower_addrtype(const MatchBlock& b, MatchSet& m, RuleContext& rc) {
  const LowerContext& lc = rc.lc;
  bool v4 = lc.family == Family::ipv4;
  bool known_local = !lc.options.interface_addresses.empty();
  bool limited = false;
  for (const Option& o : b.options)
    if (o.name == "--limit-iface-in" || o.name == "--limit-iface-out") limited = true;
  for (const Option& o : b.options) {
    if (o.name != "--src-type" && o.name != "--dst-type") continue;
    bool src = o.name == "--src-type";
    auto addr = [&](const IpPrefix& p) { return src ? PacketSet::src(p) : PacketSet::dst(p); };
    PacketSet multicast = addr(*IpPrefix::parse(v4 ? "224.0.0.0/4" : "ff00::/8"));
    PacketSet local = addr(*IpPrefix::parse(v4 ? "127.0.0.0/8" : "::1/128"));
    for (const auto& h : local_hosts(lc))
      local |= addr(h);
    PacketSet broadcast = v4 ? addr(*IpPrefix::parse("255.255.255.255/32")) : PacketSet::none();
    if (v4) {
      for (const auto& [name, prefixes] : lc.options.interface_addresses)
        for (const auto& p : prefixes)
          if (p.addr.family == Family::ipv4 && p.length < 31)
            broadcast |= addr(IpPrefix::host(p.last()));
    }
    PacketSet sure, may;
    bool uncertain = limited;
    for (auto type : split(arg(o), ',')) {
      if (type == "MULTICAST") {
        sure |= multicast, may |= multicast;
      } else if (type == "LOCAL") {
        may |= known_local ? local : ~multicast;
        if (known_local)
          sure |= local;
        else
          uncertain = true;
      } else if (type == "BROADCAST") {
        may |= known_local ? broadcast : ~multicast;
        sure |= broadcast;
        if (!known_local && v4) uncertain = true;
      } else if (type == "UNICAST") {
        PacketSet u = ~(local | broadcast | multicast);
        may |= known_local ? u : ~multicast;
        if (known_local)
          sure |= u;
        else
          uncertain = true;
      } else if (type == "UNSPEC" || type == "ANYCAST" || type == "BLACKHOLE" ||
                 type == "UNREACHABLE" || type == "PROHIBIT" || type == "THROW" || type == "NAT" ||
                 type == "XRESOLVE") {
        may = PacketSet::all();
        uncertain = true;
      } else {
        return rc.error("bad-addrtype",
                        "unknown address type '" + std::string(type) +
                            "'; expected UNICAST, LOCAL, BROADCAST, MULTICAST, ANYCAST, "
                            "BLACKHOLE, UNREACHABLE, PROHIBIT, THROW, NAT, XRESOLVE or UNSPEC",
                        arg_column(o));
      }
    }
    if (!uncertain) {
      exact(m, o, sure);
      continue;
    }
    if (limited) sure = PacketSet::none(), may = PacketSet::all();
    std::string cause = "-m addrtype " + std::string(arg(o));
    rc.lc.warn_once(cause, "may-match",
                    cause + ": address types depend on the firewall's addresses and routes " +
                        "(give interface addresses in the site profile); rules using it may or "
                        "may not match",
                    rc.at(o.column));
    condition(m, o, sure, may, cause);
  }
}

void lower_set(const MatchBlock& b, MatchSet& m, RuleContext& rc) {
  for (const Option& o : b.options) {
    if (o.name == "--match-set" || o.name == "--set") {
      std::vector<bool> flags;
      for (auto f : split(arg(o, 1), ',')) {
        if (f != "src" && f != "dst")
          return rc.error("bad-set-flags",
                          "expected src or dst flags (comma-separated) after the set name",
                          arg_column(o, 1));
        flags.push_back(f == "src");
      }
      std::string reason;
      if (auto s = rc.lc.ipsets.members(arg(o, 0), flags, reason)) {
        exact(m, o, *s);
        continue;
      }
      rc.lc.warn_once(reason, "may-match",
                      reason + (rc.lc.ipsets.empty() ? " (give its `ipset save` output)" : "") +
                          "; rules using it may or may not match",
                      rc.at(arg_column(o, 0)));
      m.uncertain(PacketSet::all(), reason);
    } else if (o.name.starts_with("--packets-") || o.name.starts_with("--bytes-")) {
      unknown(m, rc, o.column, "-m set counters", "set element counters are not known offline");
    }
  }
}

}  // namespace

void lower_match(const MatchBlock& b, MatchSet& m, RuleContext& rc) {
  std::string_view mod = b.module;
  if (!b.known) {
    std::string cause = "-m " + std::string(mod);
    rc.lc.warn_once(cause, "unknown-module",
                    "module " + std::string(mod) +
                        " is not modelled by fwaudit; rules using it may or may not match",
                    rc.at(b.column));
    m.uncertain(PacketSet::all(), cause);
    return;
  }
  if (mod == "tcp" || mod == "udp") return lower_tcp_udp(b, m, rc);
  if (mod == "multiport") return lower_multiport(b, m, rc);
  if (mod == "icmp" || mod == "icmp6") return lower_icmp(b, m, rc);
  if (mod == "iprange") return lower_iprange(b, m, rc);
  if (mod == "conntrack") return lower_conntrack(b, m, rc);
  if (mod == "state") {
    for (const Option& o : b.options)
      states(o, m, rc, false);
    return;
  }
  if (mod == "comment") return;
  if (mod == "addrtype") return lower_addrtype(b, m, rc);
  if (mod == "set") return lower_set(b, m, rc);
  if (b.options.empty()) return;  // a module loaded without options matches every packet
  if (mod == "mark") return unknown(m, rc, b.column, "-m mark", "packet marks are set at run time");
  if (mod == "connmark")
    return unknown(m, rc, b.column, "-m connmark", "connection marks are set at run time");
  if (mod == "limit")
    return unknown(m, rc, b.column, "-m limit rate", "it depends on packet rates");
  if (mod == "hashlimit")
    return unknown(m, rc, b.column, "-m hashlimit rate", "it depends on packet rates");
  if (mod == "connlimit")
    return unknown(m, rc, b.column, "-m connlimit count", "it depends on open connections");
  if (mod == "recent") {
    std::string name = "DEFAULT";
    for (const Option& o : b.options)
      if (o.name == "--name") name = std::string(arg(o));
    return unknown(m, rc, b.column, "-m recent list '" + name + "'",
                   "its address list is filled at run time");
  }
  if (mod == "owner") {
    if (!require_hooks(b, rc, hook_output | hook_postrouting)) return;
    return unknown(m, rc, b.column, "-m owner", "the sending process is not known offline");
  }
  if (mod == "physdev")
    return unknown(m, rc, b.column, "-m physdev", "bridge ports are not part of fwaudit's packets");
  if (mod == "mac") {
    if (!require_hooks(b, rc, hook_prerouting | hook_input | hook_forward)) return;
    return unknown(m, rc, b.column, "-m mac", "MAC addresses are not part of fwaudit's packets");
  }
  if (mod == "length")
    return unknown(m, rc, b.column, "-m length",
                   "packet lengths are not part of fwaudit's packets");
  if (mod == "ttl" || mod == "hl")
    return unknown(m, rc, b.column, "-m " + std::string(mod),
                   "hop limits are not part of fwaudit's packets");
  if (mod == "pkttype")
    return unknown(m, rc, b.column, "-m pkttype",
                   "link-layer packet types are not part of fwaudit's packets");
  if (mod == "time") return unknown(m, rc, b.column, "-m time", "it depends on the time of day");
  if (mod == "string")
    return unknown(m, rc, b.column, "-m string", "payloads are not part of fwaudit's packets");
  if (mod == "u32")
    return unknown(m, rc, b.column, "-m u32", "payload bytes are not part of fwaudit's packets");
}

}  // namespace fwaudit::iptables
