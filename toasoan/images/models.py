"""The image library's models, and two savings on every rendition a reader page looks up.

A page asks for a dozen renditions (figures, teasers); each lookup used to cost ~100 µs of Python before
any image work: a new ``Filter`` per tag per render, whose operations Wagtail parses with ``inspect`` on
first use, and, for a rendition found in the renditions cache, writing it back to that cache (pickled).
:func:`shared_filter` keeps one ``Filter`` per spec in the process, and :class:`NewsRendition`'s cache
marks what it returns as read from it, so Wagtail does not store it again.
"""

from __future__ import annotations

from django.core.cache import DEFAULT_CACHE_ALIAS, InvalidCacheBackendError, caches
from django.db import models
from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Filter, Image

from toasoan.images.locks import rendition_lock

MAX_SHARED_FILTERS = 1000
_shared_filters: dict[str, Filter] = {}


def shared_filter(value: Filter | str) -> Filter:
    """The process's one ``Filter`` for ``value``'s spec (its parsed operations are then reused).

    A ``Filter`` keeps only its spec and what it parses from it, so one instance serves every image and
    thread. Bounded: specs come from templates and code, but a spec nobody expects is simply not kept.
    """
    spec = value if isinstance(value, str) else value.spec
    found = _shared_filters.get(spec)
    if found is None:
        found = Filter(spec=spec) if isinstance(value, str) else value
        if len(_shared_filters) < MAX_SHARED_FILTERS:
            _shared_filters[spec] = found
    return found


class NewsImage(AbstractImage):
    """A photo with its credit ("Ảnh: Thành Duy") and source; the caption belongs to each use."""

    credit = models.CharField(_("tác giả ảnh"), max_length=255, blank=True)
    source = models.CharField(_("nguồn"), max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "credit", "source")

    class Meta(AbstractImage.Meta):
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh")

    def get_rendition(self, filter: Filter | str):
        return super().get_rendition(shared_filter(filter))

    def get_renditions(self, *filters: Filter | str):
        return super().get_renditions(*(shared_filter(f) for f in filters))

    def create_rendition(self, filter: Filter):
        return self.create_renditions(filter)[filter]

    def create_renditions(self, *filters: Filter) -> dict:
        """Wagtail's, one node at a time per image (:mod:`toasoan.images.locks`): what another node made while
        this one waited is found, not made twice."""
        if not filters:
            return {}
        rendition_model = self.get_rendition_model()
        with rendition_lock(rendition_model, self.pk):
            found = self._stored_renditions(rendition_model, filters)
            missing = [f for f in filters if f not in found]
            if len(missing) == 1:
                found[missing[0]] = super().create_rendition(missing[0])
            elif missing:
                found.update(super().create_renditions(*missing))
        return found

    def _stored_renditions(self, rendition_model, filters) -> dict:
        """The rows already in the database for ``filters`` (never the prefetched or cached ones)."""
        wanted = {(f.spec, f.get_cache_key(self)): f for f in filters}
        query = models.Q()
        for spec, key in wanted:
            query |= models.Q(filter_spec=spec, focal_point_key=key)
        return {wanted[(r.filter_spec, r.focal_point_key)]: r
                for r in rendition_model.objects.filter(query, image=self)}


class _ReadMarkingCache:
    """The renditions cache, marking each rendition it returns as read from it.

    Wagtail's ``get_renditions`` writes back every rendition not marked ``_from_cache``; it marks prefetched
    ones but not those it reads from the cache, so each cached lookup was a read *and* a write.
    """

    def __init__(self, backend):
        self._backend = backend

    def get_many(self, keys, version=None):
        found = self._backend.get_many(keys, version=version)
        for rendition in found.values():
            rendition._from_cache = True
        return found

    def __getattr__(self, name):
        return getattr(self._backend, name)


class NewsRendition(AbstractRendition):
    image = models.ForeignKey(NewsImage, on_delete=models.CASCADE, related_name="renditions")

    @classproperty
    def cache_backend(cls):  # noqa: N805 - a class property
        try:
            backend = caches["renditions"]
        except InvalidCacheBackendError:
            backend = caches[DEFAULT_CACHE_ALIAS]
        return _ReadMarkingCache(backend)

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
