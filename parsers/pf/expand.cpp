// parsers/pf/expand.cpp
#include "parsers/pf/expand.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

#include "parsers/pf/actions.hpp"
#include "parsers/pf/checks.hpp"
#include "parsers/pf/interface_modifiers.hpp"
#include "parsers/pf/names.hpp"

namespace fwaudit::pf {

std::optional<IpPrefix> parse_pf_address(const std::string& text, int mask) {
  std::string t = text;
  auto pct = t.find('%');
  if (pct != std::string::npos) t.resize(pct);
  std::optional<IpAddress> a = IpAddress::parse(t);
  if (!a && !t.empty() && t.find(':') == std::string::npos &&
      std::all_of(t.begin(), t.end(),
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; })) {
    // inet_net_pton forms: "10" and "10.1" with a mask stand for 10.0.0.0 and 10.1.0.0.
    int dots = static_cast<int>(std::count(t.begin(), t.end(), '.'));
    if (dots < 3 && mask >= 0 && t.back() != '.') {
      std::string padded = t;
      for (int i = dots; i < 3; ++i)
        padded += ".0";
      a = IpAddress::parse(padded);
    }
  }
  if (!a) return std::nullopt;
  if (mask < 0) return IpPrefix::host(*a);
  if (mask > a->width()) return std::nullopt;
  return IpPrefix{*a, mask};
}

namespace {

std::optional<Family> host_family(const Host& h) {
  if (h.kind == HostKind::address || h.kind == HostKind::range) {
    if (auto p = parse_pf_address(h.name, h.kind == HostKind::address ? h.mask : -1)) {
      return p->addr.family;
    }
  }
  return std::nullopt;
}

Host address_host(const Host& like, const IpPrefix& p) {
  Host h;
  h.kind = HostKind::address;
  h.negated = like.negated;
  h.pos = like.pos;
  h.name = p.addr.to_string();
  h.mask = p.length == p.addr.width() ? -1 : p.length;
  return h;
}

class Expander {
 public:
  Expander(const SourceMap& map, const ParseOptions& options, Diagnostics& diagnostics,
           Expansion& out)
      : options_(options), diagnostics_(diagnostics), checker_(map, diagnostics), out_(out) {}

  void run(const std::vector<Statement>& statements) {
    std::vector<const QueueDef*> queues;
    for (const Statement& s : statements) {
      switch (s.kind) {
        case Statement::Kind::option:
          checker_.option(*s.option);
          out_.options.push_back(s.option.get());
          if (s.option->name == "require-order" && !s.option->values.empty()) {
            require_order_ = s.option->values.front() == "yes";
          }
          break;
        case Statement::Kind::table:
          declare_table(*s.table);
          break;
        case Statement::Kind::queue:
          queues.push_back(s.queue.get());
          ++out_.queue_count;
          order(2, s.queue->pos);
          break;
        case Statement::Kind::load_anchor:
          out_.loads.push_back(s.load.get());
          break;
        case Statement::Kind::rule: {
          order(order_class(s.rule.action), s.rule.pos);
          std::vector<ExpandedRule> rules = expand_rule(s.rule);
          for (ExpandedRule& r : rules)
            out_.rules.push_back(std::move(r));
          break;
        }
      }
    }
    if (!queues.empty()) checker_.queues(queues);
    mark_runtime_tables();
    out_.rule_count = count(out_.rules);
    out_.anchor_count = count_anchors(out_.rules);
  }

 private:
  const ParseOptions& options_;
  Diagnostics& diagnostics_;
  Checker checker_;
  Expansion& out_;
  bool require_order_ = true;
  int rule_state_ = 0;
  std::map<std::string, SourceLocation> overloads_;  // table -> first rule that fills it

  // `overload <name>` in a rule's state options: pf adds offending sources to the table.
  void note_overload(const RuleSpec& r) {
    for (auto at = r.state_options.find("overload"); at != std::string::npos;
         at = r.state_options.find("overload", at + 1)) {
      auto open = r.state_options.find_first_not_of(" \t\n", at + 8);
      if (open == std::string::npos || r.state_options[open] != '<') continue;
      auto close = r.state_options.find('>', open);
      if (close == std::string::npos) continue;
      overloads_.emplace(r.state_options.substr(open + 1, close - open - 1), r.location);
    }
  }

  // Tables pf fills while it runs: contents unknown offline unless --table or the site profile
  // gives them. A table an overload rule fills, and a `persist` table declared without entries
  // (not `const`), which only `pfctl -T add` or an overload can fill.
  void mark_runtime_tables() {
    for (auto& [name, info] : out_.tables) {
      if (!info.def || !info.contents_known) continue;
      auto filler = overloads_.find(name);
      bool empty_persist = info.def->persist && !info.def->constant && info.def->entries.empty() &&
                           info.def->files.empty();
      if (filler == overloads_.end() && !empty_persist) continue;
      auto given = options_.table_files.find(name);
      if (given != options_.table_files.end()) {
        if (info.def->files.empty()) read_table_file(given->second, *info.def, info, info.def->pos);
        continue;
      }
      info.contents_known = false;
      if (filler != overloads_.end()) {
        info.unknown_reason = "table <" + name + "> is filled at run time by overload (" +
                              filler->second.file + ":" + std::to_string(filler->second.line) + ")";
      } else {
        info.unknown_reason = "table <" + name +
                              "> is persist and declared empty: filled at run time (give its "
                              "contents with --table " +
                              name + "=FILE)";
      }
    }
  }

  static int order_class(Action a) {
    switch (a) {
      case Action::scrub:
      case Action::no_scrub:
      case Action::scrub_anchor:
        return 1;
      case Action::nat:
      case Action::no_nat:
      case Action::rdr:
      case Action::no_rdr:
      case Action::binat:
      case Action::no_binat:
      case Action::nat_anchor:
      case Action::rdr_anchor:
      case Action::binat_anchor:
        return 3;
      case Action::ether:
        return 0;
      default:
        return 4;
    }
  }

  // pf.conf(5) STATEMENT ORDER, enforced by pfctl unless `set require-order no`.
  void order(int wanted, std::uint32_t pos) {
    if (wanted == 0) return;
    if (require_order_ && rule_state_ > wanted) {
      checker_.error("rule-order",
                     "Rules must be in order: options, normalization, queueing, translation, "
                     "filtering (or set require-order no)",
                     pos);
    }
    rule_state_ = wanted;
  }

  void declare_table(const TableDef& t) {
    checker_.table(t);
    TableInfo& info = out_.tables[t.name];
    info.def = &t;
    info.entries = t.entries;
    for (const auto& [file, pos] : t.files) {
      auto it = options_.table_files.find(t.name);
      if (it == options_.table_files.end()) {
        info.contents_known = false;
        info.unknown_reason = "table <" + t.name + "> is loaded from file \"" + file +
                              "\" (give its contents with --table " + t.name + "=FILE)";
        continue;
      }
      read_table_file(it->second, t, info, pos);
    }
  }

  void read_table_file(const std::string& path, const TableDef& t, TableInfo& info,
                       std::uint32_t pos) {
    std::ifstream in(path);
    if (!in) {
      checker_.error("table-file",
                     "cannot read the contents of table <" + t.name + "> from '" + path +
                         "' (given with --table)",
                     pos);
      info.contents_known = false;
      info.unknown_reason = "table <" + t.name + "> file unreadable";
      return;
    }
    std::string line;
    std::uint32_t line_no = 0;
    while (std::getline(in, line)) {
      ++line_no;
      auto hash = line.find('#');
      if (hash != std::string::npos) line.resize(hash);
      std::istringstream words(line);
      std::string w;
      while (words >> w) {
        Host h = host_from_text(w, pos);
        if (h.kind != HostKind::address || !parse_pf_address(h.name, h.mask)) {
          Diagnostic d;
          d.severity = Severity::error;
          d.code = "invalid-address";
          d.message = "could not parse table entry '" + w + "' (expected an address or network)";
          d.location = {path, line_no, 1, line};
          diagnostics_.add(std::move(d));
          continue;
        }
        info.entries.push_back(std::move(h));
      }
    }
  }

  // Interface names used as hosts: their addresses when the site profile gives them.
  std::vector<const Host*> resolve(const std::vector<Host>& hosts) {
    std::vector<const Host*> out;
    auto add = [this, &out](Host h) {
      out_.resolved.push_back(std::move(h));
      out.push_back(&out_.resolved.back());
    };
    for (const Host& h : hosts) {
      auto it = h.kind == HostKind::interface ? options_.interface_addresses.find(h.name)
                                              : options_.interface_addresses.end();
      if (it == options_.interface_addresses.end()) {
        out.push_back(&h);
        continue;
      }
      auto modifiers = parse_interface_modifiers(h.modifier);
      if (!modifiers || modifiers->peer) {
        out.push_back(&h);  // a bad modifier is an error already; a peer is not in the profile
        continue;
      }
      for (const IpPrefix& p : select_interface_addresses(it->second, *modifiers, false)) {
        if (modifiers->network) {
          add(address_host(h, IpPrefix{p.first(), p.length}));
        } else if (modifiers->broadcast) {
          add(address_host(h, IpPrefix::host(p.last())));
        } else {
          int len = h.mask >= 0 ? std::min(h.mask, p.addr.width()) : p.addr.width();
          IpPrefix q{p.addr, len};
          if (h.mask >= 0) q = IpPrefix{q.first(), len};
          add(address_host(h, q));
        }
      }
    }
    return out;
  }

  std::vector<ExpandedRule> expand_rule(const RuleSpec& r) {
    if (r.action == Action::antispoof) return expand_antispoof(r);
    bool ok = checker_.rule(r);
    note_overload(r);
    if (r.nat_to || r.rdr_to || r.binat_to || r.action == Action::match) {
      out_.new_translation_syntax = true;
    }
    if (r.arrow || r.action == Action::nat || r.action == Action::rdr ||
        r.action == Action::binat || r.action == Action::no_nat || r.action == Action::no_rdr ||
        r.action == Action::no_binat || r.action == Action::scrub || r.action == Action::no_scrub) {
      out_.old_translation_syntax = true;
    }
    bool is_anchor = r.action == Action::anchor || r.action == Action::nat_anchor ||
                     r.action == Action::rdr_anchor || r.action == Action::binat_anchor ||
                     r.action == Action::scrub_anchor;
    std::vector<ExpandedRule> body;
    for (const Statement& s : r.body) {
      if (s.kind == Statement::Kind::rule) {
        for (ExpandedRule& e : expand_rule(s.rule))
          body.push_back(std::move(e));
      } else if (s.kind == Statement::Kind::table) {
        declare_table(*s.table);
      } else if (s.kind == Statement::Kind::option) {
        checker_.option(*s.option);
        out_.options.push_back(s.option.get());
      }
    }

    std::vector<const InterfaceRef*> ifs;
    for (const InterfaceRef& i : r.interfaces)
      ifs.push_back(&i);
    if (ifs.empty()) ifs.push_back(nullptr);
    std::vector<std::optional<std::uint8_t>> protos;
    for (const auto& p : r.protocols)
      protos.push_back(protocol_number(p.first));
    if (protos.empty()) protos.emplace_back();
    std::vector<const IcmpMatch*> icmps;
    for (const IcmpMatch& m : r.icmp)
      icmps.push_back(&m);
    if (icmps.empty()) icmps.push_back(nullptr);
    auto hosts_of = [this](const std::vector<Host>& hs) {
      std::vector<const Host*> out = resolve(hs);
      if (hs.empty()) out.push_back(nullptr);
      return out;
    };
    auto ports_of = [](const std::vector<PortMatch>& ps) {
      std::vector<const PortMatch*> out;
      for (const PortMatch& p : ps)
        out.push_back(&p);
      if (out.empty()) out.push_back(nullptr);
      return out;
    };
    auto srcs = hosts_of(r.from.hosts);
    auto dsts = hosts_of(r.to.hosts);
    auto sports = ports_of(r.from.ports);
    auto dports = ports_of(r.to.ports);
    auto users = ports_of(r.users);
    auto groups = ports_of(r.groups);

    std::vector<ExpandedRule> out;
    bool skipped_family = false;
    bool reported_proto = false, reported_port = false, reported_icmp = false;
    bool skipped_route = false, skipped_target = false;
    for (const auto& ifc : ifs) {
      for (const auto& proto : protos) {
        for (const auto& icmp : icmps) {
          for (const auto& src : srcs) {
            for (const auto& sport : sports) {
              for (const auto& dst : dsts) {
                for (const auto& dport : dports) {
                  for (const auto& user : users) {
                    for (const auto& group : groups) {
                      std::optional<Family> af = r.family;
                      bool skip = false;
                      for (const auto* h : {&src, &dst}) {
                        if (!*h) continue;
                        if (auto f = host_family(**h)) {
                          if (af && *af != *f)
                            skip = true;
                          else
                            af = f;
                        }
                      }
                      if (skip) {
                        skipped_family = true;
                        continue;
                      }
                      if (proto && af && !reported_proto &&
                          ((*proto == 1 && *af == Family::ipv6) ||
                           (*proto == 58 && *af == Family::ipv4))) {
                        checker_.error("family-mismatch",
                                       std::string("proto ") + (*proto == 1 ? "icmp" : "icmp6") +
                                           " doesn't match address family " +
                                           (*af == Family::ipv4 ? "inet" : "inet6"),
                                       r.protocols.empty() ? r.pos : r.protocols.front().second);
                        reported_proto = true;
                        ok = false;
                      }
                      if (icmp && !reported_icmp &&
                          ((proto && *proto != (icmp->v6 ? 58 : 1)) ||
                           (af && *af != (icmp->v6 ? Family::ipv6 : Family::ipv4)))) {
                        checker_.error("icmp-type-mismatch",
                                       std::string("icmp-type mismatch (") +
                                           (icmp->v6 ? "icmp6-type needs proto icmp6"
                                                     : "icmp-type needs proto icmp") +
                                           ")",
                                       icmp->pos);
                        reported_icmp = true;
                        ok = false;
                      }
                      if ((sport || dport) && !reported_port && !is_anchor &&
                          (!proto || (*proto != 6 && *proto != 17))) {
                        checker_.error("port-without-protocol",
                                       "port only applies to tcp/udp (add proto tcp or proto udp)",
                                       sport ? sport->pos : dport->pos);
                        reported_port = true;
                        ok = false;
                      }
                      // pfctl drops combinations no route-to / translation address fits.
                      if (af && !route_family_ok(r, *af)) {
                        skipped_route = true;
                        continue;
                      }
                      if (af && !target_family_ok(r, *af)) {
                        skipped_target = true;
                        continue;
                      }
                      ExpandedRule e;
                      e.spec = &r;
                      e.interface = ifc;
                      e.family = af;
                      e.protocol = proto;
                      e.icmp = icmp;
                      e.src = src;
                      e.src_port = sport;
                      e.dst = dst;
                      e.dst_port = dport;
                      e.user = user;
                      e.group = group;
                      e.body = body;
                      out.push_back(std::move(e));
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    if (out.empty() && ok && skipped_route) {
      checker_.error("route-family", "no routing address with matching address family found",
                     r.routes.front().pos);
      ok = false;
    } else if (out.empty() && ok && skipped_target) {
      checker_.error("translation-family",
                     "no translation address with matching address family found", r.pos);
      ok = false;
    } else if (out.empty() && skipped_family && ok) {
      checker_.error("no-valid-combination",
                     "rule expands to no valid combination (the addresses' families differ)",
                     r.pos);
      ok = false;
    }
    if (!ok) return {};
    return out;
  }

  static std::size_t count_anchors(const std::vector<ExpandedRule>& rules) {
    std::size_t n = 0;
    for (const ExpandedRule& e : rules) {
      Action a = e.spec->action;
      if (a == Action::anchor || a == Action::nat_anchor || a == Action::rdr_anchor ||
          a == Action::binat_anchor || a == Action::scrub_anchor) {
        ++n;
      }
      n += count_anchors(e.body);
    }
    return n;
  }

  static std::size_t count(const std::vector<ExpandedRule>& rules) {
    std::size_t n = 0;
    for (const ExpandedRule& e : rules)
      n += 1 + count(e.body);
    return n;
  }

  static bool route_family_ok(const RuleSpec& r, Family af) {
    bool any_address = false;
    for (const RouteOption& ro : r.routes) {
      for (const std::string& t : ro.targets) {
        std::string inner = t;
        if (!inner.empty() && inner.front() == '(') inner = inner.substr(1, inner.size() - 2);
        std::istringstream words(inner);
        std::string w;
        while (words >> w) {
          Host h = host_from_text(w, 0);
          if (h.kind != HostKind::address) continue;
          auto p = parse_pf_address(h.name, h.mask);
          if (!p) continue;
          any_address = true;
          if (p->addr.family == af) return true;
        }
      }
    }
    return !any_address;
  }

  static bool target_family_ok(const RuleSpec& r, Family af) {
    for (const auto* target : {&r.nat_to, &r.rdr_to, &r.binat_to, &r.arrow}) {
      if (!*target) continue;
      bool any_address = false, match = false;
      for (const Host& h : (*target)->hosts) {
        if (h.kind != HostKind::address) {
          match = true;
          continue;
        }
        auto p = parse_pf_address(h.name, h.mask);
        if (!p) continue;
        any_address = true;
        if (p->addr.family == af) match = true;
      }
      if (any_address && !match) return false;
    }
    return true;
  }

  // pf.conf(5) antispoof: "block in on ! IF inet from IF:network to any" for each network of
  // the interface, and "block in inet from IF-address to any" unless it is a loopback.
  std::vector<ExpandedRule> expand_antispoof(const RuleSpec& a) {
    std::vector<ExpandedRule> out;
    auto make = [&](const InterfaceRef& ifc, bool negate_if, const Host& src,
                    std::optional<Family> af) {
      RuleSpec& s = out_.synthetic.emplace_back();
      s.action = Action::block;
      s.direction = Direction::in;
      s.log = a.log;
      s.quick = a.quick;
      s.label = a.label;
      s.location = a.location;
      s.pos = a.pos;
      if (negate_if) s.interfaces.push_back({ifc.name, true, ifc.pos});
      s.family = af;
      s.from.hosts.push_back(src);
      ExpandedRule e;
      e.spec = &s;
      if (negate_if) e.interface = &s.interfaces.front();
      e.family = af;
      e.src = &s.from.hosts.front();
      out.push_back(std::move(e));
    };
    for (const InterfaceRef& raw : a.interfaces) {
      InterfaceRef ifc = raw;
      bool dynamic = !ifc.name.empty() && ifc.name.front() == '(';
      if (dynamic) ifc.name = ifc.name.substr(1, ifc.name.size() - 2);
      bool loopback = ifc.name.rfind("lo", 0) == 0;
      auto it = options_.interface_addresses.find(ifc.name);
      if (dynamic || it == options_.interface_addresses.end()) {
        Host net;
        net.kind = HostKind::dynamic;
        net.name = ifc.name;
        net.modifier = "network";
        net.pos = ifc.pos;
        make(ifc, true, net, a.family);
        if (!dynamic && !loopback) {
          Host self;
          self.kind = HostKind::dynamic;
          self.name = ifc.name;
          self.pos = ifc.pos;
          make(ifc, false, self, a.family);
        }
        continue;
      }
      for (const IpPrefix& p : it->second) {
        if (is_link_local(p) || (a.family && *a.family != p.addr.family)) continue;
        Host net = address_host(Host{}, IpPrefix{p.first(), p.length});
        net.pos = ifc.pos;
        make(ifc, true, net, p.addr.family);
      }
      if (!loopback) {
        for (const IpPrefix& p : it->second) {
          if (is_link_local(p) || (a.family && *a.family != p.addr.family)) continue;
          Host self = address_host(Host{}, IpPrefix::host(p.addr));
          self.pos = ifc.pos;
          make(ifc, false, self, p.addr.family);
        }
      }
    }
    return out;
  }
};

}  // namespace

Expansion expand(const std::vector<Statement>& statements, const SourceMap& map,
                 const ParseOptions& options, Diagnostics& diagnostics) {
  Expansion out;
  Expander(map, options, diagnostics, out).run(statements);
  return out;
}

}  // namespace fwaudit::pf
