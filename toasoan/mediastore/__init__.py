"""Uploads and renditions on an S3-compatible object store (``MEDIA_STORAGE_URL``), and serving them to readers.

Local disk (``MEDIA_ROOT``) stays the default; see docs/operations.md, «Lưu trữ ảnh trên S3».
"""
