#!/usr/bin/env bash
# Builds a redis-cli whose --keystats is redis 7.4's, for the --keystats comparisons (Debian 12 packages redis 7.0,
# which has no --keystats), puts it at DEST/redis-cli and prints that path. The source is Debian 13's redis 8.0
# (fetched with a private source list: the system's apt set-up is not touched); its key-space code is checked to be
# byte-identical to 7.4.1's before building, so the binary prints what 7.4 prints. A DEST that has one is kept.
#
#   scripts/redis-cli-keystats.sh DEST
set -euo pipefail

dest=${1:?usage: scripts/redis-cli-keystats.sh DEST}
if [[ -x "$dest/redis-cli" ]]; then
  echo "$dest/redis-cli"
  exit 0
fi
for tool in apt-get curl make cc sha256sum; do
  command -v "$tool" >/dev/null || { echo "redis-cli-keystats: $tool is needed" >&2; exit 1; }
done

# sha256 of redis 7.4.1's key-type sampling (typeinfo_add .. getKeySizes) and its whole Keystats section.
readonly KEYSTATS_74_SHA256=c5d4661d9145fd6057cc0ba4f3b6871cd70dd89fce16bac92fc465eee574746d
keystats_code() {
  awk '/^static typeinfo\* typeinfo_add/{on=1} /^static void longStatLoopModeStop/{on=0} on' "$1"
  awk '/^ \* Keystats$/{on=1} on{print} on && /^static void keyStats\(/{k=1} k && /^}/{exit}' "$1"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/private-apt.sh"
private_apt "$work" <<<'deb-src http://deb.debian.org/debian trixie main'
# One line per file: 'URL' NAME SIZE SHA256:HEX; only the upstream tarball is needed.
line=$(cd "$work" && apt-get "${apt_opts[@]}" source --print-uris redis | grep -m1 "\.orig\.tar\.[a-z0-9]*' ") \
  || { echo "redis-cli-keystats: apt lists no redis source tarball for trixie" >&2; exit 1; }
read -r url name _ hash <<<"$line"
url=${url//\'/}
curl -fsS -o "$work/$name" "$url"
echo "${hash#SHA256:}  $work/$name" | sha256sum -c --quiet - >&2

mkdir "$work/src"
tar -xf "$work/$name" -C "$work/src" --strip-components=1
actual=$(keystats_code "$work/src/src/redis-cli.c" | sha256sum | cut -d' ' -f1)
if [[ "$actual" != "$KEYSTATS_74_SHA256" ]]; then
  echo "redis-cli-keystats: $name's --keystats code differs from redis 7.4.1's" >&2
  exit 1
fi
make -C "$work/src/src" -j2 MALLOC=libc BUILD_TLS=no redis-cli >"$work/build.log" 2>&1 || { tail -20 "$work/build.log" >&2; exit 1; }
mkdir -p "$dest"
cp "$work/src/src/redis-cli" "$dest/redis-cli.partial"
mv "$dest/redis-cli.partial" "$dest/redis-cli"
echo "$dest/redis-cli"
