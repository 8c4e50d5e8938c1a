#!/usr/bin/env bash
# Starts (idempotently) what `npm test` needs on this machine: PostgreSQL on 127.0.0.1:5432
# with trust auth for `postgres`, one role that must give its password (for the health
# check's wrong-password test), and Redis on 127.0.0.1:6379. Run as root; .ci/run calls it.
set -euo pipefail

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

# phoenix_password_check always authenticates by password, whatever else the server trusts.
hba=$(psql -h 127.0.0.1 -U postgres -tAc 'SHOW hba_file')
if ! grep -q '^host all phoenix_password_check ' "$hba"; then
  sed -i '1i host all phoenix_password_check 127.0.0.1/32 scram-sha-256' "$hba"
  psql -h 127.0.0.1 -U postgres -tAc 'SELECT pg_reload_conf()' >/dev/null
fi
psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'phoenix_password_check') THEN
    CREATE ROLE phoenix_password_check LOGIN;
  END IF;
END $$;
ALTER ROLE phoenix_password_check PASSWORD 'right-password';
SQL

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done
fi
