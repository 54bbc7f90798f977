### Thư điện tử: cấu hình máy chủ thư, tiêu đề và phần cuối của thư

config-smtp-url = không phải địa chỉ máy chủ thư hợp lệ. Viết dạng smtp://tên:mật-khẩu@máy-chủ:587 (STARTTLS), smtps://tên:mật-khẩu@máy-chủ:465 (TLS), hoặc smtp://127.0.0.1:25?tls=none (máy chủ thư trên chính máy này); ký tự đặc biệt trong tên, mật khẩu viết dạng %XX (ví dụ @ là %40).
config-smtp-cleartext = mật khẩu sẽ được gửi tới { $host } mà không mã hóa. Hãy dùng smtp:// (STARTTLS) hoặc smtps:// (TLS); tls=none chỉ dùng được với mật khẩu khi máy chủ thư ở ngay trên máy này (127.0.0.1, localhost).
config-mail-from-missing = cần địa chỉ người gửi thư khi đã đặt BAOCAO_SMTP_URL, ví dụ: Sở Nội vụ Điện Biên <baocao@snv.dienbien.gov.vn>.
config-mail-from = "{ $value }" không phải địa chỉ người gửi hợp lệ (ví dụ: Sở Nội vụ Điện Biên <baocao@snv.dienbien.gov.vn>).

mail-subject-period = { $title } – { $unit } – hạn gửi { $due }
mail-subject-unit = Thông báo của { $office } gửi { $unit }
mail-subject-digest = Tình hình báo cáo ngày { $date }
mail-subject = Thông báo của { $office }

email-footer = Thư này được hệ thống báo cáo của { $office } gửi tự động.
email-link-personal = Các đường dẫn trong thư là của riêng đồng chí và mỗi đường dẫn chỉ dùng được một lần; đề nghị đồng chí không chuyển tiếp thư này cho người khác.

mail-subject-sign-in = Đường dẫn đăng nhập hệ thống báo cáo của { $office }
mail-sign-in-console = Kính gửi đồng chí { $name },
    Hệ thống vừa nhận được đề nghị đăng nhập bàn làm việc báo cáo của { $office } bằng địa chỉ e-mail của đồng chí. Đồng chí bấm "Đăng nhập" để vào; đường dẫn chỉ dùng được một lần, trong vòng { $minutes } phút.
    Nếu không phải đồng chí đề nghị đăng nhập, xin đồng chí bỏ qua thư này; không ai vào được khi chưa có đường dẫn trong thư.
mail-sign-in-form = Kính gửi đồng chí { $name },
    Hệ thống vừa nhận được đề nghị đăng nhập trang báo cáo của đơn vị bằng địa chỉ e-mail của đồng chí. Đồng chí bấm "Đăng nhập" để vào; đường dẫn chỉ dùng được một lần, trong vòng { $days } ngày.
    Nếu không phải đồng chí đề nghị đăng nhập, xin đồng chí bỏ qua thư này; không ai vào được khi chưa có đường dẫn trong thư.
mail-sign-in-button = Đăng nhập
