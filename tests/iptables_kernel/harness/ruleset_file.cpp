// tests/iptables_kernel/harness/ruleset_file.cpp
#include "harness/ruleset_file.hpp"

#include <cctype>
#include <charconv>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace fwk {
namespace {

std::vector<std::string> split(const std::string& s, char separator) {
  std::vector<std::string> out;
  std::string part;
  std::istringstream in(s);
  while (std::getline(in, part, separator))
    out.push_back(part);
  return out;
}

std::vector<std::string> words(const std::string& line) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ')
      ++i;
    if (i >= line.size()) break;
    std::size_t start = i;
    if (line[i] == '"') {
      ++i;
      while (i < line.size() && line[i] != '"')
        i += line[i] == '\\' ? 2 : 1;
      ++i;
    } else {
      while (i < line.size() && line[i] != ' ')
        ++i;
    }
    out.push_back(line.substr(start, std::min(i, line.size()) - start));
  }
  return out;
}

std::optional<int> number(const std::string& s) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::pair<int, int> port_range(const std::string& s, const std::string& where) {
  auto colon = s.find(':');
  auto lo = number(s.substr(0, colon));
  auto hi = colon == std::string::npos ? lo : number(s.substr(colon + 1));
  if (!lo || !hi) throw std::runtime_error(where + ": cannot read port '" + s + "'");
  return {*lo, *hi};
}

void add_network(RuleValues& v, const std::string& s, const std::string& where) {
  auto m = Masked::parse(s);
  if (!m) throw std::runtime_error(where + ": cannot read address '" + s + "'");
  v.networks.push_back(*m);
}

// --to-destination 192.0.2.10:8080-8081, [2001:db8::1]:80, 198.51.100.7
void add_nat_target(RuleValues& v, const std::string& s, const std::string& where) {
  std::string address = s, ports;
  if (!s.empty() && s.front() == '[') {
    auto close = s.find(']');
    address = s.substr(1, close - 1);
    if (close + 1 < s.size() && s[close + 1] == ':') ports = s.substr(close + 2);
  } else if (s.find(':') == s.rfind(':') && s.find(':') != std::string::npos &&
             s.find('.') != std::string::npos) {
    address = s.substr(0, s.find(':'));
    ports = s.substr(s.find(':') + 1);
  }
  auto dash = address.find('-');
  add_network(v, address.substr(0, dash), where);
  if (dash != std::string::npos) add_network(v, address.substr(dash + 1), where);
  if (!ports.empty()) {
    auto d = ports.find('-');
    auto lo = number(ports.substr(0, d));
    auto hi = d == std::string::npos ? lo : number(ports.substr(d + 1));
    if (!lo || !hi) throw std::runtime_error(where + ": cannot read NAT ports '" + ports + "'");
    v.ports.push_back({*lo, *hi});
  }
}

void collect_values(RuleValues& v, const std::string& line, bool v6, const std::string& where) {
  auto w = words(line);
  for (std::size_t i = 0; i + 1 < w.size(); ++i) {
    const auto& option = w[i];
    const auto& arg = w[i + 1];
    if (option == "-s" || option == "-d" || option == "--source" || option == "--destination") {
      for (const auto& part : split(arg, ','))
        add_network(v, part, where);
    } else if (option == "--src-range" || option == "--dst-range") {
      auto dash = arg.find('-');
      auto lo = Addr::parse(arg.substr(0, dash));
      auto hi = dash == std::string::npos ? lo : Addr::parse(arg.substr(dash + 1));
      if (!lo || !hi) throw std::runtime_error(where + ": cannot read range '" + arg + "'");
      v.ranges.push_back({*lo, *hi});
    } else if (option == "--sport" || option == "--dport" || option == "--source-port" ||
               option == "--destination-port" || option == "--sports" || option == "--dports" ||
               option == "--ports" || option == "--source-ports" ||
               option == "--destination-ports") {
      for (const auto& part : split(arg, ','))
        v.ports.push_back(port_range(part, where));
    } else if (option == "--to-destination" || option == "--to-source") {
      add_nat_target(v, arg, where);
    } else if (option == "--to-ports") {
      auto d = arg.find('-');
      auto lo = number(arg.substr(0, d));
      auto hi = d == std::string::npos ? lo : number(arg.substr(d + 1));
      if (lo && hi) v.ports.push_back({*lo, *hi});
    } else if (option == "-p" || option == "--protocol") {
      int p = protocol_number(arg);
      if (p < 0) throw std::runtime_error(where + ": unknown protocol '" + arg + "'");
      v.protocols.insert(p);
    } else if (option == "--icmp-type" || option == "--icmpv6-type") {
      auto tc = icmp_type_code(arg, v6);
      if (tc.first < 0) throw std::runtime_error(where + ": unknown ICMP type '" + arg + "'");
      v.icmp.push_back(tc);
    }
  }
}

std::vector<std::pair<int, int>> port_list(const std::string& arg, const std::string& where) {
  std::vector<std::pair<int, int>> out;
  for (const auto& part : split(arg, ','))
    out.push_back(port_range(part, where));
  return out;
}

RuleSketch sketch_rule(const std::string& table, const std::string& chain, const std::string& line,
                       int line_number, bool v6, const std::string& where) {
  RuleSketch k;
  k.line = line_number;
  k.table = table;
  k.chain = chain;
  auto w = words(line);
  for (std::size_t i = 0; i + 1 < w.size(); ++i) {
    const auto& option = w[i];
    const auto& arg = w[i + 1];
    if (i > 0 && w[i - 1] == "!") continue;  // negated: leave the field free
    if (arg == "!") continue;                // "--dport ! 22", the old spelling
    if (option == "-p" || option == "--protocol") {
      k.proto = protocol_number(arg);
      if (k.proto == 0) k.proto = -1;
    } else if (option == "-s" || option == "--source") {
      k.src = Masked::parse(arg);
    } else if (option == "-d" || option == "--destination") {
      k.dst = Masked::parse(arg);
    } else if (option == "-i" || option == "--in-interface") {
      k.in_if = arg;
    } else if (option == "-o" || option == "--out-interface") {
      k.out_if = arg;
    } else if (option == "--src-range" || option == "--dst-range") {
      auto dash = arg.find('-');
      auto lo = Addr::parse(arg.substr(0, dash));
      auto hi = dash == std::string::npos ? lo : Addr::parse(arg.substr(dash + 1));
      if (lo && hi)
        (option == "--src-range" ? k.src_range : k.dst_range) = std::make_pair(*lo, *hi);
    } else if (option == "--sport" || option == "--source-port" || option == "--sports" ||
               option == "--source-ports") {
      k.sports = port_list(arg, where);
    } else if (option == "--dport" || option == "--destination-port" || option == "--dports" ||
               option == "--destination-ports") {
      k.dports = port_list(arg, where);
    } else if (option == "--ports") {
      k.either_ports = port_list(arg, where);
    } else if (option == "--icmp-type" || option == "--icmpv6-type") {
      auto tc = icmp_type_code(arg, v6);
      if (tc.first >= 0) k.icmp = tc;
    }
  }
  return k;
}

void read_header(RulesetFile& r, const std::string& line, const std::string& where) {
  if (line.rfind("# fwk-about:", 0) == 0) {
    auto text = line.substr(12);
    while (!text.empty() && text.front() == ' ')
      text.erase(0, 1);
    r.about += (r.about.empty() ? "" : " ") + text;
    return;
  }
  if (line.rfind("# fwk:", 0) != 0) return;
  for (const auto& item : words(line.substr(6))) {
    auto eq = item.find('=');
    if (eq == std::string::npos) throw std::runtime_error(where + ": expected key=value");
    auto key = item.substr(0, eq), value = item.substr(eq + 1);
    if (key == "family") {
      if (value != "ipv4" && value != "ipv6") {
        throw std::runtime_error(where + ": family must be ipv4 or ipv6");
      }
      r.v6 = value == "ipv6";
    } else if (key == "paths") {
      r.paths.clear();
      for (const auto& p : split(value, ',')) {
        if (p != "input" && p != "forward" && p != "output") {
          throw std::runtime_error(where + ": unknown path '" + p + "'");
        }
        r.paths.insert(p);
      }
    } else if (key == "backends") {
      r.backends.clear();
      for (const auto& b : split(value, ',')) {
        if (b != "nft" && b != "legacy") {
          throw std::runtime_error(where + ": unknown backend '" + b + "'");
        }
        r.backends.insert(b);
      }
    } else if (key == "packets" || key == "established" || key == "related") {
      auto n = number(value);
      if (!n || *n < 0) throw std::runtime_error(where + ": " + key + " needs a count");
      (key == "packets" ? r.packets : key == "established" ? r.established : r.related) = *n;
    } else {
      throw std::runtime_error(where + ": unknown key '" + key + "'");
    }
  }
}

}  // namespace

int protocol_number(const std::string& name_in) {
  std::string name = name_in;
  for (auto& c : name)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::map<std::string, int> names = {
      {"all", 0},    {"tcp", 6},  {"udp", 17}, {"icmp", 1}, {"ipv6-icmp", 58}, {"icmpv6", 58},
      {"sctp", 132}, {"gre", 47}, {"esp", 50}, {"ah", 51},  {"udplite", 136}};
  if (auto it = names.find(name); it != names.end()) return it->second;
  auto n = number(name);
  return n && *n >= 0 && *n <= 255 ? *n : -1;
}

std::pair<int, int> icmp_type_code(const std::string& spec, bool v6) {
  static const std::map<std::string, std::pair<int, int>> v4 = {
      {"any", {-2, -1}},
      {"echo-reply", {0, -1}},
      {"destination-unreachable", {3, -1}},
      {"network-unreachable", {3, 0}},
      {"host-unreachable", {3, 1}},
      {"protocol-unreachable", {3, 2}},
      {"port-unreachable", {3, 3}},
      {"fragmentation-needed", {3, 4}},
      {"communication-prohibited", {3, 13}},
      {"source-quench", {4, -1}},
      {"redirect", {5, -1}},
      {"echo-request", {8, -1}},
      {"router-advertisement", {9, -1}},
      {"router-solicitation", {10, -1}},
      {"time-exceeded", {11, -1}},
      {"ttl-zero-during-transit", {11, 0}},
      {"parameter-problem", {12, -1}},
      {"timestamp-request", {13, -1}},
      {"timestamp-reply", {14, -1}},
      {"address-mask-request", {17, -1}},
      {"address-mask-reply", {18, -1}}};
  static const std::map<std::string, std::pair<int, int>> v6names = {
      {"destination-unreachable", {1, -1}},
      {"no-route", {1, 0}},
      {"communication-prohibited", {1, 1}},
      {"address-unreachable", {1, 3}},
      {"port-unreachable", {1, 4}},
      {"packet-too-big", {2, -1}},
      {"time-exceeded", {3, -1}},
      {"parameter-problem", {4, -1}},
      {"echo-request", {128, -1}},
      {"echo-reply", {129, -1}},
      {"router-solicitation", {133, -1}},
      {"router-advertisement", {134, -1}},
      {"neighbour-solicitation", {135, -1}},
      {"neighbor-solicitation", {135, -1}},
      {"neighbour-advertisement", {136, -1}},
      {"neighbor-advertisement", {136, -1}}};
  const auto& names = v6 ? v6names : v4;
  if (auto it = names.find(spec); it != names.end()) return it->second;
  auto slash = spec.find('/');
  auto type = number(spec.substr(0, slash));
  auto code = slash == std::string::npos ? std::optional<int>(-1) : number(spec.substr(slash + 1));
  if (!type || !code || *type < 0 || *type > 255 || *code > 255) return {-1, -1};
  return {*type, *code};
}

RulesetFile parse_ruleset(const std::string& path, std::string text) {
  RulesetFile r;
  r.path = path;
  auto slash = path.rfind('/');
  r.name = path.substr(slash == std::string::npos ? 0 : slash + 1);
  if (r.name.size() > 6 && r.name.substr(r.name.size() - 6) == ".rules") {
    r.name.resize(r.name.size() - 6);
  }
  r.paths = {"input", "forward", "output"};
  r.text = std::move(text);
  std::istringstream in(r.text);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    std::string where = path + ":" + std::to_string(n);
    if (line.rfind("# fwk", 0) == 0) read_header(r, line, where);
  }
  try {
    r.tables = parse_saved(r.text);
  } catch (const std::exception& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
  for (const auto& table : r.tables) {
    for (const auto& chain : table.chains) {
      for (const auto& rule : chain.rules) {
        auto where = path + ":" + std::to_string(rule.line);
        collect_values(r.values, rule.text, r.v6, where);
        r.sketches.push_back(
            sketch_rule(table.name, chain.name, rule.text, rule.line, r.v6, where));
      }
    }
  }
  for (const auto& network : r.values.networks) {
    if (network.address.v6 != r.v6) {
      throw std::runtime_error(path + ": address " + network.address.to_string() +
                               " does not match the file's family");
    }
  }
  return r;
}

RulesetFile load_ruleset(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << file.rdbuf();
  return parse_ruleset(path, text.str());
}

}  // namespace fwk
