"""The demo's story in live coverage (tường thuật trực tiếp): the flash flood in Kỳ Sơn, followed by the desk.

Written for the demo; the place is real, the events and people are invented.
"""

from __future__ import annotations

from dataclasses import dataclass

LIVE_ARTICLE_TITLE = "Lũ quét ở Kỳ Sơn, di dời khẩn cấp 120 hộ dân"


@dataclass(frozen=True)
class DemoUpdate:
    minutes_ago: int
    text: str
    kind: str = "text"
    quote_source: str = ""
    pinned: bool = False


LIVE_UPDATES = (
    DemoUpdate(150, "Phóng viên đã có mặt ở trung tâm huyện Kỳ Sơn. Nước trên suối Nậm Mộ vẫn lên nhanh, "
                    "đục ngầu, cuốn theo nhiều cây gỗ lớn."),
    DemoUpdate(120, "Đường lên xã Mường Típ bị sạt lở ở hai điểm, xe cứu hộ phải dừng lại cách bản khoảng 4 km. "
                    "Lực lượng biên phòng đi bộ vào bản để hỗ trợ người dân."),
    DemoUpdate(95, "Ưu tiên số một lúc này là người già, trẻ nhỏ và phụ nữ mang thai. Không để ai ở lại trong "
                   "vùng nguy hiểm qua đêm nay.", kind="quote", quote_source="Chủ tịch UBND huyện Kỳ Sơn"),
    DemoUpdate(60, "Đã có 120 hộ với gần 500 nhân khẩu được đưa đến trường học và nhà văn hóa xã. Bếp ăn tập "
                   "thể bắt đầu nấu bữa tối cho bà con.", pinned=True),
    DemoUpdate(25, "Mưa đã ngớt. Đội cứu hộ bắt đầu kiểm tra lại cầu treo bản Huồi Tụ trước khi cho người "
                   "qua lại."),
    DemoUpdate(5, "Trung tâm y tế huyện cử hai tổ cơ động mang thuốc men lên các điểm sơ tán; chưa ghi nhận "
                  "thương vong."),
)
