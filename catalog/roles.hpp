// catalog/roles.hpp
#pragma once

#include <span>
#include <string_view>

namespace fwaudit::catalog {

// One entry of the shared peer-role vocabulary: the kinds of hosts a requirement talks to. Catalog
// requirements name a role, site profiles bind roles to addresses, CIDRs or zones. Validation, the
// docs and `fwaudit catalog show` all read this one list.
struct RoleInfo {
  std::string_view name;
  std::string_view description;
};

// Every known role, in documentation order.
std::span<const RoleInfo> roles();
// The entry for `name`, or nullptr when it is not in the vocabulary.
const RoleInfo* find_role(std::string_view name);

// Roles with a meaning of their own in a site profile.
inline constexpr std::string_view kRoleAppliance = "appliance";  // bound by "appliance"
inline constexpr std::string_view kRoleInternet = "internet";    // defaults to the internet zone

}  // namespace fwaudit::catalog
