#!/usr/bin/env bash
# Runs the example suite the naive way (every worker on one database, keyspace and Redis db:
# -Dtestlanes.isolation=shared, 4 workers) and checks that it FAILS, and fails through
# interference between workers: assertion failures in the Cassandra timeline tests (the seed's
# failure), not a crash or a service that did not start. Exits 0 when that is what happened.
#
#   bash ci/examples-shared-check.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
reports=examples/target/surefire-reports
rm -rf "$reports"
mkdir -p examples/target
set +e
mvn -B -q -pl examples test -Pexamples -Dtestlanes.workers=4 -Dtestlanes.isolation=shared \
  -Dmaven.test.failure.ignore=true > examples/target/shared-check.log 2>&1
code=$?
set -e
if [ "$code" != 0 ]; then
  echo "the shared-mode run did not complete (mvn exit $code); see examples/target/shared-check.log" >&2
  tail -30 examples/target/shared-check.log >&2
  exit 1
fi
python3 - "$reports" <<'PY'
import glob, re, sys, xml.etree.ElementTree as ET
tests = failed = 0
timeline = []      # Cassandra timeline tests that saw other workers' events
startup = []       # failures that are not interference
for f in glob.glob(sys.argv[1] + "/TEST-*.xml"):
    for case in ET.parse(f).getroot().iter("testcase"):
        tests += 1
        for kind in ("failure", "error"):
            for el in case.findall(kind):
                failed += 1
                msg = (el.get("message") or "") + " " + (el.text or "")[:2000]
                name = case.get("classname", "") + "." + case.get("name", "")
                if "failed to start" in msg or "service host" in msg:
                    startup.append(name)
                if ".timeline." in name and re.search(r"[Ee]xpect", msg):
                    timeline.append(name)
print(f"shared mode, 4 workers: {failed} of {tests} tests failed; "
      f"{len(timeline)} of them Cassandra timeline assertions")
for n in sorted(set(timeline))[:10]:
    print("  interference:", n)
if tests < 100:
    sys.exit(f"only {tests} tests ran: the suite did not run")
if startup:
    sys.exit(f"failures that are not interference (services): {startup[:5]}")
if failed == 0 or not timeline:
    sys.exit("shared mode did not fail through interference: lanes would prove nothing")
PY
