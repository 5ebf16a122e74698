// tests/pf/test_grammar.cpp
#include <doctest/doctest.h>

#include <tao/pegtl/contrib/analyze.hpp>

#include "parsers/pf/grammar.hpp"
#include "pf_test_support.hpp"

namespace fwaudit::pf {

namespace {

std::vector<Statement> statements(const std::string& text, Diagnostics& diags) {
  Preprocessed source = preprocess("test.conf", text, {});
  diags.append(source.diagnostics);
  return parse_statements(source, diags);
}

std::vector<std::string> errors(const std::string& text) {
  Diagnostics diags;
  statements(text, diags);
  std::vector<std::string> out;
  for (const Diagnostic& d : diags.items()) {
    out.push_back(std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + ": " +
                  d.message);
  }
  return out;
}

}  // namespace

TEST_CASE("grammar has no rules that can loop without consuming input") {
  CHECK(tao::pegtl::analyze<grammar::top_statement>() == 0);
}

TEST_CASE("filter rule syntax tree") {
  Diagnostics diags;
  auto st = statements(
      "block return-rst in log quick on { em0 ! em1 } inet proto { tcp udp } "
      "from ! 10.0.0.0/8 port >= 1024 to <servers> port { 25, 80:90 } "
      "flags S/SA keep state (max 100) tag T label \"l1\"\n",
      diags);
  REQUIRE(diags.items().empty());
  REQUIRE(st.size() == 1);
  const RuleSpec& r = st[0].rule;
  CHECK(r.action == Action::block);
  CHECK(r.block == BlockMode::return_rst);
  CHECK(r.direction == Direction::in);
  CHECK(r.log);
  CHECK(r.quick);
  REQUIRE(r.interfaces.size() == 2);
  CHECK(r.interfaces[0].name == "em0");
  CHECK_FALSE(r.interfaces[0].negated);
  CHECK(r.interfaces[1].name == "em1");
  CHECK(r.interfaces[1].negated);
  CHECK(r.family == Family::ipv4);
  REQUIRE(r.protocols.size() == 2);
  CHECK(r.protocols[1].first == "udp");
  REQUIRE(r.from.hosts.size() == 1);
  CHECK(r.from.hosts[0].kind == HostKind::address);
  CHECK(r.from.hosts[0].negated);
  CHECK(r.from.hosts[0].name == "10.0.0.0");
  CHECK(r.from.hosts[0].mask == 8);
  REQUIRE(r.from.ports.size() == 1);
  CHECK(r.from.ports[0].op == PortOp::ge);
  CHECK(r.from.ports[0].a == "1024");
  REQUIRE(r.to.hosts.size() == 1);
  CHECK(r.to.hosts[0].kind == HostKind::table);
  CHECK(r.to.hosts[0].name == "servers");
  REQUIRE(r.to.ports.size() == 2);
  CHECK(r.to.ports[1].op == PortOp::range);
  CHECK(r.to.ports[1].a == "80");
  CHECK(r.to.ports[1].b == "90");
  CHECK(r.flags == "S/SA");
  CHECK(r.state == StateMode::keep);
  CHECK(r.state_options == "(max 100)");
  CHECK(r.tag == "T");
  CHECK(r.label == "\"l1\"");
  CHECK(r.location.line == 1);
  CHECK(r.location.column == 1);
}

TEST_CASE("host forms") {
  Diagnostics diags;
  auto st = statements(
      "pass from { any self no-route urpf-failed (em0) (em0:network) em0:broadcast "
      "10.0.0.1 - 10.0.0.9 www.example.com fe80::1%lo0 lo0/8 } to any\n",
      diags);
  REQUIRE(diags.items().empty());
  REQUIRE(st.size() == 1);
  const auto& h = st[0].rule.from.hosts;
  REQUIRE(h.size() == 11);
  CHECK(h[0].kind == HostKind::any);
  CHECK(h[1].kind == HostKind::self);
  CHECK(h[2].kind == HostKind::no_route);
  CHECK(h[3].kind == HostKind::urpf_failed);
  CHECK(h[4].kind == HostKind::dynamic);
  CHECK(h[4].name == "em0");
  CHECK(h[5].modifier == "network");
  CHECK(h[6].kind == HostKind::interface);
  CHECK(h[6].modifier == "broadcast");
  CHECK(h[7].kind == HostKind::range);
  CHECK(h[7].name2 == "10.0.0.9");
  CHECK(h[8].kind == HostKind::hostname);
  CHECK(h[9].kind == HostKind::address);
  CHECK(h[10].kind == HostKind::interface);
  CHECK(h[10].mask == 8);
}

TEST_CASE("port operators") {
  Diagnostics diags;
  auto st = statements(
      "pass proto tcp to port { = 1, != 2, < 3, <= 4, > 5, >= 6, 7:8, 9 >< 10, 11 <> 12, ssh }\n",
      diags);
  REQUIRE(diags.items().empty());
  const auto& p = st.at(0).rule.to.ports;
  REQUIRE(p.size() == 10);
  CHECK(p[0].op == PortOp::eq);
  CHECK(p[1].op == PortOp::ne);
  CHECK(p[2].op == PortOp::lt);
  CHECK(p[3].op == PortOp::le);
  CHECK(p[4].op == PortOp::gt);
  CHECK(p[5].op == PortOp::ge);
  CHECK(p[6].op == PortOp::range);
  CHECK(p[7].op == PortOp::inside);
  CHECK(p[7].b == "10");
  CHECK(p[8].op == PortOp::outside);
  CHECK(p[9].op == PortOp::eq);
  CHECK(p[9].a == "ssh");
}

TEST_CASE("statements other than filter rules") {
  Diagnostics diags;
  auto st = statements(
      "table <bad> persist const { 10.0.0.0/8, !10.1.0.0/16 } file \"/etc/bad\"\n"
      "set skip on { lo0 em9 }\n"
      "set block-policy return\n"
      "altq on em0 cbq bandwidth 10Mb queue { std }\n"
      "queue std bandwidth 100% cbq(default)\n"
      "load anchor \"spam\" from \"/etc/pf-spam.conf\"\n"
      "anchor \"relayd/*\"\n"
      "match out on em0 from 10.0.0.0/8 nat-to (em0) static-port\n"
      "pass in on em0 proto tcp to port 80 rdr-to 10.0.0.5 port 8080\n"
      "nat pass on em0 from 10.0.0.0/8 to any -> 192.0.2.1\n"
      "no rdr on em0 proto tcp from 10.0.0.1 to any port 80\n",
      diags);
  REQUIRE(diags.items().empty());
  REQUIRE(st.size() == 11);
  CHECK(st[0].kind == Statement::Kind::table);
  CHECK(st[0].table->name == "bad");
  CHECK(st[0].table->persist);
  CHECK(st[0].table->constant);
  REQUIRE(st[0].table->entries.size() == 2);
  CHECK(st[0].table->entries[1].negated);
  REQUIRE(st[0].table->files.size() == 1);
  CHECK(st[0].table->files[0].first == "/etc/bad");
  CHECK(st[1].kind == Statement::Kind::option);
  CHECK(st[1].option->name == "skip");
  CHECK(st[1].option->values == std::vector<std::string>{"on", "{ lo0 em9 }"});
  CHECK(st[2].option->values == std::vector<std::string>{"return"});
  CHECK(st[3].kind == Statement::Kind::queue);
  CHECK(st[3].queue->altq);
  CHECK(st[4].queue->name == "std");
  CHECK(st[5].kind == Statement::Kind::load_anchor);
  CHECK(st[5].load->name == "spam");
  CHECK(st[5].load->file == "/etc/pf-spam.conf");
  CHECK(st[6].rule.action == Action::anchor);
  CHECK(st[6].rule.anchor_name == "relayd/*");
  CHECK_FALSE(st[6].rule.has_body);
  CHECK(st[7].rule.action == Action::match);
  REQUIRE(st[7].rule.nat_to);
  CHECK(st[7].rule.nat_to->hosts[0].kind == HostKind::dynamic);
  CHECK(st[7].rule.nat_to->static_port);
  REQUIRE(st[8].rule.rdr_to);
  CHECK(st[8].rule.rdr_to->ports.at(0).a == "8080");
  CHECK(st[9].rule.action == Action::nat);
  CHECK(st[9].rule.pass_translated);
  REQUIRE(st[9].rule.arrow);
  CHECK(st[9].rule.arrow->hosts[0].name == "192.0.2.1");
  CHECK(st[10].rule.action == Action::no_rdr);
}

TEST_CASE("inline anchors nest") {
  Diagnostics diags;
  auto st = statements(
      "anchor \"outer\" on em0 {\n"
      "  pass in proto tcp to port 22\n"
      "  anchor in {\n"
      "    block\n"
      "  }\n"
      "}\n",
      diags);
  REQUIRE(diags.items().empty());
  REQUIRE(st.size() == 1);
  const RuleSpec& a = st[0].rule;
  CHECK(a.anchor_name == "outer");
  CHECK(a.has_body);
  REQUIRE(a.body.size() == 2);
  CHECK(a.body[0].rule.action == Action::pass);
  CHECK(a.body[0].rule.location.line == 2);
  CHECK(a.body[1].rule.has_body);
  REQUIRE(a.body[1].rule.body.size() == 1);
  CHECK(a.body[1].rule.body[0].rule.action == Action::block);
  CHECK(a.body[1].rule.body[0].rule.location.line == 4);
  CHECK(a.body[1].rule.body[0].rule.location.column == 5);
}

TEST_CASE("syntax errors say where and what was expected") {
  SUBCASE("port operator without operand") {
    CHECK(errors("pass in proto tcp to port =\n") ==
          std::vector<std::string>{
              "1:28: expected a port number or service name after the port operator"});
  }
  SUBCASE("unbalanced braces") {
    CHECK(
        errors("pass in from { 10.0.0.1, 10.0.0.2\npass out\n") ==
        std::vector<std::string>{
            "1:14: unbalanced braces: expected '}' to close this '{' before the end of the file"});
    CHECK(errors("pass in all }\n") ==
          std::vector<std::string>{"1:13: '}' without a matching '{'"});
  }
  SUBCASE("misspelled keyword") {
    CHECK(errors("pass in frm any\n") ==
          std::vector<std::string>{
              "1:9: unexpected text (expected the rule's parts in pf order: direction, log, "
              "quick, on, af, proto, from/to, then options such as flags, keep state, label, "
              "tag, or the end of the rule)"});
  }
  SUBCASE("block mode after the direction") {
    auto e = errors("block in return-icmp6 in inet proto icmp all\n");
    REQUIRE(e.size() == 1);
    CHECK(e[0].substr(0, 5) == "1:10:");
  }
  SUBCASE("unknown statement") {
    CHECK(errors("\n\nfoo bar\n") ==
          std::vector<std::string>{
              "3:1: expected a pf statement (pass, block, match, anchor, antispoof, table, set, "
              "scrub, nat, rdr, binat, altq, queue, load anchor, include or a macro definition)"});
  }
  SUBCASE("flags need a mask") {
    CHECK(
        errors("pass proto tcp flags S/\n") ==
        std::vector<std::string>{"1:22: expected TCP flags as <set>/<mask> (e.g. S/SA) or 'any'"});
  }
  SUBCASE("unterminated string") {
    CHECK(errors("pass label \"abc\n") ==
          std::vector<std::string>{"1:16: unterminated quoted string: expected a closing '\"'"});
  }
  SUBCASE("errors in one statement leave the others parsed") {
    Diagnostics diags;
    auto st = statements("pass in\npass out to port\nblock all\n", diags);
    CHECK(diags.items().size() == 1);
    CHECK(st.size() == 2);
  }
}

TEST_CASE("binary input is an error, not a crash") {
  std::string garbage("pass in\n\x01\x02\xff\x00garbage", 20);
  Ruleset rs = test::parse_text(garbage);
  CHECK(test::diagnostics(rs) ==
        std::vector<std::string>{
            "2:1: binary-input: unexpected control byte in the file (expected pf.conf text)"});
}

}  // namespace fwaudit::pf
