#!/bin/bash
# Runs every test: unit tests, then integration tests that run real runc containers under the
# built target/conmonj, and the podman end-to-end scenarios with conmonj and with /usr/bin/conmon
# as the control. Installs what it needs first; prints the scenario table (target/e2e/report.md).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_packages
ensure_rootfs > /dev/null
cd "$CONMONJ_ROOT"
rm -rf target/e2e
status=0
mvn -B verify "$@" || status=$?
if [ -f target/e2e/report.md ]; then
    echo "podman end-to-end scenarios (target/e2e/report.md):"
    cat target/e2e/report.md
fi
exit $status
