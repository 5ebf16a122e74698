// tests/catalog/test_catalog_data.cpp
// The built-in catalog against the five vendor documents in /work/shared/seeds.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "catalog/roles.hpp"
#include "catalog_test_helpers.hpp"

using namespace fwaudit;
using namespace fwaudit::catalog;
using namespace fwaudit::catalog::testing;

namespace {

const Requirement& req(const Catalog& c, const std::string& id) {
  const Requirement* r = c.find_requirement(id);
  REQUIRE_MESSAGE(r != nullptr, "missing requirement " << id);
  return *r;
}

std::vector<std::uint16_t> single_ports(const Requirement& r) {
  std::vector<std::uint16_t> out;
  for (const auto& p : r.ports) {
    REQUIRE(p.first == p.last);
    out.push_back(p.first);
  }
  return out;
}

// Every line a product's requirements cite (main line and related lines).
std::set<std::uint32_t> cited_lines(const Product& p) {
  std::set<std::uint32_t> lines;
  for (const auto& r : p.requirements) {
    lines.insert(r.source.line);
    lines.insert(r.source.related_lines.begin(), r.source.related_lines.end());
  }
  return lines;
}

}  // namespace

TEST_CASE("built-in catalog files validate") {
  auto files = catalog_files(builtin_dir());
  REQUIRE(files.size() == 5);
  for (const auto& file : files) {
    CAPTURE(file);
    Diagnostics d;
    auto product = load_product_file(file, d);
    CHECK_MESSAGE(product.has_value(), all_messages(d));
    CHECK(d.items().empty());
  }
  auto loaded = load_builtin();
  CHECK(all_messages(loaded.diagnostics) == "");
  REQUIRE(loaded.catalog.products.size() == 5);
}

TEST_CASE("built-in catalog requirement counts follow the documents") {
  auto loaded = load_builtin();
  const Catalog& c = loaded.catalog;
  std::map<std::string, std::size_t> counts;
  for (const auto& p : c.products)
    counts[p.id] = p.requirements.size();

  SUBCASE("000 IBM ISS update hosts") {
    // One requirement per host line: lines 21-32 (12 lines) and lines 35-37 (3 lines) = 15.
    CHECK(counts["ibm-iss-updates"] == 15);
  }
  SUBCASE("001 Symantec Mail Security Appliance 5.x") {
    // Port table rows starting at lines 19, 25, 31, 37, 43, 49, 55, 61, 67, 73, 79, 85, 91, 97,
    // 103, 109, 115, 121 (18 rows) + hostname lines 127-129, 131-133, 135-137 (9) = 27.
    CHECK(counts["symantec-sma-5"] == 27);
  }
  SUBCASE("002 Lotus Protector for Mail Security 2.5.1") {
    // Summary lists: outside outbound (line 20) 25, 53*, 123*, 443, 465 = 5; outside inbound
    // (line 24) 25, 465 = 2; inside inbound (line 30) 22, 25, 161, 443, 465, 4443 = 6; inside
    // outbound (line 34) 21, 25, 389, 465, 636 = 5 (53* and 123* are the same DNS/NTP
    // requirements as on line 20, footnote line 38); cluster rows 62 and 63 with no direction,
    // each inbound + outbound = 4. Total 22. Table rows 43-48 and 53-57 are cited as related lines.
    CHECK(counts["lotus-protector-mail"] == 22);
  }
  SUBCASE("003 Clearswift Secure Email Gateway") {
    // 41 table rows (starting at lines 5-15, 18, 21-36, 39, 40, 42-52); the 16 In/Out rows (5, 6,
    // 7, 12, 28, 34, 35, 36, 40, 43, 46, 47, 49, 50, 51, 52) count twice; row 36 (web interface +
    // peer communication) adds the inbound web-interface requirement: 41 + 16 + 1 = 58.
    CHECK(counts["clearswift-seg"] == 58);
  }
  SUBCASE("004 Clearswift SECURE Exchange Gateway") {
    // 37 gateway table rows (starting at lines 6-13, 17-21, 27, 31, 35, 57-69, 79-85, 89) + 3
    // Exchange Server rows (96-98) = 40; the 15 受信/送信 rows (6, 7, 8, 9, 12, 65, 66, 67, 79, 82,
    // 83, 84, 89, 97, 98) count twice; row 68 (web interface + peer gateways, inbound) gives two
    // requirements: 40 + 15 + 1 = 56.
    CHECK(counts["clearswift-sxg"] == 56);
  }
}

TEST_CASE("every port row and hostname line of each document is cited") {
  auto loaded = load_builtin();
  const Catalog& c = loaded.catalog;
  struct Expectation {
    std::string product;
    std::vector<std::uint32_t> lines;
  };
  const std::vector<Expectation> expectations{
      {"ibm-iss-updates", {21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 35, 36, 37}},
      {"symantec-sma-5", {19,  25,  31,  37,  43,  49,  55,  61,  67,  73,  79,  85,  91, 97,
                          103, 109, 115, 121, 127, 128, 129, 131, 132, 133, 135, 136, 137}},
      {"lotus-protector-mail",
       {20, 24, 30, 34, 38, 43, 44, 45, 46, 47, 48, 53, 54, 55, 56, 57, 62, 63}},
      {"clearswift-seg",
       {5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 17, 18, 20, 21, 22, 23, 24, 25, 26, 27, 28,
        29, 30, 31, 32, 33, 34, 35, 36, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52}},
      {"clearswift-sxg",
       {6,  7,  8,  9,  10, 11, 12, 13, 15, 17, 18, 19, 20, 21, 25, 27, 31, 33, 35,
        39, 41, 43, 45, 47, 49, 51, 53, 55, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66,
        67, 68, 69, 73, 75, 77, 79, 80, 81, 82, 83, 84, 85, 89, 96, 97, 98}},
  };
  for (const auto& e : expectations) {
    CAPTURE(e.product);
    const Product* p = c.find_product(e.product);
    REQUIRE(p != nullptr);
    auto cited = cited_lines(*p);
    for (auto line : e.lines) {
      CAPTURE(line);
      CHECK(cited.contains(line));
    }
  }
}

TEST_CASE("catalog facts appear on the cited document lines") {
  auto seeds = seeds_dir();
  if (!std::filesystem::is_directory(seeds)) {
    MESSAGE("seed documents not found at " << seeds << ": skipped");
    return;
  }
  auto loaded = load_builtin();
  for (const Product& p : loaded.catalog.products) {
    CAPTURE(p.id);
    auto lines = read_lines(seeds / p.document.file);
    REQUIRE_MESSAGE(!lines.empty(), "cannot read " << p.document.file);
    for (const Requirement& r : p.requirements) {
      CAPTURE(r.id);
      CHECK(r.source.file == p.document.file);
      REQUIRE(r.source.line >= 1);
      REQUIRE(r.source.line <= lines.size());
      std::string text = lower(lines[r.source.line - 1]);
      std::string all = text;
      for (auto l : r.source.related_lines) {
        REQUIRE(l <= lines.size());
        all += '\n' + lower(lines[l - 1]);
      }
      // The port numbers are on the row's own line.
      for (const auto& port : r.ports) {
        CHECK_MESSAGE(text.find(std::to_string(port.first)) != std::string::npos,
                      "port " << port.first << " not on line " << r.source.line << ": " << text);
      }
      // Each hostname (or, for hosts the document abbreviates like "update1", its first label)
      // and each network appears on the cited lines.
      for (const auto& host : r.hostnames) {
        std::string first_label = host.substr(0, host.find('.'));
        CHECK_MESSAGE(
            (all.find(host) != std::string::npos || all.find(first_label) != std::string::npos),
            host << " not on the cited lines");
      }
      for (const auto& net : r.networks) {
        std::string text_form = net.to_string();
        CHECK_MESSAGE(all.find(text_form) != std::string::npos, text_form << " not cited");
      }
    }
  }
}

TEST_CASE("catalog data invariants") {
  auto loaded = load_builtin();
  std::set<std::string> ids;
  for (const Product& p : loaded.catalog.products) {
    std::set<std::string> used_features;
    for (const Requirement& r : p.requirements) {
      CAPTURE(r.id);
      CHECK(ids.insert(r.id).second);
      CHECK(find_role(r.peer) != nullptr);
      CHECK(find_role(r.applies_to) != nullptr);
      CHECK(!r.summary.empty());
      used_features.insert(r.features.begin(), r.features.end());
      // Every truncated row says what is missing.
      if (r.has_flag(Flag::source_truncated)) CHECK(!r.notes.empty());
    }
    // Every declared feature is used by some requirement.
    for (const auto& [name, description] : p.features) {
      CAPTURE(name);
      CHECK(used_features.contains(name));
    }
  }
}

TEST_CASE("sample requirements of 000 IBM ISS update hosts") {
  auto loaded = load_builtin();
  const Catalog& c = loaded.catalog;
  SUBCASE("DNSBL zone transfers on UDP and TCP 53") {
    const auto& r = req(c, "ibm-iss-updates/cobion-dnsbl");
    CHECK(r.direction == Direction::outbound);
    CHECK(r.peer == "internet");
    CHECK(r.transport == Transport::both);
    CHECK(single_ports(r) == std::vector<std::uint16_t>{53});
    CHECK(r.hostnames == std::vector<std::string>{"dnsblserver.cobion.com"});
    CHECK(r.necessity == Necessity::conditional);
    CHECK(r.features == std::vector<std::string>{"mail_security"});
    CHECK(r.source.line == 36);
  }
  SUBCASE("wildcard update hosts keep the wildcard and the current hosts") {
    const auto& r = req(c, "ibm-iss-updates/cobion-update");
    REQUIRE(r.hostnames.size() == 6);
    CHECK(r.hostnames[0] == "update*.cobion.com");
    CHECK(r.hostnames[5] == "update7.cobion.com");
    CHECK(single_ports(r) == std::vector<std::uint16_t>{443});
  }
  SUBCASE("Flexera address blocks") {
    const auto& r = req(c, "ibm-iss-updates/flexera-net-64.27.162");
    REQUIRE(r.networks.size() == 1);
    CHECK(r.networks[0].to_string() == "64.27.162.0/24");
    CHECK(r.hostnames.empty());
  }
  SUBCASE("www.iss.net on two ports") {
    CHECK(single_ports(req(c, "ibm-iss-updates/www")) == std::vector<std::uint16_t>{80, 443});
  }
  SUBCASE("services.iss.net for either AlertCon or On-Demand") {
    const auto& r = req(c, "ibm-iss-updates/services");
    CHECK(r.features == std::vector<std::string>{"alertcon", "on_demand_service"});
  }
}

TEST_CASE("sample requirements of 001 Symantec Mail Security Appliance") {
  auto loaded = load_builtin();
  const Catalog& c = loaded.catalog;
  SUBCASE("mail toward internal servers is outbound from the appliance") {
    const auto& r = req(c, "symantec-sma-5/smtp-to-internal");
    CHECK(r.direction == Direction::outbound);
    CHECK(r.peer == "internal_mail_servers");
    CHECK(r.source.line == 31);
  }
  SUBCASE("Control Center web UI applies to the control center") {
    const auto& r = req(c, "symantec-sma-5/cc-https-management");
    CHECK(r.applies_to == "control_center");
    CHECK(r.direction == Direction::inbound);
    CHECK(r.peer == "management_hosts");
    CHECK(single_ports(r) == std::vector<std::uint16_t>{41443});
  }
  SUBCASE("port 41080 is disabled by default") {
    const auto& r = req(c, "symantec-sma-5/cc-http-management");
    CHECK(r.necessity == Necessity::conditional);
    CHECK(r.features == std::vector<std::string>{"cc_http_management"});
  }
  SUBCASE("update hostnames must not be pinned to addresses") {
    const auto& r = req(c, "symantec-sma-5/swupdate");
    CHECK(r.has_flag(Flag::no_ip_pinning));
    CHECK(r.hostnames == std::vector<std::string>{"swupdate.brightmail.com"});
    CHECK(r.source.related_lines == std::vector<std::uint32_t>{126, 139});
  }
  SUBCASE("rapid response over FTP control port") {
    const auto& r = req(c, "symantec-sma-5/rapid-response-ftp");
    CHECK(r.transport == Transport::tcp);
    CHECK(single_ports(r) == std::vector<std::uint16_t>{21});
    CHECK(r.notes[0].find("FTP data connections") != std::string::npos);
  }
  SUBCASE("default NTP servers only when NTP is enabled") {
    const auto& r = req(c, "symantec-sma-5/ntp-nist");
    CHECK(r.transport == Transport::udp);
    CHECK(r.necessity == Necessity::conditional);
    CHECK(r.features == std::vector<std::string>{"ntp"});
  }
}

TEST_CASE("sample requirements of 002 Lotus Protector for Mail Security") {
  auto loaded = load_builtin();
  const Catalog& c = loaded.catalog;
  SUBCASE("DNS served from outside or inside is one requirement") {
    const auto& r = req(c, "lotus-protector-mail/dns");
    CHECK(r.peer == "dns_servers");
    CHECK(r.transport == Transport::both);
    CHECK(r.source.line == 20);
    CHECK(r.source.related_lines == std::vector<std::uint32_t>{34, 38, 44});
  }
  SUBCASE("end-user quarantine interface from inside") {
    const auto& r = req(c, "lotus-protector-mail/end-user-quarantine");
    CHECK(r.direction == Direction::inbound);
    CHECK(r.peer == "end_users");
    CHECK(single_ports(r) == std::vector<std::uint16_t>{4443});
    CHECK(r.necessity == Necessity::required);
  }
  SUBCASE("optional ports table") {
    CHECK(req(c, "lotus-protector-mail/ssh-management").necessity == Necessity::optional);
    CHECK(req(c, "lotus-protector-mail/snmp-query").transport == Transport::udp);
    CHECK(req(c, "lotus-protector-mail/ftp-backup").peer == "backup_servers");
  }
  SUBCASE("cluster ports in both directions") {
    const auto& in = req(c, "lotus-protector-mail/cluster-5432-in");
    const auto& out = req(c, "lotus-protector-mail/cluster-5432-out");
    CHECK(in.direction == Direction::inbound);
    CHECK(out.direction == Direction::outbound);
    CHECK(in.peer == "cluster_members");
    CHECK(in.features == std::vector<std::string>{"cluster"});
    CHECK(in.source.line == 63);
  }
}

TEST_CASE("sample requirements of 003 Clearswift Secure Email Gateway") {
  auto loaded = load_builtin();
  const Catalog& c = loaded.catalog;
  SUBCASE("In/Out rows become an inbound and an outbound requirement") {
    const auto& in = req(c, "clearswift-seg/greylisting-in");
    const auto& out = req(c, "clearswift-seg/greylisting-out");
    CHECK(in.direction == Direction::inbound);
    CHECK(out.direction == Direction::outbound);
    CHECK(in.transport == Transport::udp);
    CHECK(single_ports(in) == std::vector<std::uint16_t>{19200});
    CHECK(in.peer == "peer_appliances");
    CHECK(in.notes[0] ==
          "The document gives the direction as In/Out: recorded as an inbound and an outbound "
          "requirement.");
  }
  SUBCASE("KSN is not standard HTTPS") {
    const auto& r = req(c, "clearswift-seg/kaspersky-ksn-out");
    CHECK(r.has_flag(Flag::no_ssl_proxy));
    CHECK(r.hostnames.size() == 4);
    CHECK(r.source.related_lines == std::vector<std::uint32_t>{41});
  }
  SUBCASE("cut-off rows are kept and flagged") {
    const auto& r = req(c, "clearswift-seg/http-line-21");
    CHECK(r.has_flag(Flag::source_truncated));
    CHECK(single_ports(r) == std::vector<std::uint16_t>{80});
    CHECK(req(c, "clearswift-seg/https-line-42").has_flag(Flag::source_truncated));
    CHECK(req(c, "clearswift-seg/antivirus-updates").has_flag(Flag::source_truncated));
  }
  SUBCASE("SNMP row whose direction and description disagree") {
    const auto& r = req(c, "clearswift-seg/snmp-query");
    CHECK(r.direction == Direction::inbound);
    CHECK(single_ports(r) == std::vector<std::uint16_t>{161});
    CHECK(r.notes[0].find("direction column says Out") != std::string::npos);
  }
  SUBCASE("UDP/TCP and FTP as protocols") {
    CHECK(req(c, "clearswift-seg/dns").transport == Transport::both);
    CHECK(req(c, "clearswift-seg/ftp-data-out").transport == Transport::tcp);
    CHECK(req(c, "clearswift-seg/ftp-data-out").notes[1] ==
          "The protocol column says FTP: recorded as TCP.");
  }
  SUBCASE("NTLM only with PMM in Full Mode") {
    const auto& r = req(c, "clearswift-seg/ntlm-137");
    CHECK(r.transport == Transport::udp);
    CHECK(r.peer == "ntlm_servers");
    CHECK(r.features == std::vector<std::string>{"pmm_full_mode"});
  }
}

TEST_CASE("sample requirements of 004 Clearswift SECURE Exchange Gateway") {
  auto loaded = load_builtin();
  const Catalog& c = loaded.catalog;
  SUBCASE("25* is port 25 with the asterisk explained") {
    const auto& r = req(c, "clearswift-sxg/smtp-out");
    CHECK(single_ports(r) == std::vector<std::uint16_t>{25});
    CHECK(r.notes[0].find("'25*'") != std::string::npos);
  }
  SUBCASE("SNMP alerts marked inbound are recorded as outbound traps") {
    const auto& r = req(c, "clearswift-sxg/snmp-traps");
    CHECK(r.direction == Direction::outbound);
    CHECK(single_ports(r) == std::vector<std::uint16_t>{162});
    CHECK(r.source.line == 64);
  }
  SUBCASE("applianceupdate with its three fixed addresses") {
    const auto& r = req(c, "clearswift-sxg/applianceupdate");
    REQUIRE(r.networks.size() == 3);
    CHECK(r.networks[0].to_string() == "86.188.240.24");
    CHECK(r.networks[2].to_string() == "46.236.38.70");
    CHECK(r.hostnames == std::vector<std::string>{"applianceupdate.clearswift.com"});
  }
  SUBCASE("Exchange Server section applies to the Exchange servers") {
    const auto& web = req(c, "clearswift-sxg/exchange-web-service");
    CHECK(web.applies_to == "exchange_servers");
    CHECK(web.direction == Direction::outbound);
    CHECK(web.peer == "appliance");
    CHECK(single_ports(web) == std::vector<std::uint16_t>{10443});
    const auto& interceptor = req(c, "clearswift-sxg/exchange-interceptor-in");
    CHECK(interceptor.applies_to == "exchange_servers");
    CHECK(interceptor.peer == "exchange_servers");
    CHECK(single_ports(interceptor) == std::vector<std::uint16_t>{23953});
    CHECK(req(c, "clearswift-sxg/exchange-config-store-out").source.line == 98);
  }
  SUBCASE("DNS split over two rows") {
    CHECK(req(c, "clearswift-sxg/dns-tcp").transport == Transport::tcp);
    CHECK(req(c, "clearswift-sxg/dns-udp").transport == Transport::udp);
    CHECK(req(c, "clearswift-sxg/dns-udp").source.related_lines == std::vector<std::uint32_t>{15});
  }
  SUBCASE("hostnames are lowercased") {
    CHECK(req(c, "clearswift-sxg/spam-stats").hostnames ==
          std::vector<std::string>{"clearswiftstat.mailshell.net"});
  }
}
