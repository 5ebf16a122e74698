// parsers/asa/read_state.hpp
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "parsers/asa/syntax_tree.hpp"

// The state the grammar actions fill while one line is read, and the small typed helpers that
// turn matched text into syntax-tree values.
namespace fwaudit::asa {

enum class Block { none, interface_, network_object, service_object, group, skipped };

struct ReadState {
  Config& config;
  const char* line_begin = nullptr;
  std::uint32_t line = 0;

  Block block = Block::none;
  std::size_t block_index = 0;

  // Scratch for the line being read.
  Ace ace;
  bool ace_skip = false;
  bool verb_permit = false;
  std::optional<std::uint8_t> current_protocol;  // nullopt: ip / tcp-udp / object reference
  ServiceSpec service;
  NatRule nat;
  ManagementAccess management;

  explicit ReadState(Config& c) : config(c) {}
  Where where(const char* p) const {
    return {line, static_cast<std::uint32_t>(p - line_begin + 1)};
  }
  void reference(Reference::Kind kind, std::string_view name, Where at) {
    config.references.push_back({kind, name, at});
  }
};

// Splits on blanks; views into `text`.
std::vector<std::string_view> split_tokens(std::string_view text);

// Conversions of tokens the grammar already recognised. nullopt when a value is out of range.
std::optional<IpAddress> address_or_name(const ReadState& st, std::string_view token);
std::optional<Address> read_address(ReadState& st, const std::vector<std::string_view>& tokens,
                                    Where at);
std::optional<PortMatch> read_port_op(ReadState& st, const std::vector<std::string_view>& tokens,
                                      Where at);
std::optional<IcmpMatch> read_icmp(const std::vector<std::string_view>& tokens, bool icmp6,
                                   Where at);
Protocol read_protocol(ReadState& st, const std::vector<std::string_view>& tokens, Where at);

}  // namespace fwaudit::asa
