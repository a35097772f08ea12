#!/bin/bash
# Mutation testing (pitest) of the parsers and formats: the command line (cli), the ctl fifo (ctl),
# the log drivers (log) and the attach framing, against the unit and property tests.
# Usage: scripts/mutation.sh    (about 10 minutes on 2 cores)
# Prints the mutation score per package; the report is target/pit-reports/index.html.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
ensure_packages || exit 1
cd "$CONMONJ_ROOT" || exit 1
mkdir -p target
mvn -B -q -Pmutation test-compile org.pitest:pitest-maven:mutationCoverage > target/mutation.log 2>&1 || {
    tail -40 target/mutation.log >&2
    exit 1
}
# one <mutation> element per line: its status and the class it mutated
grep -o "status='[A-Z_]*'.*<mutatedClass>[^<]*" target/pit-reports/mutations.xml \
    | sed -E "s/status='([A-Z_]*)'.*<mutatedClass>(.*)\.[^.]*$/\1 \2/" \
    | awk '{ total[$2]++; if ($1 == "KILLED" || $1 == "TIMED_OUT" || $1 == "MEMORY_ERROR") killed[$2]++;
             if ($1 != "NO_COVERAGE") covered[$2]++ }
           END { for (p in total) printf "%-22s %8d %8d %6.0f%% %8.0f%%\n", p, total[p], killed[p],
                     100 * killed[p] / total[p], covered[p] ? 100 * killed[p] / covered[p] : 0 }' \
    | sort | { printf "%-22s %8s %8s %7s %9s\n" package mutants killed score strength; cat; }
echo "(score: killed / all mutants; strength: killed / mutants the tests reach)"
echo "report: target/pit-reports/index.html"
