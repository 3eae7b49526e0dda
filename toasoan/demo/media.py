"""The demo's playable media, made at load time: a short H.264 clip per video and a synthesised MP3 bulletin.

Nothing is downloaded and nothing is recorded: the clip pans slowly over the item's poster scene (drawn by
:mod:`toasoan.demo.images`) under a sliding lower-third band in the paper's red; the audio is a three-note
jingle, then syllables of "speech" — a pulse train at a speaking pitch that follows the six Vietnamese tone
contours, shaped by the formants of a vowel — then the jingle backwards. Both are seeded from the item's key,
so the same item always gives the same file (encoded single-threaded), and small: ~12 s of 640×360 video is
under 300 KB, 30 s of mono audio at 48 kbit/s under 200 KB. Encoded with PyAV (FFmpeg's libx264 and libmp3lame,
shipped in its wheel).
"""

from __future__ import annotations

import io
import math
import random
import tempfile
from array import array
from dataclasses import dataclass
from pathlib import Path

import av
from PIL import Image, ImageDraw

from toasoan.demo.images import POSTER_SIZE, _photo, cached_file
from toasoan.demo.schema import Scene

VIDEO_SIZE = (640, 360)
VIDEO_FPS = 15
VIDEO_SECONDS = 12
AUDIO_RATE = 22_050
MEDIA_VERSION = 1  # raise when a change below makes different files: cached ones are then made again
RED = (161, 18, 26)

# (F1, F2) in Hz of the vowels a, e, i, o, u, ơ, ư, as a speaker's formants roughly sit.
_VOWELS = ((750, 1250), (550, 1800), (300, 2250), (480, 900), (330, 800), (500, 1300), (360, 1400))
# Pitch contours of the six tones (ngang, huyền, sắc, hỏi, ngã, nặng), as multiples of the speaker's pitch over
# the syllable: start, middle, end.
_TONES = ((1.0, 1.0, 1.0), (0.95, 0.85, 0.78), (0.98, 1.1, 1.28), (0.92, 0.8, 0.95), (1.0, 0.9, 1.3),
          (0.9, 0.78, 0.7))


@dataclass(frozen=True, slots=True)
class MediaFile:
    filename: str
    data: bytes
    seconds: int


def _seed(key: str) -> random.Random:
    return random.Random(key)  # noqa: S311 - seeded on purpose: same key, same file


def video_clip(*, key: str, scene: Scene, seconds: int = VIDEO_SECONDS, cache_dir: Path | None = None) -> MediaFile:
    """An MP4 (H.264, yuv420p, no sound) of ``seconds`` panning over a ``scene``."""
    path = cached_file(cache_dir=cache_dir, stem=key, suffix="mp4",
                       recipe=f"{MEDIA_VERSION}|video|{key}|{scene}|{seconds}",
                       make=lambda: _make_clip(key=key, scene=scene, seconds=seconds))
    return MediaFile(filename=f"{key}.mp4", data=path.read_bytes(), seconds=seconds)


def _make_clip(*, key: str, scene: Scene, seconds: int) -> bytes:
    rng = _seed(key)
    backdrop = _photo(rng, POSTER_SIZE, scene)
    # "faststart" (the index before the frames, so a player starts before the whole file arrived) rewrites the file
    # in a second pass: it needs a real file.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "clip.mp4"
        _encode_clip(path, backdrop, seconds)
        return path.read_bytes()


def _encode_clip(path: Path, backdrop: Image.Image, seconds: int) -> None:
    with av.open(str(path), mode="w", format="mp4", options={"movflags": "+faststart"}) as container:
        stream = container.add_stream("libx264", rate=VIDEO_FPS,
                                      options={"crf": "31", "preset": "medium", "threads": "1"})
        stream.width, stream.height = VIDEO_SIZE
        stream.pix_fmt = "yuv420p"
        frames = seconds * VIDEO_FPS
        for i in range(frames):
            frame = av.VideoFrame.from_image(_video_frame(backdrop, i / max(1, frames - 1)))
            frame.pts = i
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))


def _video_frame(backdrop: Image.Image, t: float) -> Image.Image:
    """Frame at ``t`` (0..1): a slow zoom and pan over the backdrop, the band sliding in after a second."""
    width, height = backdrop.size
    zoom = 1.0 + 0.14 * t
    crop_w, crop_h = width / zoom, height / zoom
    left, top = (width - crop_w) * (0.2 + 0.6 * t), (height - crop_h) * 0.5
    frame = backdrop.resize(VIDEO_SIZE, Image.Resampling.BILINEAR, box=(left, top, left + crop_w, top + crop_h))
    draw = ImageDraw.Draw(frame)
    slide = min(1.0, max(0.0, (t - 0.08) * 6))
    band_w = int(VIDEO_SIZE[0] * 0.62 * slide)
    if band_w:
        y = VIDEO_SIZE[1] - 62
        draw.rectangle((0, y, band_w, y + 34), fill=RED)
        draw.rectangle((0, y + 34, int(band_w * 0.7), y + 44), fill=(255, 255, 255))
        draw.rectangle((14, y + 8, 32, y + 12), fill=(255, 255, 255))  # the logo's T
        draw.rectangle((21, y + 8, 25, y + 27), fill=(255, 255, 255))
    return frame


def audio_bulletin(*, key: str, seconds: int, cache_dir: Path | None = None) -> MediaFile:
    """An MP3 (mono, 22.05 kHz) of ``seconds``: jingle, synthesised speech, jingle."""
    path = cached_file(cache_dir=cache_dir, stem=key, suffix="mp3", recipe=f"{MEDIA_VERSION}|audio|{key}|{seconds}",
                       make=lambda: _make_bulletin(key=key, seconds=seconds))
    return MediaFile(filename=f"{key}.mp3", data=path.read_bytes(), seconds=seconds)


def _make_bulletin(*, key: str, seconds: int) -> bytes:
    samples = _bulletin(_seed(key), seconds)
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="mp3") as container:
        stream = container.add_stream("libmp3lame", rate=AUDIO_RATE, options={"b": "48k"})
        stream.layout = "mono"
        size = stream.codec_context.frame_size or 1152
        pcm = array("h", (max(-32767, min(32767, int(s * 32767))) for s in samples)).tobytes()
        for start in range(0, len(samples), size):
            chunk = pcm[start * 2:(start + size) * 2]
            frame = av.AudioFrame(format="s16p", layout="mono", samples=len(chunk) // 2)
            frame.planes[0].update(chunk.ljust(frame.planes[0].buffer_size, b"\0"))
            frame.sample_rate, frame.pts = AUDIO_RATE, start
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return buffer.getvalue()


def _bulletin(rng: random.Random, seconds: int) -> array:
    out = array("f", bytes(4 * seconds * AUDIO_RATE))
    notes = (523.25, 659.25, 783.99, 1046.5)
    for i, f in enumerate(notes):
        _tone(out, start=0.1 + 0.32 * i, length=0.9, freq=f, gain=0.28)
    closing = seconds - 2.2
    for i, f in enumerate(reversed(notes[:3])):
        _tone(out, start=closing + 0.3 + 0.32 * i, length=0.9, freq=f, gain=0.24)
    at, pitch = 2.2, rng.uniform(165, 205)  # a speaker's pitch
    while at < closing - 0.4:
        for _ in range(rng.randint(5, 11)):  # a phrase
            length = rng.uniform(0.15, 0.27)
            if at + length > closing - 0.3:
                break
            _syllable(out, start=at, length=length, pitch=pitch, vowel=rng.choice(_VOWELS), tone=rng.choice(_TONES))
            at += length + rng.uniform(0.02, 0.06)
        at += rng.uniform(0.3, 0.5)
    peak = max(abs(s) for s in out) or 1.0
    return array("f", (s * 0.85 / peak for s in out))


def _tone(out: array, *, start: float, length: float, freq: float, gain: float) -> None:
    first = int(start * AUDIO_RATE)
    for n in range(min(int(length * AUDIO_RATE), len(out) - first)):
        t = n / AUDIO_RATE
        wave = math.sin(2 * math.pi * freq * t) + 0.3 * math.sin(4 * math.pi * freq * t)
        out[first + n] += gain * wave * math.exp(-4.0 * t) * min(1.0, t * 200)


def _syllable(out: array, *, start: float, length: float, pitch: float, vowel: tuple[int, int],
              tone: tuple[float, float, float]) -> None:
    """A pulse train following the tone's contour, through two formant resonators, with a soft envelope."""
    first, count = int(start * AUDIO_RATE), int(length * AUDIO_RATE)
    resonators = []
    for formant, bandwidth in zip(vowel, (90, 120), strict=True):
        r = math.exp(-math.pi * bandwidth / AUDIO_RATE)
        resonators.append([2 * r * math.cos(2 * math.pi * formant / AUDIO_RATE), -r * r, 1 - r, 0.0, 0.0])
    phase = 0.0
    for n in range(count):
        x = n / count
        a, b, c = tone
        f0 = pitch * (a + (b - a) * 2 * x if x < 0.5 else b + (c - b) * (2 * x - 1))
        phase = (phase + f0 / AUDIO_RATE) % 1.0
        source = 1.0 - 2.0 * phase  # a falling sawtooth, rich in harmonics like the glottis
        value = 0.0
        for res in resonators:
            y = res[2] * source + res[0] * res[3] + res[1] * res[4]
            res[4], res[3] = res[3], y
            value += y
        envelope = min(1.0, n / (0.015 * AUDIO_RATE), (count - n) / (0.04 * AUDIO_RATE))
        out[first + n] += 0.5 * value * envelope
