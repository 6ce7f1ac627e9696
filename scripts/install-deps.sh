#!/bin/sh
# Installs depeche's build and test dependencies from Debian packages.
# Idempotent: packages already present are not fetched again. Runs as root or through sudo.
set -eu
PACKAGES="build-essential cmake pkg-config libxapian-dev xapian-tools libicu-dev libcli11-dev \
libgtest-dev nlohmann-json3-dev zlib1g-dev liblz4-dev libzstd-dev libxml2-dev libjemalloc-dev python3 python3-xapian dpkg-dev man-db jq curl clang libclang-rt-14-dev \
lintian systemd zsh fish"

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
echo "install-deps: installing$missing" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
