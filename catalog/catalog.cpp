// catalog/catalog.cpp
#include "catalog/catalog.hpp"

#include <algorithm>

namespace fwaudit::catalog {

const char* to_string(Direction d) {
  switch (d) {
    case Direction::inbound:
      return "inbound";
    case Direction::outbound:
      return "outbound";
    case Direction::invalid:
      break;
  }
  return "invalid";
}

const char* to_string(Transport t) {
  switch (t) {
    case Transport::tcp:
      return "tcp";
    case Transport::udp:
      return "udp";
    case Transport::both:
      return "both";
    case Transport::icmp:
      return "icmp";
    case Transport::invalid:
      break;
  }
  return "invalid";
}

const char* to_string(Necessity n) {
  switch (n) {
    case Necessity::required:
      return "required";
    case Necessity::optional:
      return "optional";
    case Necessity::conditional:
      return "conditional";
    case Necessity::invalid:
      break;
  }
  return "invalid";
}

const char* to_string(Flag f) {
  switch (f) {
    case Flag::no_ip_pinning:
      return "no_ip_pinning";
    case Flag::no_ssl_proxy:
      return "no_ssl_proxy";
    case Flag::source_truncated:
      return "source_truncated";
    case Flag::invalid:
      break;
  }
  return "invalid";
}

std::string PortRange::to_string() const {
  if (first == last) return std::to_string(first);
  return std::to_string(first) + '-' + std::to_string(last);
}

std::string SourceRef::to_string() const {
  return file + ':' + std::to_string(line);
}

bool Requirement::has_flag(Flag f) const {
  return std::find(flags.begin(), flags.end(), f) != flags.end();
}

const Product* Catalog::find_product(std::string_view id) const {
  for (const Product& p : products) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

const Requirement* Catalog::find_requirement(std::string_view id) const {
  const Product* p = product_of(id);
  if (p == nullptr) return nullptr;
  for (const Requirement& r : p->requirements) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

const Product* Catalog::product_of(std::string_view requirement_id) const {
  auto slash = requirement_id.find('/');
  if (slash == std::string_view::npos) return nullptr;
  return find_product(requirement_id.substr(0, slash));
}

}  // namespace fwaudit::catalog
