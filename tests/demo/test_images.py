"""Generated demo images: sizes, formats, determinism and the on-disk cache."""

from __future__ import annotations

import io

from PIL import Image

from toasoan.demo.content import demo_content
from toasoan.demo.images import generate, render
from toasoan.demo.schema import ImageKind, ImageSpec, Scene

CONTENT = demo_content()


def _first(kind: ImageKind) -> ImageSpec:
    return next(spec for spec in CONTENT.images if spec.kind is kind)


def test_photo_is_1600x1000_jpeg_and_deterministic():
    spec = _first(ImageKind.PHOTO)
    data = render(spec)
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG" and image.size == (1600, 1000)
    assert render(spec) == data
    # Not a flat fill: a photo-like picture has many colours.
    assert len(image.convert("RGB").resize((200, 125)).getcolors(maxcolors=100_000) or []) > 500


def test_infographic_is_tall_png():
    image = Image.open(io.BytesIO(render(_first(ImageKind.INFOGRAPHIC))))
    assert image.format == "PNG" and image.size == (1000, 3000)


def test_poster_is_a_jpeg_still():
    image = Image.open(io.BytesIO(render(_first(ImageKind.POSTER))))
    assert image.format == "JPEG" and image.size == (1600, 900)


def test_different_keys_give_different_pictures():
    a = ImageSpec(key="a", kind=ImageKind.PHOTO, scene=Scene.CITY, title="A", credit="X")
    b = ImageSpec(key="b", kind=ImageKind.PHOTO, scene=Scene.CITY, title="A", credit="X")
    assert render(a) != render(b)


def test_every_scene_renders():
    for scene in Scene:
        spec = ImageSpec(key=f"scene-{scene}", kind=ImageKind.PHOTO, scene=scene, title="t", credit="c")
        assert Image.open(io.BytesIO(render(spec))).size == (1600, 1000)


def test_generate_caches_on_disk(tmp_path):
    spec = _first(ImageKind.PHOTO)
    first = generate(spec, cache_dir=tmp_path)
    assert first.path.exists() and first.path.parent == tmp_path
    assert first.credit == spec.credit and first.width == 1600 and first.format == "JPEG"
    mtime = first.path.stat().st_mtime_ns
    second = generate(spec, cache_dir=tmp_path)
    assert second.path == first.path and second.path.stat().st_mtime_ns == mtime
    assert second.read_bytes() == render(spec)


def test_infographic_panels_carry_the_text_alternative():
    for article in CONTENT.articles:
        if article.infographic is not None:
            assert article.infographic.image.lines == article.infographic.text_alternative
            with_text = render(article.infographic.image)
            without = render(
                ImageSpec(
                    key=article.infographic.image.key,
                    kind=ImageKind.INFOGRAPHIC,
                    scene=Scene.CHART,
                    title=article.infographic.image.title,
                    credit="x",
                )
            )
            assert with_text != without
