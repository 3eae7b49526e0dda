"""The demo's generated clip and bulletin: playable files, made once and read back from the file cache."""

from __future__ import annotations

import av
import pytest

from toasoan.demo import media
from toasoan.demo.schema import Scene


def _duration(data: bytes, tmp_path, name: str) -> float:
    path = tmp_path / name
    path.write_bytes(data)
    with av.open(str(path)) as container:
        return container.duration / av.time_base


def test_clip_and_bulletin_are_made_once_then_read_back(tmp_path, monkeypatch):
    clip = media.video_clip(key="clip-kiem-thu", scene=Scene.SEA, seconds=2, cache_dir=tmp_path)
    bulletin = media.audio_bulletin(key="ban-tin-kiem-thu", seconds=3, cache_dir=tmp_path)
    assert clip.data[4:8] == b"ftyp" and clip.filename == "clip-kiem-thu.mp4"
    assert _duration(clip.data, tmp_path, "a.mp4") == pytest.approx(2, abs=0.2)
    assert _duration(bulletin.data, tmp_path, "a.mp3") == pytest.approx(3, abs=0.2)
    assert not list(tmp_path.glob("*.tmp"))  # written under a temporary name, then renamed

    def refuse(**_kwargs):
        raise AssertionError("encoded again although the cache has the file")

    monkeypatch.setattr(media, "_make_clip", refuse)
    monkeypatch.setattr(media, "_make_bulletin", refuse)
    assert media.video_clip(key="clip-kiem-thu", scene=Scene.SEA, seconds=2, cache_dir=tmp_path).data == clip.data
    assert media.audio_bulletin(key="ban-tin-kiem-thu", seconds=3, cache_dir=tmp_path).data == bulletin.data


def test_a_different_recipe_is_a_different_file(tmp_path):
    short = media.video_clip(key="clip-kiem-thu", scene=Scene.SEA, seconds=1, cache_dir=tmp_path)
    other_scene = media.video_clip(key="clip-kiem-thu", scene=Scene.CITY, seconds=1, cache_dir=tmp_path)
    assert short.data != other_scene.data
    assert len(list(tmp_path.glob("clip-kiem-thu-*.mp4"))) == 2
