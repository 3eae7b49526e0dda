"""Photo stories, infographics, long-form magazine pieces and media of the demo newspaper.

Own writing; every person, company and event here is invented.
"""

from __future__ import annotations

from toasoan.demo.schema import ArticleRegistry, Format, ago


def declare_photo(r: ArticleRegistry) -> None:
    r.add(
        title="Bình minh trên đồi chè Thanh Chương",
        sapo=(
            "Khi sương còn phủ kín thung lũng, những người hái chè ở Thanh Chương đã lên đồi. "
            "Chùm ảnh ghi lại một buổi sáng đầu mùa thu hoạch."
        ),
        format=Format.PHOTO,
        section="du-lich",
        secondary_section="kinh-te",
        authors=("hoang-quoc-bao",),
        tags=("Tin ảnh", "Cây chè", "Thanh Chương"),
        minutes_ago=ago(days=4, hours=1),
        body="""
        Những đồi chè nối tiếp nhau như bát úp là điểm chụp ảnh quen thuộc của dân mê nhiếp ảnh
        mỗi dịp cuối tuần.

        +landscape Sương sớm phủ trắng thung lũng dưới chân đồi chè. (Ảnh: Hoàng Quốc Bảo)
        +fields Những hàng chè được cắt tỉa đều tăm tắp. (Ảnh: Hoàng Quốc Bảo)
        +people Người hái chè bắt đầu công việc từ 5 giờ sáng. (Ảnh: Hoàng Quốc Bảo)
        +fields Búp chè non được hái theo quy cách một tôm hai lá. (Ảnh: Hoàng Quốc Bảo)
        +road Xe chở chè tươi về xưởng chế biến khi nắng lên. (Ảnh: Hoàng Quốc Bảo)
        """,
    )

    r.add(
        title="Người dân vùng lũ Con Cuông dựng lại nhà cửa",
        sapo=(
            "Nước vừa rút, bà con các bản ven sông Giăng đã cùng bộ đội, đoàn viên dọn bùn, dựng "
            "lại nhà, sửa chuồng trại để sớm ổn định cuộc sống."
        ),
        format=Format.PHOTO,
        section="xa-hoi",
        authors=("dang-huu-tai", "hoang-quoc-bao"),
        tags=("Tin ảnh", "Mưa lũ", "Con Cuông"),
        minutes_ago=ago(days=5, hours=2),
        body="""
        +flood Bùn non còn phủ kín lối đi trong bản Cò Phạt. (Ảnh: Đặng Hữu Tài)
        +people Bộ đội giúp một gia đình dựng lại khung nhà sàn. (Ảnh: Đặng Hữu Tài)
        +river Mực nước sông Giăng đã trở lại bình thường. (Ảnh: Hoàng Quốc Bảo)
        +people Phụ nữ trong bản phơi lại chăn màn, quần áo. (Ảnh: Hoàng Quốc Bảo)
        +forest Cây rừng bị lũ cuốn về được gom lại làm củi. (Ảnh: Đặng Hữu Tài)

        Theo UBND huyện Con Cuông, đến nay 90% số hộ bị ảnh hưởng đã trở về nhà./.
        """,
    )

    r.add(
        title="Sắc màu lễ khai mạc Đại hội Thể dục thể thao tỉnh",
        sapo=(
            "Màn đồng diễn, diễu hành của các đoàn vận động viên và pháo hoa đã tạo nên đêm khai "
            "mạc rực rỡ tại Sân vận động Vinh."
        ),
        format=Format.PHOTO,
        section="the-thao",
        authors=("tran-minh-duc", "hoang-quoc-bao"),
        tags=("Tin ảnh", "Đại hội TDTT", "Sân vận động Vinh"),
        minutes_ago=ago(days=2, hours=18),
        body="""
        +stadium Sân vận động Vinh chật kín khán giả trước giờ khai mạc. (Ảnh: Hoàng Quốc Bảo)
        +people Đoàn vận động viên huyện Kỳ Sơn trong trang phục dân tộc. (Ảnh: Hoàng Quốc Bảo)
        +stadium Màn đồng diễn thể dục của học sinh các trường THCS. (Ảnh: Trần Minh Đức)
        +festival Múa lân mở màn chương trình nghệ thuật. (Ảnh: Trần Minh Đức)
        +people Cổ động viên cổ vũ cho đoàn thể thao của địa phương mình. (Ảnh: Trần Minh Đức)
        +festival Pháo hoa khép lại đêm khai mạc. (Ảnh: Hoàng Quốc Bảo)
        """,
    )

    r.add(
        title="Phiên chợ vùng cao Mường Xén",
        sapo=(
            "Mỗi sáng chủ nhật, đồng bào Mông, Khơ Mú, Thái từ các bản xa lại đổ về chợ Mường Xén để mua bán, gặp gỡ."
        ),
        format=Format.PHOTO,
        section="van-hoa",
        secondary_section="du-lich",
        authors=("vo-ngoc-lan",),
        tags=("Tin ảnh", "Chợ phiên", "Kỳ Sơn"),
        minutes_ago=ago(days=7, hours=22),
        body="""
        +market Chợ họp từ tờ mờ sáng đến gần trưa. (Ảnh: Võ Ngọc Lan)
        +people Thiếu nữ Mông trong bộ váy mới đi chợ cùng bạn. (Ảnh: Võ Ngọc Lan)
        +market Rau rừng, măng và mật ong được bày bán ven đường. (Ảnh: Võ Ngọc Lan)
        +landscape Con đường dẫn vào thị trấn Mường Xén giữa núi. (Ảnh: Võ Ngọc Lan)
        """,
    )


def declare_infographic(r: ArticleRegistry) -> None:
    r.add(
        title="Kinh tế tỉnh 9 tháng: những con số nổi bật",
        sapo="Tăng trưởng kinh tế, thu ngân sách, xuất khẩu và thu hút đầu tư của tỉnh sau 9 tháng.",
        format=Format.INFOGRAPHIC,
        section="kinh-te",
        authors=("nguyen-van-khanh",),
        tags=("Infographic", "Tăng trưởng", "Đầu tư"),
        minutes_ago=ago(hours=9),
        hot=True,
        infographic=(
            "Nguyễn Văn Khánh",
            (
                "Tốc độ tăng trưởng kinh tế 9 tháng ước đạt 8,4%, cao hơn cùng kỳ năm trước.",
                "Thu ngân sách nhà nước đạt 18.950 tỷ đồng, bằng 92% dự toán năm.",
                "Kim ngạch xuất khẩu đạt 2,6 tỷ USD, tăng 17%.",
                "Tỉnh thu hút 96 dự án mới với tổng vốn đăng ký 41.000 tỷ đồng.",
                "Khách du lịch đạt 8,1 triệu lượt, tăng 12%.",
            ),
        ),
        body="""
        Số liệu do Cục Thống kê tỉnh công bố tại phiên họp thường kỳ tháng 9 của UBND tỉnh.

        Công nghiệp chế biến, chế tạo tiếp tục là động lực chính, đóng góp gần một nửa mức tăng
        trưởng chung.
        """,
    )

    r.add(
        title="Thiệt hại do mưa lũ tại các huyện miền Tây",
        sapo="Tổng hợp thiệt hại sau đợt mưa lũ tại Kỳ Sơn, Tương Dương, Con Cuông và Quế Phong.",
        format=Format.INFOGRAPHIC,
        section="xa-hoi",
        secondary_section="thoi-su",
        authors=("dang-huu-tai",),
        tags=("Infographic", "Mưa lũ", "Phòng chống thiên tai"),
        minutes_ago=ago(days=8, hours=1),
        infographic=(
            "Đặng Hữu Tài",
            (
                "Bốn huyện bị ảnh hưởng: Kỳ Sơn, Tương Dương, Con Cuông và Quế Phong.",
                "1.240 ngôi nhà bị ngập hoặc hư hỏng, 38 nhà bị cuốn trôi hoàn toàn.",
                "560 ha lúa và hoa màu bị vùi lấp.",
                "27 điểm sạt lở trên các tuyến giao thông, 3 cầu treo bị hư hỏng.",
                "Tổng thiệt hại ước tính 312 tỷ đồng.",
            ),
        ),
        body="""
        Số liệu do Ban Chỉ huy phòng chống thiên tai và tìm kiếm cứu nạn tỉnh tổng hợp đến 17 giờ
        chiều qua và có thể còn thay đổi.

        Tỉnh đã trích ngân sách dự phòng hỗ trợ khẩn cấp các hộ mất nhà, đồng thời đề nghị Trung
        ương hỗ trợ khôi phục các công trình giao thông, thủy lợi bị hư hỏng.
        """,
    )

    r.add(
        title="Chuyển đổi số trong trường học sau một năm",
        sapo="Sổ điểm điện tử, thanh toán học phí không dùng tiền mặt và học liệu số đã phủ tới đâu?",
        format=Format.INFOGRAPHIC,
        section="giao-duc",
        authors=("pham-thanh-thuy",),
        tags=("Infographic", "Chuyển đổi số", "Giáo dục"),
        minutes_ago=ago(days=5, hours=8),
        infographic=(
            "Phạm Thanh Thủy",
            (
                "100% trường THCS và THPT dùng sổ điểm điện tử.",
                "87% phụ huynh nộp học phí qua ngân hàng hoặc ví điện tử.",
                "Kho học liệu số của ngành có hơn 14.000 bài giảng.",
                "62% trường tiểu học vùng cao đã có đường truyền internet cáp quang.",
            ),
        ),
        body="""
        Số liệu do Sở Giáo dục và Đào tạo tổng kết sau năm học đầu tiên triển khai đề án chuyển
        đổi số trong ngành.

        Sở đặt mục tiêu năm học tới toàn bộ điểm trường lẻ có kết nối internet và giáo viên vùng
        cao được tập huấn sử dụng học liệu số.
        """,
    )


def declare_magazine(r: ArticleRegistry) -> None:
    r.add(
        title="Người giữ lửa ví, giặm bên dòng Lam",
        sapo=(
            "Hơn 40 năm, nghệ nhân Trần Thị Thoa lặng lẽ dạy hát ví, giặm cho trẻ em trong làng. "
            "Với bà, mỗi câu hát là một cách giữ lấy ký ức của quê hương."
        ),
        format=Format.MAGAZINE,
        section="van-hoa",
        authors=("vo-ngoc-lan",),
        tags=("Magazine", "Dân ca ví giặm", "Nghệ nhân"),
        minutes_ago=ago(days=3, hours=4),
        body="""
        ## Câu hát từ thuở ấu thơ

        Ngôi nhà ba gian của bà Thoa nằm cuối xóm, cách bờ sông Lam chừng vài trăm bước chân. Chiều
        nào cũng vậy, khi mặt trời vừa khuất sau rặng tre, tiếng hát lại vang lên từ hiên nhà.

        Bà kể, thuở nhỏ bà theo mẹ đi cấy, nghe các bà các chị hát đối đáp với nhau từ bờ ruộng này
        sang bờ ruộng khác. Không ai dạy, cứ nghe mãi rồi thuộc, rồi tự đặt lời mới.

        @river Dòng Lam chảy qua làng, nơi những câu ví, giặm đầu tiên của bà Thoa cất lên. (Ảnh: Võ Ngọc Lan)

        > Câu hát không ở trong sách, nó ở trong người. Người còn hát thì câu hát còn. | Nghệ nhân Trần Thị Thoa

        ## Lớp học không học phí

        Hơn 40 năm qua, bà đã dạy cho gần 600 lượt học trò. Lớp học không có bảng, không có giáo
        trình, chỉ có những chiếc chiếu trải giữa nhà và một ấm chè xanh.

        Có em đến học vì bố mẹ gửi, có em đến vì tò mò. Bà dạy các em hát trước, rồi mới giải thích
        từng lời, từng điển tích, vì theo bà, phải thấy hay thì mới muốn hiểu.

        @people Những học trò nhỏ trong lớp hát ví, giặm tại nhà nghệ nhân. (Ảnh: Võ Ngọc Lan)

        ## Nỗi lo người nối nghiệp

        Điều bà trăn trở nhất là lớp trẻ học xong rồi đi làm ăn xa. Nhiều em hát hay nhưng vào
        Nam, ra Bắc, ít còn dịp cất lời. Bà nhờ cháu ghi âm lại hàng trăm làn điệu, lưu vào điện
        thoại và gửi cho các học trò cũ.

        Năm ngoái, xã đã thành lập câu lạc bộ dân ca với 35 thành viên, họp mỗi tối thứ bảy. Bà
        Thoa vẫn ngồi hàng đầu, lắng nghe và sửa cho từng người.

        > Chừng nào tôi còn ngồi dậy được thì lớp học vẫn mở. | Nghệ nhân Trần Thị Thoa

        Câu chuyện của bà khép lại khi trời đã nhá nhem. Ngoài hiên, mấy đứa trẻ vẫn ngân nga câu
        hát vừa học, giọng còn non nhưng đã tròn vành rõ chữ./.
        """,
    )

    r.add(
        title="Từ đồi trọc đến rừng gỗ lớn: hai mươi năm ở Tam Quang",
        sapo=(
            "Những quả đồi trọc ở xã Tam Quang nay đã thành rừng keo, lát hoa cho gỗ lớn. Hành trình "
            "hai mươi năm ấy đổi thay cả sinh kế của hàng trăm hộ đồng bào."
        ),
        format=Format.MAGAZINE,
        section="kinh-te",
        secondary_section="xa-hoi",
        authors=("nguyen-van-khanh", "hoang-quoc-bao"),
        tags=("Magazine", "Trồng rừng", "Tương Dương"),
        minutes_ago=ago(days=1, hours=10),
        hot=True,
        body="""
        ## Ký ức những quả đồi trọc

        Ông Vi Văn Thắng, trưởng bản Pủng, vẫn nhớ những năm đất đồi trơ sỏi đá, mùa mưa nước cuốn
        đất đỏ xuống suối, mùa khô gió thổi bụi mù. Cả bản sống nhờ vài đám nương lúa bấp bênh.

        Năm ấy, xã vận động mỗi hộ nhận khoán vài héc-ta đất để trồng rừng. Nhiều người e ngại, vì
        trồng cây phải chờ hàng chục năm mới có thu, trong khi cái ăn trước mắt còn thiếu.

        @landscape Những đồi keo xanh thẫm ở bản Pủng hôm nay. (Ảnh: Hoàng Quốc Bảo)

        ## Gỗ lớn, giá trị lớn

        Thay vì khai thác keo sau năm, sáu năm để bán gỗ dăm, nhiều hộ đã kiên trì giữ rừng đến mười
        năm và trồng xen lát hoa, lim xanh. Gỗ lớn bán cho các nhà máy chế biến đồ nội thất có giá
        cao gấp rưỡi.

        > Trước đây bán gỗ non vì cần tiền ngay. Giờ có vốn vay ưu đãi, bà con đủ sức chờ cây lớn. | Ông Vi Văn Thắng, trưởng bản Pủng

        Công ty cổ phần Lâm sản Lam Giang ký hợp đồng bao tiêu với hơn 300 hộ, hỗ trợ cây giống và
        hướng dẫn kỹ thuật tỉa thưa, phòng cháy rừng.

        @forest Cán bộ kỹ thuật hướng dẫn người dân đo đường kính cây. (Ảnh: Nguyễn Văn Khánh)

        ## Rừng giữ đất, giữ người

        Hai mươi năm, độ che phủ rừng của xã tăng từ 31% lên 68%. Suối không còn đục ngầu sau mỗi
        trận mưa, những trận lũ gần đây cũng ít gây sạt lở hơn ở các bản ven đồi.

        Thanh niên trong bản không còn phải đi làm thuê xa. Nhiều người ở lại làm tổ đội trồng và
        chăm rừng, có thu nhập ổn định quanh năm.

        Ông Thắng bảo, cái được lớn nhất không nằm ở tiền bán gỗ, mà ở chỗ người trong bản đã tin
        rằng đất này nuôi được mình, nếu mình biết chờ.
        """,
    )

    r.add(
        title="Pù Mát mùa mây",
        sapo=(
            "Vườn quốc gia Pù Mát vào mùa mây vừa hùng vĩ vừa dịu dàng. Du lịch sinh thái cộng đồng "
            "đang mở ra cách để người bản địa sống cùng rừng."
        ),
        format=Format.MAGAZINE,
        section="du-lich",
        authors=("vo-ngoc-lan", "hoang-quoc-bao"),
        tags=("Magazine", "Pù Mát", "Du lịch sinh thái"),
        minutes_ago=ago(days=6, hours=11),
        body="""
        ## Đường vào rừng

        Từ trung tâm huyện Con Cuông, xuôi theo con đường nhỏ men bờ sông Giăng chừng mười lăm cây
        số là tới cửa rừng. Buổi sớm, mây từ các thung lũng bốc lên, phủ kín những đỉnh núi phía xa.

        @landscape Mây vờn trên những dãy núi của Vườn quốc gia Pù Mát. (Ảnh: Hoàng Quốc Bảo)

        Du khách có thể đi thuyền ngược sông, ngắm thác nước đổ xuống từ vách đá, hoặc theo người
        dẫn đường vào sâu trong rừng để nghe tiếng chim và tìm những cây chò cổ thụ.

        ## Homestay giữa bản

        Bản Nưa có 12 hộ làm homestay. Nhà sàn được giữ nguyên kiến trúc, chỉ sửa lại khu vệ sinh
        và thêm màn, chăn sạch sẽ. Bữa tối có cá suối nướng, rau rừng luộc và rượu cần.

        Buổi tối, đội văn nghệ của bản biểu diễn múa sạp, hát nhuôn bên bếp lửa. Nhiều đoàn
        khách nước ngoài ở lại thêm một đêm chỉ để được cùng người dân nấu cơm lam.

        > Khách đến ở, mình giữ nhà sàn, giữ món ăn, giữ điệu múa. Làm du lịch mà lại giữ được văn hóa. | Chị Lang Thị Hoa, chủ homestay bản Nưa

        @river Thuyền đưa du khách ngược dòng sông Giăng. (Ảnh: Võ Ngọc Lan)

        ## Sống cùng rừng

        Ban quản lý vườn quốc gia tập huấn cho người dân làm hướng dẫn viên, giới thiệu với du
        khách về các loài động, thực vật quý và quy định bảo vệ rừng.

        Một phần doanh thu từ du lịch được trích lập quỹ bảo vệ rừng của bản. Người dân nói, có
        khách đến là có thêm người cùng canh giữ những cánh rừng mà cha ông để lại.
        """,
    )

    r.add(
        title="Những thầy cô cắm bản ở Kỳ Sơn",
        sapo=(
            "Ở những điểm trường cách trung tâm xã cả ngày đường, các thầy cô vừa dạy chữ, vừa nấu "
            "cơm, vừa làm cha mẹ thứ hai của học trò."
        ),
        format=Format.MAGAZINE,
        section="giao-duc",
        secondary_section="xa-hoi",
        authors=("pham-thanh-thuy",),
        tags=("Magazine", "Giáo viên vùng cao", "Kỳ Sơn"),
        minutes_ago=ago(days=8, hours=9),
        body="""
        ## Ngôi trường trên đỉnh núi

        Điểm trường Pha Khốm nằm ở độ cao gần 1.500 m. Con đường đất từ trung tâm xã lên đây chỉ
        đi được vào mùa khô; mùa mưa, thầy cô phải đi bộ nhiều giờ, lội qua ba con suối.

        Thầy Nguyễn Văn Hòa đã gắn bó với điểm trường này mười một năm. Lớp của thầy ghép hai trình
        độ, 19 học sinh đều là con em đồng bào Mông.

        @classroom Giờ học tiếng Việt tại điểm trường Pha Khốm. (Ảnh: Phạm Thanh Thủy)

        ## Dạy chữ và dạy cả nếp sống

        Những ngày đầu, nhiều em chưa nói được tiếng Việt. Thầy phải học tiếng Mông từ phụ huynh,
        dùng tranh ảnh, đồ vật để dạy từng chữ.

        > Muốn trò đến lớp thì trước hết phải làm cho trò thấy lớp học vui hơn ở nhà. | Thầy Nguyễn Văn Hòa

        Ngoài giờ lên lớp, thầy cô dạy các em đánh răng, rửa tay, trồng rau trong vườn trường để
        cải thiện bữa ăn bán trú.

        ## Những mùa xa nhà

        Cô Lê Thị Nga, đồng nghiệp của thầy Hòa, có con nhỏ gửi ông bà ở Diễn Châu. Mỗi tháng cô
        về thăm con một lần, mỗi lần mất gần một ngày đường.

        Năm nay, điểm trường được lắp tấm pin mặt trời và đường truyền internet. Tối tối, thầy cô
        có thể gọi video cho gia đình, và học trò lần đầu được xem bản đồ thế giới trên màn hình.

        Khi chúng tôi chào ra về, đám học trò chạy theo đến tận đầu dốc. Thầy Hòa đứng nhìn theo,
        bảo năm nay có hai em đỗ vào trường nội trú huyện, đó là niềm vui lớn nhất của thầy./.
        """,
    )


def declare_media(r: ArticleRegistry) -> None:
    r.add(
        title="Video: Toàn cảnh khắc phục hậu quả lũ tại Tương Dương",
        sapo="Hình ảnh bộ đội, công an và người dân cùng dọn bùn, thông đường sau lũ ở Tương Dương.",
        format=Format.MEDIA,
        section="thoi-su",
        authors=("dang-huu-tai",),
        tags=("Video", "Mưa lũ", "Tương Dương"),
        minutes_ago=ago(days=4, hours=10),
        media=(
            "video",
            14,
            "flood",
            (
                "Những ngày này, trên quốc lộ 7 đoạn qua Tương Dương, các mũi máy xúc làm việc liên tục.",
                "Hơn 400 cán bộ, chiến sĩ được huy động giúp dân dọn dẹp nhà cửa, trường học.",
                "Tuyến đường vào các xã Tam Hợp, Tam Quang đã thông xe sau hai ngày bị chia cắt.",
                "Ngành điện khôi phục cấp điện cho hơn 3.000 hộ dân.",
            ),
        ),
        body="""
        Video được ghi lại tại các xã Tam Hợp, Tam Quang và thị trấn Thạch Giám trong hai ngày
        sau khi nước rút.

        Theo Ban Chỉ huy phòng chống thiên tai huyện, các lực lượng đang ưu tiên khơi thông đường
        vào bản, dọn dẹp trường học và trạm y tế trước khi hỗ trợ người dân sửa nhà.

        Huyện khuyến cáo người dân không quay lại những khu vực có vết nứt, sạt trượt khi chưa có
        kết luận của cơ quan chuyên môn.
        """,
    )

    r.add(
        title="Video: Những pha bóng đẹp trận chung kết bóng đá nam",
        sapo="Đô Lương thắng Quỳnh Lưu 2-1 trong trận chung kết bóng đá nam Đại hội TDTT tỉnh.",
        format=Format.MEDIA,
        section="the-thao",
        authors=("tran-minh-duc",),
        tags=("Video", "Bóng đá", "Đại hội TDTT"),
        minutes_ago=ago(hours=2, minutes=10),
        media=(
            "video",
            12,
            "stadium",
            (
                "Phút thứ 12, tiền đạo Thái Văn Sơn mở tỷ số cho Đô Lương bằng cú đánh đầu.",
                "Quỳnh Lưu gỡ hòa ngay đầu hiệp hai từ một quả phạt góc.",
                "Phút 81, Sơn hoàn tất cú đúp, mang về chức vô địch cho Đô Lương.",
            ),
        ),
        body="""
        Trận chung kết diễn ra trên Sân vận động Vinh trước gần 8.000 khán giả, phần lớn là cổ
        động viên hai huyện.

        Đây là lần thứ hai Đô Lương vô địch môn bóng đá nam tại Đại hội TDTT tỉnh. Tiền đạo Thái
        Văn Sơn với 7 bàn thắng cũng là vua phá lưới của giải.
        """,
    )

    r.add(
        title="Podcast: Bản tin sáng — Thời tiết, giao thông và việc làm",
        sapo="Bản tin phát thanh đầu ngày: dự báo thời tiết, tình hình giao thông và phiên giao dịch việc làm.",
        format=Format.MEDIA,
        section="thoi-su",
        secondary_section="xa-hoi",
        authors=("bui-mai-phuong",),
        tags=("Podcast", "Bản tin", "Việc làm"),
        minutes_ago=ago(hours=3, minutes=40),
        media=(
            "audio",
            30,
            "city",
            (
                "Chào quý vị thính giả, đây là bản tin sáng của Báo Tòa Soạn.",
                "Hôm nay các huyện phía Tây có mưa rào rải rác, nhiệt độ từ 24 đến 31 độ C.",
                "Tuyến đường ven biển Cửa Lò có phân luồng tạm thời để phục vụ thi công.",
                "Phiên giao dịch việc làm thứ Năm tuần này tuyển hơn 1.200 lao động.",
                "Cảm ơn quý vị đã lắng nghe, hẹn gặp lại trong bản tin ngày mai.",
            ),
        ),
        body="""
        Bản tin sáng phát hằng ngày lúc 6 giờ, dài chừng nửa phút, tổng hợp những thông tin cần
        biết trước khi bắt đầu một ngày làm việc.

        Quý vị có thể nghe trên trang báo hoặc đọc bản chữ ngay bên dưới phần phát âm thanh.
        """,
    )

    r.add(
        title="Podcast: Ký ức sông Lam qua lời kể của người lái đò",
        sapo="Ông Đinh Văn Bảy chèo đò qua sông Lam suốt ba mươi năm, kể chuyện về những chuyến đò và đôi bờ quê.",
        format=Format.MEDIA,
        section="van-hoa",
        authors=("bui-mai-phuong", "vo-ngoc-lan"),
        tags=("Podcast", "Sông Lam", "Ký ức"),
        minutes_ago=ago(days=6, hours=20),
        media=(
            "audio",
            36,
            "river",
            (
                "Hồi đó chưa có cầu, cả xã chỉ có hai con đò, ngày nào cũng chở cả trăm lượt người.",
                "Mùa nước lớn, tôi phải chèo ngược lên một quãng xa rồi mới thả đò xuôi sang bờ bên kia.",
                "Có những đêm chở người đi đẻ, đi cấp cứu, sông tối mịt mà không dám chậm.",
                "Bây giờ có cầu rồi, đò nằm bến, nhưng sáng nào tôi cũng ra ngồi nhìn sông.",
            ),
        ),
        body="""
        Bến đò Phú Lạc từng là con đường duy nhất nối hai bờ sông Lam của xã. Khi cây cầu mới
        thông xe, bến đò vắng dần, nhưng ký ức về nó vẫn còn nguyên trong lời kể của người lái đò.

        Chương trình thuộc chuyên đề "Ký ức quê hương", phát vào tối thứ Bảy hằng tuần./.
        """,
    )
