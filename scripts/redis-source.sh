#!/usr/bin/env bash
# Puts the source tree of the installed redis (Debian's redis package, 7.0.15) in DEST, for scripts/redis-cli-suite.sh,
# and prints DEST. It asks apt for the source package with a private source list (the system's apt set-up is not
# touched, no root needed) and unpacks the upstream tarball; a DEST that already has the suite is kept as it is.
#
#   scripts/redis-source.sh DEST
set -euo pipefail

dest=${1:?usage: scripts/redis-source.sh DEST}
if [[ -f "$dest/tests/integration/redis-cli.tcl" ]]; then
  echo "$dest"
  exit 0
fi
command -v apt-get >/dev/null || { echo "redis-source: apt-get is needed to fetch Debian's redis source" >&2; exit 1; }
version=$(dpkg-query -W -f='${Version}' redis-server 2>/dev/null || true)
[[ -n "$version" ]] || { echo "redis-source: the redis-server package is not installed" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
source "$(dirname "$0")/private-apt.sh"
private_apt "$work" <<EOF
deb-src http://deb.debian.org/debian $codename main
deb-src http://deb.debian.org/debian $codename-updates main
deb-src http://deb.debian.org/debian-security $codename-security main
EOF
(cd "$work" && apt-get "${apt_opts[@]}" source --download-only "redis=$version" >&2)

orig=$(ls "$work"/redis_*.orig.tar.gz | head -1)
mkdir -p "$dest.partial"
tar -xzf "$orig" -C "$dest.partial" --strip-components=1
rm -rf "$dest"
mv "$dest.partial" "$dest"
echo "$dest"
