#!/usr/bin/env bash
# Runs a command (e.g. `vitest run`) with a private, unlocked Secret Service so keychain tests never touch a real keyring.
#
#   bash scripts/with-keyring.sh npx vitest run test/e2e/keychain.test.ts
#
# Stage 1 makes a temp dir and starts a private D-Bus session bus (dbus-run-session) whose HOME and XDG dirs point
# into it; stage 2, inside that session, starts gnome-keyring-daemon with a fresh `login` keyring unlocked by a
# throwaway password, checks it with a store/lookup round trip, sets EREDIS_TEST_KEYRING=1 and runs the command
# with the caller's own HOME/XDG settings back in place. If that cannot be done, the command still runs without
# EREDIS_TEST_KEYRING, so the keychain tests skip with a reason (or fail under KEYCHAIN_REQUIRED=1).
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if (($# == 0)); then
  echo "usage: scripts/with-keyring.sh COMMAND [ARGS...]" >&2
  exit 2
fi

# Nested call inside an isolated session already: nothing to set up.
if [[ -n "${EREDIS_TEST_KEYRING:-}" ]]; then exec "$@"; fi

note() { echo "with-keyring: $*" >&2; }

# A store/lookup/delete round trip in the default collection: with secret-tool (libsecret-tools) when installed,
# otherwise through the repository's own @napi-rs/keyring.
probe() {
  if command -v secret-tool >/dev/null 2>&1; then
    printf 'probe' | secret-tool store --label='eredis test probe' eredis-probe 1 &&
      [[ "$(secret-tool lookup eredis-probe 1)" == probe ]] && secret-tool clear eredis-probe 1
  else
    node --input-type=module -e "
      import { createRequire } from 'node:module';
      const { Entry } = createRequire('$root/package.json')('@napi-rs/keyring');
      const e = new Entry('eredis-probe', 'probe', { linux: { store: 'secret-service' } });
      e.setPassword('probe');
      if (e.getPassword() !== 'probe' || !e.deleteCredential()) process.exit(1);"
  fi
}

if [[ "${EREDIS_KEYRING_STAGE:-}" == inner ]]; then
  tmp=$EREDIS_KEYRING_TMP
  unset EREDIS_KEYRING_STAGE EREDIS_KEYRING_TMP
  # The daemon reads the keyring password on stdin; it only protects this throwaway keyring.
  printf 'eredis-test-keyring' | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null 2>>"$tmp/daemon.log"
  ok=
  for _ in $(seq 50); do
    if probe 2>>"$tmp/daemon.log"; then
      ok=1
      break
    fi
    sleep 0.1
  done
  # Give the command the caller's environment back; only the session bus (and so the keyring) is private.
  for name in HOME XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR; do
    saved="EREDIS_KEYRING_SAVED_$name"
    if [[ -n "${!saved+set}" ]]; then export "$name=${!saved}"; else unset "$name"; fi
    unset "$saved"
  done
  if [[ -n "$ok" ]]; then
    export EREDIS_TEST_KEYRING=1
  else
    note "the private Secret Service did not come up; keychain tests will be skipped. Daemon log:"
    tail -n 20 "$tmp/daemon.log" >&2
  fi
  "$@"
  exit $?
fi

for tool in dbus-run-session dbus-daemon gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    note "$tool not found (apt-get install dbus dbus-daemon gnome-keyring); keychain tests will be skipped"
    exec "$@"
  fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/eredis-keyring-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home" "$tmp/data" "$tmp/config" "$tmp/cache" "$tmp/run"
chmod 700 "$tmp/run"
# dbus-daemon and the services it activates (gnome-keyring, gcr-prompter) log to a file, not into the test output.
printf '#!/bin/sh\nexec dbus-daemon "$@" 2>>"%s/daemon.log"\n' "$tmp" >"$tmp/dbus-daemon"
chmod +x "$tmp/dbus-daemon"

saved=()
for name in HOME XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR; do
  if [[ -n "${!name+set}" ]]; then saved+=("EREDIS_KEYRING_SAVED_$name=${!name}"); fi
done

env "${saved[@]}" EREDIS_KEYRING_STAGE=inner EREDIS_KEYRING_TMP="$tmp" \
  HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/run" \
  dbus-run-session --dbus-daemon="$tmp/dbus-daemon" -- bash "${BASH_SOURCE[0]}" "$@"
exit $?
