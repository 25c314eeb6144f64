#!/usr/bin/env bash
# Starts this machine's PostgreSQL 15 for the integration suite's second run and prints the
# TEST_DATABASE_URL to export. Installs `postgresql` from Debian if it is missing.
# Usage (from .ci/run):  eval "$(bash scripts/ci-services.sh)"
# Local only: sets the `postgres` role's password to a fixed test value and uses TCP on
# 127.0.0.1 (Debian's default pg_hba: peer on the socket, scram on localhost).
set -euo pipefail

log() { echo "ci-services: $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
	log "installing postgresql"
	apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
if ! pg_lsclusters -h | grep -q "^${version} main"; then
	pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters -h | grep -q "^${version} main .* online"; then
	log "starting PostgreSQL ${version}"
	pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2
fi

port="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')"
password="${SEEKH_TEST_PG_PASSWORD:-seekh-test-only}"
for _ in $(seq 1 30); do
	if su postgres -c "psql -qAt -p ${port} -c 'select 1'" >/dev/null 2>&1; then break; fi
	sleep 0.5
done
su postgres -c "psql -q -p ${port} -c \"alter role postgres password '${password}'\"" >&2
su postgres -c "psql -qAt -p ${port} -c \"select 1 from pg_database where datname = 'seekh_test'\"" | grep -q 1 ||
	su postgres -c "createdb -p ${port} seekh_test" >&2

echo "export TEST_DATABASE_URL='postgres://postgres:${password}@127.0.0.1:${port}/seekh_test'"
