#!/bin/sh
# Installs the Debian packages that logtool builds and tests with, but only
# those that are missing, so a machine that has them all starts nothing.
#
#   install-deps.sh DEV-PACKAGE... -- TOOL-PACKAGE...
#
# A package counts as present when dpkg lists it as installed. apt-get runs
# through sudo when the caller is not root.
set -eu

missing=""
for pkg in "$@"; do
	[ "$pkg" = "--" ] && continue
	if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null |
	    grep -q 'install ok installed'; then
		missing="$missing $pkg"
	fi
done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
	echo "logtool: missing packages:$missing; install them and run again" >&2
	exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086 # the list is meant to split into words
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
