// parsers/pf/checks.cpp
#include "parsers/pf/checks.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "parsers/pf/actions.hpp"
#include "parsers/pf/expand.hpp"
#include "parsers/pf/interface_modifiers.hpp"
#include "parsers/pf/names.hpp"

namespace fwaudit::pf {

namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

unsigned flag_bits(std::string_view s) {
  unsigned bits = 0;
  for (char c : s) {
    auto at = std::string_view("FSRPAUEW").find(c);
    if (at != std::string_view::npos) bits |= 1u << at;
  }
  return bits;
}

bool is_translation_anchor(Action a) {
  return a == Action::nat_anchor || a == Action::rdr_anchor || a == Action::binat_anchor;
}

}  // namespace

bool Checker::host(const Host& h, bool in_table) {
  bool ok = true;
  if ((h.kind == HostKind::interface || h.kind == HostKind::dynamic) && !h.modifier.empty()) {
    // pfctl's host_if and dynaddr: each word after ':' is network, broadcast, peer or 0, and
    // only ":0" combines with another one.
    auto modifiers = parse_interface_modifiers(h.modifier);
    if (!modifiers) {
      error("invalid-interface", "interface " + h.name + ":" + h.modifier + " has bad modifier",
            h.pos);
      return false;
    }
    if (conflicting_modifiers(*modifiers)) {
      error("invalid-interface",
            "illegal combination of interface modifiers '" + h.name + ":" + h.modifier + "'",
            h.pos);
      return false;
    }
  }
  switch (h.kind) {
    case HostKind::address:
      if (!parse_pf_address(h.name, h.mask)) {
        std::optional<IpPrefix> plain = parse_pf_address(h.name, -1);
        if (plain && h.mask >= 0) {
          error("invalid-netmask",
                "invalid netmask '/" + std::to_string(h.mask) + "' (expected at most /" +
                    std::to_string(plain->addr.width()) + ")",
                h.pos);
        } else {
          error("invalid-address",
                "could not parse host specification '" + h.name +
                    "' (expected an IPv4 or IPv6 address, a network, an interface or a host name)",
                h.pos);
        }
        ok = false;
      }
      break;
    case HostKind::range:
      if (!parse_pf_address(h.name, -1) || !parse_pf_address(h.name2, -1)) {
        error("invalid-address", "could not parse address range '" + h.name + " - " + h.name2 + "'",
              h.pos);
        ok = false;
      } else if (parse_pf_address(h.name, -1)->addr.family !=
                 parse_pf_address(h.name2, -1)->addr.family) {
        error("invalid-address", "the ends of an address range must be of the same family", h.pos);
        ok = false;
      }
      break;
    case HostKind::dynamic:
      if (h.name.empty() || !std::isalpha(static_cast<unsigned char>(h.name.front()))) {
        error("invalid-interface",
              "invalid interface name '" + h.name + (h.modifier.empty() ? "" : ":" + h.modifier) +
                  "' (a dynamic address needs an interface name, which starts with a letter)",
              h.pos);
        ok = false;
      }
      break;
    case HostKind::interface:
    case HostKind::hostname:
      if (h.kind == HostKind::interface &&
          !std::isalpha(static_cast<unsigned char>(h.name.front()))) {
        error("invalid-address",
              "could not parse host specification '" + h.name + ":" + h.modifier +
                  "' (an interface name starts with a letter)",
              h.pos);
        ok = false;
      } else if (h.mask > 128) {
        error("invalid-netmask", "invalid netmask '/" + std::to_string(h.mask) + "'", h.pos);
        ok = false;
      }
      break;
    default:
      break;
  }
  if (in_table) {
    if (h.kind == HostKind::table) {
      error("table-in-table", "tables cannot contain tables", h.pos);
      ok = false;
    } else if (h.kind == HostKind::dynamic) {
      error("dynamic-in-table", "dynamic addresses are not permitted inside tables", h.pos);
      ok = false;
    } else if (h.kind == HostKind::no_route || h.kind == HostKind::urpf_failed) {
      error("invalid-table-entry", "\"" + h.name + "\" is not permitted inside tables", h.pos);
      ok = false;
    }
  }
  return ok;
}

bool Checker::rule(const RuleSpec& r) {
  bool ok = true;
  auto fail = [&](const std::string& code, const std::string& message, std::uint32_t pos) {
    error(code, message, pos);
    ok = false;
  };
  for (const auto* target : {&r.nat_to, &r.rdr_to, &r.binat_to, &r.arrow}) {
    if (!*target) continue;
    for (const Host& h : (*target)->hosts)
      ok = host(h, false) && ok;
  }
  for (const Endpoint* e : {&r.from, &r.to}) {
    for (const Host& h : e->hosts)
      ok = host(h, false) && ok;
    for (const PortMatch& p : e->ports) {
      for (const std::string* v : {&p.a, &p.b}) {
        if (v->empty() || *v == "*") continue;
        auto n = port_number(*v);
        if (!n) {
          fail("unknown-port",
               "unknown port name '" + *v + "' (expected a number or a service name)", p.pos);
        } else if (*n > 65535) {
          fail("invalid-port", "illegal port value " + std::to_string(*n) + " (expected 0-65535)",
               p.pos);
        }
      }
    }
  }
  auto number_name = [&](const std::string& value, const char* what, std::uint32_t pos) {
    if (all_digits(value)) {
      fail("syntax", std::string(what) + " cannot be a number (expected a name or a quoted string)",
           pos);
    }
  };
  number_name(r.tag, "tag", r.tag_pos);
  number_name(r.tagged, "tag", r.tagged_pos);
  number_name(r.label, "label", r.pos);
  if (!r.anchor_name.empty() && all_digits(r.anchor_name)) {
    fail("syntax", "anchor name cannot be a number", r.pos);
  }
  for (const auto& [value, pos] :
       {std::pair{r.tag, r.tag_pos}, std::pair{r.tagged, r.tagged_pos}}) {
    if (unquote(value).size() > 63) fail("tag-too-long", "tag too long, max 63 chars", pos);
  }
  // Flags.
  if (!r.flags.empty() && r.flags != "any") {
    auto slash = r.flags.find('/');
    unsigned set = flag_bits(std::string_view(r.flags).substr(0, slash));
    unsigned mask = flag_bits(std::string_view(r.flags).substr(slash + 1));
    if ((set & mask) != set) {
      fail("flags-always-false", "flags always false (a flag of the set is not in the mask)",
           r.flags_pos);
    }
  }
  if (!r.flags.empty() && !r.protocols.empty()) {
    bool tcp = std::any_of(r.protocols.begin(), r.protocols.end(),
                           [](const auto& p) { return protocol_number(p.first) == 6; });
    if (!tcp) fail("flags-not-tcp", "flags only apply to tcp", r.flags_pos);
  }
  for (const auto& [name, pos] : r.protocols) {
    if (!protocol_number(name)) {
      fail("unknown-protocol", "unknown protocol '" + name + "' (expected a name or a number)",
           pos);
    }
  }
  for (const IcmpMatch& m : r.icmp) {
    if (!icmp_type_number(m.type, m.v6)) {
      fail("unknown-icmp-type",
           std::string("unknown ") + (m.v6 ? "icmp6-type" : "icmp-type") + " '" + m.type + "'",
           m.pos);
    }
    if (!m.code.empty() && !icmp_code_number(m.code, m.v6)) {
      fail("unknown-icmp-code", "unknown icmp code '" + m.code + "'", m.pos);
    }
  }
  // State options.
  if (r.state_options.find("source-track global") != std::string::npos &&
      r.state_options.find("max-src-nodes") != std::string::npos) {
    fail("state-options", "'max-src-nodes' is incompatible with 'source-track global'",
         r.state_pos);
  }
  if ((r.action == Action::anchor || is_translation_anchor(r.action) ||
       r.action == Action::scrub_anchor) &&
      r.state != StateMode::default_ && r.state != StateMode::none) {
    fail("anchor-state", "cannot specify state handling on anchors", r.state_pos);
  }
  if (r.action == Action::rdr_anchor) {
    if (!r.from.ports.empty()) {
      fail("anchor-ports", "source port parameter not supported in rdr-anchor",
           r.from.ports.front().pos);
    }
    if (r.to.ports.size() > 1) {
      fail("anchor-ports", "destination port list expansion not supported in rdr-anchor",
           r.to.ports.front().pos);
    } else if (r.to.ports.size() == 1 && r.to.ports.front().op != PortOp::eq) {
      fail("anchor-ports", "destination port operators not supported in rdr-anchor",
           r.to.ports.front().pos);
    }
  }
  // Scrub rules.
  if (r.action == Action::scrub || r.action == Action::no_scrub) {
    if (r.quick) fail("scrub-quick", "scrub rules do not support 'quick'", r.pos);
  }
  std::map<std::string, int> seen;
  for (std::size_t i = 0; i < r.scrub_options.size(); ++i) {
    const std::string& o = r.scrub_options[i];
    std::string key = o.substr(0, o.find_first_of(" \t("));
    if (key == "fragment") key = "fragcache";
    if (key == "reassemble") key = "reassemble tcp";
    if (++seen[key] > 1) {
      fail("scrub-respecified", key + " cannot be respecified", r.scrub_option_pos[i]);
    }
    if (key == "min-ttl") {
      auto n = parse_number(o.substr(o.find_last_of(" \t") + 1));
      if (!n || *n > 255) {
        fail("scrub-value", "illegal min-ttl value " + o.substr(o.find_last_of(" \t") + 1),
             r.scrub_option_pos[i]);
      }
    }
    if (key == "max-mss") {
      auto n = parse_number(o.substr(o.find_last_of(" \t") + 1));
      if (!n || *n > 65535) {
        fail("scrub-value", "illegal max-mss value " + o.substr(o.find_last_of(" \t") + 1),
             r.scrub_option_pos[i]);
      }
    }
  }
  // binat: one address each side, not negated, same family.
  if (r.action == Action::binat) {
    auto single = [](const std::vector<Host>& hs) {
      return hs.size() == 1 && !hs.front().negated &&
             (hs.front().kind == HostKind::address || hs.front().kind == HostKind::dynamic ||
              hs.front().kind == HostKind::interface);
    };
    if (!single(r.from.hosts)) {
      fail("binat-source",
           "binat needs one source address (not a list, negation, table or no-route)",
           r.from.hosts.empty() ? r.pos : r.from.hosts.front().pos);
    }
    if (r.to.hosts.size() > 1) {
      fail("binat-destination", "multiple binat ip addresses", r.to.hosts.front().pos);
    }
    if (r.arrow && !single(r.arrow->hosts)) {
      fail("binat-target", "binat translates to one address (not a list, negation or no-route)",
           r.arrow->pos);
    }
    std::optional<Family> from_af, target_af, to_af;
    if (!r.from.hosts.empty() && r.from.hosts.front().kind == HostKind::address) {
      if (auto p = parse_pf_address(r.from.hosts.front().name, -1)) from_af = p->addr.family;
    }
    if (r.arrow && !r.arrow->hosts.empty() && r.arrow->hosts.front().kind == HostKind::address) {
      if (auto p = parse_pf_address(r.arrow->hosts.front().name, -1)) target_af = p->addr.family;
    }
    if (r.to.hosts.size() == 1 && r.to.hosts.front().kind == HostKind::address) {
      if (auto p = parse_pf_address(r.to.hosts.front().name, -1)) to_af = p->addr.family;
    }
    std::optional<Family> af = r.family ? r.family : from_af ? from_af : to_af;
    if (ok && !af && !target_af) {
      fail("binat-family", "address family (inet/inet6) undefined", r.pos);
    }
    if (ok && ((from_af && to_af && *from_af != *to_af) ||
               (r.family && from_af && *r.family != *from_af) ||
               (r.family && to_af && *r.family != *to_af))) {
      fail("binat-family", "binat ip versions must match", r.pos);
    }
    if (ok && target_af && af && *target_af != *af) {
      fail("translation-family", "no translation address with matching address family found",
           r.arrow->pos);
    }
  }
  return ok;
}

bool Checker::table(const TableDef& t) {
  bool ok = true;
  for (const Host& h : t.entries)
    ok = host(h, true) && ok;
  return ok;
}

bool Checker::option(const OptionSet& o) {
  if (o.name == "hostid") {
    auto n = o.values.empty() ? std::nullopt : parse_number(o.values.front());
    if (!n || *n == 0) {
      error("invalid-option", "hostid must be non-zero", o.pos);
      return false;
    }
  }
  if (o.name == "require-order" &&
      (o.values.size() != 1 || (o.values.front() != "yes" && o.values.front() != "no"))) {
    error("invalid-option", "expected yes or no after 'set require-order'", o.pos);
    return false;
  }
  if (o.name == "block-policy" &&
      (o.values.size() != 1 || (o.values.front() != "drop" && o.values.front() != "return"))) {
    error("invalid-option", "expected drop or return after 'set block-policy'", o.pos);
    return false;
  }
  return true;
}

namespace {

struct QueueInfo {
  const QueueDef* def = nullptr;
  std::string scheduler;  // cbq, priq, hfsc (own or inherited)
  std::optional<long> priority;
  std::vector<std::string> children;
  bool has_parent_keyword = false;
};

bool is_scheduler(std::string_view w) {
  return w == "cbq" || w == "priq" || w == "hfsc" || w == "fairq" || w == "codel";
}

std::vector<std::string> list_words(std::string_view group) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : group) {
    if (c == '{' || c == '}' || c == '(' || c == ')' || c == ',' || c == ' ' || c == '\t' ||
        c == '\n') {
      if (!cur.empty()) out.push_back(cur), cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

}  // namespace

bool Checker::queues(const std::vector<const QueueDef*>& defs) {
  bool ok = true;
  std::set<std::string> children;
  std::map<std::string, std::string> parent_scheduler;
  std::vector<QueueInfo> infos;
  for (const QueueDef* q : defs) {
    QueueInfo info;
    info.def = q;
    const auto& w = q->words;
    std::size_t i = 0;
    if (!q->altq && !w.empty()) ++i;  // the queue's name
    for (; i < w.size(); ++i) {
      std::string_view word = w[i];
      std::string_view base = word.substr(0, word.find('('));
      if (is_scheduler(base)) {
        info.scheduler = std::string(base);
        std::string opts;
        if (word.find('(') != std::string_view::npos)
          opts = std::string(word.substr(word.find('(')));
        else if (i + 1 < w.size() && !w[i + 1].empty() && w[i + 1].front() == '(')
          opts = w[++i];
        // Scheduler options.
        std::vector<std::string> flags = list_words(opts);
        std::map<std::string, int> count;
        for (const std::string& f : flags) {
          if (info.scheduler == "hfsc") {
            if (f == "linkshare" || f == "upperlimit" || f == "realtime") {
              if (++count[f] > 1) {
                error("queue-options", f + " already specified", q->pos);
                ok = false;
              }
            }
          } else if (info.scheduler == "cbq" || info.scheduler == "priq") {
            static const std::set<std::string> cbq = {"default", "borrow", "red",
                                                      "ecn",     "rio",    "cleardrop"};
            static const std::set<std::string> priq = {"default", "red", "ecn", "rio"};
            const auto& allowed = info.scheduler == "cbq" ? cbq : priq;
            if (!allowed.count(f)) {
              error("queue-options", "unknown " + info.scheduler + " flag \"" + f + "\"", q->pos);
              ok = false;
            }
          }
        }
      } else if (word == "queue" && q->altq && i + 1 < w.size()) {
        for (const std::string& c : list_words(w[i + 1]))
          info.children.push_back(c);
        ++i;
      } else if (!word.empty() && word.front() == '{') {
        for (const std::string& c : list_words(word))
          info.children.push_back(c);
      } else if (word == "priority" && i + 1 < w.size()) {
        if (auto n = parse_number(w[i + 1])) info.priority = static_cast<long>(*n);
        ++i;
      } else if (word == "parent" || (word == "on" && !q->altq)) {
        info.has_parent_keyword = true;
        if (i + 1 < w.size() && w[i + 1] == "!") ++i;
        ++i;
      } else if (word == "bandwidth" || word == "qlimit" || word == "tbrsize" || word == "on" ||
                 word == "min" || word == "max" || word == "burst" || word == "flows" ||
                 word == "quantum" || word == "for") {
        if (i + 1 < w.size() && w[i + 1] == "!") ++i;
        ++i;
      } else if (!q->altq && word != "default" && word != "," && !word.empty() &&
                 word.front() != '(') {
        info.children.push_back(std::string(word));  // `queue a bandwidth 30% child`
      }
    }
    if (q->altq && info.scheduler.empty()) {
      error("queue-scheduler", "no scheduler specified for altq (expected cbq, priq or hfsc)",
            q->pos);
      ok = false;
    }
    if (!q->altq) {
      if (all_digits(q->name)) {
        error("syntax", "queue name cannot be a number", q->pos);
        ok = false;
      }
    } else {
      for (const std::string& c : info.children) {
        if (all_digits(c)) {
          error("syntax", "queue name cannot be a number", q->pos);
          ok = false;
        }
      }
    }
    for (const std::string& c : info.children) {
      children.insert(c);
      parent_scheduler[c] = info.scheduler;
    }
    infos.push_back(std::move(info));
  }
  for (QueueInfo& info : infos) {
    if (info.def->altq) continue;
    const std::string& name = info.def->name;
    if (!info.has_parent_keyword && !children.count(name)) {
      error("queue-parent", "queue " + name + " has no parent (list it in an altq or queue)",
            info.def->pos);
      ok = false;
    }
    std::string sched = info.scheduler.empty() ? parent_scheduler[name] : info.scheduler;
    if (info.priority) {
      long max = sched == "priq" ? 15 : sched == "cbq" ? 7 : 255;
      if (*info.priority > max) {
        error("queue-priority", "priority out of range: max " + std::to_string(max), info.def->pos);
        ok = false;
      }
    }
    for (const std::string& c : info.children)
      parent_scheduler[c] = sched;
  }
  return ok;
}

}  // namespace fwaudit::pf
