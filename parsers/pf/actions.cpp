// parsers/pf/actions.cpp
#include "parsers/pf/actions.hpp"

#include <algorithm>
#include <cctype>

namespace fwaudit::pf {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

bool is_modifier(std::string_view m) {
  return m == "network" || m == "broadcast" || m == "peer" || m == "0";
}

// pf interface names: letters then a unit number (em0, lo0, tun1000000, vlan10).
bool looks_like_interface(std::string_view n) {
  std::size_t i = 0;
  while (i < n.size() && std::isalpha(static_cast<unsigned char>(n[i])))
    ++i;
  if (i == 0 || i == n.size()) return false;
  while (i < n.size() && std::isdigit(static_cast<unsigned char>(n[i])))
    ++i;
  return i == n.size();
}

bool looks_numeric(std::string_view n) {
  if (n.empty()) return false;
  n = n.substr(0, n.find('%'));  // fe80::1%lo0: the scope is not part of the address
  if (n.find(':') != std::string_view::npos) {
    // IPv6, or garbage like ":80" that must be reported as a bad address.
    return std::all_of(n.begin(), n.end(), [](char c) {
      return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.';
    });
  }
  return std::isdigit(static_cast<unsigned char>(n.front())) != 0;
}

}  // namespace

std::string unquote(std::string_view text) {
  text = trim(text);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    text = text.substr(1, text.size() - 2);
  }
  return std::string(text);
}

Host host_from_text(std::string_view text, std::uint32_t pos) {
  Host h;
  h.pos = pos;
  text = trim(text);
  if (!text.empty() && text.front() == '!') {
    h.negated = true;
    text = trim(text.substr(1));
  }
  // A trailing "/n" applies to addresses, interfaces and dynamic interfaces alike.
  auto split_mask = [&h](std::string_view t) {
    auto slash = t.rfind('/');
    if (slash != std::string_view::npos && t.find(')', slash) == std::string_view::npos &&
        t.find('>', slash) == std::string_view::npos) {
      std::string_view bits = t.substr(slash + 1);
      int v = 0;
      bool ok = !bits.empty() && bits.size() <= 4;
      for (char c : bits) {
        if (!std::isdigit(static_cast<unsigned char>(c)))
          ok = false;
        else
          v = v * 10 + (c - '0');
      }
      if (ok) {
        h.mask = v;
        return t.substr(0, slash);
      }
    }
    return t;
  };
  if (!text.empty() && text.front() == '<') {
    h.kind = HostKind::table;
    auto close = text.find('>');
    h.name =
        std::string(text.substr(1, close == std::string_view::npos ? text.size() - 1 : close - 1));
    return h;
  }
  text = split_mask(text);
  if (!text.empty() && text.front() == '(') {
    h.kind = HostKind::dynamic;
    std::string_view inner = trim(text.substr(1, text.size() >= 2 ? text.size() - 2 : 0));
    auto colon = inner.find(':');
    if (colon != std::string_view::npos) {
      h.modifier = std::string(inner.substr(colon + 1));
      inner = inner.substr(0, colon);
    }
    h.name = std::string(inner);
    return h;
  }
  // a - b
  auto dash = text.find(" -");
  if (dash == std::string_view::npos) dash = text.find("\t-");
  if (dash != std::string_view::npos) {
    h.kind = HostKind::range;
    h.name = std::string(trim(text.substr(0, dash)));
    h.name2 = std::string(trim(text.substr(dash + 2)));
    return h;
  }
  h.name = std::string(text);
  if (text == "any") {
    h.kind = HostKind::any;
  } else if (text == "self") {
    h.kind = HostKind::self;
  } else if (text == "no-route") {
    h.kind = HostKind::no_route;
  } else if (text == "urpf-failed") {
    h.kind = HostKind::urpf_failed;
  } else if (looks_numeric(text)) {
    h.kind = HostKind::address;
  } else {
    // em0:network:0: every trailing modifier, kept as written ("network:0").
    std::string_view base = text;
    for (auto colon = base.rfind(':');
         colon != std::string_view::npos && is_modifier(base.substr(colon + 1));
         colon = base.rfind(':')) {
      base = base.substr(0, colon);
    }
    if (base.size() < text.size()) h.modifier = std::string(text.substr(base.size() + 1));
    h.name = std::string(base);
    h.kind =
        (looks_like_interface(base) || !h.modifier.empty()) ? HostKind::interface : HostKind::hostname;
  }
  return h;
}

PortMatch port_from_text(std::string_view text, std::uint32_t pos) {
  PortMatch p;
  p.pos = pos;
  text = trim(text);
  struct Op {
    std::string_view text;
    PortOp op;
  };
  static constexpr Op unary[] = {{"!=", PortOp::ne}, {"<=", PortOp::le}, {">=", PortOp::ge},
                                 {"=", PortOp::eq},  {"<", PortOp::lt},  {">", PortOp::gt}};
  for (const Op& u : unary) {
    if (text.substr(0, u.text.size()) == u.text) {
      p.op = u.op;
      p.a = std::string(trim(text.substr(u.text.size())));
      return p;
    }
  }
  static constexpr Op binary[] = {
      {"<>", PortOp::outside}, {"><", PortOp::inside}, {":", PortOp::range}};
  for (const Op& b : binary) {
    auto at = text.find(b.text);
    if (at != std::string_view::npos) {
      p.op = b.op;
      p.a = std::string(trim(text.substr(0, at)));
      p.b = std::string(trim(text.substr(at + b.text.size())));
      return p;
    }
  }
  p.op = PortOp::eq;
  p.a = std::string(text);
  return p;
}

IcmpMatch icmp_from_text(std::string_view text, bool v6, std::uint32_t pos) {
  IcmpMatch m;
  m.v6 = v6;
  m.pos = pos;
  text = trim(text);
  auto sp = text.find_first_of(" \t");
  if (sp == std::string_view::npos) {
    m.type = std::string(text);
    return m;
  }
  m.type = std::string(text.substr(0, sp));
  std::string_view rest = trim(text.substr(sp));
  if (rest.substr(0, 4) == "code") m.code = std::string(trim(rest.substr(4)));
  return m;
}

InterfaceRef interface_from_text(std::string_view text, std::uint32_t pos) {
  InterfaceRef r;
  r.pos = pos;
  text = trim(text);
  if (!text.empty() && text.front() == '!') {
    r.negated = true;
    text = trim(text.substr(1));
  }
  r.name = std::string(text);
  return r;
}

}  // namespace fwaudit::pf
