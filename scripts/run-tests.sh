#!/bin/bash
# Runs every test: unit tests, then integration tests that run real runc containers under the
# built target/conmonj. Installs what it needs first.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_packages
ensure_rootfs > /dev/null
cd "$CONMONJ_ROOT"
mvn -B verify "$@"
