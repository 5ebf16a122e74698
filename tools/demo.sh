#!/usr/bin/env bash
# `make demo`: what fwaudit sees in each sample configuration, a few packets through each, the
# requirement catalog, and the audit of the three samples against their site profiles (text).
# Exits non-zero only when fwaudit fails on a sample (exit 2).
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
  # SMTP to the MX address is DNATed to the gateway; ssh from the internet is dropped.
  run query samples/iptables/mail-dmz-firewall.rules --packet 'tcp 198.51.100.7:40000 -> 203.0.113.25:25' --in eth0 --out eth1
  run query samples/iptables/mail-dmz-firewall.rules --packet 'tcp 198.51.100.7:40000 -> 192.0.2.25:22' --in eth0 --out eth1
}
[ -f samples/asa/edge-asa.cfg ] && run query samples/asa/edge-asa.cfg --packet 'tcp 198.51.100.7:40000 -> 192.0.2.25:25' --in outside --out dmz
# The scanner delivers to one Exchange server but not to the other (samples/README.md).
[ -f samples/pf/mail-gateway.pf.conf ] &&
  run query samples/pf/mail-gateway.pf.conf --packet 'tcp 172.20.10.25:40000 -> 10.20.1.26:25' --in em1 --out em2 \
    --profile samples/profiles/symantec-pf-dmz.json
run catalog list
# Each sample against its site profile (samples/README.md lists what each should find).
# Findings exit 1, which a demo shows rather than fails on.
audit() {
  [ -f "$1" ] && [ -f "$2" ] && run audit "$1" --profile "$2"
}
audit samples/iptables/mail-dmz-firewall.rules samples/profiles/clearswift-dmz.json
audit samples/asa/edge-asa.cfg samples/profiles/edge-asa-clearswift-sxg.json
audit samples/pf/mail-gateway.pf.conf samples/profiles/symantec-pf-dmz.json
exit $status
