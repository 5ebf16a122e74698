#!/usr/bin/env bash
# `make demo`: what fwaudit sees in each sample configuration, a few packets through each, and the
# requirement catalog. Exits non-zero only when fwaudit fails on a sample (exit 2).
set -uo pipefail
fwaudit=${1:-build/cli/fwaudit}
cd "$(dirname "$0")/.."
status=0
run() {
  echo "\$ fwaudit $*"
  "$fwaudit" "$@"
  local rc=$?
  [ "$rc" -ge 2 ] && status=1
  echo
}
shopt -s nullglob
for config in samples/iptables/*.rules samples/pf/*.conf samples/asa/*.cfg; do
  run parse "$config"
done
[ -f samples/iptables/mail-dmz-firewall.rules ] && {
  run query samples/iptables/mail-dmz-firewall.rules --packet 'tcp 198.51.100.7:40000 -> 192.0.2.25:25' --in eth0 --out eth1
  run query samples/iptables/mail-dmz-firewall.rules --packet 'tcp 198.51.100.7:40000 -> 192.0.2.25:22' --in eth0 --out eth1
}
[ -f samples/asa/edge-asa.cfg ] && run query samples/asa/edge-asa.cfg --packet 'tcp 198.51.100.7:40000 -> 192.0.2.25:25' --in outside --out dmz
for config in samples/pf/*.conf; do
  run query "$config" --packet 'tcp 198.51.100.7:40000 -> 192.0.2.25:25' --in em0 --out em1
done
run catalog list
exit $status
