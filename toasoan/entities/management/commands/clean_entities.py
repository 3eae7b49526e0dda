"""``toasoan clean_entities [--dry-run] [--no-reextract]``: tidy people, organisations and places after an upgrade.

Run once after upgrading to the extractor that resolves short forms (docs/entities.md):

1. one-word people ("Biden", "Hà") and names ending in an initial ("Nguyễn Văn C") are merged into the
   one full-name person they stand for when there is exactly one ("Biden" → "Joe Biden"; every link
   and position is kept, the short form becomes an alias); the others lose their suggested links;
2. every article that names an entity is extracted again in bulk, so cut names ("Ban Nha", "Bộ Lao")
   and bare province bodies ("Tỉnh ủy") are replaced by whole ones in the suggestions; links editors
   confirmed or rejected are kept as they are;
3. records that no article and no position refers to any more are deleted.

``--reset-extracted`` also recomputes links the extractor made that were confirmed automatically (an
archive imported with ``--confirm-entities``): they are made again from the text, confirmed again.

Prints what it did (or would do, with ``--dry-run``) in Vietnamese; safe to run again.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from toasoan.core.text import fold
from toasoan.entities.identity import is_initial
from toasoan.entities.merging import merge_people
from toasoan.entities.models import ArticleEntity, LinkSource, LinkState, Organisation, Person, Place, Position
from toasoan.entities.services import extract_many


def _is_fragment(person: Person) -> bool:
    words = person.name.split()
    return len(words) == 1 or is_initial(words[-1])


def _full_name_for(person: Person) -> Person | None:
    words = fold(person.name).split()
    if is_initial(words[-1]):
        return None
    short = " ".join(words)
    candidates = [
        other
        for other in Person.objects.filter(key__endswith=f" {short}").exclude(pk=person.pk)
        if not _is_fragment(other)
    ] or [
        other  # "Mahathir" -> "Mahathir Mohamad": a given name written first
        for other in Person.objects.filter(key__startswith=f"{short} ").exclude(pk=person.pk)
        if not _is_fragment(other)
    ]
    return candidates[0] if len(candidates) == 1 else None


class Command(BaseCommand):
    help = _("Dọn nhân vật một chữ, tên bị cắt và bản ghi mồ côi sau khi nâng cấp bộ nhận diện.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=_("Chỉ báo cáo, không thay đổi gì."))
        parser.add_argument(
            "--no-reextract", action="store_true", help=_("Không nhận diện lại các bài viết (chỉ gộp và dọn).")
        )
        parser.add_argument("--batch-size", metavar="SỐ",
                            type=int, default=200, help=_("Số bài mỗi lượt nhận diện lại."))
        parser.add_argument(
            "--reset-extracted",
            action="store_true",
            help=_(
                "Tính lại cả các liên kết tự động đã được xác nhận (kho nhập bằng --confirm-entities); "
                "liên kết biên tập viên đã bỏ vẫn giữ."
            ),
        )

    def handle(
        self,
        *args,
        dry_run: bool = False,
        no_reextract: bool = False,
        batch_size: int = 200,
        reset_extracted: bool = False,
        **options,
    ):
        merged = dropped = 0
        for person in [p for p in Person.objects.all() if _is_fragment(p)]:
            target = _full_name_for(person)
            if target is not None:
                self.stdout.write(_("Gộp «%(short)s» vào «%(full)s»") % {"short": person.name, "full": target.name})
                if not dry_run:
                    merge_people(source=person, target=target)
                merged += 1
                continue
            suggested = ArticleEntity.objects.filter(
                person=person, source=LinkSource.EXTRACTED, state=LinkState.SUGGESTED
            )
            if suggested.exists():
                message = _("Bỏ gợi ý «%(name)s» (%(count)s bài)")
                self.stdout.write(message % {"name": person.name, "count": suggested.count()})
                if not dry_run:
                    suggested.delete()
                dropped += 1
        articles = 0
        if not no_reextract:
            from toasoan.news.models import ArticlePage

            # A list, not a subquery: the links are deleted below before the articles are read.
            ids = list(ArticleEntity.objects.values_list("article_id", flat=True).distinct().order_by("article_id"))
            queryset = ArticlePage.objects.filter(pk__in=ids).order_by("pk")
            articles = queryset.count()
            self.stdout.write(_("Nhận diện lại %(count)s bài viết…") % {"count": articles})
            if not dry_run and reset_extracted:
                confirmed = set(
                    ArticleEntity.objects.filter(source=LinkSource.EXTRACTED, state=LinkState.CONFIRMED)
                    .values_list("article_id", flat=True)
                )
                ArticleEntity.objects.filter(source=LinkSource.EXTRACTED).exclude(state=LinkState.REJECTED).delete()
                extract_many(articles=queryset.filter(pk__in=confirmed).iterator(chunk_size=batch_size),
                             auto_confirm=True, batch_size=batch_size)
                queryset = queryset.exclude(pk__in=confirmed)
            if not dry_run:
                extract_many(articles=queryset.iterator(chunk_size=batch_size), batch_size=batch_size)
        removed = 0 if dry_run else self._delete_orphans()
        self.stdout.write(
            _(
                "Xong: gộp %(merged)s, bỏ gợi ý của %(dropped)s tên một chữ, nhận diện lại %(articles)s bài, "
                "xoá %(removed)s bản ghi mồ côi."
            )
            % {"merged": merged, "dropped": dropped, "articles": articles, "removed": removed}
        )

    @transaction.atomic
    def _delete_orphans(self) -> int:
        removed = 0
        for model, field in ((Person, "person"), (Organisation, "organisation"), (Place, "place")):
            linked = ArticleEntity.objects.filter(**{field: OuterRef("pk")})
            orphans = model.objects.annotate(linked=Exists(linked)).filter(linked=False)
            if model is Person:
                orphans = orphans.exclude(Exists(Position.objects.filter(person=OuterRef("pk"))))
            if model is Organisation:
                orphans = orphans.exclude(Exists(Position.objects.filter(organisation=OuterRef("pk"))))
            removed += orphans.count()
            orphans.delete()
        return removed
