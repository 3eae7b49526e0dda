"""Readers' comments for the demo paper: a few stories with approved comments, a reply, a like or two, and one
comment still waiting in the queue. Written for the demo; the readers are invented. Added once per story."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from toasoan.comments import conf
from toasoan.comments.models import Comment, HeldBecause, Status


@dataclass(frozen=True)
class DemoComment:
    name: str
    email: str
    body: str
    minutes_ago: int
    status: str = Status.APPROVED
    likes: int = 0
    held_because: str = ""
    replies: tuple[DemoComment, ...] = field(default_factory=tuple)


DEMO_COMMENTS: dict[str, tuple[DemoComment, ...]] = {
    "Lũ quét ở Kỳ Sơn, di dời khẩn cấp 120 hộ dân": (
        DemoComment("Vi Văn Thắng", "thang.vi@example.vn",
                    "Quê tôi ở Mường Típ. Cảm ơn các chiến sĩ biên phòng đã đi bộ vào bản giúp bà con trong đêm.",
                    70, likes=12, replies=(
                        DemoComment("Lô Thị Sen", "sen.lo@example.vn",
                                    "Nhà ngoại tôi cũng được đưa xuống trường học rồi, mọi người yên tâm nhé.", 55,
                                    likes=3),
                    )),
        DemoComment("Nguyễn Hữu Phước", "phuoc.nh@example.vn",
                    "Mong tỉnh sớm khảo sát lại các điểm sạt lở trên đường lên xã, mùa mưa năm nào cũng tắc.", 40,
                    likes=5),
        DemoComment("Khách qua đường", "khach@example.vn",
                    "Ai cần vay tiền gấp sau lũ thì nhắn vào vaytiennhanh . com, không cần thế chấp!", 20,
                    status=Status.PENDING, held_because=HeldBecause.LINK),
    ),
    "Khởi công tuyến đường ven biển nối Cửa Lò với Diễn Châu": (
        DemoComment("Hồ Thị Lan", "lan.ho@example.vn",
                    "Đoạn qua Nghi Thiết nên có đường gom cho bà con chở hải sản, đừng để xe tải đi chung.", 300,
                    likes=8),
        DemoComment("Trần Quốc Bảo", "bao.tq@example.vn",
                    "Tiến độ 24 tháng liệu có kịp không, khi mặt bằng còn vướng ở hai xã?", 180, likes=2),
    ),
    "Tiểu thương chợ Vinh học cách bán hàng trực tuyến": (
        DemoComment("Phan Minh Châu", "chau.pm@example.vn",
                    "Mẹ tôi bán ở chợ Vinh 20 năm, giờ đã biết livestream bán cá khô. Lớp học rất thiết thực.", 90,
                    likes=4),
        DemoComment("Đặng Văn Hải", "hai.dang@example.vn",
                    "Nên mở thêm lớp buổi tối, ban ngày các cô các chị còn phải trông sạp.", 30,
                    status=Status.PENDING, held_because=HeldBecause.PREMODERATION),
    ),
}


def _create(article, item: DemoComment, *, now: datetime, parent: Comment | None = None) -> Comment:
    created = now - timedelta(minutes=item.minutes_ago)
    comment = Comment.objects.create(
        article=article, parent=parent, name=item.name, body=item.body, status=item.status,
        held_because=item.held_because, like_count=item.likes, created_at=created, email=item.email,
        email_hash=conf.keyed_hash("email", item.email), consent_at=created, consent_version=conf.CONSENT_VERSION,
        moderated_at=created + timedelta(minutes=5) if item.status == Status.APPROVED else None,
    )
    for reply in item.replies:
        _create(article, reply, now=now, parent=comment)
    return comment


def ensure_demo_comments(*, articles, now: datetime) -> int:
    """Add the demo's comments to the stories (by title) that have none yet; returns how many were added."""
    added = 0
    for article in articles:
        items = DEMO_COMMENTS.get(article.title)
        if not items or Comment.objects.filter(article=article).exists():
            continue
        for item in items:
            _create(article, item, now=now)
            added += 1 + len(item.replies)
    return added
