#!/usr/bin/env bash
# Runs every test on a fresh Debian machine: installs what the tests need, builds, tests, prints a summary line.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v chromium >/dev/null 2>&1; then
  echo "==> Installing Debian's chromium for the end-to-end tests"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi

echo "==> Restoring tools and building"
dotnet tool restore >/dev/null
dotnet build Eps.sln -c Release -warnaserror --nologo -v quiet

echo "==> Generating the SQL Server schema script (proves the SQL Server migrations build)"
mkdir -p artifacts
dotnet ef migrations script --idempotent --no-build --configuration Release \
  --project Eps.Core --startup-project Eps.Core --context SqlServerEpsDbContext \
  --output artifacts/sqlserver-schema.sql >/dev/null
echo "    artifacts/sqlserver-schema.sql: $(wc -l < artifacts/sqlserver-schema.sql) lines"

echo "==> Running the tests"
rm -rf artifacts/test-results
status=0
# One project after the other: browser tests share the two cores badly with the API tests' load.
for project in Eps.Tests Eps.E2E; do
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx" --logger "console;verbosity=minimal" --results-directory artifacts/test-results || status=$?
done

passed=0; failed=0
for trx in artifacts/test-results/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p'); f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
echo "${passed} passed, ${failed} failed"
if [ "$passed" -eq 0 ] || [ "$failed" -ne 0 ]; then status=1; fi
exit $status
