"""The demo newspaper as plain data: sections, authors, events and articles.

Nothing here touches the database; :mod:`toasoan.demo.services` loads it. The place is the real
province of Nghệ An, but every person, company, school and event is invented.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache

from toasoan.demo import articles_features, articles_news
from toasoan.demo.schema import (
    Article,
    ArticleRegistry,
    Author,
    Event,
    Format,
    ImageKind,
    ImageSpec,
    Scene,
    Section,
)

SECTIONS: tuple[Section, ...] = (
    Section("thoi-su", "Thời sự", "Tin tức thời sự trong tỉnh và trong nước."),
    Section(
        "xay-dung-dang",
        "Xây dựng Đảng",
        "Công tác xây dựng Đảng, chính quyền và hệ thống chính trị ở cơ sở.",
        parent="thoi-su",
    ),
    Section("kinh-te", "Kinh tế", "Sản xuất, kinh doanh, đầu tư và thị trường."),
    Section("xa-hoi", "Xã hội", "Đời sống, an sinh, môi trường và chuyện thường ngày."),
    Section("van-hoa", "Văn hóa", "Di sản, lễ hội, nghệ thuật và những người giữ hồn quê."),
    Section(
        "du-lich",
        "Du lịch",
        "Điểm đến, mùa lễ hội và du lịch cộng đồng.",
        parent="van-hoa",
    ),
    Section("the-thao", "Thể thao", "Thể thao phong trào và thành tích cao."),
    Section("giao-duc", "Giáo dục", "Trường lớp, thầy cô, học sinh và tuyển sinh."),
)

AUTHORS: tuple[Author, ...] = (
    Author("le-thu-ha", "Lê Thu Hà", "Phóng viên ban Thời sự.", is_user=True),
    Author("nguyen-van-khanh", "Nguyễn Văn Khánh", "Phóng viên ban Kinh tế.", is_user=True),
    Author("tran-minh-duc", "Trần Minh Đức", "Phóng viên thể thao."),
    Author("pham-thanh-thuy", "Phạm Thanh Thủy", "Phóng viên ban Giáo dục.", is_user=True),
    Author("hoang-quoc-bao", "Hoàng Quốc Bảo", "Phóng viên ảnh."),
    Author("vo-ngoc-lan", "Võ Ngọc Lan", "Phóng viên ban Văn hóa - Du lịch."),
    Author("dang-huu-tai", "Đặng Hữu Tài", "Cộng tác viên thường trú miền Tây Nghệ An."),
    Author("bui-mai-phuong", "Bùi Mai Phương", "Biên tập viên Media, phụ trách podcast.", is_user=True),
)


def _cover(slug: str, scene: Scene, title: str, credit: str) -> ImageSpec:
    return ImageSpec(key=f"event-{slug}", kind=ImageKind.PHOTO, scene=scene, title=title, credit=credit)


EVENTS: tuple[Event, ...] = (
    Event(
        slug="ung-pho-mua-lu-mien-tay",
        title="Ứng phó mưa lũ miền Tây Nghệ An",
        description=(
            "Diễn biến đợt mưa lũ tại các huyện miền Tây Nghệ An, công tác sơ tán, cứu trợ và khắc phục hậu quả."
        ),
        cover=_cover("ung-pho-mua-lu-mien-tay", Scene.FLOOD, "Nước lũ ở miền Tây Nghệ An", "Đặng Hữu Tài"),
        articles=(
            "lu-quet-o-ky-son-di-doi-khan-cap-120-ho-dan",
            "thiet-hai-do-mua-lu-tai-cac-huyen-mien-tay",
            "thanh-nien-tinh-nguyen-mang-hang-cuu-tro-vuot-suoi-len-ban",
            "nuoc-rut-tuong-duong-khan-truong-don-dep-truong-hoc",
            "nguoi-dan-vung-lu-con-cuong-dung-lai-nha-cua",
            "video-toan-canh-khac-phuc-hau-qua-lu-tai-tuong-duong",
        ),
    ),
    Event(
        slug="dai-hoi-the-duc-the-thao-tinh-lan-thu-x",
        title="Đại hội Thể dục thể thao tỉnh lần thứ X",
        description="Lễ khai mạc, kết quả thi đấu và những gương mặt nổi bật của Đại hội.",
        cover=_cover("dai-hoi-the-duc-the-thao-tinh-lan-thu-x", Scene.STADIUM, "Sân vận động Vinh", "Hoàng Quốc Bảo"),
        articles=(
            "khai-mac-dai-hoi-the-duc-the-thao-tinh-lan-thu-x",
            "sac-mau-le-khai-mac-dai-hoi-the-duc-the-thao-tinh",
            "bong-chuyen-nu-dien-chau-lan-dau-vo-dich-dai-hoi",
            "nu-van-dong-vien-16-tuoi-pha-ky-luc-nhay-xa-cua-tinh",
            "video-nhung-pha-bong-dep-tran-chung-ket-bong-da-nam",
        ),
    ),
    Event(
        slug="chuyen-doi-so-o-co-so",
        title="Chuyển đổi số ở cơ sở",
        description="Chính quyền, doanh nghiệp, trường học và người dân làm quen với công nghệ số.",
        cover=_cover("chuyen-doi-so-o-co-so", Scene.CITY, "Phố phường TP Vinh", "Lê Thu Hà"),
        articles=(
            "hung-nguyen-thi-diem-ung-dung-phan-anh-hien-truong",
            "chuyen-doi-so-trong-truong-hoc-sau-mot-nam",
            "hoc-sinh-vung-cao-hoc-lap-trinh-qua-lop-hoc-truc-tuyen",
            "tieu-thuong-cho-vinh-hoc-cach-ban-hang-truc-tuyen",
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class DemoContent:
    sections: tuple[Section, ...]
    authors: tuple[Author, ...]
    articles: tuple[Article, ...]
    events: tuple[Event, ...]

    def article(self, slug: str) -> Article:
        for article in self.articles:
            if article.slug == slug:
                return article
        raise KeyError(slug)

    def section(self, slug: str) -> Section:
        for section in self.sections:
            if section.slug == slug:
                return section
        raise KeyError(slug)

    def events_of(self, article_slug: str) -> tuple[Event, ...]:
        return tuple(event for event in self.events if article_slug in event.articles)

    @property
    def hot(self) -> tuple[Article, ...]:
        return tuple(article for article in self.articles if article.hot)

    @property
    def images(self) -> tuple[ImageSpec, ...]:
        """Every image to generate, each key once."""
        seen: dict[str, ImageSpec] = {}
        for article in self.articles:
            for image in article.images:
                seen.setdefault(image.key, image)
        for event in self.events:
            seen.setdefault(event.cover.key, event.cover)
        return tuple(seen.values())

    def validate(self) -> None:
        """Raise ``ValueError`` naming every inconsistency (dangling slug, duplicate, bad shape)."""
        problems: list[str] = []
        section_slugs = {s.slug for s in self.sections}
        author_slugs = {a.slug for a in self.authors}
        for section in self.sections:
            if section.parent is not None:
                parent = self.section(section.parent)
                if parent.parent is not None:
                    problems.append(f"section {section.slug}: nested more than one level")
        for kind, slugs in (
            ("section", [s.slug for s in self.sections]),
            ("author", [a.slug for a in self.authors]),
            ("article", [a.slug for a in self.articles]),
            ("event", [e.slug for e in self.events]),
            ("image", [i.key for a in self.articles for i in a.images] + [e.cover.key for e in self.events]),
            # Loading falls back to (title, size) when an image file changed: keep that pair unique too.
            ("image title", [f"{i.title} {i.kind}" for i in self.images]),
        ):
            for slug, count in Counter(slugs).items():
                if count > 1:
                    problems.append(f"duplicate {kind} {slug}")
        for article in self.articles:
            where = f"article {article.slug}"
            if article.section not in section_slugs:
                problems.append(f"{where}: unknown section {article.section}")
            if article.secondary_section not in (None, *section_slugs):
                problems.append(f"{where}: unknown secondary section {article.secondary_section}")
            if article.secondary_section == article.section:
                problems.append(f"{where}: secondary section equals section")
            if not 1 <= len(article.authors) <= 2 or set(article.authors) - author_slugs:
                problems.append(f"{where}: bad authors {article.authors}")
            if not 2 <= len(article.tags) <= 4:
                problems.append(f"{where}: needs 2-4 tags")
            if article.format is Format.INFOGRAPHIC and article.infographic is None:
                problems.append(f"{where}: infographic without its image")
            if article.format is Format.MEDIA and article.media is None:
                problems.append(f"{where}: media without video or audio")
            if article.format is not Format.MEDIA and article.media is not None:
                problems.append(f"{where}: media data on a non-media article")
        article_slugs = {a.slug for a in self.articles}
        for event in self.events:
            for slug in event.articles:
                if slug not in article_slugs:
                    problems.append(f"event {event.slug}: unknown article {slug}")
        if problems:
            raise ValueError("; ".join(problems))


# The footer's imprint (home.models.Imprint): invented, of the kind a provincial paper prints.
IMPRINT = {
    "legal_name": "Báo điện tử Tòa Soạn",
    "owner": "Hội Truyền thông Cộng đồng tỉnh Nghệ An",
    "licence_number": "68/GP-BVHTTDL",
    "licence_date": date(2025, 9, 18),
    "licence_issuer": "Bộ Văn hóa, Thể thao và Du lịch",
    "editor_in_chief": "Vũ Thị Giang",
    "deputy_editors": "Phan Đức Hải, Lê Thị Hồng Nhung",
    "address": "Số 12 đường Lê Hồng Phong, phường Thành Vinh, tỉnh Nghệ An",
    "phone": "0238 3 844 555",
    "email": "lienhe@toasoan.example",
    "copyright_note": "Ghi rõ nguồn «Báo điện tử Tòa Soạn» khi phát hành lại thông tin từ trang này.",
}


@cache
def demo_content() -> DemoContent:
    """The whole demo newspaper, validated; articles newest first."""
    registry = ArticleRegistry()
    articles_news.declare(registry)
    articles_features.declare_photo(registry)
    articles_features.declare_infographic(registry)
    articles_features.declare_magazine(registry)
    articles_features.declare_media(registry)
    articles = tuple(sorted(registry.articles, key=lambda a: a.minutes_ago))
    content = DemoContent(sections=SECTIONS, authors=AUTHORS, articles=articles, events=EVENTS)
    content.validate()
    return content
