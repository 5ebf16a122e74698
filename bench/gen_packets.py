#!/usr/bin/env python3
"""Writes N packets for `fwaudit query --packets` matching bench/gen_iptables.py's address plan."""
import json
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
rng = random.Random(2)
packets = []
for i in range(n):
    z = rng.randrange(8)
    proto = rng.choice(["tcp", "tcp", "udp", "icmp"])
    p = {"src": "10.%d.%d.%d" % (z, rng.randrange(64), rng.randrange(1, 255)),
         "dst": "172.%d.%d.%d" % (16 + rng.randrange(16), rng.randrange(256), rng.randrange(1, 255)),
         "proto": proto, "in_if": "eth%d" % z, "out_if": "eth%d" % ((z + 1) % 8)}
    if proto == "icmp":
        p["icmp_type"] = 8
    else:
        p["dport"] = rng.choice([22, 25, 53, 80, 443, 3306, rng.randrange(1, 65536)])
    packets.append(p)
json.dump(packets, sys.stdout)
