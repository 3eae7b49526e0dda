"""The web server's request log without the flood of static files and images (``toasoan serve``).

A reader page pulls a dozen images, scripts and style sheets; logging each drowned ``make demo``'s console.
Requests for ``STATIC_URL`` and ``MEDIA_URL`` (uploads and image renditions) are left out of the access log;
pages, the admin and errors are still logged. ``toasoan serve --log-static`` keeps every line.
"""

from __future__ import annotations

from gunicorn.glogging import Logger


def quiet_prefixes() -> tuple[str, ...]:
    from django.conf import settings

    return tuple(prefix for prefix in (settings.STATIC_URL, settings.MEDIA_URL, "/favicon.ico") if prefix)


class QuietStaticLogger(Logger):
    """Gunicorn's logger, minus access lines for successful static and media requests."""

    def access(self, resp, req, environ, request_time):
        path = environ.get("PATH_INFO", "")
        status = getattr(resp, "status_code", None) or int(str(getattr(resp, "status", "200")).split()[0])
        if path.startswith(quiet_prefixes()) and status < 400:
            return
        super().access(resp, req, environ, request_time)
