// parsers/common/literals.hpp
#pragma once

#include <tao/pegtl.hpp>

// Literal grammars shared by every vendor. They only recognise text; turning it into values is
// done by IpAddress::parse / IpPrefix::parse on the matched string.
namespace fwaudit::grammar {

namespace pegtl = tao::pegtl;

struct dec_octet : pegtl::rep_min_max<1, 3, pegtl::digit> {};
struct ipv4_address : pegtl::seq<dec_octet, pegtl::one<'.'>, dec_octet, pegtl::one<'.'>, dec_octet,
                                 pegtl::one<'.'>, dec_octet> {};
struct h16 : pegtl::rep_min_max<1, 4, pegtl::xdigit> {};
// Any run of hex groups, colons and an optional dotted tail; IpAddress::parse decides validity.
struct ipv6_address
    : pegtl::seq<pegtl::star<h16>, pegtl::one<':'>, pegtl::plus<pegtl::sor<h16, pegtl::one<':'>>>,
                 pegtl::opt<pegtl::one<'.'>, pegtl::list<dec_octet, pegtl::one<'.'>>>> {};
struct ip_address : pegtl::sor<ipv6_address, ipv4_address> {};
struct prefix_length : pegtl::rep_min_max<1, 3, pegtl::digit> {};
struct ip_prefix : pegtl::seq<ip_address, pegtl::opt<pegtl::one<'/'>, prefix_length>> {};
struct port_number : pegtl::rep_min_max<1, 5, pegtl::digit> {};
struct blank : pegtl::plus<pegtl::blank> {};
struct opt_blank : pegtl::star<pegtl::blank> {};
// A bare word: interface names, chain names, object names.
struct word : pegtl::plus<pegtl::not_one<' ', '\t', '\r', '\n'>> {};

}  // namespace fwaudit::grammar
