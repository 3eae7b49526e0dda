"""Word lists and sentence patterns for the synthetic archive (all written for this project, all fictional)."""

from __future__ import annotations

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
            "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Đoàn", "Lương", "Thái", "Cao", "Hà", "Tạ", "Chu", "Quách"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Hữu", "Ngọc", "Thanh", "Quang", "Xuân", "Thu", "Hồng", "Kim", "Đình",
          "Công", "Bá", "Tiến", "Anh", "Hải", "Trọng", "Thùy", "Khánh", "Phương", "Mạnh", "Thế"]
GIVEN = ["Hùng", "Lan", "Dũng", "Hương", "Tuấn", "Hoa", "Long", "Mai", "Sơn", "Hà", "Nam", "Linh", "Thắng",
         "Trang", "Quyết", "Thủy", "Bình", "Hạnh", "Cường", "Yến", "Phúc", "Nhung", "Hiếu", "Loan", "Toàn",
         "Thảo", "Vinh", "Ngân", "Khoa", "Duyên", "Tài", "Huệ", "Đạt", "Oanh", "Lực", "Giang", "Hòa", "Tâm",
         "Việt", "Châu", "Kiên", "Thoa", "Lộc", "Diệp", "Quân", "Hằng", "Tùng", "Vân", "Thịnh", "Nga"]
PROVINCES = ["Nghệ An", "Hà Tĩnh", "Thanh Hóa", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế", "Đà Nẵng",
             "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên", "Khánh Hòa", "Ninh Thuận", "Lâm Đồng",
             "Đắk Lắk", "Gia Lai", "Kon Tum", "Hà Nội", "Hải Phòng", "Thái Bình", "Nam Định", "Ninh Bình",
             "Hà Giang", "Lào Cai", "Yên Bái", "Sơn La", "Điện Biên", "Cần Thơ", "An Giang", "Đồng Tháp",
             "Cà Mau", "Bạc Liêu", "Sóc Trăng", "Bến Tre", "Tiền Giang", "Long An", "Bình Dương", "Đồng Nai",
             "Tây Ninh", "Bình Phước", "Kiên Giang", "Vĩnh Long", "Trà Vinh", "Hậu Giang", "Bắc Ninh"]
DISTRICTS = ["Quỳnh Lưu", "Diễn Châu", "Yên Thành", "Đô Lương", "Nghi Lộc", "Hưng Nguyên", "Nam Đàn",
             "Thanh Chương", "Anh Sơn", "Con Cuông", "Tương Dương", "Kỳ Sơn", "Quế Phong", "Quỳ Châu",
             "Nghĩa Đàn", "Tân Kỳ", "Hương Sơn", "Đức Thọ", "Can Lộc", "Thạch Hà", "Cẩm Xuyên", "Kỳ Anh",
             "Bố Trạch", "Lệ Thủy", "Hải Lăng", "Phong Điền", "Hòa Vang", "Điện Bàn", "Tam Kỳ", "Núi Thành"]
CITIES = ["Vinh", "Hà Tĩnh", "Đồng Hới", "Huế", "Thanh Hóa", "Buôn Ma Thuột", "Pleiku", "Quy Nhơn",
          "Nha Trang", "Đà Lạt", "Cửa Lò", "Hoàng Mai", "Thái Hòa", "Sầm Sơn", "Tuy Hòa", "Rạch Giá"]
POSITIONS = [
    "Bí thư Tỉnh ủy", "Phó Bí thư Thường trực Tỉnh ủy", "Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh",
    "Chủ tịch HĐND tỉnh", "Trưởng ban Tổ chức Tỉnh ủy", "Giám đốc Sở Giáo dục và Đào tạo",
    "Giám đốc Sở Y tế", "Giám đốc Sở Nông nghiệp và Phát triển nông thôn", "Bí thư Huyện ủy",
    "Chủ tịch UBND huyện", "Trưởng Công an tỉnh", "Ủy viên BTV Tỉnh ủy", "Trưởng ban Tuyên giáo Tỉnh ủy",
    "Chủ tịch Ủy ban MTTQ tỉnh", "Giám đốc Sở Tài chính", "Giám đốc Sở Kế hoạch và Đầu tư",
    "Ủy viên Trung ương Đảng", "Bí thư Đảng ủy xã", "Chủ tịch UBND xã", "Hiệu trưởng nhà trường",
    "Giám đốc Bệnh viện Đa khoa tỉnh", "Chánh Văn phòng UBND tỉnh", "Bí thư Tỉnh đoàn",
]
ORGS = ["Ban Tổ chức Trung ương", "Ban Thường vụ Tỉnh ủy", "Ủy ban nhân dân tỉnh", "Hội đồng nhân dân tỉnh",
        "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Giao thông vận tải", "Hội Nông dân tỉnh", "Tỉnh đoàn",
        "Liên đoàn Lao động tỉnh", "Hội Liên hiệp Phụ nữ tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Công an tỉnh",
        "Cục Thuế tỉnh", "Ngân hàng Nhà nước chi nhánh tỉnh", "Đài Phát thanh và Truyền hình tỉnh",
        "Ủy ban Mặt trận Tổ quốc tỉnh", "Ban Tuyên giáo Tỉnh ủy", "Ban Quản lý Khu kinh tế Đông Nam"]

SECTIONS = {
    "thoi-su": "Thời sự",
    "chinh-tri": "Chính trị",
    "kinh-te": "Kinh tế",
    "xa-hoi": "Xã hội",
    "giao-duc": "Giáo dục",
    "suc-khoe": "Sức khỏe",
    "phap-luat": "Pháp luật",
    "the-thao": "Thể thao",
    "van-hoa": "Văn hóa",
    "quoc-te": "Quốc tế",
}

# Per section: subjects (what a story is about) and verbs (what happens), combined by the title patterns.
TOPICS = {
    "thoi-su": (["cầu vượt sông Lam", "tuyến đường ven biển", "dự án nâng cấp quốc lộ", "khu tái định cư",
                 "hồ chứa nước", "đê biển", "hệ thống cảnh báo lũ", "trạm bơm tiêu úng", "cảng cá",
                 "nhà văn hóa thôn", "chợ đầu mối", "bến xe phía Bắc"],
                ["khởi công", "thông xe", "hoàn thành", "chậm tiến độ", "được đầu tư", "bàn giao",
                 "đón tin vui", "sửa chữa khẩn cấp"]),
    "chinh-tri": (["Đại hội Đảng bộ", "hội nghị Ban Chấp hành", "kỳ họp Hội đồng nhân dân",
                   "công tác cán bộ", "Nghị quyết Trung ương", "phong trào thi đua", "cải cách hành chính",
                   "tiếp xúc cử tri", "công tác kiểm tra giám sát", "chỉnh đốn Đảng",
                   "Nghị quyết Đại hội XIII của Đảng", "Hội nghị Trung ương khóa XII", "đại biểu Quốc hội khóa XV",
                   "Kết luận của BTV Tỉnh ủy", "chương trình làm việc của HĐND"],
                  ["triển khai", "tổng kết", "bàn giải pháp", "thông qua", "quán triệt", "đánh giá",
                   "khai mạc", "bế mạc"]),
    "kinh-te": (["giá lúa", "xuất khẩu thủy sản", "thu ngân sách", "vốn đầu tư công", "khu công nghiệp",
                 "doanh nghiệp nhỏ và vừa", "giá xăng dầu", "thị trường bất động sản", "sản lượng chè",
                 "du lịch biển", "lãi suất cho vay", "hợp tác xã"],
                ["tăng mạnh", "giảm nhẹ", "phục hồi", "lập kỷ lục", "gặp khó", "vượt kế hoạch",
                 "thu hút nhà đầu tư", "chững lại"]),
    "xa-hoi": (["hộ nghèo", "người lao động", "nhà ở xã hội", "nước sạch nông thôn", "bảo hiểm xã hội",
                "trẻ em vùng cao", "người cao tuổi", "việc làm cho thanh niên", "an toàn giao thông",
                "thu gom rác thải", "lũ quét", "mưa lớn kéo dài"],
               ["được hỗ trợ", "gặp khó khăn", "có chuyển biến", "được quan tâm", "tăng cao", "giảm rõ rệt",
                "được cải thiện", "cần giải pháp"]),
    "giao-duc": (["kỳ thi tốt nghiệp", "tuyển sinh lớp mười", "học sinh giỏi quốc gia", "trường chuẩn quốc gia",
                  "giáo viên hợp đồng", "sách giáo khoa mới", "học phí", "bữa ăn bán trú", "phòng học tạm",
                  "chuyển đổi số trong trường học"],
                 ["đạt kết quả cao", "diễn ra an toàn", "công bố điểm", "thiếu hụt", "được miễn giảm",
                  "đổi mới", "khai giảng", "chuẩn bị chu đáo"]),
    "suc-khoe": (["sốt xuất huyết", "tiêm chủng mở rộng", "bệnh viện tuyến huyện", "bảo hiểm y tế",
                  "ngộ độc thực phẩm", "ca ghép thận", "bác sĩ trẻ", "trạm y tế xã", "bệnh tay chân miệng",
                  "khám sàng lọc ung thư"],
                 ["gia tăng", "được kiểm soát", "thành công", "quá tải", "triển khai", "cảnh báo",
                  "miễn phí", "cứu sống bệnh nhân"]),
    "phap-luat": (["đường dây cá độ", "vụ lừa đảo qua mạng", "khai thác cát trái phép", "buôn lậu",
                   "tai nạn giao thông", "vận chuyển ma túy", "phá rừng phòng hộ", "tín dụng đen",
                   "gian lận thương mại", "xây dựng trái phép"],
                  ["bị triệt phá", "bị khởi tố", "bị xử phạt", "bị bắt giữ", "được làm rõ", "xét xử",
                   "tạm giữ hình sự", "điều tra mở rộng"]),
    "the-thao": (["đội bóng Sông Lam", "giải bóng chuyền nữ", "vận động viên điền kinh", "giải đua thuyền",
                  "đội tuyển U23", "giải việt dã", "câu lạc bộ cờ tướng", "giải vô địch vật"],
                 ["giành chiến thắng", "thua đáng tiếc", "lên ngôi vô địch", "chuẩn bị mùa giải",
                  "phá kỷ lục", "hòa kịch tính", "ra quân", "đoạt huy chương vàng"]),
    "van-hoa": (["lễ hội đền Cuông", "dân ca ví giặm", "làng nghề truyền thống", "di tích lịch sử",
                 "nghệ nhân", "bảo tàng tỉnh", "sách về quê hương", "lễ hội đua thuyền", "hát phường vải",
                 "đêm thơ"],
                ["được tôn vinh", "khai mạc", "thu hút du khách", "được phục dựng", "ra mắt", "được bảo tồn",
                 "đón bằng công nhận", "lan tỏa"]),
    "quoc-te": (["hội nghị thượng đỉnh", "giá dầu thế giới", "động đất", "bầu cử tổng thống",
                 "hiệp định thương mại", "bão nhiệt đới", "hợp tác song phương", "lực lượng gìn giữ hòa bình"],
                ["diễn ra", "tăng vọt", "gây thiệt hại", "kết thúc", "được ký kết", "đổ bộ", "thúc đẩy",
                 "kêu gọi đối thoại"]),
}

EVENTS = [
    "Đại hội Đảng bộ tỉnh nhiệm kỳ mới", "Kỳ thi tốt nghiệp trung học phổ thông", "Mùa mưa bão",
    "Bầu cử đại biểu Quốc hội và HĐND các cấp", "Xây dựng nông thôn mới", "Phòng chống dịch bệnh",
    "Kỳ họp HĐND tỉnh", "Lễ hội Làng Sen", "Giải bóng đá vô địch quốc gia", "Chuyển đổi số",
    "Tết Nguyên đán", "Mùa du lịch biển", "Sắp xếp đơn vị hành chính", "Cải cách thủ tục hành chính",
    "An toàn giao thông dịp lễ", "Hạn hán và xâm nhập mặn", "Thu hút đầu tư", "Chống khai thác IUU",
    "Tuyển sinh đầu cấp", "Phòng chống cháy rừng",
]

TITLE_PATTERNS = [
    "{Subject} ở {place} {verb}",
    "{place}: {subject} {verb}",
    "{Subject} {verb} sau {n} tháng",
    "Vì sao {subject} {verb}?",
    "{Subject} tại {place} {verb}",
    "{Person_position} kiểm tra {subject} ở {place}",
    "{Org} {verb2} về {subject}",
    "Năm {year}, {subject} ở {place} {verb}",
]
SAPO_PATTERNS = [
    "{Time}, {org} {verb2} về {subject} tại {place}. {Sentence}",
    "{Sentence} Theo {person_position} {person}, {subject} {verb} là kết quả của nhiều năm chuẩn bị.",
    "(Tòa Soạn) - {Time}, {subject} ở {place} {verb}, thu hút sự quan tâm của người dân địa phương.",
]
SENTENCE_PATTERNS = [
    "Theo báo cáo của {org}, {subject} tại {place} {verb} với {n} hộ dân được hưởng lợi.",
    "Phát biểu tại buổi làm việc, {person_position} {person} đề nghị các ngành liên quan phối hợp chặt chẽ.",
    "{Time}, đoàn công tác do {person_position} {person} dẫn đầu đã đến kiểm tra thực tế tại {place}.",
    "Người dân {place} cho biết {subject} {verb} đã giúp đời sống bà con ổn định hơn.",
    "Tổng kinh phí thực hiện khoảng {n} tỷ đồng, từ ngân sách tỉnh và nguồn xã hội hóa.",
    "Đồng chí {person}, {person_position}, nhấn mạnh cần sớm tháo gỡ vướng mắc về mặt bằng.",
    "Trước đó, {org} đã nhiều lần kiến nghị về {subject} ở địa bàn.",
    "Dự kiến đến cuối năm {year}, {subject} sẽ {verb} theo đúng kế hoạch đề ra.",
    "Ông {person} chia sẻ: \"Chúng tôi mong {subject} sớm {verb} để bà con yên tâm làm ăn\".",
    "Bà {person}, người dân xã {district}, cho biết gia đình đã chờ tin này từ lâu.",
    "Hiện nay, {org} đang phối hợp với UBND huyện {district} rà soát lại toàn bộ hồ sơ.",
    "Tại hội nghị, các đại biểu thống nhất giao {org} chủ trì xây dựng kế hoạch chi tiết.",
    "Số liệu thống kê cho thấy {subject} {verb} khoảng {n}% so với cùng kỳ năm trước.",
    "Lãnh đạo huyện {district} khẳng định sẽ tập trung nguồn lực cho {subject} trong thời gian tới.",
    "Nhiều ý kiến cho rằng {subject} cần được đánh giá kỹ trước khi nhân rộng ra toàn tỉnh {province}.",
    "Trong năm {year}, tỉnh {province} đặt mục tiêu {subject} {verb} ở tất cả các huyện.",
]
TIMES = ["Sáng nay", "Chiều qua", "Ngày {d}/{m}", "Sáng {d}/{m}", "Chiều {d}/{m}", "Tối {d}/{m}", "Trong tuần qua"]
VERBS2 = ["họp bàn", "có báo cáo", "ra văn bản chỉ đạo", "tổ chức hội nghị", "làm việc", "đối thoại",
          "công bố kết quả", "tổ chức kiểm tra"]

# The "million" shape (generator.MILLION): 40 sub-sections under eight of the ten sections (thời sự and quốc tế keep
# every article directly, so each holds a tenth of the archive under one parent, as a big desk does).
SUBSECTIONS = {
    "chinh-tri": [("xay-dung-dang", "Xây dựng Đảng"), ("hoat-dong-quoc-hoi", "Hoạt động Quốc hội"),
                  ("chinh-quyen", "Chính quyền"), ("doi-ngoai", "Đối ngoại"), ("mat-tran", "Mặt trận")],
    "kinh-te": [("nong-nghiep", "Nông nghiệp"), ("doanh-nghiep", "Doanh nghiệp"), ("tai-chinh", "Tài chính"),
                ("bat-dong-san", "Bất động sản"), ("thi-truong", "Thị trường")],
    "xa-hoi": [("lao-dong-viec-lam", "Lao động - Việc làm"), ("giao-thong", "Giao thông"),
               ("moi-truong", "Môi trường"), ("dan-toc-ton-giao", "Dân tộc - Tôn giáo"), ("doi-song", "Đời sống")],
    "giao-duc": [("tuyen-sinh", "Tuyển sinh"), ("du-hoc", "Du học"), ("nha-truong", "Nhà trường"),
                 ("thi-cu", "Thi cử"), ("guong-hoc-tot", "Gương học tốt")],
    "suc-khoe": [("benh-vien", "Bệnh viện"), ("y-te-co-so", "Y tế cơ sở"), ("dinh-duong", "Dinh dưỡng"),
                 ("phong-dich", "Phòng dịch"), ("thuoc-va-ban-doc", "Thuốc và bạn đọc")],
    "phap-luat": [("an-ninh-trat-tu", "An ninh trật tự"), ("toa-an", "Tòa án"), ("ban-doc-hoi", "Bạn đọc hỏi"),
                  ("chong-tham-nhung", "Chống tham nhũng"), ("van-ban-moi", "Văn bản mới")],
    "the-thao": [("bong-da", "Bóng đá"), ("the-thao-phong-trao", "Thể thao phong trào"),
                 ("vo-thuat", "Võ thuật"), ("dien-kinh", "Điền kinh"), ("the-thao-quoc-te", "Thể thao quốc tế")],
    "van-hoa": [("di-san", "Di sản"), ("van-hoc", "Văn học"), ("am-nhac", "Âm nhạc"), ("du-lich", "Du lịch"),
                ("le-hoi", "Lễ hội")],
}
# Event titles in the million shape: one of the twenty running stories, a place and a year.
EVENT_PLACE_PATTERNS = ["{base} ở {province} năm {year}", "{base} tại {province} ({year})"]
