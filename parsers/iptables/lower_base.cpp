// parsers/iptables/lower_base.cpp
#include "parsers/iptables/lower_context.hpp"
#include "parsers/iptables/values.hpp"

namespace fwaudit::iptables {

namespace {

std::string_view arg(const Option& o) {
  return o.args.empty() ? std::string_view() : o.args.front().value;
}

void lower_addresses(const Option& o, bool source, MatchSet& m, RuleContext& rc) {
  auto key = std::pair(source ? 's' : 'd', arg(o));
  if (auto it = rc.lc.field_sets.find(key); it != rc.lc.field_sets.end()) {
    m.exact(o.negated ? ~it->second : it->second);
    return;
  }
  auto items = split(arg(o), ',');
  if (o.negated && items.size() > 1) {
    rc.error("negated-list",
             "'!' cannot negate a list of addresses (iptables expands lists into one rule each)",
             o.column);
    return;
  }
  PacketSet any;
  for (auto item : items) {
    std::string error;
    auto a = parse_address(item, rc.lc.family, error);
    if (!a) {
      // A host name: iptables resolves it when the rule is loaded; offline it is unknown.
      bool hostname = !item.empty() &&
                      item.find_first_not_of(
                          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                          "0123456789-.") == std::string_view::npos &&
                      item.find_first_not_of("0123456789.") != std::string_view::npos;
      if (hostname) {
        std::string reason = "host name '" + std::string(item) + "' not resolved";
        rc.lc.warn_once(reason, "hostname",
                        "host name '" + std::string(item) +
                            "' is resolved by iptables when the rule is loaded; fwaudit does not "
                            "resolve names, so rules using it may or may not match",
                        rc.at(o.args.front().column));
        m.uncertain(PacketSet::all(), reason);
        return;
      }
      rc.error("bad-address", error, o.args.front().column);
      return;
    }
    any |= address_set(*a, source);
  }
  rc.lc.field_sets.emplace(key, any);
  m.exact(o.negated ? ~any : any);
}

PacketSet interface_set(std::string_view name, bool in) {
  if (name.ends_with('+')) {
    name.remove_suffix(1);
    return in ? PacketSet::in_interface_prefix(name) : PacketSet::out_interface_prefix(name);
  }
  return in ? PacketSet::in_interface(name) : PacketSet::out_interface(name);
}

void lower_interface(const Option& o, bool in, MatchSet& m, RuleContext& rc) {
  std::string_view name = arg(o);
  if (name.empty() || name.size() > 15) {
    rc.error("bad-interface",
             "bad interface name '" + std::string(name) +
                 "'; expected 1 to 15 characters, with "
                 "a trailing + for a prefix",
             o.args.front().column);
    return;
  }
  unsigned bad = in ? (hook_output | hook_postrouting) : (hook_prerouting | hook_input);
  if (rc.chain.builtin && (rc.hooks & bad)) {
    rc.error("interface-in-chain",
             std::string(in ? "-i" : "-o") + " cannot be used in chain " + rc.chain.name + " (" +
                 (in ? "no input interface" : "no output interface") + " is known there)",
             o.column);
    return;
  }
  if (rc.lc.interfaces.find(name) == rc.lc.interfaces.end())
    rc.lc.interfaces.emplace(std::string(name), rc.at(o.args.front().column));
  PacketSet s = interface_set(name, in);
  m.exact(o.negated ? ~s : s);
}

}  // namespace

void lower_base(const RuleSpec& spec, MatchSet& m, RuleContext& rc) {
  for (const Option& o : spec.base) {
    std::string_view n = o.name;
    if (n == "-s" || n == "--source" || n == "--src") {
      lower_addresses(o, true, m, rc);
    } else if (n == "-d" || n == "--destination" || n == "--dst") {
      lower_addresses(o, false, m, rc);
    } else if (n == "-p" || n == "--protocol") {
      std::string error;
      auto p = parse_protocol(arg(o), error);
      if (!p) {
        rc.error("bad-protocol", error, o.args.front().column);
        continue;
      }
      if (!p->number) {
        if (o.negated) m.exact(PacketSet::none());  // "! -p all" matches nothing
        continue;
      }
      if (!o.negated) rc.protocol = p->number;
      PacketSet s = PacketSet::protocol(*p->number);
      m.exact(o.negated ? ~s : s);
    } else if (n == "-i" || n == "--in-interface") {
      lower_interface(o, true, m, rc);
    } else if (n == "-o" || n == "--out-interface") {
      lower_interface(o, false, m, rc);
    } else if (n == "-f" || n == "--fragment") {
      // Connection tracking reassembles fragments before the raw table sees them, so no packet
      // fwaudit models is a non-first fragment (docs/semantics/iptables.md).
      if (!o.negated) m.exact(PacketSet::none());
    } else if (n == "-4" || n == "--ipv4") {
      if (rc.lc.family == Family::ipv6) m.exact(PacketSet::none());
    } else if (n == "-6" || n == "--ipv6") {
      if (rc.lc.family == Family::ipv4) m.exact(PacketSet::none());
    }
    // -c / --set-counters: counters do not matter offline.
  }
}

}  // namespace fwaudit::iptables
