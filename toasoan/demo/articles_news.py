"""Standard news articles of the demo newspaper (own writing; all people and events are invented)."""

from __future__ import annotations

from toasoan.demo.schema import ArticleRegistry, ago


def declare(r: ArticleRegistry) -> None:
    r.add(
        title="Khởi công tuyến đường ven biển nối Cửa Lò với Diễn Châu",
        sapo=(
            "Sáng nay, tỉnh Nghệ An khởi công tuyến đường ven biển dài 38 km nối thị xã Cửa Lò "
            "với huyện Diễn Châu, tổng vốn đầu tư hơn 2.100 tỷ đồng, dự kiến thông xe sau ba năm."
        ),
        section="thoi-su",
        secondary_section="kinh-te",
        authors=("le-thu-ha",),
        tags=("Giao thông", "Đường ven biển", "Cửa Lò"),
        minutes_ago=ago(minutes=47),
        body="""
        Tuyến đường có điểm đầu tại phường Nghi Thủy (Cửa Lò), điểm cuối giao với quốc lộ 1
        ở xã Diễn Trường. Mặt cắt ngang rộng 24 m, gồm bốn làn xe cơ giới, dải phân cách giữa và
        vỉa hè trồng cây chắn cát.

        @road Lãnh đạo tỉnh và nhà thầu thực hiện nghi thức khởi công tại điểm đầu tuyến. (Ảnh: Hoàng Quốc Bảo)

        Phát biểu tại lễ khởi công, ông Trần Đình Lộc - Phó Chủ tịch UBND tỉnh cho biết đây là
        công trình giao thông trọng điểm của giai đoạn 2025 - 2030, mở thêm hướng kết nối cho các
        khu du lịch và cảng cá dọc bờ biển phía Bắc tỉnh.

        Theo Ban Quản lý dự án giao thông tỉnh, hơn 92% diện tích mặt bằng đã được bàn giao.
        Khoảng 60 hộ dân còn lại đang được các địa phương vận động, hỗ trợ tái định cư tại khu
        dân cư mới xã Nghi Thiết.

        @sea Đoạn bờ biển Diễn Châu mà tuyến đường sẽ đi qua. (Ảnh: Hoàng Quốc Bảo)

        Nhà thầu cam kết bố trí ba mũi thi công đồng thời, ưu tiên các đoạn qua vùng trũng để
        tránh mùa mưa bão, đồng thời thực hiện quan trắc môi trường định kỳ trong suốt quá trình
        xây dựng.
        """,
    )

    r.add(
        title="Đảng bộ xã Nghi Hưng tổ chức đại hội điểm nhiệm kỳ mới",
        sapo=(
            "Đại hội đại biểu Đảng bộ xã Nghi Hưng (huyện Nghi Lộc) được chọn làm điểm của huyện, "
            "với 150 đại biểu đại diện cho gần 800 đảng viên trong toàn Đảng bộ."
        ),
        section="xay-dung-dang",
        secondary_section="thoi-su",
        authors=("le-thu-ha", "dang-huu-tai"),
        tags=("Đại hội Đảng", "Nghi Lộc", "Xây dựng Đảng"),
        minutes_ago=ago(days=1, hours=5),
        body="""
        Dự và chỉ đạo đại hội có các đồng chí: Nguyễn Thị Bích Hạnh - Ủy viên Ban Thường vụ,
        Trưởng ban Dân vận Tỉnh ủy; Lê Văn Thành - Bí thư Huyện ủy Nghi Lộc.

        Nhiệm kỳ qua, Đảng bộ xã lãnh đạo hoàn thành và vượt 15/17 chỉ tiêu nghị quyết. Thu nhập
        bình quân đầu người đạt 64 triệu đồng mỗi năm; xã về đích nông thôn mới nâng cao sớm hơn
        kế hoạch một năm.

        @meeting Quang cảnh đại hội tại hội trường UBND xã Nghi Hưng. (Ảnh: Lê Thu Hà)

        Đại hội dành nhiều thời gian thảo luận về phát triển vùng rau an toàn, xây dựng chi bộ
        xóm vững mạnh và đưa sinh hoạt chi bộ lên nền tảng số để đảng viên làm ăn xa vẫn nắm
        được nghị quyết.

        Phát biểu chỉ đạo, đồng chí Nguyễn Thị Bích Hạnh đề nghị Đảng bộ xã chú trọng công tác dân
        vận, giải quyết dứt điểm các kiến nghị của người dân ngay từ cơ sở, không để phát sinh
        điểm nóng.

        Đại hội đã bầu Ban Chấp hành khóa mới gồm 15 đồng chí; đồng chí Hồ Sỹ Quang được bầu
        giữ chức Bí thư Đảng ủy xã nhiệm kỳ mới./.
        """,
    )

    r.add(
        title="Thanh Chương bàn giải pháp nâng giá trị vùng chè",
        sapo=(
            "Hội nghị Ban Chấp hành Đảng bộ huyện Thanh Chương lần thứ 18 tập trung đánh giá sản "
            "xuất chè và đề ra mục tiêu nâng giá trị mỗi héc-ta chè lên 150 triệu đồng."
        ),
        section="xay-dung-dang",
        secondary_section="kinh-te",
        authors=("nguyen-van-khanh",),
        tags=("Thanh Chương", "Cây chè", "Xây dựng Đảng"),
        minutes_ago=ago(days=8, hours=2),
        body="""
        Chủ trì hội nghị có đồng chí Phan Văn Hiếu - Ủy viên Ban Chấp hành Đảng bộ tỉnh, Bí thư
        Huyện ủy Thanh Chương.

        Toàn huyện hiện có hơn 3.200 ha chè, trong đó gần một nửa đã được cấp chứng nhận sản
        xuất an toàn. Tuy nhiên, phần lớn sản lượng vẫn bán dưới dạng búp tươi nên giá trị thu
        về chưa tương xứng.

        @fields Đồi chè xã Thanh An vào vụ thu hoạch chính. (Ảnh: Nguyễn Văn Khánh)

        Các đại biểu đề xuất khuyến khích liên kết giữa hợp tác xã với doanh nghiệp chế biến,
        hỗ trợ xây dựng nhãn hiệu tập thể và đưa sản phẩm chè lên sàn thương mại điện tử.

        Kết luận hội nghị, đồng chí Phan Văn Hiếu yêu cầu mỗi xã vùng chè xây dựng ít nhất một
        mô hình sản xuất hữu cơ trong năm tới, coi đây là nhiệm vụ chính trị trọng tâm của cấp
        ủy cơ sở./.
        """,
    )

    r.add(
        title="Lũ quét ở Kỳ Sơn, di dời khẩn cấp 120 hộ dân",
        sapo=(
            "Mưa lớn kéo dài suốt đêm qua gây lũ quét tại ba xã vùng cao của huyện Kỳ Sơn, làm sập "
            "cầu treo và chia cắt nhiều bản. Chính quyền đã di dời 120 hộ dân đến nơi an toàn."
        ),
        section="thoi-su",
        secondary_section="xa-hoi",
        authors=("dang-huu-tai",),
        tags=("Mưa lũ", "Kỳ Sơn", "Phòng chống thiên tai"),
        minutes_ago=ago(days=9, hours=4),
        hot=True,
        body="""
        Theo Ban Chỉ huy phòng chống thiên tai huyện Kỳ Sơn, lượng mưa từ 19 giờ tối qua đến
        6 giờ sáng nay đo được tại trạm Mường Xén vượt 280 mm. Nước từ các khe suối đổ về nhanh,
        cuốn trôi đoạn đường dân sinh dài gần 200 m ở bản Huồi Mới.

        @flood Nước lũ tràn qua đường vào bản Huồi Mới, xã Nậm Càn. (Ảnh: Đặng Hữu Tài)

        Ngay trong đêm, lực lượng công an, quân sự và dân quân xã đã dùng loa cầm tay vận động
        người dân ở các khu vực ven suối sơ tán. Đến trưa nay, 120 hộ với gần 500 nhân khẩu đã
        được đưa đến trường học và nhà văn hóa trên cao.

        Ông Vừ Bá Chống - Chủ tịch UBND xã Nậm Càn cho biết xã chưa ghi nhận thiệt hại về người,
        nhưng nhiều diện tích lúa nương và ao cá bị vùi lấp.

        @people Người dân được đưa đến điểm sơ tán tại trường tiểu học của xã. (Ảnh: Đặng Hữu Tài)

        Huyện đã chuyển 5 tấn gạo, nước uống và thuốc men lên các điểm sơ tán, đồng thời cắm biển
        cảnh báo, bố trí người trực tại các ngầm tràn không cho phương tiện qua lại khi nước còn
        chảy xiết.
        """,
    )

    r.add(
        title="Nước rút, Tương Dương khẩn trương dọn dẹp trường học",
        sapo=(
            "Khi nước lũ vừa rút, hàng trăm giáo viên, bộ đội và đoàn viên đã có mặt tại các điểm "
            "trường ở Tương Dương để dọn bùn, lau bàn ghế, kịp đón học sinh trở lại lớp."
        ),
        section="xa-hoi",
        secondary_section="giao-duc",
        authors=("pham-thanh-thuy", "dang-huu-tai"),
        tags=("Mưa lũ", "Tương Dương", "Trường học"),
        minutes_ago=ago(days=6, hours=7),
        body="""
        Tại điểm trường bản Xốp Pột, lớp bùn non dày gần nửa mét phủ kín sân và bốn phòng học.
        Thầy Lương Văn Dũng - Hiệu trưởng Trường Tiểu học Tam Hợp cho biết toàn bộ sách giáo khoa
        để ở tủ thấp đã bị ngấm nước.

        @classroom Giáo viên và bộ đội lau rửa bàn ghế tại điểm trường Xốp Pột. (Ảnh: Phạm Thanh Thủy)

        Sở Giáo dục và Đào tạo đã điều chuyển 2.000 bộ sách và 300 bộ bàn ghế từ các trường
        miền xuôi lên hỗ trợ. Một số doanh nghiệp trên địa bàn TP Vinh cũng gửi tặng máy lọc
        nước và tủ đựng đồ dùng học tập.

        Dự kiến đầu tuần tới, toàn bộ 14 điểm trường bị ảnh hưởng sẽ cho học sinh đi học trở
        lại. Những điểm trường chưa bảo đảm an toàn sẽ được bố trí học nhờ tại nhà văn hóa bản.
        """,
    )

    r.add(
        title="Thanh niên tình nguyện mang hàng cứu trợ vượt suối lên bản",
        sapo=(
            "Suốt ba ngày qua, gần 200 đoàn viên thanh niên đã thay nhau gùi gạo, mì tôm và nước "
            "sạch lên những bản bị cô lập sau lũ ở huyện Kỳ Sơn."
        ),
        section="xa-hoi",
        authors=("dang-huu-tai",),
        tags=("Mưa lũ", "Thanh niên tình nguyện", "Kỳ Sơn"),
        minutes_ago=ago(days=7, hours=3),
        body="""
        Con đường vào bản Phà Khốm bị sạt lở ở nhiều đoạn, xe máy không thể đi qua. Các nhóm tình
        nguyện phải men theo sườn đồi, lội qua hai con suối để đưa hàng đến tay người dân.

        @people Đoàn viên thanh niên gùi hàng cứu trợ qua đoạn đường sạt lở. (Ảnh: Đặng Hữu Tài)

        "Mỗi người gùi khoảng 20 kg, đi mất gần bốn tiếng. Mệt nhưng thấy bà con đỡ vất vả là
        vui", anh Lô Văn Tuấn, đoàn viên Huyện đoàn Kỳ Sơn, chia sẻ.

        Tỉnh Đoàn cho biết đã tiếp nhận hơn 30 tấn hàng hóa từ các cơ sở đoàn và nhà hảo tâm.
        Toàn bộ hàng được phân loại tại Mường Xén trước khi chuyển đến từng bản theo danh sách
        hộ bị ảnh hưởng do chính quyền xã lập.
        """,
    )

    r.add(
        title="Hợp tác xã chè Thanh Mai xuất lô chè xanh đầu tiên sang Hàn Quốc",
        sapo=(
            "Sau hai năm chuyển sang sản xuất theo tiêu chuẩn hữu cơ, Hợp tác xã chè Thanh Mai "
            "xuất khẩu thành công 12 tấn chè xanh sấy khô, mở hướng đi mới cho người trồng chè."
        ),
        section="kinh-te",
        authors=("nguyen-van-khanh",),
        tags=("Xuất khẩu", "Cây chè", "Hợp tác xã"),
        minutes_ago=ago(days=3, hours=9),
        body="""
        Bà Nguyễn Thị Hiền - Giám đốc Hợp tác xã cho biết đơn hàng được ký sau ba lần đối tác
        sang khảo sát vùng nguyên liệu và lấy mẫu kiểm nghiệm dư lượng thuốc bảo vệ thực vật.

        @fields Xã viên Hợp tác xã chè Thanh Mai thu hái búp chè theo quy trình hữu cơ. (Ảnh: Nguyễn Văn Khánh)

        Giá xuất khẩu cao gấp đôi so với bán chè búp khô trong nước. Hợp tác xã hiện liên kết với
        86 hộ, bao tiêu toàn bộ sản phẩm đạt chuẩn và hỗ trợ phân bón hữu cơ cho các hộ mới tham gia.

        Theo ngành nông nghiệp, đây là lô chè hữu cơ đầu tiên của huyện đi thị trường nước ngoài
        trực tiếp, không qua trung gian. Huyện đang hướng dẫn thêm hai hợp tác xã làm hồ sơ
        chứng nhận để mở rộng vùng nguyên liệu.
        """,
    )

    r.add(
        title="Giá lúa tăng, nông dân Yên Thành phấn khởi sau vụ hè thu",
        sapo=(
            "Vụ hè thu năm nay, năng suất lúa ở Yên Thành đạt bình quân 58 tạ/ha, giá lúa tươi tại "
            "ruộng tăng khoảng 800 đồng mỗi kg so với cùng kỳ."
        ),
        section="kinh-te",
        authors=("nguyen-van-khanh",),
        tags=("Nông nghiệp", "Yên Thành", "Lúa gạo"),
        minutes_ago=ago(hours=5, minutes=20),
        body="""
        Trên những cánh đồng mẫu lớn ở xã Công Thành, máy gặt đập liên hợp hoạt động từ sáng sớm.
        Thương lái đến tận bờ ruộng thu mua, người dân không phải phơi sấy.

        @fields Máy gặt thu hoạch lúa hè thu trên cánh đồng mẫu lớn xã Công Thành. (Ảnh: Hoàng Quốc Bảo)

        Ông Phạm Văn Nghĩa, một nông dân trồng 2 mẫu lúa, tính toán sau khi trừ chi phí, mỗi sào
        lãi hơn 1 triệu đồng, cao nhất trong nhiều vụ gần đây.

        Phòng Nông nghiệp huyện khuyến cáo bà con thu hoạch dứt điểm trước đợt mưa lớn dự báo vào
        cuối tháng, đồng thời làm đất sớm để chuẩn bị gieo trồng cây vụ đông.
        """,
    )

    r.add(
        title="Tiểu thương chợ Vinh học cách bán hàng trực tuyến",
        sapo=(
            "Hơn 300 tiểu thương chợ Vinh đã tham gia lớp hướng dẫn mở gian hàng trên sàn thương "
            "mại điện tử, livestream bán hàng và nhận thanh toán không dùng tiền mặt."
        ),
        section="kinh-te",
        secondary_section="xa-hoi",
        authors=("nguyen-van-khanh", "bui-mai-phuong"),
        tags=("Chuyển đổi số", "Thương mại điện tử", "TP Vinh"),
        minutes_ago=ago(days=2, hours=1),
        body="""
        Lớp học do Sở Công Thương phối hợp với Ban Quản lý chợ tổ chức vào buổi tối, sau giờ bán
        hàng. Mỗi học viên được hỗ trợ chụp ảnh sản phẩm và viết phần giới thiệu cho gian hàng.

        @market Một tiểu thương bán hải sản khô thử livestream ngay tại sạp hàng. (Ảnh: Bùi Mai Phương)

        Chị Trần Thị Loan, bán hải sản khô đã 20 năm, cho biết sau hai tuần mở gian hàng trực tuyến
        chị nhận được đơn từ Hà Nội và TP Hồ Chí Minh, doanh thu tăng khoảng 30%.

        Đến nay, 85% tiểu thương trong chợ đã dùng mã QR để nhận tiền. Sở Công Thương dự kiến nhân
        rộng mô hình sang chợ Quán Lau và các chợ đầu mối của huyện Diễn Châu trong năm tới.
        """,
    )

    r.add(
        title="Hưng Nguyên thí điểm ứng dụng phản ánh hiện trường",
        sapo=(
            "Người dân huyện Hưng Nguyên nay có thể chụp ảnh đèn đường hỏng, rác thải hay ổ gà rồi "
            "gửi qua điện thoại; chính quyền phải phản hồi trong vòng 48 giờ."
        ),
        section="xa-hoi",
        authors=("le-thu-ha",),
        tags=("Chuyển đổi số", "Hưng Nguyên", "Cải cách hành chính"),
        minutes_ago=ago(days=6, hours=2),
        body="""
        Sau một tháng thí điểm, hệ thống đã tiếp nhận 412 phản ánh, trong đó 370 trường hợp đã
        được xử lý xong. Phần lớn phản ánh liên quan đến vệ sinh môi trường và chiếu sáng công cộng.

        @city Cán bộ xã kiểm tra một phản ánh về đèn đường trên tuyến đường liên xã. (Ảnh: Lê Thu Hà)

        Ông Đậu Xuân Trường - Chủ tịch UBND huyện Hưng Nguyên cho biết mỗi phản ánh đều hiển thị
        công khai tiến độ xử lý, ai cũng xem được, nên cán bộ phụ trách không thể để chậm.

        Bà Nguyễn Thị Hằng ở xã Hưng Thịnh kể chỉ hai ngày sau khi gửi ảnh đoạn cống bị vỡ, đội
        công trình của xã đã đến sửa. Huyện sẽ tổng kết sau ba tháng để đề xuất tỉnh nhân rộng.
        """,
    )

    r.add(
        title="Học sinh vùng cao học lập trình qua lớp học trực tuyến",
        sapo=(
            "Câu lạc bộ lập trình trực tuyến kết nối học sinh năm trường THCS bán trú ở Quế Phong "
            "với các giảng viên tình nguyện ở TP Vinh, mỗi tuần hai buổi."
        ),
        section="giao-duc",
        authors=("pham-thanh-thuy",),
        tags=("Chuyển đổi số", "Quế Phong", "Học sinh"),
        minutes_ago=ago(days=4, hours=6),
        body="""
        Mỗi buổi học kéo dài 90 phút, các em làm quen với lập trình kéo thả, sau đó tự làm những
        trò chơi nhỏ về chủ đề quê hương như đếm số con trâu trên đồi hay hướng dẫn đường lên bản.

        @classroom Học sinh Trường Phổ thông Dân tộc bán trú THCS Tri Lễ trong giờ học lập trình. (Ảnh: Phạm Thanh Thủy)

        Em Lương Thị Mai, học sinh lớp 8, nói trước đây em chỉ dùng điện thoại để gọi cho bố mẹ đi
        làm xa, nay em đã tự làm được một trò chơi nhỏ và muốn sau này học ngành công nghệ.

        Dự án được một nhóm giảng viên trẻ khởi xướng, nhà trường góp phòng máy, một doanh nghiệp
        viễn thông hỗ trợ đường truyền. Nhóm dự kiến mở thêm lớp cho học sinh Kỳ Sơn từ học kỳ sau.
        """,
    )

    r.add(
        title="Trường THPT Lam Hồng giành 3 giải Khoa học kỹ thuật quốc gia",
        sapo=(
            "Ba dự án của học sinh nhà trường về xử lý nước giếng nhiễm phèn, cảnh báo sạt lở và "
            "tái chế vỏ trấu đoạt giải tại cuộc thi Khoa học kỹ thuật cấp quốc gia năm nay."
        ),
        section="giao-duc",
        authors=("pham-thanh-thuy",),
        tags=("Khoa học kỹ thuật", "Học sinh giỏi", "THPT"),
        minutes_ago=ago(days=9, hours=20),
        body="""
        Dự án đoạt giải Nhì là thiết bị cảnh báo sạt lở giá rẻ, gồm cảm biến độ ẩm đất và độ
        nghiêng gắn trên cọc tre, gửi tin nhắn cho trưởng bản khi có dấu hiệu nguy hiểm.

        @classroom Nhóm học sinh thử nghiệm thiết bị cảnh báo sạt lở trong phòng thí nghiệm. (Ảnh: Phạm Thanh Thủy)

        Hai dự án còn lại đạt giải Ba, trong đó sản phẩm gạch không nung làm từ vỏ trấu được
        ban giám khảo đánh giá cao về khả năng ứng dụng ở nông thôn.

        Cô Hoàng Thị Vân - giáo viên hướng dẫn cho biết các em bắt đầu từ những vấn đề nhìn thấy
        ngay ở quê mình, làm đi làm lại hàng chục mẫu thử trong gần một năm.
        """,
    )

    r.add(
        title="Khai mạc Đại hội Thể dục thể thao tỉnh lần thứ X",
        sapo=(
            "Tối qua, tại Sân vận động Vinh, Đại hội Thể dục thể thao tỉnh Nghệ An lần thứ X chính "
            "thức khai mạc với sự tham gia của hơn 3.500 vận động viên từ 21 huyện, thành, thị."
        ),
        section="the-thao",
        secondary_section="thoi-su",
        authors=("tran-minh-duc",),
        tags=("Đại hội TDTT", "Thể thao", "Sân vận động Vinh"),
        minutes_ago=ago(days=2, hours=20),
        hot=True,
        body="""
        Đại hội diễn ra trong 10 ngày với 32 môn thi đấu, trong đó có các môn thể thao dân tộc
        như kéo co, đẩy gậy, bắn nỏ và đánh đu.

        @stadium Màn đồng diễn của hơn 1.000 học sinh tại lễ khai mạc. (Ảnh: Hoàng Quốc Bảo)

        Phát biểu khai mạc, bà Võ Thị Minh Hương - Phó Chủ tịch UBND tỉnh, Trưởng ban Tổ chức đại
        hội, nhấn mạnh mục tiêu phát hiện vận động viên trẻ có năng khiếu để bổ sung cho các đội
        tuyển của tỉnh.

        Ngay sau lễ khai mạc, ngọn đuốc đại hội được thắp sáng bởi vận động viên điền kinh Lữ Văn
        Hùng, người từng giành huy chương tại giải trẻ toàn quốc.

        @festival Pháo hoa rực sáng bầu trời sân vận động sau nghi thức thắp đuốc. (Ảnh: Hoàng Quốc Bảo)

        Đại hội cũng là dịp tổng kết phong trào tập luyện thể dục thể thao ở cơ sở, nơi có gần 40%
        dân số thường xuyên tập luyện.
        """,
    )

    r.add(
        title="Bóng chuyền nữ Diễn Châu lần đầu vô địch Đại hội",
        sapo=(
            "Thắng ngược 3-2 trước đương kim vô địch Quỳnh Lưu trong trận chung kết kéo dài gần hai "
            "giờ, đội bóng chuyền nữ Diễn Châu lần đầu giành huy chương Vàng Đại hội TDTT tỉnh."
        ),
        section="the-thao",
        authors=("tran-minh-duc",),
        tags=("Đại hội TDTT", "Bóng chuyền", "Diễn Châu"),
        minutes_ago=ago(days=1, hours=2),
        body="""
        Bước vào trận đấu với đội hình trẻ, Diễn Châu để thua hai séc đầu. Từ séc thứ ba, chủ công
        Cao Thị Ngọc Ánh liên tục ghi điểm, giúp đội bóng lật ngược thế trận.

        @stadium Các cô gái Diễn Châu ăn mừng sau điểm số quyết định. (Ảnh: Trần Minh Đức)

        Huấn luyện viên Ngô Đức Lâm cho biết đội tập trung từ đầu năm, phần lớn thành viên là nữ
        công nhân các xí nghiệp may và giáo viên trong huyện, chỉ tập vào buổi tối.

        Ở trận tranh huy chương Đồng, đội Đô Lương thắng Nam Đàn 3-1.
        """,
    )

    r.add(
        title="Nữ vận động viên 16 tuổi phá kỷ lục nhảy xa của tỉnh",
        sapo=(
            "Với thành tích 6,12 m, Nguyễn Thị Thu Trang (Nam Đàn) giành huy chương Vàng nội dung "
            "nhảy xa nữ và xóa kỷ lục tồn tại 14 năm của Đại hội TDTT tỉnh."
        ),
        section="the-thao",
        authors=("tran-minh-duc",),
        tags=("Đại hội TDTT", "Điền kinh", "Nam Đàn"),
        minutes_ago=ago(hours=20),
        body="""
        Ở lượt nhảy thứ năm, Thu Trang bật cầu chính xác và tiếp đất ở mốc 6,12 m, hơn kỷ lục cũ
        8 cm. Khán đài sân điền kinh đứng dậy vỗ tay khi trọng tài công bố thành tích.

        @stadium Thu Trang trong lượt nhảy lập kỷ lục. (Ảnh: Trần Minh Đức)

        Trang bắt đầu tập điền kinh từ năm lớp 6, khi thầy giáo thể dục phát hiện em chạy nhanh
        nhất trường. Hiện em tập luyện tại Trung tâm Huấn luyện thể thao tỉnh.

        Ban chuyên môn cho biết sẽ đề xuất đưa Trang vào đội tuyển trẻ để tập huấn chuẩn bị cho
        các giải quốc gia năm tới.
        """,
    )

    r.add(
        title="Phục dựng lễ cầu mùa của đồng bào Thái ở Quế Phong",
        sapo=(
            "Lễ cầu mùa của đồng bào Thái bản Na Tổng được phục dựng sau nhiều năm gián đoạn, thu "
            "hút đông đảo người dân và du khách đến dự."
        ),
        section="van-hoa",
        authors=("vo-ngoc-lan",),
        tags=("Lễ hội", "Đồng bào Thái", "Quế Phong"),
        minutes_ago=ago(days=5, hours=3),
        body="""
        Nghi lễ do thầy mo cao tuổi nhất bản chủ trì, với lễ vật gồm xôi nếp cẩm, cá suối nướng
        và rượu cần. Lời khấn cầu mong mưa thuận gió hòa, lúa nương trĩu hạt.

        @festival Thầy mo thực hiện nghi lễ cầu mùa bên bờ suối. (Ảnh: Võ Ngọc Lan)

        Sau phần lễ là phần hội với các trò chơi ném còn, kéo co, thi nấu cơm lam và hát nhuôn.
        Các cô gái trong bản mặc váy áo truyền thống múa xòe quanh đống lửa.

        Ông Lô Văn Inh, người dành ba năm ghi chép lại trình tự nghi lễ từ lời kể của các cụ cao
        niên, mong lễ hội được tổ chức hằng năm để con cháu hiểu phong tục của ông cha.
        """,
    )

    r.add(
        title="Cửa Lò đón hơn 50.000 lượt khách dịp cuối tuần",
        sapo=(
            "Nắng đẹp, biển êm, hai ngày cuối tuần qua các bãi tắm ở Cửa Lò đông nghịt du khách; "
            "công suất phòng của nhiều khách sạn đạt trên 90%."
        ),
        section="du-lich",
        secondary_section="kinh-te",
        authors=("vo-ngoc-lan",),
        tags=("Du lịch", "Cửa Lò", "Biển"),
        minutes_ago=ago(minutes=5),
        hot=True,
        body="""
        Từ sáng sớm, các tuyến đường Bình Minh và Sào Nam đã kín xe du lịch. Lực lượng cứu hộ
        được tăng cường tại các bãi tắm chính, cứ 200 m lại có một chòi canh.

        @sea Du khách tắm biển tại bãi biển trung tâm Cửa Lò sáng chủ nhật. (Ảnh: Hoàng Quốc Bảo)

        Ông Nguyễn Hữu Tâm - Chủ tịch Hiệp hội Du lịch thị xã cho biết các cơ sở lưu trú đã cam kết
        niêm yết giá công khai, không tăng giá đột biến trong mùa cao điểm.

        Năm nay, thị xã đưa vào khai thác thêm tuyến phố đi bộ ven biển và chợ đêm hải sản, giúp
        du khách có thêm lựa chọn vui chơi vào buổi tối.
        """,
    )
