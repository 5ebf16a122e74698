// catalog/roles.cpp
#include "catalog/roles.hpp"

#include <algorithm>
#include <array>

namespace fwaudit::catalog {

namespace {

constexpr std::array kRoles{
    RoleInfo{"appliance",
             "the product's own appliance(s); bound by the profile's \"appliance\" entry"},
    RoleInfo{"internet", "hosts on the internet; defaults to the profile's internet zone"},
    RoleInfo{"internal_mail_servers", "the organisation's own mail servers (groupware, relays)"},
    RoleInfo{"exchange_servers", "Microsoft Exchange servers working with the product"},
    RoleInfo{"dns_servers", "DNS resolvers the appliance queries"},
    RoleInfo{"ntp_servers", "NTP time sources"},
    RoleInfo{"ldap_servers", "directory servers (LDAP, LDAPS, Active Directory global catalog)"},
    RoleInfo{"ntlm_servers", "Windows domain controllers authenticating users with NTLM"},
    RoleInfo{"key_servers", "encryption key servers queried over LDAP, HTTPS or HKP"},
    RoleInfo{"management_hosts", "administrators' workstations managing the appliance"},
    RoleInfo{"end_users", "mail recipients using the appliance's end-user web interface"},
    RoleInfo{"syslog_servers", "central syslog servers receiving exported logs"},
    RoleInfo{"snmp_managers", "SNMP management stations polling the appliance or receiving traps"},
    RoleInfo{"backup_servers", "servers storing backups, exported logs or data for import"},
    RoleInfo{"peer_appliances", "other appliances of the same product working as peers"},
    RoleInfo{"cluster_members", "appliances of the same cluster (central appliance and members)"},
    RoleInfo{"control_center", "the management console that controls scanner appliances"},
    RoleInfo{"scanners", "scanner appliances controlled by a control center"},
};

}  // namespace

std::span<const RoleInfo> roles() {
  return kRoles;
}

const RoleInfo* find_role(std::string_view name) {
  auto it = std::find_if(kRoles.begin(), kRoles.end(),
                         [name](const RoleInfo& r) { return r.name == name; });
  return it == kRoles.end() ? nullptr : &*it;
}

}  // namespace fwaudit::catalog
