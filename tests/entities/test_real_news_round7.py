"""Seventh round of the real-news rules (sentences of our own in the same shapes as the news)."""

from __future__ import annotations

import pytest

from toasoan.entities.extraction import extract_entities


def _people(text: str) -> set[str]:
    return {p.name for p in extract_entities(text).people}


@pytest.mark.parametrize(("text", "person"), [
    ("Chuyên gia ngôn ngữ học Marta Oberling nhận định cuộc gặp đã căng thẳng.", "Marta Oberling"),
    ("Nhà nghiên cứu Pellam Dravik được mời phát biểu.\nChuyên gia hàng không Ossie Brandmoor nói thêm.",
     "Ossie Brandmoor"),
])
def test_a_word_for_a_person_opening_a_sentence_still_describes_the_name(text: str, person: str) -> None:
    assert person in _people(text)


@pytest.mark.parametrize("text", [
    "Người bị thương trong vụ nổ ở Port Velmar đã xuất viện.",  # a town after "ở"
    "Bạn gái kẻ cướp ở Glen Arrow được thả.",
    "Công ty quảng cáo Brandmoor Creative vừa mở văn phòng.",  # a firm, no word for a person
])
def test_no_person_after_a_place_word_or_in_a_firm(text: str) -> None:
    assert _people(text) == set()
