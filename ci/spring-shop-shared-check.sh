#!/usr/bin/env bash
# Runs the Spring example suite the naive way (every worker on one database, keyspace and Redis db:
# -Dtestlanes.isolation=shared, 4 workers; then every class shares one cached application context,
# as a Spring suite does without lanes) and checks that it FAILS, through interference between
# workers: assertion failures on counts and fixed ids, not a context that did not start.
# Exits 0 when that is what happened. Extra arguments go to Maven (e.g. -Dboot3).
#
#   bash ci/spring-shop-shared-check.sh [-Dboot3]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
module=examples/spring-shop
reports=$module/target/surefire-reports
rm -rf "$reports"
mkdir -p $module/target
set +e
mvn -B -q -pl $module test -Pexamples -Dtestlanes.workers=4 -Dtestlanes.isolation=shared \
  -Dmaven.test.failure.ignore=true "$@" > $module/target/shared-check.log 2>&1
code=$?
set -e
if [ "$code" != 0 ]; then
  echo "the shared-mode run did not complete (mvn exit $code); see $module/target/shared-check.log" >&2
  tail -30 $module/target/shared-check.log >&2
  exit 1
fi
python3 - "$reports" <<'PY'
import glob, re, sys, xml.etree.ElementTree as ET
tests = failed = 0
interference = []  # assertions that saw other workers' rows, events or keys
startup = []       # failures that are not interference
for f in glob.glob(sys.argv[1] + "/TEST-*.xml"):
    for case in ET.parse(f).getroot().iter("testcase"):
        tests += 1
        for kind in ("failure", "error"):
            for el in case.findall(kind):
                failed += 1
                msg = (el.get("message") or "") + " " + (el.text or "")[:3000]
                name = case.get("classname", "") + "." + case.get("name", "")
                if "Failed to load ApplicationContext" in msg or "service host" in msg:
                    startup.append(name)
                elif re.search(r"[Ee]xpect|duplicate key|out of stock", msg):
                    interference.append(name)
print(f"spring shop, shared mode, 4 workers: {failed} of {tests} tests failed; "
      f"{len(interference)} of them through interference")
for n in sorted(set(interference))[:10]:
    print("  interference:", n)
if tests < 30:
    sys.exit(f"only {tests} tests ran: the suite did not run")
if startup:
    sys.exit(f"failures that are not interference (contexts, services): {startup[:5]}")
if failed == 0 or not interference:
    sys.exit("shared mode did not fail through interference: lanes would prove nothing")
PY
