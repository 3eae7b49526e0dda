"""Backup and restore: the database, the uploads and the secret key in one archive with a checksums manifest.

An archive is a tar file (mode 0600: it holds the secret key) with:

* ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``) or ``database.sqlite3`` (SQLite's backup API:
  a consistent copy while the site runs);
* ``media/…`` — every uploaded file (images, documents, renditions);
* ``secrets.env`` — ``SECRET_KEY=…`` (sessions, password-reset links and signed tokens depend on it);
* ``manifest.json`` — when and what: the SHA-256 and size of every member, and the row count of every table,
  so a restore can prove it brought back exactly what was saved.

:func:`verify` reads the whole archive and checks every member against the manifest before :func:`restore`
changes anything.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections, transaction
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"


class BackupError(Exception):
    """A refusal with a message for the person running the command (Vietnamese)."""


@dataclass
class Manifest:
    created_at: str
    engine: str
    files: dict[str, dict] = field(default_factory=dict)  # member -> {"sha256", "size"}
    counts: dict[str, int] = field(default_factory=dict)  # app_label.Model -> rows
    format: int = FORMAT


def table_counts(using: str = "default") -> dict[str, int]:
    counts = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        counts[meta.label] = model._base_manager.using(using).count()
    return dict(sorted(counts.items()))


def _digest(handle) -> str:
    digest = hashlib.sha256()
    for block in iter(lambda: handle.read(1 << 20), b""):
        digest.update(block)
    return digest.hexdigest()


def _sha256(path: Path) -> str:
    with open(path, "rb") as handle:
        return _digest(handle)


def _pg_env(db: dict) -> tuple[list[str], dict[str, str]]:
    args = ["--host", db.get("HOST") or "127.0.0.1", "--port", str(db.get("PORT") or 5432),
            "--username", db.get("USER") or "postgres"]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]  # never on the command line (visible in ps)
    return args, env


def _dump_database(target: Path, *, using: str, snapshot: str | None = None) -> str:
    connection = connections[using]
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        path = target / "database.sqlite3"
        connection.ensure_connection()
        destination = sqlite3.connect(path)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        return "sqlite"
    if connection.vendor == "postgresql":
        args, env = _pg_env(db)
        pg_dump = shutil.which("pg_dump")
        if pg_dump is None:
            raise BackupError(_("Không tìm thấy pg_dump: cài gói postgresql-client."))
        snapshot_args = ["--snapshot", snapshot] if snapshot else []
        result = subprocess.run([pg_dump, *args, "--format=custom", "--no-owner", "--no-privileges",  # noqa: S603
                                 *snapshot_args, "--file", str(target / "database.dump"), db["NAME"]],
                                env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise BackupError(_("pg_dump thất bại: %s") % result.stderr.strip())
        return "postgresql"
    raise BackupError(_("Chưa hỗ trợ sao lưu CSDL loại %s") % connection.vendor)


def _counts_and_dump(staging: Path, *, using: str) -> tuple[dict[str, int], str]:
    """The counts and the dump see the same data while the site keeps writing: on PostgreSQL the counts run in a
    REPEATABLE READ transaction whose snapshot pg_dump shares (``--snapshot``)."""
    connection = connections[using]
    if connection.vendor != "postgresql":  # SQLite: the backup API copies a consistent state of the file
        counts = table_counts(using)
        return counts, _dump_database(staging, using=using)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = table_counts(using)
        return counts, _dump_database(staging, using=using, snapshot=snapshot)


def _uploads_on_object_store(media_root: Path | None) -> bool:
    """Uploads are read from (and restored to) the object store of ``MEDIA_STORAGE_URL``, unless a folder is named."""
    from django.core.files.storage import default_storage

    from toasoan.mediastore.locality import is_local

    return media_root is None and not is_local(default_storage)


def _copy_from_object_store(target: Path) -> None:
    from botocore.exceptions import BotoCoreError, ClientError
    from django.core.files.storage import default_storage

    from toasoan.mediastore.transfer import download_all

    try:
        download_all(default_storage, target)
    except (BotoCoreError, ClientError, ValueError) as exc:
        raise BackupError(_("Không đọc được tệp tải lên từ kho lưu trữ S3 (MEDIA_STORAGE_URL): %s") % exc) from None


def create(*, output: Path, media_root: Path | None = None, using: str = "default") -> tuple[Path, Manifest]:
    """Write ``toasoan-backup-<UTC time>.tar`` into ``output``; returns its path and manifest.

    Uploads kept on an object store are copied from it into a temporary folder first, then archived the same way.
    """
    remote = _uploads_on_object_store(media_root)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    output.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC)
    archive = output / f"toasoan-backup-{stamp:%Y%m%d-%H%M%S}.tar"
    with tempfile.TemporaryDirectory(prefix="toasoan-backup-") as work, \
            tempfile.TemporaryDirectory(prefix="toasoan-backup-media-") as copied:
        if remote:
            media_root = Path(copied)
            _copy_from_object_store(media_root)
        staging = Path(work)
        counts, engine = _counts_and_dump(staging, using=using)
        secrets = staging / "secrets.env"
        secrets.write_text(f"SECRET_KEY={settings.SECRET_KEY}\n")
        manifest = Manifest(created_at=stamp.isoformat(timespec="seconds"), engine=engine, counts=counts)
        members: list[tuple[str, Path]] = [(p.name, p) for p in sorted(staging.iterdir())]
        if media_root.is_dir():
            members += [(f"media/{p.relative_to(media_root).as_posix()}", p)
                        for p in sorted(media_root.rglob("*")) if p.is_file()]
        for name, path in members:
            manifest.files[name] = {"sha256": _sha256(path), "size": path.stat().st_size}
        fd = os.open(archive, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w") as tar:
            data = json.dumps(manifest.__dict__, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mode, info.mtime = len(data), 0o600, int(stamp.timestamp())
            tar.addfile(info, io.BytesIO(data))
            for name, path in members:
                tar.add(path, arcname=name, recursive=False)
    return archive, manifest


def _open(archive: Path) -> tarfile.TarFile:
    if not archive.is_file():
        raise BackupError(_("Không có tệp sao lưu %s") % archive)
    try:
        return tarfile.open(archive, mode="r:")
    except (tarfile.TarError, OSError) as exc:
        message = _("%(path)s không phải tệp sao lưu hợp lệ (%(error)s)") % {"path": archive, "error": exc}
        raise BackupError(message) from None


def verify(archive: Path) -> Manifest:
    """Read every member and compare it with the manifest; raise :class:`BackupError` on any difference."""
    with _open(archive) as tar:
        try:
            member = tar.getmember(MANIFEST)
            raw = json.loads(tar.extractfile(member).read())
            manifest = Manifest(**raw)
        except (KeyError, ValueError, TypeError, tarfile.TarError, OSError):
            raise BackupError(_("Tệp sao lưu %s thiếu hoặc hỏng bản kê (manifest.json)") % archive) from None
        seen = set()
        try:
            for member in tar:
                if member.name == MANIFEST:
                    continue
                expected = manifest.files.get(member.name)
                if expected is None or not member.isfile():
                    raise BackupError(_("Tệp sao lưu có mục lạ không nằm trong bản kê: %s") % member.name)
                if _digest(tar.extractfile(member)) != expected["sha256"] or member.size != expected["size"]:
                    raise BackupError(_("Tệp sao lưu hỏng: «%s» không khớp tổng kiểm tra") % member.name)
                seen.add(member.name)
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise BackupError(_("Tệp sao lưu %(path)s bị cắt cụt hoặc hỏng (%(error)s)")
                              % {"path": archive, "error": exc}) from None
        missing = set(manifest.files) - seen
        if missing:
            raise BackupError(_("Tệp sao lưu thiếu %(count)d tệp, ví dụ «%(name)s»")
                              % {"count": len(missing), "name": sorted(missing)[0]})
    if manifest.format != FORMAT:
        raise BackupError(_("Tệp sao lưu định dạng %s, bản này chỉ đọc định dạng %s") % (manifest.format, FORMAT))
    return manifest


def _restore_database(extracted: Path, manifest: Manifest, *, using: str) -> None:
    connection = connections[using]
    if manifest.engine != connection.vendor:
        raise BackupError(_("Tệp sao lưu của CSDL %(from)s, không khôi phục được vào CSDL %(to)s")
                          % {"from": manifest.engine, "to": connection.vendor})
    if connection.vendor == "sqlite":
        source = sqlite3.connect(extracted / "database.sqlite3")
        try:
            connection.ensure_connection()
            source.backup(connection.connection)  # replaces every page of the target database
        finally:
            source.close()
        return
    args, env = _pg_env(connection.settings_dict)
    pg_restore = shutil.which("pg_restore")
    if pg_restore is None:
        raise BackupError(_("Không tìm thấy pg_restore: cài gói postgresql-client."))
    connection.close()
    result = subprocess.run([pg_restore, *args, "--clean", "--if-exists", "--no-owner", "--no-privileges",  # noqa: S603
                             "--single-transaction", "--dbname", connection.settings_dict["NAME"],
                             str(extracted / "database.dump")], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(_("pg_restore thất bại: %s") % result.stderr.strip()[-2000:])


def _restore_to_object_store(tar: tarfile.TarFile, member: tarfile.TarInfo) -> None:
    from botocore.exceptions import BotoCoreError, ClientError
    from django.core.files.storage import default_storage

    from toasoan.mediastore.transfer import put

    name = member.name.removeprefix("media/")
    try:
        with tar.extractfile(member) as source:
            put(default_storage, name, source)
    except ValueError:
        raise BackupError(_("Tệp sao lưu có đường dẫn ra ngoài thư mục tải lên: %s") % member.name) from None
    except (BotoCoreError, ClientError, FileExistsError) as exc:
        raise BackupError(_("Không ghi được «%(name)s» vào kho lưu trữ S3 (MEDIA_STORAGE_URL): %(error)s")
                          % {"name": name, "error": exc}) from None


def restore(*, archive: Path, media_root: Path | None = None, secrets_to: Path | None = None,
            using: str = "default") -> Manifest:
    """Verify, then bring back the database, the uploads and the secret key; check every table's count."""
    manifest = verify(archive)
    remote = _uploads_on_object_store(media_root)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    secrets_to = Path(secrets_to or Path(settings.VAR_DIR) / "restored-secrets.env")
    with tempfile.TemporaryDirectory(prefix="toasoan-restore-") as work, _open(archive) as tar:
        extracted = Path(work)
        for member in tar:
            if member.name == MANIFEST:
                continue
            if remote and member.name.startswith("media/"):
                _restore_to_object_store(tar, member)
                continue
            target = (media_root / member.name.removeprefix("media/")) if member.name.startswith("media/") \
                else extracted / member.name
            if member.name.startswith("media/") and not target.resolve().is_relative_to(media_root.resolve()):
                raise BackupError(_("Tệp sao lưu có đường dẫn ra ngoài thư mục tải lên: %s") % member.name)
            target.parent.mkdir(parents=True, exist_ok=True)
            with tar.extractfile(member) as source, open(target, "wb") as destination:
                shutil.copyfileobj(source, destination)
        _restore_database(extracted, manifest, using=using)
        secrets_to.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(secrets_to, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write((extracted / "secrets.env").read_text())
    counts = table_counts(using)
    differing = {label: (n, counts.get(label)) for label, n in manifest.counts.items() if counts.get(label) != n}
    if differing:
        label, (saved, now) = next(iter(differing.items()))
        raise BackupError(_("Khôi phục xong nhưng %(count)d bảng lệch số dòng, ví dụ %(label)s: lưu %(saved)s, "
                            "nay %(now)s") % {"count": len(differing), "label": label, "saved": saved, "now": now})
    return manifest
