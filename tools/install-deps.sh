#!/usr/bin/env bash
# Installs the Debian packages fwaudit builds and tests with, only those missing.
set -euo pipefail
packages=(cmake make g++ pkg-config tao-pegtl-dev libboost-graph-dev nlohmann-json3-dev doctest-dev
          libbdd-dev libcli11-dev libfmt-dev iptables iproute2 clang-format git)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing missing Debian packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
