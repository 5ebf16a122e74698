#!/usr/bin/env bash
# Source checks run by CTest: `format` (every tracked C++ file follows .clang-format) and
# `bdd-confinement` (only the packet-set implementation includes BuDDy's header).
# Exit 77 (CTest: skipped) outside a git checkout or without clang-format.
set -uo pipefail
cd "$(dirname "$0")/.."
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || { echo "skipped: not a git checkout"; exit 77; }
case "${1:-}" in
  format)
    command -v clang-format >/dev/null || { echo "skipped: clang-format is not installed"; exit 77; }
    bad=$(git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run 2>&1 | grep -oE '^[^:]+\.(cpp|hpp)' | sort -u)
    [ -z "$bad" ] && { echo "all files formatted"; exit 0; }
    echo "not formatted (run: make format):"; echo "$bad"; exit 1 ;;
  bdd-confinement)
    allowed='^analyzer/bdd_layout\.hpp$'
    bad=$(git grep -lE '#include\s*[<"]bdd\.h[">]' -- '*.cpp' '*.hpp' | grep -vE "$allowed")
    # The layout header itself is private to the packet-set implementation files.
    bad+=$(git grep -l 'analyzer/bdd_layout.hpp' -- '*.cpp' '*.hpp' |
           grep -vE '^analyzer/(bdd_layout\.(hpp|cpp)|packet_set\.cpp|header_rewrite\.cpp)$')
    [ -z "$bad" ] && { echo "only analyzer/bdd_layout.hpp includes bdd.h"; exit 0; }
    echo "BuDDy included outside the packet-set implementation:"; echo "$bad"; exit 1 ;;
  *) echo "usage: $0 format|bdd-confinement"; exit 2 ;;
esac
