"""Production WSGI entry point: beacons are answered before Django's routing and middleware.

``gunicorn toasoan.analytics.wsgi:application`` serves the whole site; only ``POST /_v`` is taken here.
With ``TOASOAN_WARM_START`` (production), each worker renders a few reader pages before its first request
(:mod:`toasoan.ops.warmup`): gunicorn imports this module in every worker it starts.
"""

from __future__ import annotations

# isort: off
from toasoan.wsgi import application as django_application  # sets Django up first
from toasoan.analytics.beacon import BEACON_PATH, wsgi_beacon
# isort: on
from django.conf import settings


def application(environ, start_response):
    if environ.get("PATH_INFO") == BEACON_PATH:
        return wsgi_beacon(environ, start_response)
    return django_application(environ, start_response)


if getattr(settings, "TOASOAN_WARM_START", False):
    from toasoan.ops.warmup import warm

    warm(application)
