#!/bin/sh
# `kttt` for the administrator of a server (docs/deployment.md): the release in use (/opt/kttt/current), run as
# the service's user with the service's settings (/etc/kttt/kttt.env), e.g. `sudo kttt migrate`.
#   install -m 755 deploy/kttt.sh /usr/local/bin/kttt
set -eu
set -a
. /etc/kttt/kttt.env
# Commands that change the schema or reset sequences run as the PostgreSQL role that owns the tables, whose
# DATABASE_URL is kept apart in migrate.env (root only), when there is one.
case "${1:-}" in
  migrate | loaddata | flush) if [ -r /etc/kttt/migrate.env ]; then . /etc/kttt/migrate.env; fi ;;
esac
set +a
cd /var/lib/kttt
exec runuser -u kttt -- /opt/kttt/current/.venv/bin/kttt "$@"
