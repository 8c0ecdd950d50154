"""gunicorn's settings for KTTT in production (docs/deployment.md, deploy/kttt.service):

    gunicorn --config python:config.gunicorn

Read from the same environment as the application: KTTT_BIND, KTTT_WORKERS, KTTT_TIMEOUT.
"""

import os

wsgi_app = "config.wsgi:application"
proc_name = "kttt"

# Behind nginx on the same machine (deploy/nginx-kttt.conf); several addresses may be separated by commas.
bind = [address.strip() for address in os.environ.get("KTTT_BIND", "127.0.0.1:8001").split(",") if address.strip()]
# Synchronous workers, one request at a time each. 2 × cores + 1 is gunicorn's advice for requests that wait on
# the database as much as they compute; every worker holds its own copy of the application (~150 MB).
workers = int(os.environ.get("KTTT_WORKERS") or 2 * len(os.sched_getaffinity(0)) + 1)
# A worker silent this long is killed and its request answered 502. Reports (charts, PDF) and imports run inside
# the request: an import at the limit (KTTT_IMPORT_MAX_ROWS, 500,000 rows) takes about 150 s at the pace
# bench/import.py holds it to, so gunicorn's 30 s would cut it off. nginx waits a little longer.
timeout = int(os.environ.get("KTTT_TIMEOUT", 300))
# On a restart requests in progress get this long to finish; an import cut short is rolled back whole.
graceful_timeout = 60
# The application is loaded once, in the master, before the workers are forked (config/wsgi.py also loads the
# URLconf and the interface's catalogue there). A worker that starts, or is replaced, answers at once: loaded by
# each worker instead, five replaced together stalled every request for 2–4 s under load (bench/load.py).
# Code and kttt.env are therefore read at start only: a new release or setting needs a restart.
preload_app = True
# Workers are replaced now and then, so the memory a large import or report took is given back; the jitter keeps
# them from being replaced all at once.
max_requests = 1000
max_requests_jitter = 500
keepalive = 5

# Both logs go to stdout/stderr, which systemd's journal keeps (journalctl -u kttt). The access log names the
# visitor's address as nginx passes it (X-Real-IP; "-" for a request that did not come through nginx) and
# the time taken in milliseconds.
accesslog = "-"
errorlog = "-"
access_log_format = '%({x-real-ip}i)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'

# gunicorn ≥ 25 opens a control socket in the service user's home for gunicornc; systemctl does that work here
# (reload, restart), and two servers on one machine would fight over the same socket.
control_socket_disable = True
