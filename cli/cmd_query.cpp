// cli/cmd_query.cpp
// `fwaudit query CONFIG (--packet '...' | --packets FILE.json) [--profile SITE.json]`: the fate
// of given packets.
#include <fstream>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "analyzer/evaluate.hpp"
#include "cli/command_registry.hpp"
#include "cli/config_options.hpp"
#include "cli/profile_facts.hpp"
#include "parsers/parse_config.hpp"
#include "reports/query_report.hpp"

namespace fwaudit::cli {

namespace {

struct QueryCommand {
  std::string config;
  std::string packet;
  std::string packets_file;
  std::string in_if;
  std::string out_if;
  std::string format = "text";
  std::string profile;
  ConfigOptions input;
};

std::vector<Packet> read_packets(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    throw InputError(
        {Severity::error, "unreadable-file", "cannot open file for reading", {path, 0, 0, {}}, {}});
  nlohmann::json list;
  try {
    list = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError({Severity::error,
                      "bad-json",
                      std::string("not valid JSON: ") + e.what(),
                      {path, 0, 0, {}},
                      {}});
  }
  if (!list.is_array())
    throw InputError(
        {Severity::error, "bad-packet", "expected a JSON array of packets", {path, 0, 0, {}}, {}});
  std::vector<Packet> packets;
  for (std::size_t i = 0; i < list.size(); ++i)
    packets.push_back(reports::packet_from_json(list[i], path + ":/" + std::to_string(i)));
  return packets;
}

Packet read_packet(const QueryCommand& o) {
  std::string text = o.packet;
  if (!o.in_if.empty()) text += " in " + o.in_if;
  if (!o.out_if.empty()) text += " out " + o.out_if;
  std::string error;
  auto p = Packet::parse(text, &error);
  if (!p) throw InputError({Severity::error, "bad-packet", error, {"--packet", 0, 0, {}}, {}});
  return *p;
}

void setup(CLI::App& app, CommandContext& context) {
  auto o = std::make_shared<QueryCommand>();
  CLI::App* command =
      app.add_subcommand("query", "Evaluate packets against a configuration, with a trace");
  command->add_option("config", o->config, "iptables-save, pf.conf or ASA running-config file")
      ->required();
  auto* one = command->add_option(
      "--packet", o->packet,
      "One packet: 'tcp 198.51.100.7:40000 -> 192.0.2.10:25' (add 'in IF', 'out IF', "
      "'state S', or use --in/--out; 'self' is the firewall)");
  auto* many = command->add_option("--packets", o->packets_file,
                                   "A JSON array of packets (see docs/json.md)");
  one->excludes(many);
  command->add_option("--in", o->in_if,
                      "Ingress interface of --packet ('self': sent by the firewall)");
  command->add_option("--out", o->out_if,
                      "Egress interface of --packet ('self': addressed to the firewall)");
  command->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  command->add_option("--profile", o->profile,
                      "Site profile whose firewall facts (interface addresses and groups, "
                      "tables) complete the configuration (docs/profile.md)");
  o->input.add_to(*command);
  command->callback([o, &context] {
    if (o->packet.empty() && o->packets_file.empty())
      throw CLI::RequiredError("--packet or --packets");
    std::vector<Packet> packets = o->packets_file.empty() ? std::vector<Packet>{read_packet(*o)}
                                                          : read_packets(o->packets_file);
    ParseOptions parse_options = o->input.to_parse_options();
    if (!o->profile.empty() && !add_profile_file_facts(o->profile, parse_options)) {
      context.exit_code = 2;
      return;
    }
    Ruleset rs = parse_config(o->config, parse_options);
    if (report_input_errors(rs)) {
      context.exit_code = 2;
      return;
    }
    std::vector<Evaluation> results;
    results.reserve(packets.size());
    for (const Packet& p : packets)
      results.push_back(evaluate(rs, p));
    if (o->format == "json") {
      std::cout << reports::query_json(packets, results).dump(2) << '\n';
    } else {
      for (std::size_t i = 0; i < packets.size(); ++i)
        std::cout << (i ? "\n" : "") << reports::evaluation_text(packets[i], results[i]);
    }
    context.exit_code = 0;
  });
}

const CommandRegistration registration{20, &setup};

}  // namespace

}  // namespace fwaudit::cli
