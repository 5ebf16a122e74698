// tests/iptables_kernel/harness/frame.cpp
#include "harness/frame.hpp"

namespace fwk {
namespace {

void put16(std::vector<std::uint8_t>& b, std::size_t at, std::uint16_t v) {
  b[at] = static_cast<std::uint8_t>(v >> 8);
  b[at + 1] = static_cast<std::uint8_t>(v);
}

void put32(std::vector<std::uint8_t>& b, std::size_t at, std::uint32_t v) {
  put16(b, at, static_cast<std::uint16_t>(v >> 16));
  put16(b, at + 2, static_cast<std::uint16_t>(v));
}

std::uint16_t get16(const std::vector<std::uint8_t>& b, std::size_t at) {
  return static_cast<std::uint16_t>(b[at] << 8 | b[at + 1]);
}

std::uint32_t sum_words(const std::uint8_t* data, std::size_t n, std::uint32_t sum) {
  for (std::size_t i = 0; i + 1 < n; i += 2)
    sum += static_cast<std::uint32_t>(data[i] << 8 | data[i + 1]);
  if (n % 2) sum += static_cast<std::uint32_t>(data[n - 1] << 8);
  return sum;
}

std::uint16_t fold(std::uint32_t sum) {
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum);
}

// Checksum of a transport segment with the IPv4 or IPv6 pseudo-header.
std::uint16_t transport_checksum(const Header& h, const std::vector<std::uint8_t>& segment) {
  std::uint32_t sum = 0;
  sum = sum_words(h.src.bytes.data(), static_cast<std::size_t>(h.src.size()), sum);
  sum = sum_words(h.dst.bytes.data(), static_cast<std::size_t>(h.dst.size()), sum);
  sum += h.proto;
  sum += static_cast<std::uint32_t>(segment.size() & 0xffff);
  sum += static_cast<std::uint32_t>(segment.size() >> 16);
  return fold(sum_words(segment.data(), segment.size(), sum));
}

std::vector<std::uint8_t> build_transport(const Header& h) {
  std::vector<std::uint8_t> s;
  std::size_t checksum_at = 0;
  bool pseudo = true;
  if (h.proto == kTcp) {
    s.assign(20, 0);
    put16(s, 0, h.sport);
    put16(s, 2, h.dport);
    put32(s, 4, h.seq);
    put32(s, 8, h.ack);
    s[12] = 5 << 4;  // data offset: 5 words, no options
    s[13] = static_cast<std::uint8_t>(h.tcp_flags);
    put16(s, 14, 64240);  // window
    checksum_at = 16;
  } else if (h.proto == kUdp) {
    s.assign(8, 0);
    put16(s, 0, h.sport);
    put16(s, 2, h.dport);
    put16(s, 4, static_cast<std::uint16_t>(8 + h.payload.size()));
    checksum_at = 6;
  } else if (h.proto == kIcmp || h.proto == kIcmpV6) {
    s.assign(8, 0);
    s[0] = h.icmp_type;
    s[1] = h.icmp_code;
    put16(s, 4, h.icmp_id);
    put16(s, 6, h.icmp_seq);
    checksum_at = 2;
    pseudo = h.proto == kIcmpV6;  // ICMPv4 sums the message alone
  } else {
    s = h.payload;
    return s;
  }
  s.insert(s.end(), h.payload.begin(), h.payload.end());
  std::uint16_t c = pseudo ? transport_checksum(h, s) : internet_checksum(s);
  if (h.proto == kUdp && c == 0) c = 0xffff;
  put16(s, checksum_at, c);
  return s;
}

}  // namespace

std::uint16_t internet_checksum(const std::vector<std::uint8_t>& data) {
  return fold(sum_words(data.data(), data.size(), 0));
}

std::vector<std::uint8_t> build_packet(const Header& h) {
  auto segment = build_transport(h);
  std::vector<std::uint8_t> p;
  if (!h.src.v6) {
    p.assign(20, 0);
    p[0] = 0x45;
    put16(p, 2, static_cast<std::uint16_t>(20 + segment.size()));
    put16(p, 4, static_cast<std::uint16_t>(h.seq ^ h.sport ^ h.icmp_id));  // identification
    p[8] = h.ttl;
    p[9] = h.proto;
    for (int i = 0; i < 4; ++i) {
      p[12 + i] = h.src.bytes[i];
      p[16 + i] = h.dst.bytes[i];
    }
    put16(p, 10, internet_checksum(p));
  } else {
    p.assign(40, 0);
    p[0] = 0x60;
    put16(p, 4, static_cast<std::uint16_t>(segment.size()));
    p[6] = h.proto;
    p[7] = h.ttl;
    for (int i = 0; i < 16; ++i) {
      p[8 + i] = h.src.bytes[i];
      p[24 + i] = h.dst.bytes[i];
    }
  }
  p.insert(p.end(), segment.begin(), segment.end());
  return p;
}

std::optional<ParsedPacket> parse_packet(const std::vector<std::uint8_t>& b) {
  if (b.empty()) return std::nullopt;
  ParsedPacket r;
  std::size_t l4 = 0;
  if ((b[0] >> 4) == 4) {
    if (b.size() < 20) return std::nullopt;
    l4 = static_cast<std::size_t>(b[0] & 0x0f) * 4;
    r.proto = b[9];
    for (int i = 0; i < 4; ++i) {
      r.src.bytes[i] = b[12 + i];
      r.dst.bytes[i] = b[16 + i];
    }
  } else if ((b[0] >> 4) == 6) {
    if (b.size() < 40) return std::nullopt;
    l4 = 40;  // the harness sends no extension headers and expects none back
    r.proto = b[6];
    r.src.v6 = r.dst.v6 = true;
    for (int i = 0; i < 16; ++i) {
      r.src.bytes[i] = b[8 + i];
      r.dst.bytes[i] = b[24 + i];
    }
  } else {
    return std::nullopt;
  }
  if (b.size() < l4) return std::nullopt;
  r.l4.assign(b.begin() + static_cast<std::ptrdiff_t>(l4), b.end());
  if ((r.proto == kTcp || r.proto == kUdp) && r.l4.size() >= 4) {
    r.sport = get16(r.l4, 0);
    r.dport = get16(r.l4, 2);
  } else if ((r.proto == kIcmp || r.proto == kIcmpV6) && r.l4.size() >= 2) {
    r.icmp_type = r.l4[0];
    r.icmp_code = r.l4[1];
    r.is_icmp_error = r.proto == kIcmp
                          ? (r.icmp_type == 3 || r.icmp_type == 4 || r.icmp_type == 5 ||
                             r.icmp_type == 11 || r.icmp_type == 12)
                          : r.icmp_type < 128;
  }
  return r;
}

}  // namespace fwk
