#!/usr/bin/env bash
# Every test that touches data (services, store, CQC sync, CLI, desktop, reliability) again on a PostgreSQL
# server (what a team shares), plus the team-mode tests (several logins, roles and row-level security).
# Installs and starts a local server where this is a Debian machine we are root on; elsewhere it says why it
# did not run. Tests about the SQLite file itself skip on the server, saying why.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    echo "PostgreSQL tests not run: they need root and apt-get to install a local server."
    exit 0
fi
if ! command -v pg_ctlcluster >/dev/null; then
    apt-get update -qq >/dev/null 2>&1 || true
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null 2>&1; then
        echo "PostgreSQL tests not run: apt-get could not install postgresql on this machine."
        exit 0
    fi
fi
if [[ -z $(pg_lsclusters --no-header) ]]; then  # installed without a cluster (e.g. in a container image)
    pg_createcluster "$(ls /usr/lib/postgresql | sort -n | tail -1)" main >/dev/null
fi
cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
# shellcheck disable=SC2086
pg_ctlcluster $cluster start 2>/dev/null || true
port=$(pg_lsclusters --no-header | awk 'NR==1 {print $3}')
for _ in $(seq 30); do su postgres -c "pg_isready -q -p $port" && break; sleep 1; done
# The test login administers its own database: team mode's tests create logins and give them roles.
su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_roles WHERE rolname='candour'\" | grep -q 1 \
    || psql -q -p $port -c \"CREATE ROLE candour LOGIN PASSWORD 'candour' CREATEDB\""
su postgres -c "psql -q -p $port -c \"ALTER ROLE candour CREATEROLE\""
su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_database WHERE datname='candour_test'\" | grep -q 1 \
    || createdb -p $port -O candour candour_test"
.venv/bin/python -m pip install -q --disable-pip-version-check -c requirements.lock -e ".[postgres]"
echo "Every test that touches data, again on PostgreSQL (port $port):"
CANDOUR_TEST_DATABASE_URL="postgresql+psycopg://candour:candour@localhost:$port/candour_test" \
    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q -p no:cacheprovider \
    tests/core/services tests/core/store tests/core/cqc tests/core/cli tests/core/team tests/reliability tests/desktop
