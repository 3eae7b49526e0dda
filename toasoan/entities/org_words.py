"""Word lists for organisation names: whole official names, the words that end a name, field words.

Read through :mod:`toasoan.entities.lexicon` (which builds the look-up sets); kept apart so that module stays
readable. Phrases are written with diacritics, one per ``|``; :func:`lexicon.key_of` keys them.
"""

from __future__ import annotations

# Official names of ministries and central bodies (since the 2025 reorganisation, and the older names archives
# keep using), and names with a comma in them (written with the comma spaced, as tokens): an organisation found
# cut short ("Cục Quản lý Khám", "Bộ Nông nghiệp và Phát triển") is completed to the whole name.
WHOLE_ORGS = """
bộ nông nghiệp và phát triển nông thôn|bộ nông nghiệp và môi trường|bộ tài nguyên và môi trường
bộ khoa học và công nghệ|bộ giáo dục và đào tạo|bộ dân tộc và tôn giáo|bộ kế hoạch và đầu tư
bộ thông tin và truyền thông|bộ giao thông vận tải|bộ lao động - thương binh và xã hội
bộ lao động – thương binh và xã hội
tòa án nhân dân tối cao|viện kiểm sát nhân dân tối cao|ủy ban trung ương mặt trận tổ quốc việt nam
tổng liên đoàn lao động việt nam|viện hàn lâm khoa học và công nghệ việt nam|viện hàn lâm khoa học xã hội việt nam
học viện chính trị quốc gia hồ chí minh|ủy ban quản lý vốn nhà nước tại doanh nghiệp|tổng cục đường bộ việt nam
trung tâm kiểm soát bệnh tật|cục xúc tiến thương mại|cục an toàn thực phẩm|cục quản lý thị trường
cục quản lý khám , chữa bệnh|bộ văn hóa , thể thao và du lịch|bộ văn hoá , thể thao và du lịch
sở văn hóa , thể thao và du lịch|sở văn hoá , thể thao và du lịch|sở văn hóa , thể thao|sở văn hoá , thể thao
sở lao động , thương binh và xã hội|bộ lao động , thương binh và xã hội|phòng lao động , thương binh và xã hội
phòng văn hóa , thông tin|phòng văn hoá , thông tin|sở văn hóa , thông tin|sở văn hoá , thông tin
bộ lđ , tb & xh|bộ lđ-tb&xh|bộ lđtb&xh|sở lđ , tb & xh|sở lđ-tb&xh|sở lđtb&xh|phòng lđ-tb&xh
cơ quan cảnh sát điều tra|cơ quan an ninh điều tra|cảnh sát điều tra|văn phòng cơ quan cảnh sát điều tra
phòng cảnh sát điều tra tội phạm về ma túy|phòng cảnh sát điều tra tội phạm về ma tuý
phòng cảnh sát điều tra tội phạm về trật tự xã hội|phòng cảnh sát điều tra tội phạm về kinh tế
phòng cảnh sát điều tra tội phạm về tham nhũng|phòng cảnh sát điều tra tội phạm về buôn lậu
cục cảnh sát điều tra tội phạm về ma túy|cục cảnh sát điều tra tội phạm về ma tuý
cục cảnh sát điều tra tội phạm về trật tự xã hội|cục cảnh sát điều tra tội phạm về kinh tế
cục cảnh sát điều tra tội phạm về tham nhũng|cục cảnh sát điều tra tội phạm về buôn lậu
cục cảnh sát phòng chống tội phạm sử dụng công nghệ cao|cục cảnh sát phòng, chống tội phạm sử dụng công nghệ cao
phòng cảnh sát phòng chống tội phạm về môi trường|phòng cảnh sát phòng chống tội phạm về ma túy
phòng cảnh sát phòng chống tội phạm về ma tuý|cục cảnh sát quản lý hành chính về trật tự xã hội
phòng cảnh sát quản lý hành chính về trật tự xã hội|phòng cảnh sát giao thông đường bộ , đường sắt
phòng cảnh sát giao thông đường bộ - đường sắt|phòng csgt đường bộ , đường sắt|phòng csgt đường bộ - đường sắt
bệnh viện đa khoa|phòng khám đa khoa|trung tâm y tế dự phòng|trung tâm kiểm soát bệnh tật
ban chỉ huy phòng chống thiên tai và tìm kiếm cứu nạn|ban chỉ huy phòng , chống thiên tai và tìm kiếm cứu nạn
ban chỉ huy phòng chống thiên tai|ban chỉ huy phòng , chống thiên tai|ban chỉ huy phòng chống lụt bão
ban chỉ đạo phòng chống thiên tai|ban chỉ huy quân sự|ban quản lý dự án
tổ chức y tế thế giới|tổ chức thương mại thế giới|quỹ tiền tệ quốc tế|chương trình lương thực thế giới
tổ chức lương thực và nông nghiệp liên hợp quốc|quỹ bảo hiểm y tế|bảo hiểm xã hội việt nam
ủy ban văn hóa , giáo dục , thanh niên , thiếu niên và nhi đồng|ủy ban văn hóa , giáo dục
ủy ban tài chính , ngân sách|ủy ban quốc phòng và an ninh|ủy ban khoa học , công nghệ và môi trường
ủy ban về các vấn đề xã hội|ủy ban an toàn giao thông quốc gia|ủy ban quốc gia tìm kiếm cứu nạn
tổng cục thi hành án dân sự|cục thi hành án dân sự|chi cục thi hành án dân sự|phòng kế hoạch tổng hợp
phòng tài chính - kế hoạch|phòng tài nguyên và môi trường|phòng quản lý đô thị|đội quản lý trật tự đô thị
"""
# Names that start like an organisation and are something else: laws, films, meetings, cases (folded).
NOT_ORG_STARTS = frozenset({
    "bo luat", "luat", "bo phim", "bo sach", "bo anh", "bo suu tap", "bo trang phuc", "bo ho so", "bo tieu chi",
    "bo quy tac", "hoi nghi", "hoi thao", "dai hoi", "hoi cho", "hoi thi", "hoi dien", "vu an", "giai", "hoi truong",
    "thanh pho", "cong hoa", "vuong quoc", "chuong trinh", "du an",
})
# Words that end the lower-case part of a name ("Sở Giao thông vận tải | làm chủ đầu tư"): verbs,
# function words and time words that follow organisation names in news text.
ORG_STOP_WORDS = """
đã|đang|sẽ|vừa|mới|cũng|còn|vẫn|đều|chưa|không|chẳng|là|được|bị|có|cho|của|tại|ở|trong|ngoài|trên|dưới
với|về|từ|đến|tới|theo|để|khi|nếu|thì|mà|nhưng|hay|hoặc|này|đó|kia|ấy|nào|những|một|mỗi|ngày|sáng
chiều|tối|trưa|đêm|hôm|năm|tháng|tuần|làm|nói|cho biết|cho hay|biết|chủ trì|phối hợp|tổ chức|công bố
thông báo|thông tin|yêu cầu|đề nghị|đề xuất|kiểm tra|xác nhận|xác minh|ký|ban hành|tiếp nhận|thu hồi|phát hiện
tuyên|tuyên bố|xét xử|mở|đưa|giao cho|cử|chỉ đạo|quyết định|ra|lên|vào|đi|dẫn|trao|tặng|gửi|nhận|phạt|bắt
khởi tố|tạm giữ|điều tra|xử lý|xử phạt|phê duyệt|hỗ trợ|thực hiện|triển khai|tăng|giảm|họp|cấp|khẳng định
cảnh báo|nhấn mạnh|đánh giá|chia sẻ|trả lời|phản hồi|lý giải|giải thích|thừa nhận|bác bỏ|kêu gọi|đe dọa
đe doạ|mời|tham gia|tham dự|đón|tiếp|gặp|thăm|làm việc|trình|gồm|bao gồm|như|cùng|cả|chỉ|rất|nhiều
ít|hơn|nhất|đây|nay|hiện|thêm|lại|sau|trước|gần|cách|bởi|do|vì|nên|rằng|vậy|thế|ai|gì|ông|bà|anh|chị
đồng chí|người|đơn vị|lực lượng|đoàn|nơi|việc|hành vi|số|tổng|khoảng|hàng|chiếc|bài|vòng
lấy|dùng|sử dụng|đặt|xây dựng trái phép|tìm|tìm thấy|chịu|phải|cần|muốn|nên|đồng ý|chấp thuận|cấm
xem xét|cho ý kiến|phát biểu|kể|thắng|thua|hòa|hoà|nhiệm kỳ|khóa|khoá|thị sát|phóng|đầu độc|ủng hộ
phản đối|chống|bảo vệ|cáo buộc
đột kích|lục soát|truy|truy nã|áp giải|bàn giao|trả|thả|giữ|chặn|cứu|tuần tra|ra quân|lập|lập biên bản
đăng tải|đăng|dẫn lời|dẫn theo|đưa tin|khám nghiệm|tống đạt|xác lập|truy tìm|phong tỏa|phong toả|tiếp tục
tiến hành|vào cuộc|đối chất|đánh giá|tạm giam|bắt giữ|bắt giam|truy tố|đình chỉ|phê chuẩn|tuyên án|kết luận
báo cáo|kiêm|chuyển|cảm ơn|lên tiếng|hoàn tất|bày tỏ|thúc giục|lên án|động thổ|ra mắt
đối với|phương án|dự thảo|công văn|tờ trình|khuyến cáo|khuyến nghị|nhận định|dự báo|ước tính|phản bác|lưu ý|nhà trường
niêm yết|tổng kết|khánh thành|mang|rút|thúc|hướng dẫn|ký kết|thuộc|trực thuộc|xác định|sang|tội
chọn|tập trung|khoá cửa|khóa cửa|siết|xin|đòi|dừng|tạm dừng|hủy|huỷ|hoãn|kiện|khởi kiện|tố cáo|cảnh cáo
cách chức|bổ nhiệm|miễn nhiệm|điều động|luân chuyển
"""
# Capitalised field words that need an object, so lower-case words after them still belong to the name:
# "Cục Quản lý | đăng ký kinh doanh", "Trung tâm Phát triển | quỹ đất", "Phòng Cảnh sát | quản lý hành chính".
OPEN_FIELD_WORDS = """
quản lý|phát triển|kỹ thuật|điều tra|chiến lược|nghiên cứu|bảo vệ|kiểm soát|xúc tiến|kiểm định|giám sát
phòng chống|hỗ trợ|tư vấn|bảo tồn|khai thác|thi hành|quy hoạch|đăng ký|cảnh sát|an toàn|vệ sinh|phối hợp
"""

# Syllables of the lower-case field words in organisation names ("Sở Giao thông vận tải", "Bộ Tài nguyên và
# môi trường", "Cục Quản lý chất lượng"): the lower-case part of a name may end before a verb only with these.
DOMAIN_WORDS = """
vận tải|môi trường|thủy văn|thuỷ văn|nông thôn|chất lượng|giáo dục|đào tạo|thương mại|du lịch|công nghệ|kỹ thuật
xã hội|thể thao|truyền thông|thông tin|y tế|tư pháp|hình sự|kinh tế|tài chính|ngân sách|nhân dân|quốc phòng|an ninh
xây dựng|giao thông|điện lực|năng lượng|tái tạo|dân số|kế hoạch|đầu tư|phát triển|bảo tồn|di tích|thú y|thủy sản
thuỷ sản|lâm nghiệp|khí tượng|thống kê|hải quan|thuế|biên phòng|phòng cháy|chữa cháy|cứu hộ|cứu nạn|quản lý
khảo thí|truyền máu|huyết học|sản nhi|nhi|trung ương
dự án|bệnh tật|thiên tai|cứu nạn|tìm kiếm|dân vận|huấn luyện|phòng chống|tội phạm|ma túy|ma tuý
đóng tàu|tàu thủy|tàu thuỷ|cơ khí|dệt may|may mặc|xuất nhập khẩu|thực phẩm|dược phẩm|bất động sản|chứng khoán
bảo hiểm|vận tải biển|thép|xi măng|cao su|dầu khí|điện tử|phần mềm|lâm sản|nông sản|thủy điện|thuỷ điện|khai thác
nghiên cứu|huấn luyện|bồi dưỡng|đô thị|quy hoạch|kiến trúc|tài nguyên|khoáng sản|nội vụ|ngoại vụ
lao động|thương binh|văn hóa|văn hoá|gia đình|trẻ em|phụ nữ|thanh niên|nội chính|tuyên giáo|dân vận|tổ chức
kiểm tra|thanh tra|pháp chế|hợp tác|quốc tế|đối ngoại|khoa học|dịch vụ|công nghiệp|nông nghiệp|thủy lợi|thuỷ lợi
điều tra|cảnh sát|cơ động|giao thông đường bộ|đường sắt|đường thủy|hàng không|hàng hải|bưu chính|viễn thông
cán bộ|nhà giáo|công chức|viên chức|học sinh|sinh viên|người có công|khảo thí|không quân|phòng không|dân dụng
hải quân|lục quân|người tiêu dùng
"""

# Bodies the press names without a head word: news agencies and papers (quoted as sources: "theo AFP"),
# international bodies, large companies. Matched only as written with capitals ("Tuổi Trẻ", not "tuổi trẻ").
KNOWN_ORGS = """
AFP|Reuters|AP|Associated Press|TASS|Tass|RIA Novosti|Sputnik|Interfax|Xinhua|Tân Hoa Xã|Yonhap|KCNA|Kyodo|NHK
CNN|BBC|CNBC|NBC|NBC News|CBS|CBS News|ABC News|Fox News|MSNBC|NPR|Bloomberg|SCMP|Al Jazeera|Al Arabiya|RT
Politico|Axios|Newsweek|Business Insider|New York Times|Washington Post|Wall Street Journal|Financial Times
The Guardian|Telegraph|Daily Mail|Daily Mirror|The Sun|The Times|Global Times|Thời báo Hoàn cầu|China Daily
Straits Times|Bangkok Post|Japan Times|Nikkei|Nikkei Asian Review|Yomiuri|Asahi Shimbun|Korea Herald|Korea Times
Chosun Ilbo|JoongAng Ilbo|Der Spiegel|Le Monde|Le Figaro|El Pais|Channel NewsAsia|USA Today|Forbes|Dow Jones
National Interest|The Diplomat|Defense News|Haaretz|Times of Israel|Jerusalem Post|Anadolu|IRNA|Press TV
Sky News|Deutsche Welle|France 24|Euronews|Xinhua|Phnom Penh Post|Khmer Times|Rappler|Inquirer|Jakarta Post
VnExpress|Tuổi Trẻ|Tuổi Trẻ Online|Thanh Niên|Người Đưa Tin|Dân Trí|Dân trí|VietNamNet|Vietnamnet|Zing|Zing.vn
Tiền Phong|Người Lao Động|Sài Gòn Giải Phóng|Nhân Dân|VietnamPlus|TTXVN|VTV|VOV|HTV|VTC|VTC News|Lao Động
NASA|FBI|CIA|NSA|IMF|WTO|WHO|UNICEF|UNESCO|OPEC|IAEA|Interpol|Taliban|Hezbollah|Hamas|IS|ISIS|Al-Qaeda|Al Qaeda
OECD|ECB|Fed|Pentagon|Grab|Uber|Google|Apple|Samsung|Microsoft|Amazon|Boeing|Airbus|Toyota|Huawei|ZTE|Alibaba
Tencent|SoftBank|Vingroup|Vinamilk|Viettel|VNPT|MobiFone|Mobifone|EVN|PVN|Petrolimex|Vietnam Airlines|Vietjet
Vietjet Air|Bamboo Airways|Agribank|Vietcombank|BIDV|VietinBank|Vietinbank|Techcombank|VPBank|Sacombank
Eximbank|HDBank|TPBank|FPT|Masan|ExxonMobil|Gazprom|Rosneft|Facebook Inc|Tesla|SpaceX
Rodong Sinmun|Nodong Sinmun|Pravda|Komsomolskaya Pravda|Izvestia|Kommersant|Vedomosti|Mainichi|Hankyoreh
Dong-A Ilbo|Korea JoongAng Daily|Al-Monitor|Al Monitor|Sydney Morning Herald|ABC|Daily Telegraph|Evening Standard
"""
# Of these, names that are also ordinary English words: a body only when written alone ("theo Sun", "tờ Times").
KNOWN_ORGS_WEAK = "Sun|Times|Mirror|Guardian|Independent|Time|Fortune|Economist|Medium|Delta|Fed|Zing|Inquirer"
# Lower-case words before the name of a paper, channel or agency: "tờ Washington Post", "hãng tin AFP".
MEDIA_DESCRIPTORS = """
hãng tin|hãng thông tấn|thông tấn xã|tờ|tờ báo|báo|nhật báo|tuần báo|tạp chí|trang tin|trang tin tức|đài
đài truyền hình|kênh truyền hình|kênh tin tức|mạng tin tức|hãng truyền thông
"""
