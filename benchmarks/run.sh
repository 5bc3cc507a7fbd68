#!/usr/bin/env bash
# Runs every benchmark of testlanes on this machine and writes benchmarks/results/<date>.md, .json
# and .svg: the whole-suite scenarios of the example suite (before → after, each change pair by
# pair, Docker, the usual Surefire-forks alternative) and the JMH component benchmarks.
#
#   benchmarks/run.sh                       everything (about 15-20 minutes on 2 cores)
#   benchmarks/run.sh --no-docker --no-jmh  embedded scenarios only
#   benchmarks/run.sh --spring-only         only the Spring scenarios (the Spring example with lanes
#                                           at 1 and 4 workers, and with Testcontainers singletons)
#   benchmarks/run.sh --workers-only --workers 4 --runs 3
#                                           the example suite at 1 worker and at 4, three runs each,
#                                           against the machine's limit (<date>-workers.md)
#   options: --before-classes K (scenario 1 runs K classes and scales; 0 = all), --workers 2,3,4,6,
#            --runs N (each scenario N times, alternated round by round; the median reported),
#            --disk DIR (where "on disk" data goes, default /var/tmp), --out DIR, --no-spring
#
# The Docker scenarios (and the Spring scenario with Testcontainers) need a Docker engine and the
# images testlanes/postgres:15, testlanes/redis:7 and testlanes/cassandra:5.0
# (ci/images/build-all.sh builds them; other names with -Dbench.postgresImage=... in BENCH_JAVA_OPTS).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
spring=yes
docker=yes
for arg in "$@"; do
  case $arg in
    --no-spring|--workers-only) spring= ;;
    --no-docker) docker= ;;
  esac
done
# BENCH_INSTALLED=1: build only these modules, against the testlanes modules installed in ~/.m2.
also=-am
[ -n "${BENCH_INSTALLED:-}" ] && also=
mvn -q -B -pl benchmarks $also package -DskipTests ${BENCH_MAVEN_OPTS:-}
if [ -n "$spring" ]; then
  # The Spring example, built twice: with lanes (target/) and the usual Spring way with
  # Testcontainers (target/testcontainers/); the Spring scenarios run both from there.
  mvn -q -B -pl examples/spring-shop $also package -DskipTests ${BENCH_MAVEN_OPTS:-}
  if [ -n "$docker" ]; then
    mvn -q -B -pl examples/spring-shop package -DskipTests -Dtestcontainers ${BENCH_MAVEN_OPTS:-}
  fi
fi
jar="$(ls benchmarks/target/testlanes-benchmarks-*.jar | grep -v -e sources -e javadoc -e tests | head -n 1)"
# A copy, so that rebuilding the module while the benchmarks run does not change their classes.
stage="$(mktemp -d /tmp/testlanes-benchmarks.XXXXXX)"
trap 'rm -rf "$stage"' EXIT
cp "$jar" "$stage/benchmarks.jar"
export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost
java -Xmx512m ${BENCH_JAVA_OPTS:-} -cp "$stage/benchmarks.jar:$(cat benchmarks/target/classpath.txt)" \
  io.testlanes.benchmarks.BenchmarkMain "$@"
