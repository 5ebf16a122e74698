// reports/json_common.cpp
#include "reports/json_common.hpp"

namespace fwaudit::reports {

Json to_json(const SourceLocation& l) {
  Json j;
  j["file"] = l.file;
  j["line"] = l.line;
  if (l.column != 0) j["column"] = l.column;
  if (!l.text.empty()) j["text"] = l.text;
  return j;
}

Json to_json(const Diagnostic& d) {
  Json j;
  j["severity"] = to_string(d.severity);
  j["code"] = d.code;
  j["message"] = d.message;
  j["location"] = to_json(d.location);
  if (!d.related.empty()) {
    Json related = Json::array();
    for (const SourceLocation& r : d.related)
      related.push_back(to_json(r));
    j["related"] = std::move(related);
  }
  return j;
}

Json to_json(const Diagnostics& ds) {
  Json out = Json::array();
  for (const Diagnostic& d : ds.items())
    out.push_back(to_json(d));
  return out;
}

Json counts_json(const Diagnostics& ds) {
  Json j;
  j["errors"] = ds.count(Severity::error);
  j["warnings"] = ds.count(Severity::warning);
  j["unsupported"] = ds.count(Severity::unsupported);
  j["notes"] = ds.count(Severity::note);
  return j;
}

Json to_json(const Packet& p) {
  Json j;
  j["src"] = p.src.to_string();
  j["dst"] = p.dst.to_string();
  j["proto"] = protocol_name(p.proto);
  if (p.is_icmp()) {
    j["icmp_type"] = p.icmp_type();
    j["icmp_code"] = p.icmp_code();
  } else {
    j["sport"] = p.sport;
    j["dport"] = p.dport;
  }
  j["in_if"] = p.in_if.empty() ? "self" : p.in_if;
  j["out_if"] = p.out_if.empty() ? "self" : p.out_if;
  j["state"] = to_string(p.state);
  return j;
}

namespace {

[[noreturn]] void bad(const std::string& where, const std::string& what) {
  throw InputError({Severity::error, "bad-packet", what, {where, 0, 0, {}}, {}});
}

int integer_field(const nlohmann::json& j, const char* key, int lo, int hi,
                  const std::string& where) {
  const auto& v = j.at(key);
  if (!v.is_number_integer() || v.get<long long>() < lo || v.get<long long>() > hi)
    bad(where, std::string("\"") + key + "\" must be a whole number from " + std::to_string(lo) +
                   " to " + std::to_string(hi));
  return v.get<int>();
}

std::string string_field(const nlohmann::json& j, const char* key, const std::string& where) {
  if (!j.contains(key)) bad(where, std::string("missing \"") + key + "\"");
  if (!j.at(key).is_string()) bad(where, std::string("\"") + key + "\" must be a string");
  return j.at(key).get<std::string>();
}

}  // namespace

Packet packet_from_json(const nlohmann::json& j, const std::string& where) {
  static const char* known[] = {"src",       "dst",       "proto", "sport",  "dport",
                                "icmp_type", "icmp_code", "in_if", "out_if", "state"};
  if (!j.is_object()) bad(where, "expected an object {\"src\", \"dst\", \"proto\", ...}");
  for (const auto& [key, value] : j.items()) {
    bool ok = false;
    for (const char* k : known)
      ok = ok || key == k;
    if (!ok) bad(where, "unknown field \"" + key + "\"");
  }
  Packet p;
  auto src = IpAddress::parse(string_field(j, "src", where));
  auto dst = IpAddress::parse(string_field(j, "dst", where));
  if (!src) bad(where, "\"src\" is not an IPv4 or IPv6 address");
  if (!dst) bad(where, "\"dst\" is not an IPv4 or IPv6 address");
  if (src->family != dst->family) bad(where, "\"src\" and \"dst\" are of different families");
  p.src = *src, p.dst = *dst, p.family = src->family;
  if (!j.contains("proto")) bad(where, "missing \"proto\"");
  if (j.at("proto").is_number_integer()) {
    p.proto = static_cast<std::uint8_t>(integer_field(j, "proto", 0, 255, where));
  } else {
    auto proto = protocol_from_name(string_field(j, "proto", where));
    if (!proto) bad(where, "unknown protocol \"" + j.at("proto").get<std::string>() + "\"");
    p.proto = *proto;
  }
  if (p.is_icmp()) {
    int type = j.contains("icmp_type") ? integer_field(j, "icmp_type", 0, 255, where) : 8;
    int code = j.contains("icmp_code") ? integer_field(j, "icmp_code", 0, 255, where) : 0;
    p.set_icmp(static_cast<std::uint8_t>(type), static_cast<std::uint8_t>(code));
  } else {
    p.sport = static_cast<std::uint16_t>(
        j.contains("sport") ? integer_field(j, "sport", 0, 65535, where) : 40000);
    p.dport = static_cast<std::uint16_t>(
        j.contains("dport") ? integer_field(j, "dport", 0, 65535, where) : 0);
  }
  std::string in = string_field(j, "in_if", where), out = string_field(j, "out_if", where);
  p.in_if = in == "self" ? "" : in;
  p.out_if = out == "self" ? "" : out;
  if (j.contains("state")) {
    auto s = conn_state_from_string(string_field(j, "state", where));
    if (!s) bad(where, "\"state\" must be new, established, related, invalid or untracked");
    p.state = *s;
  }
  return p;
}

}  // namespace fwaudit::reports
