"""Deterministic demo images drawn with Pillow.

Photos are abstract compositions that suggest a scene (mountains, fields, a city, a crowd...),
1600x1000 JPEG; infographics are tall 1000x3000 PNG charts; posters are 1600x900 JPEG stills with
a play or sound mark. The same :class:`~toasoan.demo.schema.ImageSpec` always gives the same pixels
(everything is seeded from its key), and files are cached on disk so a second run is fast.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import random
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from toasoan.demo.schema import ImageKind, ImageSpec, Scene

GENERATOR_VERSION = 1
PHOTO_SIZE = (1600, 1000)
POSTER_SIZE = (1600, 900)
INFOGRAPHIC_SIZE = (1000, 3000)
_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
)

RGB = tuple[int, int, int]
Rng = random.Random


@dataclass(frozen=True, slots=True)
class GeneratedImage:
    spec: ImageSpec
    path: Path
    width: int
    height: int
    format: str  # "JPEG" or "PNG"

    @property
    def filename(self) -> str:
        return self.path.name

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def credit(self) -> str:
        return self.spec.credit

    @property
    def source(self) -> str:
        return self.spec.source

    def read_bytes(self) -> bytes:
        return self.path.read_bytes()


def default_cache_dir() -> Path:
    """``$TOASOAN_DEMO_IMAGE_CACHE`` or a folder in the system temp directory."""
    configured = os.environ.get("TOASOAN_DEMO_IMAGE_CACHE")
    if configured:
        return Path(configured)
    return Path(tempfile.gettempdir()) / "toasoan-demo-images"


def seed_of(spec: ImageSpec) -> int:
    digest = hashlib.sha256(f"{spec.key}|{spec.kind}|{spec.scene}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def size_of(kind: ImageKind) -> tuple[int, int]:
    return {ImageKind.PHOTO: PHOTO_SIZE, ImageKind.POSTER: POSTER_SIZE}.get(kind, INFOGRAPHIC_SIZE)


def format_of(kind: ImageKind) -> str:
    return "PNG" if kind is ImageKind.INFOGRAPHIC else "JPEG"


def render(spec: ImageSpec) -> bytes:
    """Draw the image and return the encoded file (JPEG or PNG)."""
    rng = random.Random(seed_of(spec))  # noqa: S311 - seeded on purpose: same key, same picture
    size = size_of(spec.kind)
    if spec.kind is ImageKind.INFOGRAPHIC:
        image = _infographic(rng, size, spec.title, spec.lines)
    else:
        image = _photo(rng, size, spec.scene)
        if spec.kind is ImageKind.POSTER:
            _poster_mark(image, rng, audio=spec.credit != "Ảnh cắt clip")
    buffer = io.BytesIO()
    if format_of(spec.kind) == "PNG":
        image.save(buffer, format="PNG", optimize=True)
    else:
        image.save(buffer, format="JPEG", quality=84, optimize=True, progressive=True)
    return buffer.getvalue()


def cached_file(*, cache_dir: Path | None, stem: str, suffix: str, recipe: str, make: Callable[[], bytes]) -> Path:
    """The demo's file made from ``recipe`` (``$TOASOAN_DEMO_IMAGE_CACHE`` or ``cache_dir``), made by ``make`` and
    stored only when the cache does not have it: drawing and encoding take seconds, a second load reads it back."""
    folder = cache_dir or default_cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    fingerprint = hashlib.sha256(recipe.encode()).hexdigest()[:10]
    path = folder / f"{stem}-{fingerprint}.{suffix}"
    if not path.exists():
        temporary = path.with_suffix(path.suffix + f".{os.getpid()}.tmp")
        temporary.write_bytes(make())
        temporary.replace(path)  # atomic, so a parallel run never reads half a file
    return path


def generate(spec: ImageSpec, *, cache_dir: Path | None = None) -> GeneratedImage:
    """Return the image file for ``spec``, drawing it only when the cache does not have it."""
    fmt = format_of(spec.kind)
    path = cached_file(
        cache_dir=cache_dir, stem=spec.key, suffix="png" if fmt == "PNG" else "jpg",
        recipe=f"{GENERATOR_VERSION}|{spec.key}|{spec.kind}|{spec.scene}|{spec.title}|{'|'.join(spec.lines)}",
        make=lambda: render(spec),
    )
    width, height = size_of(spec.kind)
    return GeneratedImage(spec=spec, path=path, width=width, height=height, format=fmt)


def generate_all(specs: tuple[ImageSpec, ...], *, cache_dir: Path | None = None) -> dict[str, GeneratedImage]:
    return {spec.key: generate(spec, cache_dir=cache_dir) for spec in specs}


# --- drawing helpers -----------------------------------------------------------------------------


def _jitter(rng: Rng, color: RGB, amount: int = 18) -> RGB:
    return tuple(max(0, min(255, c + rng.randint(-amount, amount))) for c in color)  # type: ignore[return-value]


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def _gradient(size: tuple[int, int], top: RGB, bottom: RGB) -> Image.Image:
    _width, height = size
    column = Image.new("RGB", (1, height))
    column.putdata([_mix(top, bottom, y / max(1, height - 1)) for y in range(height)])
    return column.resize(size)


def _ridge(rng: Rng, width: int, base: float, amplitude: float, step: int = 40) -> list[tuple[float, float]]:
    points = []
    y = base
    for x in range(-step, width + 2 * step, step):
        y += rng.uniform(-amplitude, amplitude) * 0.35
        y = min(base + amplitude, max(base - amplitude, y))
        points.append((x, y))
    return points


def _fill_below(draw: ImageDraw.ImageDraw, points: list[tuple[float, float]], height: int, color: RGB) -> None:
    polygon = [*points, (points[-1][0], height), (points[0][0], height)]
    draw.polygon(polygon, fill=color)


def _person(draw: ImageDraw.ImageDraw, x: float, y: float, scale: float, color: RGB) -> None:
    """A simple silhouette standing with its feet at ``(x, y)``."""
    head = 11 * scale
    body_w, body_h = 30 * scale, 60 * scale
    draw.rounded_rectangle((x - body_w / 2, y - body_h, x + body_w / 2, y), radius=int(10 * scale) or 1, fill=color)
    draw.ellipse(
        (x - head, y - body_h - 2.2 * head, x + head, y - body_h - 0.1 * head), fill=_mix(color, (60, 40, 30), 0.5)
    )


def _crowd(
    draw: ImageDraw.ImageDraw, rng: Rng, size: tuple[int, int], top: float, rows: int, palette: list[RGB]
) -> None:
    width, height = size
    for row in range(rows):
        scale = 0.6 + 1.6 * row / max(1, rows - 1)
        y = top + (height - top) * (row + 1) / (rows + 0.3)
        x = rng.uniform(-20, 20)
        while x < width + 40:
            _person(
                draw,
                x,
                y + rng.uniform(-8, 8) * scale,
                scale * rng.uniform(0.9, 1.1),
                _jitter(rng, rng.choice(palette), 25),
            )
            x += 34 * scale * rng.uniform(0.8, 1.5)


def _sky(rng: Rng, size: tuple[int, int]) -> Image.Image:
    palettes = [
        ((120, 170, 220), (235, 225, 205)),  # clear day
        ((250, 170, 110), (255, 230, 180)),  # dawn
        ((90, 110, 150), (210, 200, 200)),  # overcast
        ((160, 200, 235), (245, 245, 240)),  # hazy
    ]
    top, bottom = rng.choice(palettes)
    return _gradient(size, _jitter(rng, top), _jitter(rng, bottom))


# --- scenes --------------------------------------------------------------------------------------


def _landscape(image: Image.Image, rng: Rng) -> None:
    width, height = image.size
    draw = ImageDraw.Draw(image)
    sun = (rng.uniform(0.2, 0.8) * width, rng.uniform(0.12, 0.3) * height)
    r = height * 0.06
    draw.ellipse((sun[0] - r, sun[1] - r, sun[0] + r, sun[1] + r), fill=(255, 240, 200))
    far, near = _jitter(rng, (120, 140, 160)), _jitter(rng, (40, 90, 60))
    for layer in range(5):
        t = layer / 4
        points = _ridge(rng, width, height * (0.38 + 0.13 * layer), height * 0.08, step=int(60 - 8 * layer))
        _fill_below(draw, points, height, _mix(far, near, t))
        if layer < 3:
            mist = Image.new("RGB", image.size, (235, 238, 240))
            mask = Image.new("L", image.size, 0)
            ImageDraw.Draw(mask).rectangle(
                (0, height * (0.42 + 0.13 * layer), width, height * (0.5 + 0.13 * layer)), fill=70
            )
            image.paste(mist, (0, 0), mask.filter(ImageFilter.GaussianBlur(30)))


def _fields(image: Image.Image, rng: Rng) -> None:
    width, height = image.size
    draw = ImageDraw.Draw(image)
    horizon = height * rng.uniform(0.35, 0.45)
    _fill_below(draw, _ridge(rng, width, horizon - 20, 25), height, _jitter(rng, (90, 120, 110)))
    greens = [(70, 140, 60), (110, 170, 70), (150, 180, 70), (200, 190, 90)]
    vanishing = (width * rng.uniform(0.3, 0.7), horizon - height * 0.2)
    stripes = 26
    for i in range(stripes):
        x0 = -width + (3 * width) * i / stripes
        x1 = -width + (3 * width) * (i + 1) / stripes
        t0 = (horizon - vanishing[1]) / (height - vanishing[1])
        polygon = [
            (vanishing[0] + (x0 - vanishing[0]) * t0, horizon),
            (vanishing[0] + (x1 - vanishing[0]) * t0, horizon),
            (x1, height),
            (x0, height),
        ]
        draw.polygon(polygon, fill=_jitter(rng, greens[i % len(greens)], 12))
    for _ in range(rng.randint(2, 5)):
        x, y = rng.uniform(0.1, 0.9) * width, rng.uniform(0.6, 0.95) * height
        scale = (y - horizon) / (height - horizon) * 1.6
        _person(draw, x, y, scale, _jitter(rng, (70, 60, 50)))
        draw.polygon(  # conical hat
            [(x - 24 * scale, y - 85 * scale), (x + 24 * scale, y - 85 * scale), (x, y - 110 * scale)],
            fill=(225, 215, 180),
        )


def _city(image: Image.Image, rng: Rng) -> None:
    width, height = image.size
    draw = ImageDraw.Draw(image)
    for layer, shade in enumerate(((150, 160, 175), (95, 105, 125), (60, 65, 80))):
        x = -20.0
        while x < width:
            w = rng.uniform(70, 200)
            h = height * rng.uniform(0.2, 0.55) * (1 - 0.18 * layer)
            top = height * 0.78 - h
            color = _jitter(rng, shade, 10)
            draw.rectangle((x, top, x + w, height * 0.78), fill=color)
            if layer == 2:
                for wy in range(int(top) + 15, int(height * 0.76), 28):
                    for wx in range(int(x) + 10, int(x + w) - 14, 24):
                        if rng.random() < 0.55:
                            draw.rectangle((wx, wy, wx + 12, wy + 14), fill=_jitter(rng, (240, 220, 150), 20))
            x += w + rng.uniform(-10, 15)
    draw.rectangle((0, height * 0.78, width, height), fill=(70, 70, 75))
    for x in range(0, width, 120):
        draw.rectangle((x, height * 0.88, x + 60, height * 0.89), fill=(230, 230, 220))
    for _ in range(rng.randint(4, 9)):
        x = rng.uniform(0, width)
        y = rng.uniform(0.84, 0.96) * height
        draw.rounded_rectangle(
            (x, y - 28, x + 80, y),
            radius=10,
            fill=_jitter(rng, rng.choice([(200, 40, 40), (240, 240, 240), (40, 60, 140), (230, 180, 40)])),
        )


def _people(image: Image.Image, rng: Rng) -> None:
    width, height = image.size
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height * 0.55, width, height), fill=_jitter(rng, (150, 130, 100)))
    palette = [(200, 60, 60), (60, 90, 160), (230, 200, 80), (80, 140, 90), (230, 230, 225), (120, 80, 140)]
    _crowd(draw, rng, image.size, height * 0.45, rng.randint(4, 6), palette)


def _sea(image: Image.Image, rng: Rng) -> None:
    width, height = image.size
    draw = ImageDraw.Draw(image)
    horizon = height * rng.uniform(0.38, 0.48)
    sea = _gradient((width, int(height - horizon)), _jitter(rng, (40, 110, 160)), _jitter(rng, (90, 180, 190)))
    image.paste(sea, (0, int(horizon)))
    for _ in range(160):
        y = rng.uniform(horizon + 5, height * 0.8)
        x = rng.uniform(0, width)
        length = 20 + (y - horizon) * 0.3
        draw.line((x, y, x + length, y), fill=(225, 240, 245), width=max(1, int((y - horizon) / 120)))
    beach = _ridge(rng, width, height * 0.8, height * 0.04)
    _fill_below(draw, beach, height, _jitter(rng, (225, 205, 160)))
    for _ in range(rng.randint(6, 14)):
        x, y = rng.uniform(0, width), rng.uniform(0.84, 0.98) * height
        draw.ellipse(
            (x - 40, y - 60, x + 40, y - 40),
            fill=_jitter(rng, rng.choice([(220, 60, 60), (60, 120, 200), (250, 200, 60)])),
        )
        draw.line((x, y - 50, x, y), fill=(90, 80, 70), width=3)


def _stadium(image: Image.Image, rng: Rng) -> None:
    width, height = image.size
    draw = ImageDraw.Draw(image)
    stands_bottom = height * 0.45
    draw.rectangle((0, height * 0.12, width, stands_bottom), fill=_jitter(rng, (70, 70, 90)))
    palette = [(220, 40, 40), (250, 220, 60), (240, 240, 240), (40, 90, 200)]
    for y in range(int(height * 0.14), int(stands_bottom), 14):
        for x in range(0, width, 14):
            if rng.random() < 0.8:
                draw.ellipse((x, y, x + 9, y + 9), fill=_jitter(rng, rng.choice(palette), 30))
    for i in range(12):
        y0 = stands_bottom + (height - stands_bottom) * (i / 12) ** 1.3
        y1 = stands_bottom + (height - stands_bottom) * ((i + 1) / 12) ** 1.3
        draw.rectangle((0, y0, width, y1), fill=(60, 150, 70) if i % 2 else (75, 165, 80))
    draw.line((0, height * 0.7, width, height * 0.7), fill=(240, 240, 240), width=5)
    cx = width * rng.uniform(0.4, 0.6)
    draw.ellipse((cx - 220, height * 0.62, cx + 220, height * 0.78), outline=(240, 240, 240), width=5)
    for lx in (width * 0.08, width * 0.92):
        draw.rectangle((lx - 6, 0, lx + 6, height * 0.2), fill=(200, 200, 200))
        draw.rectangle((lx - 50, 0, lx + 50, 40), fill=(255, 250, 220))


def _classroom(image: Image.Image, rng: Rng) -> None:
    width, height = image.size
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, height * 0.6), fill=_jitter(rng, (235, 225, 180)))
    draw.rectangle((0, height * 0.6, width, height), fill=_jitter(rng, (170, 130, 90)))
    draw.rectangle(
        (width * 0.25, height * 0.1, width * 0.75, height * 0.42), fill=(40, 80, 60), outline=(120, 80, 40), width=12
    )
    for i in range(rng.randint(3, 6)):
        y = height * 0.18 + i * 40
        draw.line((width * 0.3, y, width * rng.uniform(0.45, 0.7), y), fill=(220, 230, 220), width=4)
    for row in range(3):
        scale = 0.8 + row * 0.45
        y = height * (0.62 + row * 0.13)
        for col in range(-1, 5):
            x = width * (0.1 + col * 0.22) + (row % 2) * 60
            draw.rectangle((x - 110 * scale, y, x + 110 * scale, y + 22 * scale), fill=(140, 95, 60))
            for dx in (-50, 50):
                _person(draw, x + dx * scale, y + 5, scale * 0.9, _jitter(rng, (235, 235, 240), 10))


def _meeting(image: Image.Image, rng: Rng) -> None:
    width, height = image.size
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, height * 0.55), fill=_jitter(rng, (170, 30, 35), 10))
    draw.rectangle((width * 0.3, height * 0.08, width * 0.7, height * 0.16), fill=(235, 200, 80))
    draw.ellipse((width * 0.47, height * 0.2, width * 0.53, height * 0.3), fill=(240, 200, 60))
    draw.rectangle((0, height * 0.55, width, height), fill=_jitter(rng, (120, 90, 70)))
    draw.rectangle((width * 0.15, height * 0.42, width * 0.85, height * 0.52), fill=(250, 250, 245))
    for i in range(8):
        x = width * (0.2 + i * 0.086)
        _person(draw, x, height * 0.45, 0.8, _jitter(rng, (40, 40, 60), 10))
    palette = [(30, 30, 40), (240, 240, 240), (60, 70, 110)]
    _crowd(draw, rng, image.size, height * 0.58, 3, palette)


def _river(image: Image.Image, rng: Rng) -> None:
    _landscape(image, rng)
    width, height = image.size
    draw = ImageDraw.Draw(image)
    left, right = [], []
    center = width * rng.uniform(0.35, 0.65)
    for i in range(21):
        t = i / 20
        y = height * (0.55 + 0.45 * t)
        center += rng.uniform(-60, 60)
        half = 30 + 520 * t
        left.append((center - half, y))
        right.append((center + half, y))
    draw.polygon([*left, *reversed(right)], fill=_jitter(rng, (110, 150, 165)))
    bx, by = center, height * 0.82
    draw.polygon([(bx - 120, by), (bx + 120, by), (bx + 90, by + 26), (bx - 90, by + 26)], fill=(80, 55, 35))
    _person(draw, bx + 40, by, 0.9, (60, 50, 45))


def _market(image: Image.Image, rng: Rng) -> None:
    width, height = image.size
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height * 0.5, width, height), fill=_jitter(rng, (160, 140, 110)))
    colors = [(220, 60, 50), (40, 120, 200), (240, 190, 40), (60, 160, 90), (200, 80, 160)]
    x = -50.0
    while x < width:
        w = rng.uniform(220, 340)
        top = height * rng.uniform(0.3, 0.4)
        draw.polygon([(x, top + 60), (x + w / 2, top), (x + w, top + 60)], fill=_jitter(rng, rng.choice(colors)))
        draw.rectangle((x + 20, top + 60, x + w - 20, height * 0.62), fill=_jitter(rng, (90, 70, 55)))
        for _ in range(18):
            px, py = rng.uniform(x + 30, x + w - 30), rng.uniform(height * 0.56, height * 0.61)
            draw.ellipse(
                (px - 12, py - 12, px + 12, py + 12),
                fill=_jitter(rng, rng.choice([(230, 120, 40), (120, 180, 60), (200, 40, 60)]), 30),
            )
        x += w + 10
    _crowd(draw, rng, image.size, height * 0.62, 3, [(30, 30, 30), (180, 40, 80), (40, 60, 140), (230, 230, 230)])


def _flood(image: Image.Image, rng: Rng) -> None:
    width, height = image.size
    draw = ImageDraw.Draw(image)
    _fill_below(draw, _ridge(rng, width, height * 0.35, height * 0.1), height, _jitter(rng, (70, 100, 80)))
    for _ in range(rng.randint(4, 7)):
        x, w = rng.uniform(0, width), rng.uniform(160, 260)
        base = height * rng.uniform(0.55, 0.7)
        draw.rectangle((x, base - 120, x + w, base + 80), fill=_jitter(rng, (170, 150, 120)))
        draw.polygon(
            [(x - 20, base - 120), (x + w / 2, base - 200), (x + w + 20, base - 120)], fill=_jitter(rng, (110, 70, 50))
        )
    water = Image.new("RGB", (width, int(height * 0.42)), _jitter(rng, (150, 115, 70)))
    image.paste(water, (0, int(height * 0.58)))
    for _ in range(220):
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        draw.line((x, y, x - 12, y + 40), fill=(210, 210, 215), width=2)
    for _ in range(90):
        y = rng.uniform(height * 0.6, height)
        x = rng.uniform(0, width)
        draw.line((x, y, x + 60, y), fill=(185, 150, 100), width=3)


def _festival(image: Image.Image, rng: Rng) -> None:
    width, height = image.size
    image.paste(_gradient(image.size, (15, 20, 50), (70, 40, 80)))
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(3, 6)):
        cx, cy = rng.uniform(0.1, 0.9) * width, rng.uniform(0.1, 0.45) * height
        color = _jitter(rng, rng.choice([(255, 200, 80), (255, 90, 90), (120, 200, 255), (200, 255, 140)]), 30)
        for k in range(36):
            angle = 2 * math.pi * k / 36
            r = rng.uniform(90, 170)
            draw.line((cx, cy, cx + r * math.cos(angle), cy + r * math.sin(angle)), fill=color, width=3)
    for _ in range(40):
        x, y = rng.uniform(0, width), rng.uniform(0.45, 0.7) * height
        draw.ellipse((x - 22, y - 30, x + 22, y + 30), fill=_jitter(rng, (230, 60, 40), 25))
        draw.line((x, y - 30, x, y - 60), fill=(80, 60, 40), width=2)
    _crowd(draw, rng, image.size, height * 0.7, 3, [(20, 20, 30), (40, 30, 50), (60, 40, 40)])


def _road(image: Image.Image, rng: Rng) -> None:
    width, height = image.size
    draw = ImageDraw.Draw(image)
    horizon = height * 0.45
    _fill_below(draw, _ridge(rng, width, horizon - 30, 40), height, _jitter(rng, (100, 130, 100)))
    draw.rectangle((0, horizon, width, height), fill=_jitter(rng, (120, 160, 80)))
    vx = width * rng.uniform(0.4, 0.6)
    draw.polygon(
        [(vx - 10, horizon), (vx + 10, horizon), (width * 0.9, height), (width * 0.1, height)], fill=(80, 80, 85)
    )
    for i in range(10):
        t0, t1 = (i / 10) ** 2, ((i + 0.5) / 10) ** 2
        y0, y1 = horizon + (height - horizon) * t0, horizon + (height - horizon) * t1
        draw.polygon(
            [(vx - 1 - 6 * t0, y0), (vx + 1 + 6 * t0, y0), (vx + 1 + 6 * t1 + 8 * t1, y1), (vx - 1 - 14 * t1, y1)],
            fill=(240, 230, 120),
        )
    for side in (-1, 1):
        for i in range(8):
            t = (i + 1) / 8
            x = vx + side * (40 + width * 0.45 * t)
            y = horizon + (height - horizon) * t**1.5
            r = 20 + 90 * t
            draw.rectangle((x - 5 * t - 2, y - r * 1.5, x + 5 * t + 2, y), fill=(90, 60, 40))
            draw.ellipse((x - r, y - r * 2.6, x + r, y - r * 1.1), fill=_jitter(rng, (50, 110, 50)))


def _forest(image: Image.Image, rng: Rng) -> None:
    width, height = image.size
    draw = ImageDraw.Draw(image)
    for layer in range(4):
        scale = 0.5 + layer * 0.35
        base = height * (0.45 + layer * 0.15)
        green = _mix((120, 150, 130), (30, 80, 40), layer / 3)
        x = -30.0
        while x < width + 30:
            h = rng.uniform(140, 260) * scale
            w = h * 0.45
            draw.polygon([(x - w / 2, base), (x + w / 2, base), (x, base - h)], fill=_jitter(rng, green, 10))
            x += w * rng.uniform(0.5, 0.9)
        draw.rectangle((0, base, width, height), fill=_mix(green, (60, 50, 30), 0.3))


_SCENES: dict[Scene, Callable[[Image.Image, Rng], None]] = {
    Scene.LANDSCAPE: _landscape,
    Scene.FIELDS: _fields,
    Scene.CITY: _city,
    Scene.PEOPLE: _people,
    Scene.SEA: _sea,
    Scene.STADIUM: _stadium,
    Scene.CLASSROOM: _classroom,
    Scene.MEETING: _meeting,
    Scene.RIVER: _river,
    Scene.MARKET: _market,
    Scene.FLOOD: _flood,
    Scene.FESTIVAL: _festival,
    Scene.ROAD: _road,
    Scene.FOREST: _forest,
}


def _grain(image: Image.Image, rng: Rng) -> Image.Image:
    """Soften the flat shapes and add film-like grain and a vignette so they read as photos."""
    width, height = image.size
    image = image.filter(ImageFilter.GaussianBlur(1.6))
    small = (width // 2, height // 2)
    noise = Image.frombytes("L", small, rng.randbytes(small[0] * small[1])).resize(image.size)
    image = Image.blend(image, Image.merge("RGB", (noise, noise, noise)), 0.06)
    vignette = Image.new("L", (64, 40), 0)
    ImageDraw.Draw(vignette).ellipse((-8, -6, 72, 46), fill=255)
    vignette = vignette.filter(ImageFilter.GaussianBlur(6)).resize(image.size)
    dark = Image.new("RGB", image.size, (10, 10, 15))
    return Image.composite(image, dark, vignette.point(lambda v: 150 + v * 105 // 255))


def _chart_wide(rng: Rng, size: tuple[int, int]) -> Image.Image:
    """A wide, listing-friendly chart picture for an infographic (no text)."""
    width, height = size
    accent = rng.choice([(200, 40, 50), (20, 110, 170), (20, 140, 110), (220, 120, 20)])
    image = _gradient(size, _mix((250, 248, 242), accent, 0.08), _mix((250, 248, 242), accent, 0.22))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 24), fill=accent)
    margin, gap = 70, 50
    half = (width - 2 * margin - gap) // 2
    top_h = int(height * 0.55)
    boxes = [
        ((margin, 80, margin + half, 80 + top_h), _panel_bars),
        ((margin + half + gap, 80, width - margin, 80 + top_h), _panel_donut),
        ((margin, 80 + top_h + gap, width - margin, height - 60), _panel_icons),
    ]
    for box, panel in boxes:
        draw.rounded_rectangle(
            box, radius=28, fill=(255, 255, 255), outline=_mix(accent, (255, 255, 255), 0.6), width=4
        )
        draw.ellipse((box[0] + 30, box[1] + 30, box[0] + 110, box[1] + 110), fill=accent)
        panel(draw, rng, box, accent)
    return image


def _photo(rng: Rng, size: tuple[int, int], scene: Scene) -> Image.Image:
    if scene is Scene.CHART:
        return _chart_wide(rng, size)
    image = _sky(rng, size)
    _SCENES[scene](image, rng)
    return _grain(image, rng)


def _poster_mark(image: Image.Image, rng: Rng, *, audio: bool) -> None:
    width, height = image.size
    overlay = Image.new("RGB", image.size, (0, 0, 0))
    image.paste(Image.blend(image, overlay, 0.35))
    draw = ImageDraw.Draw(image)
    cx, cy, r = width / 2, height / 2, height * 0.14
    if audio:
        bars = 48
        for i in range(bars):
            x = width * 0.15 + i * (width * 0.7 / bars)
            h = height * 0.05 + height * 0.25 * abs(math.sin(i * 0.45 + rng.random())) * rng.uniform(0.5, 1)
            draw.rounded_rectangle(
                (x, cy - h / 2, x + width * 0.7 / bars * 0.6, cy + h / 2), radius=6, fill=(250, 250, 250)
            )
    else:
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(200, 30, 40))
        draw.polygon(
            [(cx - r * 0.35, cy - r * 0.5), (cx - r * 0.35, cy + r * 0.5), (cx + r * 0.55, cy)], fill=(255, 255, 255)
        )


def _font(size: int) -> ImageFont.FreeTypeFont | None:
    for candidate in _FONT_CANDIDATES:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return None  # Pillow's default font lacks Vietnamese glyphs: draw no text then


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if font.getlength(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def _infographic(rng: Rng, size: tuple[int, int], title: str, lines: tuple[str, ...] = ()) -> Image.Image:
    width, height = size
    accent = rng.choice([(200, 40, 50), (20, 110, 170), (20, 140, 110), (220, 120, 20)])
    image = _gradient(size, (248, 246, 240), _mix((248, 246, 240), accent, 0.12))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 420), fill=accent)
    font = _font(56)
    if font is not None:
        y = 90
        for line in _wrap(title, font, width - 160)[:4]:
            draw.text((80, y), line, font=font, fill=(255, 255, 255))
            y += 72
    else:
        for i in range(3):
            draw.rounded_rectangle(
                (80, 100 + i * 80, width - 80 - 180 * i, 140 + i * 80), radius=18, fill=(255, 255, 255)
            )
    panels = [_panel_bars, _panel_donut, _panel_icons, _panel_line, _panel_bars][: max(4, len(lines))]
    label_font = _font(30)
    top = 500
    panel_height = (height - top - 120) // len(panels)
    for i, panel in enumerate(panels):
        box = (60, top + i * panel_height, width - 60, top + (i + 1) * panel_height - 50)
        draw.rounded_rectangle(
            box, radius=28, fill=(255, 255, 255), outline=_mix(accent, (255, 255, 255), 0.6), width=4
        )
        draw.ellipse((box[0] + 30, box[1] + 30, box[0] + 110, box[1] + 110), fill=accent)
        if label_font is not None and i < len(lines):
            y = box[1] + 36
            for text_line in _wrap(lines[i], label_font, box[2] - box[0] - 180)[:3]:
                draw.text((box[0] + 135, y), text_line, font=label_font, fill=(40, 40, 40))
                y += 40
        panel(draw, rng, box, accent)
    draw.rectangle((0, height - 80, width, height), fill=_mix(accent, (0, 0, 0), 0.3))
    return image


def _panel_bars(draw: ImageDraw.ImageDraw, rng: Rng, box: tuple[int, int, int, int], accent: RGB) -> None:
    x0, y0, x1, y1 = box
    n = rng.randint(5, 8)
    slot = (x1 - x0 - 200) / n
    base = y1 - 50
    for i in range(n):
        h = (base - y0 - 190) * rng.uniform(0.25, 1)
        color = accent if i == n - 1 else _mix(accent, (255, 255, 255), 0.5)
        left = x0 + 150 + i * slot
        draw.rounded_rectangle((left, base - h, left + slot * 0.65, base), radius=10, fill=color)
    draw.line((x0 + 130, base, x1 - 40, base), fill=(120, 120, 120), width=3)


def _panel_donut(draw: ImageDraw.ImageDraw, rng: Rng, box: tuple[int, int, int, int], accent: RGB) -> None:
    x0, y0, x1, y1 = box
    cy = y0 + 180 + (y1 - y0 - 180) / 2
    r = (y1 - y0 - 210) * 0.5
    cx = x0 + 150 + r
    start = -90.0
    shares = [rng.uniform(1, 4) for _ in range(4)]
    total = sum(shares)
    for i, share in enumerate(shares):
        end = start + 360 * share / total
        draw.pieslice((cx - r, cy - r, cx + r, cy + r), start, end, fill=_mix(accent, (255, 255, 255), i * 0.22))
        start = end
    draw.ellipse((cx - r * 0.55, cy - r * 0.55, cx + r * 0.55, cy + r * 0.55), fill=(255, 255, 255))
    for i in range(4):
        ly = cy - 90 + i * 55
        draw.rectangle((cx + r + 60, ly, cx + r + 100, ly + 36), fill=_mix(accent, (255, 255, 255), i * 0.22))
        draw.rounded_rectangle(
            (cx + r + 120, ly + 8, max(cx + r + 160, x1 - 60 - rng.randint(0, 120)), ly + 28),
            radius=10,
            fill=(215, 215, 215),
        )


def _panel_icons(draw: ImageDraw.ImageDraw, rng: Rng, box: tuple[int, int, int, int], accent: RGB) -> None:
    x0, _y0, x1, y1 = box
    filled = rng.randint(3, 9)
    for i in range(10):
        x = x0 + 150 + i * (x1 - x0 - 200) / 10 + 20
        color = accent if i < filled else (210, 210, 210)
        _person(draw, x, y1 - 70, 1.5, color)


def _panel_line(draw: ImageDraw.ImageDraw, rng: Rng, box: tuple[int, int, int, int], accent: RGB) -> None:
    x0, y0, x1, y1 = box
    points = []
    value = rng.uniform(0.3, 0.5)
    for i in range(9):
        value = min(0.95, max(0.05, value + rng.uniform(-0.08, 0.15)))
        points.append((x0 + 150 + i * (x1 - x0 - 220) / 8, y1 - 50 - value * (y1 - y0 - 220)))
    for gy in range(int(y0) + 180, int(y1) - 40, 60):
        draw.line((x0 + 130, gy, x1 - 40, gy), fill=(230, 230, 230), width=2)
    draw.line(points, fill=accent, width=8, joint="curve")
    for px, py in points:
        draw.ellipse((px - 12, py - 12, px + 12, py + 12), fill=(255, 255, 255), outline=accent, width=5)
