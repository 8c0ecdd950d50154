import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver
from django.utils import translation

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# What Django otherwise loads on the first request of each process: the URLconf with every view module it imports,
# and the interface's catalogue. gunicorn loads this module in its master (config/gunicorn.py), so every worker it
# forks starts with them. Nothing here opens a database connection, which the workers must not share.
get_resolver().url_patterns  # noqa: B018
with translation.override("vi"):
    pass
