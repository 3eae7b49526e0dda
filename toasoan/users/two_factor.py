"""Two-factor authentication of newsroom accounts: an authenticator app (TOTP) and ten recovery codes.

Write side for the views in ``toasoan.users.views``: the device being set up, confirming it, recovery
codes, and checking a code at sign-in. Built on django-otp's TOTP and static devices, whose throttling
(growing delays after wrong codes) and replay guard (a code is accepted once) apply as they are.
"""

from __future__ import annotations

import secrets
from base64 import b32encode

import segno
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10


def has_confirmed_device(*, user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(*, user) -> TOTPDevice:
    """The authenticator being set up (unconfirmed), made on first call and kept until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Ứng dụng xác thực"), confirmed=False)
    return device


def secret_for_display(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an app by hand."""
    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address of ``device`` as an inline SVG QR code (no script, no style attribute)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, border=2, light="#fff")


@transaction.atomic
def confirm_device(*, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the authenticator with a first code; returns the new recovery codes, or None when wrong."""
    if not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return new_recovery_codes(user=device.user)


@transaction.atomic
def new_recovery_codes(*, user) -> list[str]:
    """Ten single-use recovery codes; any earlier ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_("Mã dự phòng"), confirmed=True)
    codes = [f"{secrets.randbelow(10**8):08d}" for _i in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [f"{code[:4]}-{code[4:]}" for code in codes]


def normalise_code(raw: str) -> str:
    return "".join(ch for ch in raw if ch.isdigit())


def verify_code(*, user, code: str):
    """The confirmed device (authenticator, or recovery codes) that accepts ``code``, or None."""
    token = normalise_code(code)
    if not token:
        return None
    for device in devices_for_user(user, confirmed=True):
        if isinstance(device, StaticDevice) and len(token) != 8:
            continue
        if isinstance(device, TOTPDevice) and len(token) != device.digits:
            continue
        if device.verify_token(token):
            return device
    return None
