#!/bin/bash
# Differential fuzzing of the command line: conmonj and /usr/bin/conmon (the oracle) on CASES random
# command lines from SEED (CommandLineDifferentialIT; CI runs 200 cases of seed 14).
# Usage: scripts/fuzz-cli.sh [cases] [seed]    defaults: 2000 cases, a seed from the clock
# Prints the summary; every difference is in target/fuzz-cli/seed-SEED.txt, and one case is re-run
# alone with: mvn verify -Dit.test=CommandLineDifferentialIT -Dfuzz.seed=SEED -Dfuzz.only=INDEX
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cases=${1:-2000}
seed=${2:-$(date +%s)}
ensure_packages || exit 1
cd "$CONMONJ_ROOT" || exit 1
mkdir -p target/fuzz-cli
echo "fuzzing $cases command lines, seed $seed (about $((cases / 2 / 60 + 1)) min)" >&2
mvn -B -q -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=CommandLineDifferentialIT \
    -Dfuzz.cases="$cases" -Dfuzz.seed="$seed" verify > target/fuzz-cli/mvn.log 2>&1
status=$?
report=target/fuzz-cli/seed-$seed.txt
if [ -f "$report" ]; then
    head -1 "$report"
    [ $status -eq 0 ] || echo "differences: $report" >&2
else
    tail -40 target/fuzz-cli/mvn.log >&2
fi
exit $status
