"""Tòa Soạn: a Vietnamese online newspaper platform on Wagtail."""

__version__ = "0.1.0"
