#!/usr/bin/env bash
# The service, store and CQC sync tests again, on a PostgreSQL server (what a team shares). Installs and starts a local
# server where this is a Debian machine we are root on; elsewhere it says why it did not run.
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
cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
# shellcheck disable=SC2086
pg_ctlcluster $cluster start 2>/dev/null || true
port=$(pg_lsclusters --no-header | awk 'NR==1 {print $3}')
su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_roles WHERE rolname='candour'\" | grep -q 1 \
    || psql -q -p $port -c \"CREATE ROLE candour LOGIN PASSWORD 'candour' CREATEDB\""
su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_database WHERE datname='candour_test'\" | grep -q 1 \
    || createdb -p $port -O candour candour_test"
.venv/bin/python -m pip install -q --disable-pip-version-check "psycopg[binary]>=3.1"
echo "Service and store tests on PostgreSQL (port $port):"
CANDOUR_TEST_DATABASE_URL="postgresql+psycopg://candour:candour@localhost:$port/candour_test" \
    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q tests/core/services tests/core/cqc \
    -k "not backup and not sqlite_file"  # backups and the file itself are SQLite's; a server has its own tools
