#!/usr/bin/env bash
# Sets up and runs every test of Miz on a debug build: unit, bus and broker tests, storage
# tests (on SQLite and on PostgreSQL: deploy/postgres-test-cluster.sh starts a throwaway
# cluster unless MIZ_TEST_DATABASE_URL names one, and fails the run when it cannot), system
# tests that start the real executables, the browser tests, and the checks of the deployment
# files (compose file, Kubernetes manifests), and the short form of the faults under load
# (deploy/faults: a desk under Locust loses workers, the notifier and the broker to SIGKILL;
# nothing acknowledged may be lost, no SMS sent twice). Benchmarks and the load test itself
# are not run here (see deploy/BENCHMARKS.md and deploy/load/).
set -euo pipefail
cd "$(dirname "$0")/.."
MIZ_WITH_BROWSER_TESTS="${MIZ_WITH_BROWSER_TESTS:-1}" MIZ_WITH_DEPLOY_TESTS=1 bash deploy/setup.sh
echo "miz: building with tests (debug)"
swift build --build-tests
# Three runs in one PostgreSQL cluster. Swift Testing runs a synchronous test on the
# cooperative thread pool, which has one thread per core: the broker and socket tests block
# in zmq_poll, and the system tests wait on real processes, so on 2 cores they would stall
# every other test's timers. The library and service tests run first, then the blocking
# socket tests, then the system tests.
echo "miz: running the Swift tests (storage tests on SQLite and on a throwaway PostgreSQL cluster)"
bash deploy/postgres-test-cluster.sh bash -c '
    set -e
    swift test --skip-build --skip SystemTests --skip BrokerTests --skip ZeroMQTests
    echo "miz: running the broker and socket tests"
    swift test --skip-build --filter BrokerTests --filter ZeroMQTests
    echo "miz: running the system tests (real executables)"
    swift test --skip-build --filter SystemTests'
echo "miz: faults under load, short form (a real desk under Locust; SIGKILL of workers, notifier, broker)"
MIZ_BIN="$(swift build --show-bin-path)" bash deploy/faults/run.sh --short
echo "miz: running the browser tests (headless chromium, phone and desk widths, axe)"
MIZ_BIN="$(swift build --show-bin-path)" python3 -m pytest -q -p no:cacheprovider Tests/browser
echo "miz: checking the deployment files (compose, kustomize + kubernetes-validate)"
python3 -m pytest -q -p no:cacheprovider Tests/deploy
