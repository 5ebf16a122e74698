// parsers/pf/names.cpp
#include "parsers/pf/names.hpp"

#include "analyzer/packet.hpp"

namespace fwaudit::pf {

namespace {

struct Named {
  std::string_view name;
  std::uint32_t value;
};

// Protocol names pf users write that are not in every protocols table.
constexpr Named kProtocols[] = {
    {"icmp", 1},     {"igmp", 2},   {"ipencap", 4},   {"ipip", 4},       {"tcp", 6},
    {"egp", 8},      {"udp", 17},   {"ipv6", 41},     {"rsvp", 46},      {"gre", 47},
    {"esp", 50},     {"ah", 51},    {"icmp6", 58},    {"ipv6-icmp", 58}, {"ospf", 89},
    {"etherip", 97}, {"pim", 103},  {"ipcomp", 108},  {"vrrp", 112},     {"carp", 112},
    {"l2tp", 115},   {"sctp", 132}, {"udplite", 136}, {"pfsync", 240},   {"divert", 258},
};

// The services of pf.conf files in the wild (IANA names as in /etc/services).
constexpr Named kServices[] = {
    {"tcpmux", 1},
    {"echo", 7},
    {"discard", 9},
    {"systat", 11},
    {"daytime", 13},
    {"netstat", 15},
    {"qotd", 17},
    {"chargen", 19},
    {"ftp-data", 20},
    {"ftp", 21},
    {"ssh", 22},
    {"telnet", 23},
    {"smtp", 25},
    {"time", 37},
    {"nameserver", 42},
    {"whois", 43},
    {"tacacs", 49},
    {"domain", 53},
    {"bootps", 67},
    {"bootpc", 68},
    {"tftp", 69},
    {"gopher", 70},
    {"finger", 79},
    {"www", 80},
    {"http", 80},
    {"kerberos", 88},
    {"kerberos-sec", 88},
    {"supdup", 95},
    {"hostname", 101},
    {"iso-tsap", 102},
    {"pop2", 109},
    {"pop3", 110},
    {"sunrpc", 111},
    {"auth", 113},
    {"ident", 113},
    {"sftp", 115},
    {"uucp-path", 117},
    {"nntp", 119},
    {"ntp", 123},
    {"epmap", 135},
    {"netbios-ns", 137},
    {"netbios-dgm", 138},
    {"netbios-ssn", 139},
    {"imap", 143},
    {"imap2", 143},
    {"snmp", 161},
    {"snmp-trap", 162},
    {"snmptrap", 162},
    {"xdmcp", 177},
    {"bgp", 179},
    {"irc", 194},
    {"smux", 199},
    {"imap3", 220},
    {"ldap", 389},
    {"https", 443},
    {"microsoft-ds", 445},
    {"kpasswd", 464},
    {"isakmp", 500},
    {"exec", 512},
    {"biff", 512},
    {"login", 513},
    {"who", 513},
    {"shell", 514},
    {"cmd", 514},
    {"syslog", 514},
    {"printer", 515},
    {"talk", 517},
    {"ntalk", 518},
    {"route", 520},
    {"router", 520},
    {"timed", 525},
    {"uucp", 540},
    {"submission", 587},
    {"ipp", 631},
    {"ldaps", 636},
    {"rsync", 873},
    {"ftps-data", 989},
    {"ftps", 990},
    {"telnets", 992},
    {"imaps", 993},
    {"ircs", 994},
    {"pop3s", 995},
    {"socks", 1080},
    {"openvpn", 1194},
    {"ms-sql-s", 1433},
    {"ms-sql-m", 1434},
    {"radius", 1812},
    {"radius-acct", 1813},
    {"l2tp", 1701},
    {"pptp", 1723},
    {"nfsd", 2049},
    {"nfs", 2049},
    {"cvspserver", 2401},
    {"mysql", 3306},
    {"ms-wbt-server", 3389},
    {"svn", 3690},
    {"sip", 5060},
    {"sip-tls", 5061},
    {"xmpp-client", 5222},
    {"xmpp-server", 5269},
    {"postgresql", 5432},
    {"x11", 6000},
    {"ircd", 6667},
    {"http-alt", 8080},
    {"ipsec-nat-t", 4500},
    {"spamd", 8025},
    {"spamd-cfg", 8026},
    {"bootp", 67},
    {"sieve", 4190},
    {"domain-s", 853},
    {"mdns", 5353},
    // Mail and infrastructure names of OpenBSD's current /etc/services missing above, and the
    // aliases it lists (getservbyname finds aliases too).
    {"submissions", 465},
    {"smtps", 465},
    {"mail", 25},
    {"msa", 587},
    {"spop3", 995},
    {"nntps", 563},
    {"rtsp", 554},
    {"klogin", 543},
    {"kshell", 544},
    {"krcmd", 544},
    {"kerberos-adm", 749},
    {"kerberos-iv", 750},
    {"kdc", 750},
    {"krb_prop", 754},
    {"kpop", 1109},
    {"radacct", 1813},
    {"syslog-tls", 6514},
    {"nicname", 43},
    {"tsap", 102},
    {"postoffice", 109},
    {"portmap", 111},
    {"rpcbind", 111},
    {"comsat", 512},
    {"whod", 513},
    {"spooler", 515},
    {"routed", 520},
    {"timeserver", 525},
    {"uucpd", 540},
};

constexpr Named kIcmpTypes[] = {
    {"echorep", 0},    {"unreach", 3},    {"squench", 4},    {"redir", 5},     {"althost", 6},
    {"echoreq", 8},    {"routeradv", 9},  {"routersol", 10}, {"timex", 11},    {"paramprob", 12},
    {"timereq", 13},   {"timerep", 14},   {"inforeq", 15},   {"inforep", 16},  {"maskreq", 17},
    {"maskrep", 18},   {"trace", 30},     {"dataconv", 31},  {"mobredir", 32}, {"ipv6-where", 33},
    {"ipv6-here", 34}, {"mobregreq", 35}, {"mobregrep", 36}, {"skip", 39},     {"photuris", 40},
};

constexpr Named kIcmp6Types[] = {
    {"unreach", 1},      {"toobig", 2},       {"timex", 3},        {"paramprob", 4},
    {"echoreq", 128},    {"echorep", 129},    {"groupqry", 130},   {"listqry", 130},
    {"grouprep", 131},   {"listenrep", 131},  {"groupterm", 132},  {"listendone", 132},
    {"routersol", 133},  {"routeradv", 134},  {"neighbrsol", 135}, {"neighbradv", 136},
    {"redir", 137},      {"routrrenum", 138}, {"wrureq", 139},     {"wrurep", 140},
    {"fqdnreq", 139},    {"fqdnrep", 140},    {"niqry", 139},      {"nirep", 140},
    {"mtraceresp", 200}, {"mtrace", 201},
};

constexpr Named kIcmpCodes[] = {
    {"net-unr", 0},    {"host-unr", 1},       {"proto-unr", 2},     {"port-unr", 3},
    {"needfrag", 4},   {"srcfail", 5},        {"net-unk", 6},       {"host-unk", 7},
    {"isolate", 8},    {"net-prohib", 9},     {"host-prohib", 10},  {"net-tos", 11},
    {"host-tos", 12},  {"filter-prohib", 13}, {"host-preced", 14},  {"cutoff-preced", 15},
    {"redir-net", 0},  {"redir-host", 1},     {"redir-tos-net", 2}, {"redir-tos-host", 3},
    {"normal-adv", 0}, {"common-adv", 16},    {"transit", 0},       {"reassemb", 1},
    {"badhead", 0},    {"optmiss", 1},        {"badlen", 2},        {"unknown-ind", 1},
    {"auth-fail", 2},  {"decrypt-fail", 3},
};

constexpr Named kIcmp6Codes[] = {
    {"noroute-unr", 0}, {"admin-unr", 1},   {"beyond-unr", 2},  {"addr-unr", 3},
    {"port-unr", 4},    {"transit", 0},     {"reassemb", 1},    {"badhead", 0},
    {"nxthdr", 1},      {"redironlink", 0}, {"redirrouter", 1},
};

template <std::size_t N>
std::optional<std::uint32_t> find(const Named (&table)[N], std::string_view name) {
  for (const Named& n : table) {
    if (n.name == name) return n.value;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::uint64_t> parse_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    text.remove_prefix(2);
  }
  std::uint64_t v = 0;
  for (char c : text) {
    int d;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (base == 16 && c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else if (base == 16 && c >= 'A' && c <= 'F')
      d = c - 'A' + 10;
    else
      return std::nullopt;
    v = v * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(d);
    if (v > 0xffffffffull) return std::nullopt;
  }
  return v;
}

std::optional<std::uint8_t> protocol_number(std::string_view name) {
  if (auto n = parse_number(name)) {
    if (*n <= 255) return static_cast<std::uint8_t>(*n);
    return std::nullopt;
  }
  if (auto p = find(kProtocols, name)) return static_cast<std::uint8_t>(*p);
  return protocol_from_name(name);
}

std::optional<std::uint32_t> port_number(std::string_view name) {
  if (auto n = parse_number(name)) return static_cast<std::uint32_t>(*n);
  return find(kServices, name);
}

std::optional<std::uint8_t> icmp_type_number(std::string_view name, bool v6) {
  if (auto n = parse_number(name)) {
    if (*n <= 255) return static_cast<std::uint8_t>(*n);
    return std::nullopt;
  }
  auto v = v6 ? find(kIcmp6Types, name) : find(kIcmpTypes, name);
  if (v) return static_cast<std::uint8_t>(*v);
  return std::nullopt;
}

std::optional<std::uint8_t> icmp_code_number(std::string_view name, bool v6) {
  if (auto n = parse_number(name)) {
    if (*n <= 255) return static_cast<std::uint8_t>(*n);
    return std::nullopt;
  }
  auto v = v6 ? find(kIcmp6Codes, name) : find(kIcmpCodes, name);
  if (v) return static_cast<std::uint8_t>(*v);
  return std::nullopt;
}

}  // namespace fwaudit::pf
