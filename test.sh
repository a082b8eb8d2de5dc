#!/usr/bin/env bash
# Runs every test on a fresh Debian machine: installs what the tests need, builds, tests, prints a summary line.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# chromium for the browser tests; Redis and HAProxy for the scale-out tests (two instances behind deploy/haproxy.cfg).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Installing Debian's ${missing[*]} for the tests"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# haproxy lives in /usr/sbin.
export PATH="$PATH:/usr/sbin"

echo "==> Restoring tools and building"
dotnet tool restore >/dev/null
dotnet build Eps.sln -c Release -warnaserror --nologo -v quiet

echo "==> Generating the server schema scripts (a test parses the SQL Server one with ScriptDom)"
mkdir -p artifacts
for context in SqlServer Postgres; do
  script=artifacts/$(echo "$context" | tr '[:upper:]' '[:lower:]')-schema.sql
  dotnet ef migrations script --idempotent --no-build --configuration Release \
    --project Eps.Core --startup-project Eps.Core --context "${context}EpsDbContext" --output "$script" >/dev/null
  echo "    $script: $(wc -l < "$script") lines"
done

echo "==> Starting a private PostgreSQL cluster and a private Redis"
# Test data is thrown away: no fsync, no Redis persistence. Both are stopped (the cluster's folder removed) however the
# script ends.
pg_dir=$(mktemp -d /tmp/eps-test-pg.XXXXXX)
redis_pid=
trap 'deploy/postgres.sh stop "$pg_dir"; [ -z "$redis_pid" ] || kill "$redis_pid" 2>/dev/null || true' EXIT
pg_connection=$(deploy/postgres.sh start "$pg_dir" -c fsync=off -c full_page_writes=off)
echo "    $pg_connection"
redis_port=56379
while (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null; do redis_port=$((redis_port + 1)); done
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no >/dev/null &
redis_pid=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null && break; sleep 0.1; done
# The tests of shared rate limits and cross-host events use it; the multi-instance test starts a Redis of its own,
# because it stops and restarts it.
export EPS_TEST_REDIS="127.0.0.1:$redis_port"
echo "    Redis on $EPS_TEST_REDIS"

echo "==> Running the tests"
rm -rf artifacts/test-results
status=0
# The tests that touch no database run once; every other test of Eps.Tests runs on each engine.
no_database="FullyQualifiedName!~Eps.Tests.Architecture.&FullyQualifiedName!~Eps.Tests.Core.Data.ModelTests"
for class in Base45 ConcurrencyTests FileKeyRingStore Identifier KeyRingTests LegacySignature OfflineVerification \
    PrescriptionBarcode TokenGarbage TokenQr TokenRoundTrip TokenTampering TokenImageDecoder; do
  no_database="$no_database&FullyQualifiedName!~.$class"
done

run_tests() { # project, results file, extra dotnet test arguments
  local project=$1 name=$2; shift 2
  dotnet test "$project" -c Release --no-build --nologo "$@" \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory artifacts/test-results || status=$?
}

echo "--- Eps.Tests on SQLite"
run_tests Eps.Tests sqlite
echo "--- Eps.Tests (database tests) on PostgreSQL"
EPS_TEST_PROVIDER=Postgres EPS_TEST_POSTGRES="${pg_connection/Database=eps/Database=postgres}" \
  run_tests Eps.Tests postgres --filter "$no_database"
sqlserver_skipped=0
if [ -n "${EPS_TEST_SQLSERVER:-}" ]; then
  echo "--- Eps.Tests (database tests) on SQL Server"
  EPS_TEST_PROVIDER=SqlServer run_tests Eps.Tests sqlserver --filter "$no_database"
else
  sqlserver_skipped=$(grep -o '<Counters [^>]*>' artifacts/test-results/postgres.trx | sed -n 's/.* total="\([0-9]*\)".*/\1/p')
  echo "--- SQL Server: ${sqlserver_skipped:-0} database tests skipped (set EPS_TEST_SQLSERVER to a connection string to run them)"
fi
# Browser tests last: they share the two cores badly with the API tests' load.
echo "--- Eps.E2E on SQLite"
run_tests Eps.E2E e2e-sqlite --filter "FullyQualifiedName!~Eps.E2E.ScaleOut."
echo "--- Eps.E2E on PostgreSQL"
EPS_TEST_PROVIDER=Postgres EPS_TEST_POSTGRES="${pg_connection/Database=eps/Database=postgres}" \
  run_tests Eps.E2E e2e-postgres --filter "FullyQualifiedName!~Eps.E2E.ScaleOut."
echo "--- Eps.E2E scale-out: two Eps processes on PostgreSQL with Redis, behind HAProxy (deploy/)"
EPS_TEST_POSTGRES="${pg_connection/Database=eps/Database=postgres}" \
  run_tests Eps.E2E e2e-scaleout --filter "FullyQualifiedName~Eps.E2E.ScaleOut."

passed=0; failed=0; skipped=${sqlserver_skipped:-0}
for trx in artifacts/test-results/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p'); f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  n=$(echo "$counters" | sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p')
  echo "    $(basename "$trx" .trx) run: passed ${p:-0}, failed ${f:-0}"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$passed" -eq 0 ] || [ "$failed" -ne 0 ]; then status=1; fi
exit $status
