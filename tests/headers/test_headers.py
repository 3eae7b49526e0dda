"""Security headers through real HTTP: CSP on reader pages and the admin (nonces only where Wagtail still writes
inline scripts), report-only switch, Permissions-Policy, the trusted front, and `check --deploy` in production."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from toasoan.headers import policy

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
NONCE = re.compile(r"'nonce-([A-Za-z0-9+/=]+)'")


def test_reader_pages_carry_the_strict_policy_without_a_nonce(client, make_article):
    article = make_article()
    for path in ("/", article.canonical_path(), "/tim-kiem/?q=cầu"):
        response = client.get(path)
        assert response.status_code == 200, path
        header = response["Content-Security-Policy"]
        assert policy.parse(header) == policy.parse(policy.header_value(policy.READER_DIRECTIVES)), path
        assert "nonce-" not in header and "unsafe-inline" not in header and "unsafe-eval" not in header
        html = response.content.decode()
        # No executable inline script, style attribute or handler (JSON-LD is data, not a script).
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/ld\+json\")[^>]*>", html), path
        assert not re.search(r"\son[a-z]+=\"|\sstyle=\"", html), path
        assert response["Permissions-Policy"].startswith("accelerometer=()")
        assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_the_page_cache_serves_the_same_policy(client, make_article):
    article = make_article(title="Chợ nổi họp sớm hơn mùa nước nổi")
    first = client.get(article.canonical_path())
    second = client.get(article.canonical_path())
    assert policy.parse(first["Content-Security-Policy"]) == policy.parse(second["Content-Security-Policy"])
    assert second["Permissions-Policy"] == first["Permissions-Policy"]


def test_admin_inline_scripts_carry_the_nonce_of_the_header(client, make_article, django_user_model):
    article = make_article()
    editor = django_user_model.objects.create_superuser("kiemtra", "kt@example.vn", "x")
    client.force_login(editor)
    for path in (f"/admin/pages/{article.pk}/edit/", "/admin/settings/home/imprint/", "/admin/workflows/add/"):
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        header = response["Content-Security-Policy"]
        assert "'unsafe-inline'" not in header.split("script-src ", 1)[1].split(";", 1)[0], path
        nonces = NONCE.findall(header)
        html = response.content.decode()
        inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")([^>]*)>", html)
        if path.endswith("/edit/"):
            assert len(inline) >= 3, "the article form has chooser, inline panel and date scripts"
        for attributes in inline:
            assert nonces and f'nonce="{nonces[0]}"' in attributes, (path, attributes)


def test_each_admin_response_has_its_own_nonce(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("kiemtra2", "kt2@example.vn", "x"))
    seen = {NONCE.findall(client.get("/admin/workflows/add/")["Content-Security-Policy"])[0] for _ in range(3)}
    assert len(seen) == 3


def test_report_only_mode_is_a_setting(client, make_article, settings):
    settings.TOASOAN_CSP_REPORT_ONLY = True
    settings.TOASOAN_CSP_REPORT_URI = "/csp-bao-cao/"
    response = client.get(make_article().canonical_path())
    assert "Content-Security-Policy" not in response
    report_only = response["Content-Security-Policy-Report-Only"]
    assert "script-src 'self'" in report_only and "report-uri /csp-bao-cao/" in report_only


def test_forwarded_headers_are_believed_only_from_the_front():
    from django.http import HttpResponse
    from django.test import RequestFactory

    from toasoan.headers.middleware import TrustedProxyMiddleware

    seen = {}

    def view(request):
        seen.update(ip=request.META["REMOTE_ADDR"], secure=request.is_secure(),
                    host=request.META.get("HTTP_X_FORWARDED_HOST"))
        return HttpResponse()

    middleware = TrustedProxyMiddleware(view)
    factory = RequestFactory()
    spoofed = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_X_REAL_IP": "10.9.9.9", "HTTP_X_FORWARDED_FOR": "10.8.8.8",
               "HTTP_X_FORWARDED_HOST": "evil.example"}
    with pytest.MonkeyPatch.context() as patch:
        from django.conf import settings

        patch.setattr(settings, "SECURE_PROXY_SSL_HEADER", ("HTTP_X_FORWARDED_PROTO", "https"), raising=False)
        middleware(factory.get("/", REMOTE_ADDR="203.0.113.5", **spoofed))
        assert seen == {"ip": "203.0.113.5", "secure": False, "host": None}  # a client: nothing believed
        middleware(factory.get("/", REMOTE_ADDR="127.0.0.1", **spoofed))
        assert seen["ip"] == "10.9.9.9" and seen["secure"] is True  # the front: believed


def test_the_nginx_front_overwrites_what_the_client_forwards():
    template = (ROOT / "deploy" / "nginx" / "toasoan.conf.template").read_text()
    public = template[:template.index("# Refresh server")]
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in public
    assert "proxy_set_header X-Real-IP $remote_addr;" in public
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in public
    assert "$http_x_forwarded_proto" not in public and "$proxy_add_x_forwarded_for" not in public


def production_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECURE_", "HTTPS", "HSTS"))}
    env.update(DJANGO_SETTINGS_MODULE="toasoan.settings.production", ALLOWED_HOSTS="toasoan.example",
               SECRET_KEY="Kx7!pq2-Zr9@vL4#mN8$tB3%wY6^hJ1&dF5*gS0(cA2)eU7_iO9+oP4=lK3~",
               DATABASE_URL="sqlite:///:memory:", **extra)
    return env


def test_check_deploy_is_clean_with_the_production_settings():
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=production_env(), capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_redirects_to_https_and_sends_hsts():
    script = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "c = Client(SERVER_NAME='toasoan.example')\n"
        "r = c.get('/static/toasoan/favicon.svg', REMOTE_ADDR='203.0.113.1', HTTP_X_FORWARDED_PROTO='https')\n"
        "print(r.status_code, r['Location'])\n"
        "r = c.get('/static/toasoan/favicon.svg', REMOTE_ADDR='127.0.0.1', HTTP_X_FORWARDED_PROTO='https')\n"
        "print(r.status_code, r.get('Strict-Transport-Security'))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=production_env(), capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    spoofed, front = result.stdout.strip().splitlines()
    # A client claiming HTTPS is not believed: redirected.
    assert spoofed == "301 https://toasoan.example/static/toasoan/favicon.svg"
    status, hsts = front.split(" ", 1)
    assert status == "200"
    assert hsts == "max-age=31536000; includeSubDomains"
