// tests/iptables_kernel/harness/generator.cpp
#include "harness/generator.hpp"

#include <algorithm>
#include <optional>
#include <random>
#include <set>
#include <tuple>

#include "harness/topology.hpp"

namespace fwk {
namespace {

// The part of a packet conntrack identifies a connection by (ICMP: the echo id), in the
// direction given.
using ConnKey = std::tuple<std::uint8_t, Addr, int, Addr, int>;

bool is_request(std::uint8_t proto, int type) {
  if (proto == kIcmp) return type == 8 || type == 13 || type == 15 || type == 17;
  return type == 128 || type == 139;
}

// ICMPv6 types conntrack leaves untracked (neighbour discovery, MLD): not generated, they would
// also disturb the firewall's own neighbour tables.
bool untracked_icmpv6(int type) {
  return type == 130 || type == 131 || type == 132 || type == 133 || type == 134 || type == 135 ||
         type == 136 || type == 143;
}

struct Placement {
  Path path;
  std::string in_if, out_if;
};

class Generator {
 public:
  Generator(const RulesetFile& r, std::uint64_t seed) : r_(r) {
    std::uint64_t h = 1469598103934665603ull ^ seed;
    for (char c : r.name)
      h = (h ^ static_cast<std::uint8_t>(c)) * 1099511628211ull;
    rng_.seed(h);
    for (const auto& p : r.paths) {
      paths_.push_back(p == "input" ? Path::input : p == "output" ? Path::output : Path::forward);
    }
    collect_boundaries();
  }

  std::vector<Probe> run() {
    for (const auto& a : boundary_addresses_) {
      add_new(a, std::nullopt, "boundary src " + a.to_string());
      add_new(std::nullopt, a, "boundary dst " + a.to_string());
    }
    for (int port : boundary_ports_) {
      add_port_probe(port, false);
      add_port_probe(port, true);
    }
    for (auto [type, code] : boundary_icmp_)
      add_icmp_probe(type, code);
    for (int i = 0; i < r_.packets; ++i) {
      if (i % 2 == 0 || r_.sketches.empty()) {
        add_random("random");
      } else {
        add_targeted();
      }
    }
    for (int i = 0; i < r_.established; ++i)
      add_established();
    for (int i = 0; i < r_.related; ++i)
      add_related();
    return std::move(probes_);
  }

 private:
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : rng_() % n; }
  bool chance(int percent) { return static_cast<int>(below(100)) < percent; }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }

  bool allowed(Path p) const { return std::find(paths_.begin(), paths_.end(), p) != paths_.end(); }

  static bool usable(const Addr& a) {
    if (!a.v6) {
      auto b0 = a.bytes[0];
      return b0 != 0 && b0 != 127 && b0 < 224 && !(b0 == 169 && a.bytes[1] == 254);
    }
    return (a.bytes[0] & 0xe0) == 0x20;  // global unicast 2000::/3
  }

  Addr random_in(const Masked& m) {
    Addr a = m.address;
    for (int i = 0; i < a.bits(); ++i) {
      if (!m.mask.bit(i)) a.set_bit(i, below(2) != 0);
    }
    return a;
  }

  Addr random_between(const Addr& lo, const Addr& hi) {
    // Uniform enough for test data: random low bits under the common prefix, clamped.
    Masked m{lo, lo};
    int common = 0;
    while (common < lo.bits() && lo.bit(common) == hi.bit(common))
      ++common;
    for (int i = 0; i < lo.bits(); ++i)
      m.mask.set_bit(i, i < common);
    for (int i = common; i < lo.bits(); ++i)
      m.address.set_bit(i, false);
    Addr a = random_in(m);
    return std::clamp(a, lo, hi);
  }

  // A host address: inside something the rules name, or behind one of the interfaces.
  Addr random_host() {
    bool v6 = r_.v6;
    std::vector<Masked> rule_networks;
    for (const auto& n : r_.values.networks) {
      if (n.address.v6 == v6) rule_networks.push_back(n);
    }
    int choice = static_cast<int>(below(100));
    if (choice < 35 && !rule_networks.empty()) return random_in(pick(rule_networks));
    if (choice < 50 && !r_.values.ranges.empty()) {
      const auto& range = pick(r_.values.ranges);
      return random_between(range.first, range.second);
    }
    return random_in(pick(Addressing::hosts_behind(pick(Addressing::interfaces()), v6)));
  }

  Addr random_remote() {
    for (int attempt = 0; attempt < 100; ++attempt) {
      Addr a = random_host();
      if (usable(a) && !Addressing::is_local(a)) return a;
    }
    return random_in(Addressing::hosts_behind("wan0", r_.v6).front());
  }

  Addr random_remote_behind(const std::string& fw_if) {
    for (int attempt = 0; attempt < 200; ++attempt) {
      Addr a =
          attempt < 100 ? random_host() : random_in(pick(Addressing::hosts_behind(fw_if, r_.v6)));
      if (usable(a) && !Addressing::is_local(a) && Addressing::route(a) == fw_if) return a;
    }
    return random_in(Addressing::hosts_behind(fw_if, r_.v6).front());
  }

  Addr random_local() {
    auto locals = Addressing::local(r_.v6);
    std::vector<Addr> rule_locals;
    for (const auto& n : r_.values.networks) {
      for (const Addr& a : {n.first(), n.last()}) {
        if (a.v6 == r_.v6 && Addressing::is_local(a)) rule_locals.push_back(a);
      }
    }
    if (!rule_locals.empty() && chance(30)) return pick(rule_locals);
    return random_in(pick(locals));
  }

  std::string side(const Addr& a) { return Addressing::route(a); }

  std::string other_interface(const std::string& not_this) {
    std::vector<std::string> others;
    for (const auto& i : Addressing::interfaces()) {
      if (i != not_this) others.push_back(i);
    }
    return pick(others);
  }

  // Path and interfaces for a packet from src to dst; the ingress of a packet from a remote
  // host is sometimes not the one its address lives behind (spoofed), as iptables does not care.
  std::optional<Placement> place(const Addr& src, const Addr& dst, bool route_consistent) {
    if (!usable(src) || !usable(dst)) return std::nullopt;
    bool src_local = Addressing::is_local(src), dst_local = Addressing::is_local(dst);
    if (src_local && dst_local) return std::nullopt;
    Placement p;
    if (dst_local) {
      p = {Path::input, route_consistent || chance(50) ? side(src) : pick(Addressing::interfaces()),
           std::string(kSelf)};
    } else if (src_local) {
      p = {Path::output, std::string(kSelf), side(dst)};
    } else {
      p.path = Path::forward;
      p.out_if = side(dst);
      p.in_if = side(src);
      if (!route_consistent && (p.in_if == p.out_if || chance(30)))
        p.in_if = other_interface(p.out_if);
      if (p.in_if == p.out_if) return std::nullopt;
    }
    if (!allowed(p.path)) return std::nullopt;
    return p;
  }

  void collect_boundaries() {
    std::set<Addr> addresses;
    auto add = [&](std::optional<Addr> a) {
      if (a && a->v6 == r_.v6 && usable(*a)) addresses.insert(*a);
    };
    for (const auto& n : r_.values.networks) {
      add(n.first());
      add(n.last());
      add(n.first().prev());
      add(n.last().next());
      if (!n.contiguous()) {
        // One masked bit flipped (just outside), one free bit set (still inside).
        std::vector<int> masked_bits, free_bits;
        for (int i = 0; i < n.mask.bits(); ++i)
          (n.mask.bit(i) ? masked_bits : free_bits).push_back(i);
        for (int k = 0; k < 3 && !masked_bits.empty(); ++k) {
          Addr a = n.address;
          int bit = pick(masked_bits);
          a.set_bit(bit, !a.bit(bit));
          add(a);
        }
        for (int k = 0; k < 2 && !free_bits.empty(); ++k) {
          Addr a = n.address;
          a.set_bit(pick(free_bits), true);
          add(a);
        }
      }
    }
    for (const auto& [lo, hi] : r_.values.ranges) {
      add(lo);
      add(hi);
      add(lo.prev());
      add(hi.next());
    }
    boundary_addresses_.assign(addresses.begin(), addresses.end());
    std::set<int> ports;
    for (auto [lo, hi] : r_.values.ports) {
      for (int p : {lo - 1, lo, hi, hi + 1}) {
        if (p >= 1 && p <= 65535) ports.insert(p);
      }
    }
    boundary_ports_.assign(ports.begin(), ports.end());
    std::set<std::pair<int, int>> icmp;
    for (auto [type, code] : r_.values.icmp) {
      if (type < 0) continue;
      if (code < 0) {
        for (int t : {type - 1, type, type + 1}) {
          if (t >= 0 && t <= 255) icmp.insert({t, 0});
        }
        icmp.insert({type, static_cast<int>(below(16))});
      } else {
        for (int c : {code - 1, code, code + 1}) {
          if (c >= 0 && c <= 255) icmp.insert({type, c});
        }
      }
    }
    boundary_icmp_.assign(icmp.begin(), icmp.end());
  }

  std::uint8_t random_protocol(bool ports_needed) {
    std::vector<std::uint8_t> listed;
    for (int p : r_.values.protocols) {
      if (p == kTcp || p == kUdp || (!ports_needed && p != 0))
        listed.push_back(static_cast<std::uint8_t>(p));
    }
    if (!listed.empty() && chance(50)) return pick(listed);
    int c = static_cast<int>(below(100));
    if (ports_needed) return c < 60 ? kTcp : kUdp;
    if (c < 40) return kTcp;
    if (c < 70) return kUdp;
    if (c < 88) return r_.v6 ? kIcmpV6 : kIcmp;
    return 253;  // reserved for experimentation (RFC 3692): plain IP, generic conntrack
  }

  int random_port(bool source) {
    if (!r_.values.ports.empty() && chance(source ? 20 : 50)) {
      auto [lo, hi] = pick(r_.values.ports);
      return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo + 1)));
    }
    return source ? 1024 + static_cast<int>(below(64512)) : 1 + static_cast<int>(below(65535));
  }

  static ConnKey key(const Header& h) {
    if (h.proto == kTcp || h.proto == kUdp) return {h.proto, h.src, h.sport, h.dst, h.dport};
    if (h.proto == kIcmp || h.proto == kIcmpV6)
      return {h.proto, h.src, h.icmp_id, h.dst, h.icmp_id};
    return {h.proto, h.src, 0, h.dst, 0};
  }
  static ConnKey reverse(const ConnKey& k) {
    return {std::get<0>(k), std::get<3>(k), std::get<4>(k), std::get<1>(k), std::get<2>(k)};
  }

  // True when `h` starts no connection conntrack already knows in either direction.
  bool fresh(const Header& h) const {
    auto k = key(h);
    return keys_.count(k) == 0 && keys_.count(reverse(k)) == 0;
  }
  void remember(const Header& h) { keys_.insert(key(h)); }

  std::uint16_t fresh_id() { return static_cast<std::uint16_t>(next_icmp_id_++); }

  // The state conntrack gives a lone packet of this kind; nullopt for kinds not generated.
  std::optional<std::string> lone_state(const Header& h) const {
    if (h.proto == kIcmp || h.proto == kIcmpV6) {
      if (h.proto == kIcmpV6 && untracked_icmpv6(h.icmp_type)) return std::nullopt;
      return is_request(h.proto, h.icmp_type) ? "new" : "invalid";
    }
    return "new";
  }

  // Finishes a NEW-kind probe: fills protocol fields not fixed yet, checks uniqueness, adds it.
  bool finish(Probe p) {
    auto& h = p.header;
    for (int attempt = 0; attempt < 50; ++attempt) {
      if (h.proto == kTcp) {
        h.tcp_flags = TcpFlags::syn;
        h.seq = static_cast<std::uint32_t>(rng_());
      }
      if (h.proto == kIcmp || h.proto == kIcmpV6) h.icmp_id = fresh_id();
      auto state = lone_state(h);
      if (!state) return false;
      p.state = *state;
      if (p.state != "new" || fresh(h)) {
        if (p.state == "new") remember(h);
        p.id = static_cast<int>(probes_.size()) + 1;
        h.payload = p.token();
        probes_.push_back(std::move(p));
        return true;
      }
      // Same connection as an earlier packet: vary what is still free.
      if (!fixed_sport_ && (h.proto == kTcp || h.proto == kUdp)) {
        h.sport = static_cast<std::uint16_t>(random_port(true));
      } else if (!fixed_src_) {
        h.src = random_remote();
      } else if (!fixed_dst_) {
        h.dst = random_remote();
      }
    }
    return false;
  }

  void fill_ports(Header& h) {
    if (h.proto == kTcp || h.proto == kUdp) {
      if (!fixed_sport_) h.sport = static_cast<std::uint16_t>(random_port(true));
      if (!fixed_dport_) h.dport = static_cast<std::uint16_t>(random_port(false));
    } else if (h.proto == kIcmp || h.proto == kIcmpV6) {
      if (!fixed_icmp_) {
        if (!r_.values.icmp.empty() && chance(40)) {
          auto [type, code] = pick(r_.values.icmp);
          h.icmp_type = static_cast<std::uint8_t>(type < 0 ? (r_.v6 ? 128 : 8) : type);
          h.icmp_code = static_cast<std::uint8_t>(code < 0 ? 0 : code);
        } else {
          h.icmp_type = r_.v6 ? 128 : 8;
          h.icmp_code = 0;
        }
      }
    }
  }

  // A NEW-kind probe with an optional fixed source or destination address.
  void add_new(std::optional<Addr> src_fixed, std::optional<Addr> dst_fixed,
               const std::string& why) {
    fixed_src_ = src_fixed.has_value();
    fixed_dst_ = dst_fixed.has_value();
    for (int attempt = 0; attempt < 100; ++attempt) {
      Path want = pick(paths_);
      Header h;
      h.src = src_fixed ? *src_fixed : (want == Path::output ? random_local() : random_remote());
      h.dst = dst_fixed ? *dst_fixed : (want == Path::input ? random_local() : random_remote());
      auto placement = place(h.src, h.dst, false);
      if (!placement) continue;
      h.proto = random_protocol(false);
      fill_ports(h);
      Probe p;
      p.path = placement->path;
      p.in_if = placement->in_if;
      p.out_if = placement->out_if;
      p.header = h;
      p.why = why;
      if (finish(std::move(p))) break;
    }
    fixed_src_ = fixed_dst_ = false;
  }

  void add_random(const std::string& why) { add_new(std::nullopt, std::nullopt, why); }

  void add_port_probe(int port, bool as_source) {
    (as_source ? fixed_sport_ : fixed_dport_) = true;
    for (int attempt = 0; attempt < 100; ++attempt) {
      Path want = pick(paths_);
      Header h;
      h.src = want == Path::output ? random_local() : random_remote();
      h.dst = want == Path::input ? random_local() : random_remote();
      auto placement = place(h.src, h.dst, false);
      if (!placement) continue;
      h.proto = random_protocol(true);
      (as_source ? h.sport : h.dport) = static_cast<std::uint16_t>(port);
      fill_ports(h);
      Probe p{0,
              placement->path,
              placement->in_if,
              placement->out_if,
              h,
              "new",
              std::nullopt,
              "",
              std::string("boundary ") + (as_source ? "sport " : "dport ") + std::to_string(port)};
      if (finish(std::move(p))) break;
    }
    fixed_sport_ = fixed_dport_ = false;
  }

  void add_icmp_probe(int type, int code) {
    fixed_icmp_ = true;
    for (int attempt = 0; attempt < 100; ++attempt) {
      Path want = pick(paths_);
      Header h;
      h.src = want == Path::output ? random_local() : random_remote();
      h.dst = want == Path::input ? random_local() : random_remote();
      auto placement = place(h.src, h.dst, false);
      if (!placement) continue;
      h.proto = r_.v6 ? kIcmpV6 : kIcmp;
      h.icmp_type = static_cast<std::uint8_t>(type);
      h.icmp_code = static_cast<std::uint8_t>(code);
      Probe p{0,
              placement->path,
              placement->in_if,
              placement->out_if,
              h,
              "new",
              std::nullopt,
              "",
              "boundary icmp " + std::to_string(type) + "/" + std::to_string(code)};
      if (finish(std::move(p))) break;
    }
    fixed_icmp_ = false;
  }

  static bool interface_matches(const std::string& pattern, const std::string& name) {
    if (!pattern.empty() && pattern.back() == '+') {
      return name.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0;
    }
    return pattern == name;
  }

  std::optional<std::string> interface_for(const std::string& pattern) {
    std::vector<std::string> fitting;
    for (const auto& i : Addressing::interfaces()) {
      if (interface_matches(pattern, i)) fitting.push_back(i);
    }
    if (fitting.empty()) return std::nullopt;
    return pick(fitting);
  }

  std::uint16_t port_in(const std::vector<std::pair<int, int>>& alternatives) {
    auto [lo, hi] = pick(alternatives);
    return static_cast<std::uint16_t>(
        lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo + 1))));
  }

  // Moves one port the rule tests just outside what it accepts.
  bool push_outside(std::uint16_t& port, const std::vector<std::pair<int, int>>& alternatives) {
    auto [lo, hi] = pick(alternatives);
    int p = chance(50) ? lo - 1 : hi + 1;
    if (p < 1 || p > 65535) p = p < 1 ? hi + 1 : lo - 1;
    if (p < 1 || p > 65535) return false;
    port = static_cast<std::uint16_t>(p);
    return true;
  }

  // A packet built to match one rule, fields it leaves free drawn at random; a third of the time
  // one of its ports or its ICMP code is then moved just outside what the rule matches.
  void add_targeted() {
    for (int attempt = 0; attempt < 100; ++attempt) {
      const RuleSketch& k = pick(r_.sketches);
      std::vector<Path> candidates;
      if (k.chain == "INPUT") {
        candidates = {Path::input};
      } else if (k.chain == "FORWARD") {
        candidates = {Path::forward};
      } else if (k.chain == "OUTPUT") {
        candidates = {Path::output};
      } else if (k.chain == "PREROUTING") {
        candidates = {Path::input, Path::forward};
      } else if (k.chain == "POSTROUTING") {
        candidates = {Path::forward, Path::output};
      } else {
        candidates = paths_;
      }
      candidates.erase(
          std::remove_if(candidates.begin(), candidates.end(), [&](Path p) { return !allowed(p); }),
          candidates.end());
      if (candidates.empty()) continue;
      Path want = pick(candidates);
      Header h;
      if (k.src) {
        h.src = random_in(*k.src);
      } else if (k.src_range) {
        h.src = random_between(k.src_range->first, k.src_range->second);
      } else {
        h.src = want == Path::output ? random_local() : random_remote();
      }
      if (k.dst) {
        h.dst = random_in(*k.dst);
      } else if (k.dst_range) {
        h.dst = random_between(k.dst_range->first, k.dst_range->second);
      } else if (want == Path::input) {
        h.dst = random_local();
      } else if (auto out = k.out_if.empty() ? std::nullopt : interface_for(k.out_if)) {
        h.dst = random_remote_behind(*out);
      } else {
        h.dst = random_remote();
      }
      auto placement = place(h.src, h.dst, false);
      if (!placement) continue;
      if (!k.in_if.empty() && placement->path != Path::output) {
        auto in = interface_for(k.in_if);
        if (in && (placement->path == Path::input || *in != placement->out_if))
          placement->in_if = *in;
      }
      if (!k.out_if.empty() && !interface_matches(k.out_if, placement->out_if)) continue;
      bool ports = !k.sports.empty() || !k.dports.empty() || !k.either_ports.empty();
      h.proto = k.proto > 0 ? static_cast<std::uint8_t>(k.proto) : random_protocol(ports);
      if ((h.proto == kIcmp || h.proto == kIcmpV6) && k.icmp && k.icmp->first >= 0) {
        h.icmp_type = static_cast<std::uint8_t>(k.icmp->first);
        h.icmp_code = static_cast<std::uint8_t>(k.icmp->second < 0 ? below(4) : k.icmp->second);
        fixed_icmp_ = true;
      }
      fill_ports(h);
      std::string why = "rule at line " + std::to_string(k.line);
      if (h.proto == kTcp || h.proto == kUdp) {
        if (!k.sports.empty()) h.sport = port_in(k.sports);
        if (!k.dports.empty()) h.dport = port_in(k.dports);
        if (!k.either_ports.empty()) (chance(50) ? h.sport : h.dport) = port_in(k.either_ports);
        fixed_sport_ = !k.sports.empty();
        fixed_dport_ = !k.dports.empty();
        if (chance(33)) {
          if (!k.dports.empty() && push_outside(h.dport, k.dports)) {
            why += ", dport just outside";
          } else if (!k.sports.empty() && push_outside(h.sport, k.sports)) {
            why += ", sport just outside";
          }
        }
      } else if (fixed_icmp_ && k.icmp->second >= 0 && chance(33)) {
        h.icmp_code = static_cast<std::uint8_t>(k.icmp->second + 1);
        why += ", code just outside";
      }
      fixed_src_ = k.src || k.src_range;
      fixed_dst_ = k.dst || k.dst_range;
      Probe p{0,  placement->path, placement->in_if, placement->out_if, h, "new", std::nullopt, "",
              why};
      bool added = finish(std::move(p));
      fixed_src_ = fixed_dst_ = fixed_sport_ = fixed_dport_ = fixed_icmp_ = false;
      if (added) return;
    }
    add_random("random");
  }

  // Two endpoints a (sender of the probe) and b on different sides, for a connection b -> a
  // (established) or a -> b (related) whose packets route the way they claim to.
  std::optional<std::pair<Addr, Addr>> connection_endpoints(Placement& placement) {
    for (int attempt = 0; attempt < 100; ++attempt) {
      Path want = pick(paths_);
      Addr a = want == Path::output ? random_local() : random_remote();
      Addr b = want == Path::input ? random_local() : random_remote();
      auto p = place(a, b, true);
      if (!p) continue;
      placement = *p;
      return std::make_pair(a, b);
    }
    return std::nullopt;
  }

  void add_established() {
    for (int attempt = 0; attempt < 50; ++attempt) {
      Placement placement;
      auto ends = connection_endpoints(placement);
      if (!ends) return;
      auto [a, b] = *ends;
      Header setup;
      setup.src = b;
      setup.dst = a;
      int c = static_cast<int>(below(100));
      setup.proto = c < 45 ? kTcp : c < 80 ? kUdp : c < 93 ? (r_.v6 ? kIcmpV6 : kIcmp) : 253;
      if (setup.proto == kTcp || setup.proto == kUdp) {
        setup.sport = static_cast<std::uint16_t>(random_port(false));  // the server's port
        setup.dport = static_cast<std::uint16_t>(random_port(true));
      }
      if (setup.proto == kIcmp || setup.proto == kIcmpV6) {
        setup.icmp_type = r_.v6 ? 128 : 8;
        setup.icmp_id = fresh_id();
      }
      setup.tcp_flags = TcpFlags::syn;
      setup.seq = static_cast<std::uint32_t>(rng_());
      if (!fresh(setup)) continue;
      Header reply;
      reply.src = a;
      reply.dst = b;
      reply.proto = setup.proto;
      reply.sport = setup.dport;
      reply.dport = setup.sport;
      reply.tcp_flags = TcpFlags::syn_ack;
      reply.seq = static_cast<std::uint32_t>(rng_());
      reply.ack = setup.seq + 1;
      reply.icmp_type = setup.proto == kIcmp ? 0 : setup.proto == kIcmpV6 ? 129 : 0;
      reply.icmp_id = setup.icmp_id;
      remember(setup);
      Probe p{static_cast<int>(probes_.size()) + 1,
              placement.path,
              placement.in_if,
              placement.out_if,
              reply,
              "established",
              setup,
              placement.out_if,
              "established reply"};
      p.header.payload = p.token();
      p.setup->payload = p.token();
      probes_.push_back(std::move(p));
      return;
    }
  }

  void add_related() {
    for (int attempt = 0; attempt < 50; ++attempt) {
      Placement placement;
      auto ends = connection_endpoints(placement);
      if (!ends) return;
      auto [b, a] = *ends;  // the error goes from b back to a, who opened a -> b
      Header setup;
      setup.src = a;
      setup.dst = b;
      setup.proto = chance(50) ? kTcp : kUdp;
      setup.sport = static_cast<std::uint16_t>(random_port(true));
      setup.dport = static_cast<std::uint16_t>(random_port(false));
      setup.tcp_flags = TcpFlags::syn;
      setup.seq = static_cast<std::uint32_t>(rng_());
      if (!fresh(setup)) continue;
      remember(setup);
      Probe p{static_cast<int>(probes_.size()) + 1,
              placement.path,
              placement.in_if,
              placement.out_if,
              {},
              "related",
              setup,
              placement.out_if,
              "related icmp error"};
      p.setup->payload = p.token();
      Header error;
      error.src = b;
      error.dst = a;
      error.proto = r_.v6 ? kIcmpV6 : kIcmp;
      if (r_.v6) {
        static const std::pair<int, int> kinds[] = {{1, 4}, {1, 1}, {1, 3}, {3, 0}};
        auto [type, code] = kinds[below(4)];
        error.icmp_type = static_cast<std::uint8_t>(type);
        error.icmp_code = static_cast<std::uint8_t>(code);
      } else {
        static const std::pair<int, int> kinds[] = {{3, 3}, {3, 1}, {3, 13}, {11, 0}};
        auto [type, code] = kinds[below(4)];
        error.icmp_type = static_cast<std::uint8_t>(type);
        error.icmp_code = static_cast<std::uint8_t>(code);
      }
      error.payload = build_packet(*p.setup);  // the whole offending packet, token last
      p.header = error;
      probes_.push_back(std::move(p));
      return;
    }
  }

  const RulesetFile& r_;
  std::mt19937_64 rng_;
  std::vector<Path> paths_;
  std::vector<Addr> boundary_addresses_;
  std::vector<int> boundary_ports_;
  std::vector<std::pair<int, int>> boundary_icmp_;
  std::set<ConnKey> keys_;
  std::vector<Probe> probes_;
  int next_icmp_id_ = 0x1000;
  bool fixed_src_ = false, fixed_dst_ = false, fixed_sport_ = false, fixed_dport_ = false;
  bool fixed_icmp_ = false;
};

}  // namespace

std::vector<Probe> generate_probes(const RulesetFile& ruleset, std::uint64_t seed) {
  if (ruleset.paths.empty()) return {};
  return Generator(ruleset, seed).run();
}

}  // namespace fwk
