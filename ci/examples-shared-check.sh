#!/usr/bin/env bash
# Runs an example suite the naive way (every worker on one database, keyspace and Redis db:
# -Dtestlanes.isolation=shared, 4 workers) and checks that it FAILS, and fails through
# interference between workers: assertion failures that saw other workers' rows, events or keys,
# not a crash, a service that did not start or a Spring context that did not load. Exits 0 when
# that is what happened. Arguments after the module go to Maven (e.g. -Dboot3).
#
#   bash ci/examples-shared-check.sh                                  the example suite
#   bash ci/examples-shared-check.sh examples/spring-shop [-Dboot3]   the Spring example
#
# What counts as interference, per module:
#   examples              the seed's failure: Cassandra timeline tests that saw others' events;
#   examples/spring-shop  every class shares one cached application context, as a Spring suite
#                         does without lanes: counts, fixed ids and stock that others changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
module=examples
if [[ $# -gt 0 && $1 != -* ]]; then
  module=$1
  shift
fi
case $module in
  examples)
    min_tests=100
    tests_re='\.timeline\.'
    message_re='[Ee]xpect'
    startup_re='failed to start|service host'
    ;;
  examples/spring-shop)
    min_tests=30
    tests_re='.'
    message_re='[Ee]xpect|duplicate key|out of stock'
    startup_re='Failed to load ApplicationContext|service host'
    ;;
  *)
    echo "unknown module '$module'; expected examples or examples/spring-shop" >&2
    exit 2
    ;;
esac
reports=$module/target/surefire-reports
rm -rf "$reports"
mkdir -p "$module/target"
set +e
mvn -B -q -pl "$module" test -Pexamples -Dtestlanes.workers=4 -Dtestlanes.isolation=shared \
  -Dmaven.test.failure.ignore=true "$@" > "$module/target/shared-check.log" 2>&1
code=$?
set -e
if [ "$code" != 0 ]; then
  echo "the shared-mode run did not complete (mvn exit $code); see $module/target/shared-check.log" >&2
  tail -30 "$module/target/shared-check.log" >&2
  exit 1
fi
python3 - "$reports" "$module" "$min_tests" "$tests_re" "$message_re" "$startup_re" <<'PY'
import glob, re, sys, xml.etree.ElementTree as ET
reports, module, min_tests, tests_re, message_re, startup_re = sys.argv[1:]
tests = failed = 0
interference = []  # assertions that saw other workers' rows, events or keys
startup = []       # failures that are not interference
for f in glob.glob(reports + "/TEST-*.xml"):
    for case in ET.parse(f).getroot().iter("testcase"):
        tests += 1
        for kind in ("failure", "error"):
            for el in case.findall(kind):
                failed += 1
                msg = (el.get("message") or "") + " " + (el.text or "")[:3000]
                name = case.get("classname", "") + "." + case.get("name", "")
                if re.search(startup_re, msg):
                    startup.append(name)
                elif re.search(tests_re, name) and re.search(message_re, msg):
                    interference.append(name)
print(f"{module}, shared mode, 4 workers: {failed} of {tests} tests failed; "
      f"{len(interference)} of them through interference")
for n in sorted(set(interference))[:10]:
    print("  interference:", n)
if tests < int(min_tests):
    sys.exit(f"only {tests} tests ran: the suite did not run")
if startup:
    sys.exit(f"failures that are not interference (services, contexts): {startup[:5]}")
if failed == 0 or not interference:
    sys.exit("shared mode did not fail through interference: lanes would prove nothing")
PY
