#!/usr/bin/env bash
# `make demo`: what fwaudit sees in each sample configuration, a few packets through each, the
# requirement catalog, and the audit of the samples against their site profiles. Exits non-zero only when fwaudit fails on a sample (exit 2).
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
[ -f samples/pf/mail-gateway.pf.conf ] &&
  run query samples/pf/mail-gateway.pf.conf --packet 'tcp 198.51.100.7:40000 -> 10.0.10.25:25' --in em1 --out em0
run catalog list
# The audit: findings exit 1, which a demo shows rather than fails on.
[ -f samples/profiles/clearswift-dmz.json ] &&
  run audit samples/iptables/mail-dmz-firewall.rules --profile samples/profiles/clearswift-dmz.json
[ -f samples/profiles/edge-asa-clearswift-sxg.json ] &&
  run audit samples/asa/edge-asa.cfg --profile samples/profiles/edge-asa-clearswift-sxg.json
exit $status
