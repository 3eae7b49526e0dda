"""Read side of the image library for reader pages."""

from __future__ import annotations

from toasoan.core.db import RowReader
from toasoan.images.models import NewsImage

# How hand-written reader queries read an image row (news.selectors.article_relations reads the cover this way).
IMAGE_ROWS = RowReader(NewsImage)
