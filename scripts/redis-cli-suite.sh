#!/usr/bin/env bash
# Runs redis's own redis-cli test suite (tests/integration/redis-cli.tcl) with eredis in redis-cli's place.
#
#   scripts/redis-cli-suite.sh REDIS_SRC [--tls] [more ./runtest options, e.g. --skiptest "Scan mode"]
#
# REDIS_SRC is a redis source tree of the version to test against (7.0.15), e.g. one materialised from a mirror:
#   git --git-dir=/path/to/redis.git archive 7.0.15 | tar -x -C /tmp/redis-7.0.15
# It needs no build: a missing src/redis-server is linked to the redis-server on PATH. src/redis-cli becomes a
# shim that runs this checkout's bin/eredis (an existing src/redis-cli is moved aside and put back afterwards,
# never written through: it may be a link to the system's redis-cli). With --tls the suite's certificates are made
# with the tree's utils/gen-test-certs.sh when missing. Prints one line per test and exits non-zero on failures.
set -uo pipefail

if (($# < 1)) || [[ ! -f "$1/tests/integration/redis-cli.tcl" ]]; then
  echo "usage: scripts/redis-cli-suite.sh REDIS_SRC [--tls] [runtest options...]" >&2
  echo "  REDIS_SRC must be a redis source tree (it has tests/integration/redis-cli.tcl)" >&2
  exit 2
fi
src=$(cd "$1" && pwd)
shift
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
note() { echo "redis-cli-suite: $*" >&2; }

version=$(sed -n 's/^#define REDIS_VERSION "\(.*\)"/\1/p' "$src/src/version.h" 2>/dev/null)
[[ "$version" == 7.0.15 ]] || note "the tree is redis ${version:-of unknown version}; the suite eredis follows is 7.0.15's"

if [[ ! -e "$root/dist/main.cjs" ]]; then
  note "building eredis (npm run build)"
  (cd "$root" && npm run build --silent) || exit 1
fi

if [[ ! -e "$src/src/redis-server" ]]; then
  server=$(command -v redis-server) || { note "no src/redis-server in the tree and none on PATH"; exit 1; }
  ln -s "$server" "$src/src/redis-server"
  note "linked src/redis-server -> $server ($("$server" --version | sed 's/.*v=\([^ ]*\).*/\1/'))"
fi

shim="$src/src/redis-cli"
saved="$src/src/redis-cli.before-eredis"
marker='# eredis shim for redis-cli.tcl'
restore() {
  if [[ -f "$shim" ]] && grep -q "^$marker" "$shim" 2>/dev/null; then rm -f "$shim"; fi
  if [[ -e "$saved" || -L "$saved" ]]; then mv -f "$saved" "$shim"; fi
}
if [[ -e "$shim" || -L "$shim" ]] && ! grep -q "^$marker" "$shim" 2>/dev/null; then mv -f "$shim" "$saved"; fi
trap restore EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
args=()
sni=()
for a in "$@"; do
  if [[ "$a" == --tls ]]; then
    if [[ ! -f "$src/tests/tls/ca.crt" ]]; then
      (cd "$src" && ./utils/gen-test-certs.sh >/dev/null 2>&1) || { note "utils/gen-test-certs.sh failed (is openssl installed?)"; exit 1; }
    fi
    # eredis verifies the server's name and redis-cli does not; the suite's server certificate names no host
    # (CN=Server-only, no subjectAltName), so the shim tells eredis that name with --sni.
    cn=$(openssl x509 -in "$src/tests/tls/server.crt" -noout -subject -nameopt multiline | sed -n 's/^ *commonName *= //p')
    sni=(--sni "$cn")
  fi
  args+=("$a")
done

# Written to a new file and renamed over the name: never through a link.
tmp=$(mktemp "$src/src/.redis-cli.XXXXXX")
printf '#!/bin/sh\n%s\nexec "%s" %s"$@"\n' "$marker" "$root/bin/eredis" "${sni[*]:+${sni[0]} '${sni[1]}' }" >"$tmp"
chmod 755 "$tmp"
mv -f "$tmp" "$shim"

log=$(mktemp "${TMPDIR:-/tmp}/redis-cli-suite-XXXXXX.log")
note "running tests/integration/redis-cli.tcl with $root/bin/eredis as src/redis-cli (log: $log)"
(cd "$src" && ./runtest --single integration/redis-cli --clients 1 --timeout 600 "${args[@]}") >"$log" 2>&1
status=$?

# The per-test lines, without colours: [ok]: name (time), [err]: name in file, [exception]: ...
sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^\[(ok|err|exception|skip)\]:|^\[TIMEOUT\]' | sed 's/ ([0-9]* ms)$//'
passed=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -c '^\[ok\]:')
failed=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -cE '^\[(err|exception)\]:|^\[TIMEOUT\]')
echo "redis-cli.tcl with eredis: $passed passed, $failed failed (runtest exit $status)"
if ((failed > 0 || status != 0)); then
  sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -A12 -E '^\[(err|exception)\]:' | head -60
  exit 1
fi
rm -f "$log"
