#!/usr/bin/env bash
# Rewrites the golden files of the sample audits (tests/audit/golden/: every report format of
# every sample, and the readable finding sets) from the built fwaudit, after an intended change
# of audit behaviour. The golden tests themselves write them (FWAUDIT_UPDATE_GOLDEN=1), so the
# files hold exactly what the tests compare. Review the result with `git diff tests/audit/golden`.
#
#   tools/update-golden.sh            # build dir: build (or $BUILD)
#   BUILD=build-asan tools/update-golden.sh
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD:-build}
tests="$build/tests/audit/test_audit"
if [ ! -x "$tests" ] || [ ! -x "$build/cli/fwaudit" ]; then
  echo "update-golden: $tests or $build/cli/fwaudit is missing; build first (make build)" >&2
  exit 2
fi
FWAUDIT_UPDATE_GOLDEN=1 "$tests" --test-case='samples*' --no-version >/dev/null
# Check what was written: the same tests, comparing this time.
"$tests" --test-case='samples*' --no-version
git status --short -- tests/audit/golden
