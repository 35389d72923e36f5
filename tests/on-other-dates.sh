#!/usr/bin/env bash
# The unit and integration suites again, with the machine's clock moved (Debian's faketime) to
# the dates that break code which reads the real clock: the night clocks go forward in
# Europe/Paris, and New Year's Eve at 23:30 UTC (already the new year in Paris).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v faketime >/dev/null 2>&1; then
  echo "faketime is missing: apt-get install -y faketime" >&2
  exit 1
fi
tsx server/cli/gazetteer.ts --if-missing
for start in '2027-03-28 00:50:00' '2026-12-31 23:30:00'; do
  echo "== unit and integration tests with the clock at ${start} UTC"
  TZ=UTC faketime -f "@${start}" npx vitest run --project unit --project integration
done
