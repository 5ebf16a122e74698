// catalog/site_profile.cpp
#include "catalog/site_profile.hpp"

#include <algorithm>

namespace fwaudit::catalog {

const ProfileZone* SiteProfile::find_zone(std::string_view name) const {
  for (const ProfileZone& z : zones) {
    if (z.name == name) return &z;
  }
  return nullptr;
}

bool SiteProfile::feature_enabled(std::string_view feature) const {
  return std::find(features.begin(), features.end(), feature) != features.end();
}

}  // namespace fwaudit::catalog
