#!/usr/bin/env bash
# The one test command: installs what the tests need when missing, builds once, runs all four test projects
# and ends with the line "N passed, N failed". Exits non-zero when any test failed or a project did not build or run.
#
#   ./test.sh                 everything
#   CONFIGURATION=Debug ./test.sh
#   ./test.sh --filter Name   passed on to every `dotnet test` (projects without a match count nothing)
set -uo pipefail

cd "$(dirname "$0")"
ROOT="$(pwd)"
CONFIGURATION="${CONFIGURATION:-Release}"
RESULTS="$ROOT/artifacts/test-results"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export PATH="$PATH:$HOME/.dotnet/tools"
# Screenshots of the end-to-end tests (gitignored).
export DOC_SCREENSHOTS="${DOC_SCREENSHOTS:-$ROOT/artifacts/screenshots}"

PROJECTS=(
  tests/DaysOfClusters.UnitTests
  tests/DaysOfClusters.ComponentTests
  tests/DaysOfClusters.IntegrationTests
  tests/DaysOfClusters.EndToEndTests
)

say() { printf '==> %s\n' "$*"; }
# Debian's PostgreSQL server binaries (initdb, pg_ctl), newest version installed.
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

# --- 1. What the tests need, installed only when missing (quiet, idempotent) -------------------------------
install_debian_packages() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
  [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
  [ -n "$(pg_bin)" ] || missing+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    { echo "could not install ${missing[*]}" >&2; return 1; }
}

install_dotnet_tools() {
  dotnet tool restore >/dev/null || { echo "dotnet tool restore failed" >&2; return 1; }
  if [ ! -x "$HOME/.dotnet/tools/smtp4dev" ]; then
    say "installing smtp4dev 3.15.0 (test mail server)"
    dotnet tool install --global Rnwood.Smtp4dev --version 3.15.0 >/dev/null ||
      { echo "could not install smtp4dev" >&2; return 1; }
  fi
}

setup_ok=1
install_debian_packages || setup_ok=0
install_dotnet_tools || setup_ok=0

# A throw-away redis-server on a free loopback port for the tests of several instances (SignalR backplane),
# without persistence, stopped on exit. The tests start their own when DOC_TEST_REDIS is not set.
redis_pid=""
stop_redis() { [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null; redis_pid=""; }
trap stop_redis EXIT
if [ -z "${DOC_TEST_REDIS:-}" ] && command -v redis-server >/dev/null 2>&1; then
  redis_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no --loglevel warning >/dev/null 2>&1 &
  redis_pid=$!
  for _ in $(seq 50); do
    if redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG; then export DOC_TEST_REDIS="127.0.0.1:$redis_port"; break; fi
    sleep 0.1
  done
  [ -n "${DOC_TEST_REDIS:-}" ] && say "redis-server on $DOC_TEST_REDIS" || { echo "redis-server did not start" >&2; stop_redis; }
fi

# --- 2. One build (npm restores the front-end files during it when they are missing) ------------------------
say "building DaysOfClusters.sln ($CONFIGURATION)"
build_log="$(mktemp)"
if dotnet build DaysOfClusters.sln -c "$CONFIGURATION" -nologo -clp:ErrorsOnly -v:q >"$build_log" 2>&1; then
  build_ok=1
else
  build_ok=0
  cat "$build_log"
fi
rm -f "$build_log"

# --- 2b. A throw-away PostgreSQL cluster on 127.0.0.1 (temp folder, free port) for the PostgreSQL pass -------
# DOC_TEST_POSTGRES is its admin connection string; tests create (and drop) databases of their own in it.
PG_DIR=""
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; } # initdb/postgres refuse root
stop_postgres() {
  [ -n "$PG_DIR" ] || return 0
  as_pg "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$PG_DIR"
  PG_DIR=""
}
# One EXIT trap for both throw-away servers (a second `trap … EXIT` would replace the first).
trap 'stop_postgres; stop_redis' EXIT
trap 'exit 130' INT TERM
start_postgres() {
  local bin port
  bin="$(pg_bin)"
  [ -n "$bin" ] || { echo "PostgreSQL is not installed" >&2; return 1; }
  PG_DIR="$(mktemp -d /tmp/doc-test-pg.XXXXXX)"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PG_DIR"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  as_pg "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 &&
    as_pg "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=500 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null ||
    { cat "$PG_DIR/initdb.log" "$PG_DIR/server.log" 2>/dev/null | tail -20 >&2; return 1; }
  export DOC_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Timeout=30"
  say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throw-away, $PG_DIR)"
}
pg_ok=0
if [ "$build_ok" -eq 1 ]; then start_postgres && pg_ok=1; fi

# --- 3. Every test project, one after the other (2 cores), each with a TRX file to count from --------------
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
total_passed=0
total_failed=0

count_trx() { # prints "passed failed total" from a TRX file
  python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
c = ET.parse(sys.argv[1]).getroot().find("t:ResultSummary/t:Counters", ns)
g = lambda k: int(c.get(k, "0"))
print(g("passed"), g("failed") + g("error") + g("timeout") + g("aborted"), g("total"))
PY
}

# One test project: its TRX file (stem $2) is counted, a crash or an empty run counts as a failure, failures are shown.
run_tests() { # label file-stem project [dotnet test args...]
  local label="$1" stem="$2" project="$3" code passed failed total note
  shift 3
  local trx="$RESULTS/$stem.trx" log="$RESULTS/$stem.log"
  dotnet test "$project" -c "$CONFIGURATION" --no-build --nologo \
    --logger "trx;LogFileName=$stem.trx" --logger "console;verbosity=minimal" \
    --results-directory "$RESULTS" "$@" >"$log" 2>&1
  code=$?
  if [ -f "$trx" ] && read -r passed failed total < <(count_trx "$trx"); then :; else passed=0 failed=0 total=0; fi
  note=""
  if [ "$code" -ne 0 ] && [ "$failed" -eq 0 ]; then
    # The test host crashed or did not start: that is a failure, never "0 failed".
    failed=1 note=" (test run failed, exit $code)"
  elif [ "$total" -eq 0 ] && [ $# -eq 0 ]; then
    failed=1 note=" (no tests ran)"
  fi
  printf '%-36s %4d passed, %d failed%s\n' "$label" "$passed" "$failed" "$note"
  if [ "$failed" -ne 0 ]; then
    grep -E '^\s+(Failed|Error Message|\[xUnit.net.*FAIL)' -A4 "$log" | head -60 | sed 's/^/    /'
    [ -n "$note" ] && tail -20 "$log" | sed 's/^/    /'
  fi
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
}

for project in "${PROJECTS[@]}"; do
  name="$(basename "$project")"
  if [ "$build_ok" -ne 1 ]; then
    printf '%-36s not run: the build failed\n' "$name"
    total_failed=$((total_failed + 1))
    continue
  fi
  run_tests "$name" "$name" "$project" "$@"
done

# --- 4. The integration tests a second time, on the PostgreSQL cluster (same tests, DOC_TEST_PROVIDER=PostgreSQL) ---
pg_name="DaysOfClusters.IntegrationTests (PostgreSQL)"
if [ "$build_ok" -eq 1 ] && [ "$pg_ok" -ne 1 ]; then
  printf '%-36s not run: PostgreSQL did not start\n' "$pg_name"
  total_failed=$((total_failed + 1))
elif [ "$build_ok" -eq 1 ]; then
  say "integration tests again, on PostgreSQL"
  DOC_TEST_PROVIDER=PostgreSQL run_tests "$pg_name" DaysOfClusters.IntegrationTests.PostgreSQL tests/DaysOfClusters.IntegrationTests "$@"
fi
stop_postgres

[ "$setup_ok" -eq 1 ] || echo "note: some test prerequisites could not be installed (see above)" >&2
echo "$total_passed passed, $total_failed failed"
[ "$build_ok" -eq 1 ] && [ "$total_failed" -eq 0 ]
