#!/usr/bin/env bash
# Runs vitest on a faked clock starting at a chosen UTC instant, which then runs on:
#   bash scripts/test-at.sh '2026-12-13 23:30' tests/e2e/issue11-polish.test.ts [more files or vitest flags]
# libfaketime (apt-get install faketime) fakes the clock of vitest and of everything it starts —
# the served core, the CLIs, Chromium. The offset form (+N seconds from now) is used, not
# faketime's '@start' form, which each process reads in its own time zone: a core run on Paris
# time (startServe's timeZone) would start an hour off the test's UTC instant.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: bash scripts/test-at.sh 'YYYY-MM-DD HH:MM[:SS]' (UTC) FILE… [vitest flags]" >&2
  exit 2
fi
command -v faketime >/dev/null || { echo "faketime is missing: apt-get install faketime" >&2; exit 2; }
at=$(date -u -d "$1 UTC" +%s)
shift
offset=$((at - $(date -u +%s)))
if [ "$offset" -ge 0 ]; then spec="+${offset}s"; else spec="${offset}s"; fi
cd "$(dirname "$0")/.."
echo "== vitest at $(date -u -d "@$at" '+%a %F %T UTC') (Paris $(TZ=Europe/Paris date -d "@$at" '+%a %F %T %Z'))"
exec faketime -f "$spec" npx vitest run "$@"
