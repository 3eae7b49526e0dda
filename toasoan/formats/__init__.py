"""The project's format modules (``FORMAT_MODULE_PATH``): how dates and times typed in Vietnamese are read."""
