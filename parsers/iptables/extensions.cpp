// parsers/iptables/extensions.cpp
#include "parsers/iptables/extensions.hpp"

#include <array>

namespace fwaudit::iptables {

namespace {

// clang-format off
constexpr OptionSpec kBase[] = {
    {"-s", 1, "-s"}, {"--source", 1, "-s"}, {"--src", 1, "-s"},
    {"-d", 1, "-d"}, {"--destination", 1, "-d"}, {"--dst", 1, "-d"},
    {"-p", 1, "-p"}, {"--protocol", 1, "-p"},
    {"-i", 1, "-i"}, {"--in-interface", 1, "-i"},
    {"-o", 1, "-o"}, {"--out-interface", 1, "-o"},
    {"-f", 0, "-f"}, {"--fragment", 0, "-f"},
    {"-4", 0, "-4"}, {"--ipv4", 0, "-4"}, {"-6", 0, "-6"}, {"--ipv6", 0, "-6"},
    {"-c", 2, "-c"}, {"--set-counters", 2, "-c"},
    {"-m", 1, "-m"}, {"--match", 1, "-m"},
    {"-j", 1, "-j"}, {"--jump", 1, "-j"},
    {"-g", 1, "-g"}, {"--goto", 1, "-g"},
};

constexpr OptionSpec kTcp[] = {
    {"--sport", 1, "--sport"}, {"--source-port", 1, "--sport"},
    {"--dport", 1, "--dport"}, {"--destination-port", 1, "--dport"},
    {"--tcp-flags", 2, "--tcp-flags"}, {"--syn", 0, "--syn"}, {"--tcp-option", 1, "--tcp-option"},
};
constexpr OptionSpec kUdp[] = {
    {"--sport", 1, "--sport"}, {"--source-port", 1, "--sport"},
    {"--dport", 1, "--dport"}, {"--destination-port", 1, "--dport"},
};
constexpr OptionSpec kMultiport[] = {
    {"--sports", 1, "--sports"}, {"--source-ports", 1, "--sports"},
    {"--dports", 1, "--dports"}, {"--destination-ports", 1, "--dports"},
    {"--ports", 1, "--ports"},
};
constexpr OptionSpec kIcmp[] = {{"--icmp-type", 1, "--icmp-type"}};
constexpr OptionSpec kIcmp6[] = {{"--icmpv6-type", 1, "--icmpv6-type"}};
constexpr OptionSpec kIprange[] = {{"--src-range", 1, "--src-range"}, {"--dst-range", 1, "--dst-range"}};
constexpr OptionSpec kConntrack[] = {
    {"--ctstate", 1, "--ctstate"}, {"--ctproto", 1, "--ctproto"},
    {"--ctorigsrc", 1, "--ctorigsrc"}, {"--ctorigdst", 1, "--ctorigdst"},
    {"--ctreplsrc", 1, "--ctreplsrc"}, {"--ctrepldst", 1, "--ctrepldst"},
    {"--ctorigsrcport", 1, "--ctorigsrcport"}, {"--ctorigdstport", 1, "--ctorigdstport"},
    {"--ctreplsrcport", 1, "--ctreplsrcport"}, {"--ctrepldstport", 1, "--ctrepldstport"},
    {"--ctstatus", 1, "--ctstatus"}, {"--ctexpire", 1, "--ctexpire"}, {"--ctdir", 1, "--ctdir"},
};
constexpr OptionSpec kState[] = {{"--state", 1, "--state"}};
constexpr OptionSpec kComment[] = {{"--comment", 1, "--comment"}};
constexpr OptionSpec kAddrtype[] = {
    {"--src-type", 1, "--src-type"}, {"--dst-type", 1, "--dst-type"},
    {"--limit-iface-in", 0, "--limit-iface-in"}, {"--limit-iface-out", 0, "--limit-iface-out"},
};
constexpr OptionSpec kSet[] = {
    {"--match-set", 2, "--match-set"}, {"--set", 2, "--match-set"},
    {"--return-nomatch", 0, "--return-nomatch"}, {"--update-counters", 0, "--update-counters"},
    {"--update-subcounters", 0, "--update-subcounters"},
    {"--packets-eq", 1, "--packets-eq"}, {"--packets-lt", 1, "--packets-lt"},
    {"--packets-gt", 1, "--packets-gt"}, {"--bytes-eq", 1, "--bytes-eq"},
    {"--bytes-lt", 1, "--bytes-lt"}, {"--bytes-gt", 1, "--bytes-gt"},
};
constexpr OptionSpec kMark[] = {{"--mark", 1, "--mark"}};
constexpr OptionSpec kLimit[] = {{"--limit", 1, "--limit"}, {"--limit-burst", 1, "--limit-burst"}};
constexpr OptionSpec kRecent[] = {
    {"--name", 1, "--name"}, {"--set", 0, "--set"}, {"--rcheck", 0, "--rcheck"},
    {"--update", 0, "--update"}, {"--remove", 0, "--remove"}, {"--seconds", 1, "--seconds"},
    {"--reap", 0, "--reap"}, {"--hitcount", 1, "--hitcount"}, {"--rttl", 0, "--rttl"},
    {"--rsource", 0, "--rsource"}, {"--rdest", 0, "--rdest"}, {"--mask", 1, "--mask"},
};
constexpr OptionSpec kHashlimit[] = {
    {"--hashlimit-upto", 1, "--hashlimit-upto"}, {"--hashlimit", 1, "--hashlimit-upto"},
    {"--hashlimit-above", 1, "--hashlimit-above"}, {"--hashlimit-burst", 1, "--hashlimit-burst"},
    {"--hashlimit-mode", 1, "--hashlimit-mode"}, {"--hashlimit-srcmask", 1, "--hashlimit-srcmask"},
    {"--hashlimit-dstmask", 1, "--hashlimit-dstmask"}, {"--hashlimit-name", 1, "--hashlimit-name"},
    {"--hashlimit-htable-size", 1, "--hashlimit-htable-size"},
    {"--hashlimit-htable-max", 1, "--hashlimit-htable-max"},
    {"--hashlimit-htable-expire", 1, "--hashlimit-htable-expire"},
    {"--hashlimit-htable-gcinterval", 1, "--hashlimit-htable-gcinterval"},
    {"--hashlimit-rate-match", 0, "--hashlimit-rate-match"},
    {"--hashlimit-rate-interval", 1, "--hashlimit-rate-interval"},
};
constexpr OptionSpec kConnlimit[] = {
    {"--connlimit-upto", 1, "--connlimit-upto"}, {"--connlimit-above", 1, "--connlimit-above"},
    {"--connlimit-mask", 1, "--connlimit-mask"}, {"--connlimit-saddr", 0, "--connlimit-saddr"},
    {"--connlimit-daddr", 0, "--connlimit-daddr"},
};
constexpr OptionSpec kOwner[] = {
    {"--uid-owner", 1, "--uid-owner"}, {"--gid-owner", 1, "--gid-owner"},
    {"--socket-exists", 0, "--socket-exists"}, {"--suppl-groups", 0, "--suppl-groups"},
};
constexpr OptionSpec kPhysdev[] = {
    {"--physdev-in", 1, "--physdev-in"}, {"--physdev-out", 1, "--physdev-out"},
    {"--physdev-is-in", 0, "--physdev-is-in"}, {"--physdev-is-out", 0, "--physdev-is-out"},
    {"--physdev-is-bridged", 0, "--physdev-is-bridged"},
};
constexpr OptionSpec kMac[] = {{"--mac-source", 1, "--mac-source"}};
constexpr OptionSpec kLength[] = {{"--length", 1, "--length"}};
constexpr OptionSpec kTtl[] = {{"--ttl-eq", 1, "--ttl-eq"}, {"--ttl-gt", 1, "--ttl-gt"}, {"--ttl-lt", 1, "--ttl-lt"}};
constexpr OptionSpec kHl[] = {{"--hl-eq", 1, "--hl-eq"}, {"--hl-gt", 1, "--hl-gt"}, {"--hl-lt", 1, "--hl-lt"}};
constexpr OptionSpec kPkttype[] = {{"--pkt-type", 1, "--pkt-type"}};
constexpr OptionSpec kTime[] = {
    {"--datestart", 1, "--datestart"}, {"--datestop", 1, "--datestop"},
    {"--timestart", 1, "--timestart"}, {"--timestop", 1, "--timestop"},
    {"--monthdays", 1, "--monthdays"}, {"--weekdays", 1, "--weekdays"},
    {"--kerneltz", 0, "--kerneltz"}, {"--utc", 0, "--utc"}, {"--localtz", 0, "--localtz"},
    {"--contiguous", 0, "--contiguous"},
};
constexpr OptionSpec kString[] = {
    {"--algo", 1, "--algo"}, {"--from", 1, "--from"}, {"--to", 1, "--to"},
    {"--string", 1, "--string"}, {"--hex-string", 1, "--hex-string"}, {"--icase", 0, "--icase"},
};
constexpr OptionSpec kU32[] = {{"--u32", 1, "--u32"}};

constexpr ExtensionSpec kModules[] = {
    {"tcp", kTcp}, {"udp", kUdp}, {"multiport", kMultiport}, {"icmp", kIcmp}, {"icmp6", kIcmp6},
    {"iprange", kIprange}, {"conntrack", kConntrack}, {"state", kState}, {"comment", kComment},
    {"addrtype", kAddrtype}, {"set", kSet}, {"mark", kMark}, {"connmark", kMark},
    {"limit", kLimit}, {"recent", kRecent}, {"hashlimit", kHashlimit}, {"connlimit", kConnlimit},
    {"owner", kOwner}, {"physdev", kPhysdev}, {"mac", kMac}, {"length", kLength}, {"ttl", kTtl},
    {"hl", kHl}, {"pkttype", kPkttype}, {"time", kTime}, {"string", kString}, {"u32", kU32},
};

constexpr OptionSpec kNone[] = {{"", 0, ""}};
constexpr OptionSpec kReject[] = {{"--reject-with", 1, "--reject-with"}};
constexpr OptionSpec kLog[] = {
    {"--log-level", 1, "--log-level"}, {"--log-prefix", 1, "--log-prefix"},
    {"--log-tcp-sequence", 0, "--log-tcp-sequence"}, {"--log-tcp-options", 0, "--log-tcp-options"},
    {"--log-ip-options", 0, "--log-ip-options"}, {"--log-uid", 0, "--log-uid"},
    {"--log-macdecode", 0, "--log-macdecode"},
};
constexpr OptionSpec kNflog[] = {
    {"--nflog-group", 1, "--nflog-group"}, {"--nflog-prefix", 1, "--nflog-prefix"},
    {"--nflog-range", 1, "--nflog-range"}, {"--nflog-size", 1, "--nflog-size"},
    {"--nflog-threshold", 1, "--nflog-threshold"},
};
constexpr OptionSpec kUlog[] = {
    {"--ulog-nlgroup", 1, "--ulog-nlgroup"}, {"--ulog-prefix", 1, "--ulog-prefix"},
    {"--ulog-cprange", 1, "--ulog-cprange"}, {"--ulog-qthreshold", 1, "--ulog-qthreshold"},
};
constexpr OptionSpec kMarkTarget[] = {
    {"--set-mark", 1, "--set-mark"}, {"--set-xmark", 1, "--set-xmark"},
    {"--and-mark", 1, "--and-mark"}, {"--or-mark", 1, "--or-mark"}, {"--xor-mark", 1, "--xor-mark"},
};
constexpr OptionSpec kConnmarkTarget[] = {
    {"--set-mark", 1, "--set-mark"}, {"--set-xmark", 1, "--set-xmark"},
    {"--and-mark", 1, "--and-mark"}, {"--or-mark", 1, "--or-mark"}, {"--xor-mark", 1, "--xor-mark"},
    {"--save-mark", 0, "--save-mark"}, {"--restore-mark", 0, "--restore-mark"},
    {"--mask", 1, "--mask"}, {"--nfmask", 1, "--nfmask"}, {"--ctmask", 1, "--ctmask"},
};
constexpr OptionSpec kDnat[] = {
    {"--to-destination", 1, "--to-destination"}, {"--random", 0, "--random"},
    {"--persistent", 0, "--persistent"},
};
constexpr OptionSpec kSnat[] = {
    {"--to-source", 1, "--to-source"}, {"--random", 0, "--random"},
    {"--random-fully", 0, "--random-fully"}, {"--persistent", 0, "--persistent"},
};
constexpr OptionSpec kMasquerade[] = {
    {"--to-ports", 1, "--to-ports"}, {"--random", 0, "--random"},
    {"--random-fully", 0, "--random-fully"},
};
constexpr OptionSpec kRedirect[] = {{"--to-ports", 1, "--to-ports"}, {"--random", 0, "--random"}};
constexpr OptionSpec kNetmap[] = {{"--to", 1, "--to"}};
constexpr OptionSpec kCt[] = {
    {"--notrack", 0, "--notrack"}, {"--helper", 1, "--helper"}, {"--ctevents", 1, "--ctevents"},
    {"--expevents", 1, "--expevents"}, {"--zone", 1, "--zone"}, {"--zone-orig", 1, "--zone"},
    {"--zone-reply", 1, "--zone"}, {"--timeout", 1, "--timeout"},
};
constexpr OptionSpec kNfqueue[] = {
    {"--queue-num", 1, "--queue-num"}, {"--queue-balance", 1, "--queue-balance"},
    {"--queue-bypass", 0, "--queue-bypass"}, {"--fail-open", 0, "--fail-open"},
    {"--queue-cpu-fanout", 0, "--queue-cpu-fanout"},
};
constexpr OptionSpec kTcpmss[] = {
    {"--set-mss", 1, "--set-mss"}, {"--clamp-mss-to-pmtu", 0, "--clamp-mss-to-pmtu"},
};

constexpr ExtensionSpec kTargets[] = {
    {"ACCEPT", std::span(kNone, 0)}, {"DROP", std::span(kNone, 0)}, {"RETURN", std::span(kNone, 0)},
    {"QUEUE", std::span(kNone, 0)}, {"NOTRACK", std::span(kNone, 0)}, {"TRACE", std::span(kNone, 0)},
    {"REJECT", kReject}, {"LOG", kLog}, {"NFLOG", kNflog}, {"ULOG", kUlog}, {"MARK", kMarkTarget},
    {"CONNMARK", kConnmarkTarget}, {"DNAT", kDnat}, {"SNAT", kSnat}, {"MASQUERADE", kMasquerade},
    {"REDIRECT", kRedirect}, {"NETMAP", kNetmap}, {"CT", kCt}, {"NFQUEUE", kNfqueue},
    {"TCPMSS", kTcpmss},
};
// clang-format on

}  // namespace

const OptionSpec* find_base_option(std::string_view name) {
  if (name.size() < 2 || name[0] != '-') return nullptr;
  if (name.size() == 2) {
    // Short options are the common case: skip the string comparisons.
    switch (name[1]) {
      case 's':
      case 'd':
      case 'p':
      case 'i':
      case 'o':
      case 'f':
      case '4':
      case '6':
      case 'c':
      case 'm':
      case 'j':
      case 'g':
        break;
      default:
        return nullptr;
    }
  } else if (name[1] != '-') {
    return nullptr;
  }
  for (const auto& o : kBase)
    if (o.name == name) return &o;
  return nullptr;
}

const ExtensionSpec* find_match_module(std::string_view name) {
  for (const auto& m : kModules)
    if (m.name == name) return &m;
  return nullptr;
}

const ExtensionSpec* find_target(std::string_view name) {
  for (const auto& t : kTargets)
    if (t.name == name) return &t;
  return nullptr;
}

const OptionSpec* find_option(const ExtensionSpec& ext, std::string_view name) {
  for (const auto& o : ext.options)
    if (o.name == name) return &o;
  return nullptr;
}

}  // namespace fwaudit::iptables
