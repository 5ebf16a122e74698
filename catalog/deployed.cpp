// catalog/deployed.cpp
#include "catalog/deployed.hpp"

#include <algorithm>

namespace fwaudit::catalog {

const char* to_string(Applicability a) {
  switch (a) {
    case Applicability::required:
      return "required";
    case Applicability::optional:
      return "optional";
    case Applicability::feature_off:
      return "feature_off";
    case Applicability::invalid:
      break;
  }
  return "invalid";
}

bool hostname_matches(std::string_view pattern, std::string_view name) {
  // Classic glob with backtracking to the last '*'; '*' never crosses a '.'.
  std::size_t p = 0;
  std::size_t n = 0;
  std::size_t star = std::string_view::npos;
  std::size_t resume = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (p < pattern.size() && pattern[p] == name[n]) {
      ++p;
      ++n;
    } else if (star != std::string_view::npos && name[resume] != '.') {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*')
    ++p;
  return p == pattern.size();
}

namespace {

Applicability applicability_of(const Requirement& r, const SiteProfile& profile) {
  switch (r.necessity) {
    case Necessity::required:
      return Applicability::required;
    case Necessity::optional:
      return Applicability::optional;
    case Necessity::conditional:
      return std::any_of(r.features.begin(), r.features.end(),
                         [&](const std::string& f) { return profile.feature_enabled(f); })
                 ? Applicability::required
                 : Applicability::feature_off;
    case Necessity::invalid:
      break;
  }
  return Applicability::invalid;
}

std::vector<IpPrefix> hinted(const Requirement& r, const SiteProfile& profile) {
  std::vector<IpPrefix> out;
  for (const auto& [hint, addresses] : profile.hostnames) {
    bool used = std::any_of(r.hostnames.begin(), r.hostnames.end(), [&](const std::string& h) {
      return h == hint || hostname_matches(h, hint);
    });
    if (!used) continue;
    for (const IpPrefix& a : addresses) {
      if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
    }
  }
  return out;
}

}  // namespace

std::vector<DeployedRequirement> deployed_requirements(const Catalog& catalog,
                                                       const SiteProfile& profile) {
  std::vector<DeployedRequirement> out;
  for (const std::string& id : profile.products) {
    const Product* product = catalog.find_product(id);
    if (product == nullptr) continue;
    for (const Requirement& r : product->requirements) {
      DeployedRequirement d;
      d.product = product;
      d.requirement = &r;
      d.applicability = applicability_of(r, profile);
      d.host = resolve_role(profile, r.applies_to);
      d.peer = resolve_role(profile, r.peer);
      d.hinted_networks = hinted(r, profile);
      for (const std::string* role : {&r.applies_to, &r.peer}) {
        if (resolve_role(profile, *role).bound) continue;
        std::string entry = unbound_role_entry(*role);
        if (std::find(d.missing_entries.begin(), d.missing_entries.end(), entry) ==
            d.missing_entries.end()) {
          d.missing_entries.push_back(std::move(entry));
        }
      }
      out.push_back(std::move(d));
    }
  }
  return out;
}

}  // namespace fwaudit::catalog
