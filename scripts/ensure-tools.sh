#!/usr/bin/env bash
# Makes sure the two external tools that the tests and `npm start` need are present:
#   - the Temporal CLI (its dev server runs the Temporal service for `npm start` and some tests),
#   - the jars of Temporal's Java time-skipping test server (started by scripts/temporal-test-server).
# @temporalio/testing would download both itself, but that download fails without internet, so
# we build/fetch them through the package registries (Go module proxy, Maven Central) once and
# cache them outside the clone. With a warm cache this takes well under a second.
#
# Writes node_modules/.cache/fengqiao-tools.json, which the jest setup reads:
#   {"temporalCli": "<abs path>", "testServerJars": "<abs dir>"}
#
# Environment:
#   FENGQIAO_TOOLS_CACHE  cache directory (default: ${XDG_CACHE_HOME:-$HOME/.cache}/fengqiao)
#   TEMPORAL_CLI          use this Temporal CLI executable instead of looking for one
set -euo pipefail

# Later CLI tags carry a `replace` directive in go.mod, which `go install pkg@version` rejects.
TEMPORAL_CLI_MODULE=github.com/temporalio/cli/cmd/temporal@v1.5.1
# Must match scripts/test-server/pom.xml and scripts/temporal-test-server.
TEST_SERVER_VERSION=1.38.0

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

log() { echo "[tools] $*"; }
die() {
  echo "[tools] ERROR: $*" >&2
  exit 1
}

# Absolute path without resolving symlinks (a symlinked shim should stay what the user chose).
abspath() {
  case "$1" in
    /*) echo "$1" ;;
    *) echo "$PWD/$1" ;;
  esac
}

CACHE="${FENGQIAO_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fengqiao}"
mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)

# Temporary directories of an interrupted run are removed on exit; the cache never sees them
# under their final name.
TMP_DIRS=()
cleanup() {
  local d
  for d in "${TMP_DIRS[@]+"${TMP_DIRS[@]}"}"; do rm -rf "$d"; done
}
trap cleanup EXIT
trap 'exit 130' INT # without these, bash dies on the signal without running the EXIT trap
trap 'exit 143' TERM
# A run killed outright (SIGKILL) cannot clean up; drop its scratch directories once stale.
find "$CACHE" -maxdepth 1 -name '*.tmp.*' -mmin +120 -exec rm -rf {} + 2>/dev/null || true

# --- Temporal CLI ------------------------------------------------------------------------------

find_temporal_cli() {
  if [ -n "${TEMPORAL_CLI:-}" ]; then
    [ -f "$TEMPORAL_CLI" ] && [ -x "$TEMPORAL_CLI" ] ||
      die "TEMPORAL_CLI=$TEMPORAL_CLI is not an executable file"
    abspath "$TEMPORAL_CLI"
  elif command -v temporal >/dev/null 2>&1; then
    abspath "$(command -v temporal)"
  elif [ -x "$CACHE/bin/temporal" ]; then
    echo "$CACHE/bin/temporal"
  fi
}

build_temporal_cli() {
  command -v go >/dev/null 2>&1 || die "Temporal CLI not found and Go is not installed to build it"
  log "building the Temporal CLI ($TEMPORAL_CLI_MODULE) with go install;" \
    "this takes a few minutes the first time"
  # Build into a scratch GOBIN, then rename: an interrupted build never leaves a half-written
  # binary at the cached path.
  local gobin
  gobin=$(mktemp -d "$CACHE/bin.tmp.XXXXXX")
  TMP_DIRS+=("$gobin")
  GOBIN="$gobin" go install "$TEMPORAL_CLI_MODULE"
  mkdir -p "$CACHE/bin"
  mv -f "$gobin/temporal" "$CACHE/bin/temporal"
  log "built $CACHE/bin/temporal"
}

TEMPORAL=$(find_temporal_cli)
if [ -z "$TEMPORAL" ]; then
  build_temporal_cli
  TEMPORAL="$CACHE/bin/temporal"
fi
# A binary built with `go install` reports "0.0.0-DEV": it lacks the release's version stamp.
version=$("$TEMPORAL" --version 2>&1) ||
  die "$TEMPORAL --version failed: $version (delete it to rebuild, or set TEMPORAL_CLI)"
log "Temporal CLI: $TEMPORAL ($version)"

# --- Time-skipping test server jars ------------------------------------------------------------

JARS="$CACHE/test-server-$TEST_SERVER_VERSION"
MAIN_JAR="temporal-test-server-$TEST_SERVER_VERSION.jar"

fetch_test_server_jars() {
  command -v mvn >/dev/null 2>&1 || die "test server jars not cached and Maven is not installed"
  log "fetching the Temporal test server $TEST_SERVER_VERSION jars from Maven Central"
  # Copy into a scratch directory and rename it into place once complete, so an interrupted
  # download is never taken for a complete one.
  local tmp
  tmp=$(mktemp -d "$JARS.tmp.XXXXXX")
  TMP_DIRS+=("$tmp")
  # Maven 3.8 prints stray colour escapes on stdout and stderr even with -q -B; strip them
  # (pipefail keeps mvn's exit status).
  mvn -q -B -f "$ROOT/scripts/test-server/pom.xml" \
    dependency:copy-dependencies -DoutputDirectory="$tmp" -DincludeScope=runtime 2>&1 |
    sed 's/\x1b\[[0-9;]*m//g'
  [ -f "$tmp/$MAIN_JAR" ] || die "Maven finished but $MAIN_JAR is missing from its output"
  touch "$tmp/.complete"
  chmod 755 "$tmp" # mktemp makes it private
  rm -rf "$JARS" # a leftover without the marker
  mv "$tmp" "$JARS"
}

if [ -f "$JARS/.complete" ]; then
  :
elif [ -f "$JARS/$MAIN_JAR" ] && [ -f "$JARS/temporal-sdk-$TEST_SERVER_VERSION.jar" ] &&
  [ -f "$JARS/temporal-serviceclient-$TEST_SERVER_VERSION.jar" ]; then
  # Populated by hand before this script wrote markers: accept it once and mark it.
  log "marking the existing $JARS as complete"
  touch "$JARS/.complete"
else
  fetch_test_server_jars
fi
log "test server jars: $JARS"

# --- Record the paths for the jest setup -------------------------------------------------------

OUT_DIR="$ROOT/node_modules/.cache"
OUT="$OUT_DIR/fengqiao-tools.json"
mkdir -p "$OUT_DIR"
# JSON-escape the two paths (backslash and double quote; paths hold no control characters).
json_str() {
  local s=${1//\\/\\\\}
  printf '"%s"' "${s//\"/\\\"}"
}
printf '{"temporalCli": %s, "testServerJars": %s}\n' "$(json_str "$TEMPORAL")" "$(json_str "$JARS")" \
  >"$OUT.tmp.$$"
mv -f "$OUT.tmp.$$" "$OUT"
log "wrote $OUT"
