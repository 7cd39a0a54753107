#!/bin/sh
# Runs each cmocka unit-test binary given as an argument and fails if any
# of them fails. The real logs folder is passed on in LOGTOOL_REAL_DIR.
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${LOGTOOL_REAL_DIR:=$here/../../shared/data/real}"
export LOGTOOL_REAL_DIR
status=0
for bin in "$@"; do
	"$bin" || status=1
done
exit $status
