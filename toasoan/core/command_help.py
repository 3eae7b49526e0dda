"""Vietnamese help of the Django and library commands an administrator runs (``toasoan migrate --help``…).

Django and django-tasks write their commands' descriptions and option help without gettext, so only a
table can say them in Vietnamese: by command (the name of its module), the description and, by argument
(its ``dest``), the help and the placeholder shown in the usage line. ``toasoan.core.commandline``
applies it to the parser of each command it runs; the project's own commands are written in Vietnamese.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Argument:
    help: Promise
    metavar: Promise | None = None


@dataclass(frozen=True)
class CommandHelp:
    description: Promise | None
    arguments: dict[str, Argument] = field(default_factory=dict)


_NO_INPUT = Argument(_("Không hỏi gì trong khi chạy."))
_DATABASE = Argument(_("CSDL dùng (mặc định «default»)."))

COMMANDS: dict[str, CommandHelp] = {
    "migrate": CommandHelp(
        _("Cập nhật cấu trúc CSDL theo các bước chuyển đổi (migration) của các ứng dụng."),
        {
            "app_label": Argument(_("Chỉ cập nhật ứng dụng này (bỏ trống: mọi ứng dụng)."), _("ỨNG_DỤNG")),
            "migration_name": Argument(
                _("Đưa CSDL về trạng thái ngay sau bước chuyển đổi này; «zero» gỡ mọi bước của ứng dụng."),
                _("BƯỚC")),
            "interactive": _NO_INPUT,
            "database": Argument(_("CSDL cần cập nhật (mặc định «default»).")),
            "fake": Argument(_("Ghi nhận các bước là đã chạy mà không chạy thật.")),
            "fake_initial": Argument(_(
                "Nếu các bảng đã có sẵn thì ghi nhận bước đầu tiên là đã chạy. Chỉ tên bảng được kiểm tra: "
                "hãy chắc cấu trúc CSDL khớp với bước đầu tiên.")),
            "plan": Argument(_("Chỉ in danh sách những việc sẽ làm.")),
            "run_syncdb": Argument(_("Tạo bảng cho các ứng dụng không có bước chuyển đổi.")),
            "check_unapplied": Argument(_("Không chạy gì; thoát với mã lỗi nếu còn bước chưa chạy.")),
            "prune": Argument(_("Xóa khỏi bảng django_migrations các bước không còn trong mã nguồn.")),
        },
    ),
    "createsuperuser": CommandHelp(
        _("Tạo một tài khoản siêu quản trị (có mọi quyền)."),
        {
            "username": Argument(_("Tên đăng nhập của tài khoản."), _("TÊN_ĐĂNG_NHẬP")),
            "interactive": Argument(_(
                "Không hỏi gì; khi đó phải có --username và mọi trường bắt buộc khác. Tài khoản tạo như vậy "
                "chưa đăng nhập được cho đến khi được đặt mật khẩu (toasoan changepassword).")),
            "database": _DATABASE,
            "email": Argument(_("Thư điện tử của tài khoản."), _("THƯ_ĐIỆN_TỬ")),
        },
    ),
    "changepassword": CommandHelp(
        _("Đổi mật khẩu của một tài khoản (hỏi mật khẩu mới hai lần)."),
        {
            "username": Argument(
                _("Tài khoản cần đổi mật khẩu (mặc định: tên người dùng hệ điều hành đang chạy lệnh)."),
                _("TÊN_ĐĂNG_NHẬP")),
            "database": _DATABASE,
        },
    ),
    "collectstatic": CommandHelp(
        _("Gom các tệp tĩnh (CSS, JavaScript, ảnh giao diện) của mọi ứng dụng về một thư mục (STATIC_ROOT)."),
        {
            "interactive": _NO_INPUT,
            "post_process": Argument(_("Không xử lý tiếp các tệp đã gom (như gắn mã băm vào tên tệp).")),
            "ignore_patterns": Argument(_("Bỏ qua tệp hoặc thư mục khớp mẫu glob này; dùng nhiều lần được."),
                                        _("MẪU")),
            "dry_run": Argument(_("Làm như thật nhưng không ghi gì vào ổ đĩa.")),
            "clear": Argument(_("Xóa các tệp đã có ở nơi lưu trước khi chép các tệp gốc.")),
            "link": Argument(_("Tạo liên kết tượng trưng tới từng tệp thay vì chép.")),
            "use_default_ignore_patterns": Argument(_(
                "Không bỏ qua các mẫu tệp riêng tư mặc định ('CVS', '.*' và '*~').")),
        },
    ),
    "flush": CommandHelp(
        None,  # the project's flush (toasoan/audit) describes itself; Django's options are said here
        {"interactive": _NO_INPUT, "database": Argument(_("CSDL cần xóa sạch (mặc định «default»)."))},
    ),
    "check": CommandHelp(
        _("Kiểm tra cấu hình và mã nguồn của trang báo để tìm vấn đề."),
        {
            "args": Argument(_("Chỉ kiểm tra các ứng dụng này (bỏ trống: mọi ứng dụng)."), _("ỨNG_DỤNG")),
            "tags": Argument(_("Chỉ chạy các bước kiểm tra mang thẻ này."), _("THẺ")),
            "list_tags": Argument(_("Liệt kê các thẻ; thêm --deploy để có cả thẻ kiểm tra khi triển khai.")),
            "deploy": Argument(_("Kiểm tra cả cấu hình dùng khi triển khai thật.")),
            "fail_level": Argument(_("Mức thông báo từ đó lệnh thoát với mã lỗi (mặc định ERROR).")),
            "databases": Argument(_("Chạy các bước kiểm tra CSDL trên các CSDL này.")),
        },
    ),
    "db_worker": CommandHelp(
        _("Chạy riêng tiến trình xử lý tác vụ nền (lấy tác vụ từ CSDL)."),
        {
            "queue_name": Argument(_(
                "Các hàng đợi cần xử lý, cách nhau bởi dấu phẩy; '*' là mọi hàng đợi (mặc định 'default')."),
                _("HÀNG_ĐỢI")),
            "exclude_queues": Argument(_("Các hàng đợi bỏ qua, cách nhau bởi dấu phẩy."), _("HÀNG_ĐỢI")),
            "interval": Argument(_("Số giây chờ khi hàng đợi trống trước khi xem lại (mặc định 1)."), _("GIÂY")),
            "batch": Argument(_("Xử lý hết các tác vụ đang chờ rồi thoát (dùng được cùng --max-tasks).")),
            "reload": Argument(_(
                "Khởi động lại tiến trình khi mã nguồn thay đổi; không dùng khi chạy thật, vì tác vụ có thể "
                "bị dừng giữa chừng (mặc định: theo DEBUG).")),
            "backend_name": Argument(_("Hệ xử lý tác vụ cần chạy (mặc định 'default')."), _("TÊN")),
            "startup_delay": Argument(_("Không chờ một lát khi khởi động.")),
            "max_tasks": Argument(_("Số tác vụ tối đa được chạy trước khi thoát."), _("SỐ")),
            "worker_id": Argument(_("Mã của tiến trình, không trùng với tiến trình nào khác (mặc định: tự sinh)."),
                                  _("MÃ")),
        },
    ),
}
