### Dòng lệnh và cấu hình

config-error = Lỗi cấu hình { $setting }: { $reason }
config-token-missing = chưa có token của bot. Đặt biến môi trường TELOXIDE_TOKEN (hoặc BAOCAO_TOKEN) bằng token do @BotFather cấp.
config-token-format = token không đúng dạng (cần dạng 123456789:ABC…, do @BotFather cấp).
config-invalid-value = giá trị "{ $value }" không hợp lệ.
config-file-unreadable = không đọc được tệp { $path }: { $detail }
config-file-invalid = tệp { $path } không hợp lệ: { $detail }
start-error-database = Không mở được cơ sở dữ liệu: { $detail }
start-error-telegram = Không kết nối được Telegram (kiểm tra token và mạng): { $detail }

cli-error = Lỗi: { $detail }
cli-config-ok = Cấu hình hợp lệ.
cli-migrated = Cơ sở dữ liệu { $path } đã cập nhật ({ $count } bước mới).
cli-file-unreadable = Không đọc được tệp { $path }: { $detail }
cli-import-rejected = Không nhập tệp: có { $count } dòng sai, chưa đơn vị nào được nhập.
cli-import-line = Dòng { $line }: { $reason }
cli-imported = Đã đọc { $total } đơn vị: thêm mới { $added }, cập nhật { $updated }, không đổi { $unchanged }.
cli-inactive = ngừng hoạt động
cli-removed = đã xóa quyền
cli-unit-count = Tổng số: { $count } đơn vị.
cli-unit-deactivated = Đã ngừng hoạt động đơn vị { $code }. Các báo cáo cũ vẫn được giữ.
cli-unit-activated = Đã cho đơn vị { $code } hoạt động trở lại.
cli-unit-already-inactive = Đơn vị { $code } đã ngừng hoạt động từ trước.
cli-unit-already-active = Đơn vị { $code } đang hoạt động.
cli-invite-count = Tổng số: { $count } link mời.
cli-member-count = Tổng số: { $count } người.
cli-member-removed = Đã xóa quyền của người dùng số { $id }. Các báo cáo cũ vẫn giữ tên người gửi.
cli-backup-exists = Tệp { $path } đã tồn tại; chọn tên khác để không ghi đè.
cli-backup-done = Đã sao lưu cơ sở dữ liệu vào { $path }.
cli-period-created = Đã mở kỳ báo cáo số { $id } cho { $units } đơn vị:
cli-period-count = Tổng số: { $count } kỳ báo cáo.
cli-period-details = Biểu mẫu: { $template } ({ $questions } câu hỏi). Đã gửi: { $done }/{ $total } đơn vị. Trạng thái: { $status }.
cli-period-open = đang mở
cli-period-closed = đã khóa
cli-period-closed-now = Đã khóa kỳ báo cáo số { $id }: không nhận thêm báo cáo.
cli-period-was-closed = Kỳ báo cáo số { $id } đã khóa từ trước.
cli-job-sweep = Nhắc hạn báo cáo
cli-job-digest = Tổng hợp gửi cán bộ
cli-job-series = Tự mở kỳ báo cáo "{ $key }"
cli-day-off = ngày nghỉ: không nhắc
weekday = { $n ->
    [0] Thứ Hai
    [1] Thứ Ba
    [2] Thứ Tư
    [3] Thứ Năm
    [4] Thứ Sáu
    [5] Thứ Bảy
   *[other] Chủ Nhật
}
cli-export-format = Tệp { $path } phải có đuôi .xlsx hoặc .csv.
cli-file-unwritable = Không ghi được tệp { $path }: { $detail }
cli-exported = Đã xuất { $path }: { $units } đơn vị, { $reported } đơn vị đã gửi báo cáo.
start-error-locked = Cơ sở dữ liệu này đang được một bot baocao khác sử dụng (tiến trình { $pid }, khóa { $path }). Mỗi tệp dữ liệu chỉ chạy một bot; hãy dừng bot kia trước.
start-error-lock-file = Không tạo được tệp khóa { $path }: { $detail }
cli-renamed = Đổi tên: { $code } "{ $old }" → "{ $new }" (tên cũ vẫn được giữ trong lịch sử và trong các kỳ báo cáo đã mở).
cli-merged = Đã sáp nhập { $units } thành { $into } ({ $code }) từ ngày { $on }: { $told } người báo cáo của các đơn vị cũ được thông báo; { $periods } kỳ báo cáo đang mở chuyển sang chờ báo cáo của { $code }.
cli-merged-absorbed = Đã sáp nhập { $units } vào { $into } ({ $code }) từ ngày { $on }: { $told } người báo cáo của các đơn vị cũ được thông báo; { $periods } kỳ báo cáo đang mở chuyển sang chờ báo cáo của { $code }.
cli-merge-already = { $code }: việc sáp nhập này đã thực hiện trước đây, không có thay đổi nào.
cli-merge-invite-hint = Các đơn vị cũ vẫn được lưu (cùng báo cáo đã gửi, với tên cũ). Tạo link mời cho đơn vị mới: baocao invite create --all
cli-merged-into = đã sáp nhập vào { $into } từ { $on }
err-merge-no-units = Cần ít nhất một mã đơn vị được sáp nhập.
err-merge-twice = Đơn vị { $code } được ghi hai lần trong danh sách sáp nhập.
err-merge-into-itself = Không sáp nhập { $code } vào chính nó: đơn vị mới cần một mã mới (ví dụ { $code }-2025).
err-merge-into-closed = Đơn vị { $code } đã ngừng hoạt động hoặc đã được sáp nhập, không nhận sáp nhập được.
err-merge-already = { $unit } đã được sáp nhập hoặc đã ngừng tồn tại trước đó.
err-merge-header = Dòng tiêu đề thiếu cột: { $missing }. Tệp cần các cột old_code,new_code,new_name,kind.
err-merge-differs = Đơn vị mới { $code } được ghi với tên hoặc loại khác ở dòng trước.
cli-due-anyway = Chưa mở kỳ báo cáo. Chọn hạn khác, hoặc thêm --anyway để vẫn mở với hạn này.
err-invite-too-many = Một lệnh tạo được tối đa { $max } link mời.
err-invite-none = Không có đơn vị nào cần link mời: mọi đơn vị đang hoạt động (theo điều kiện đã chọn) đều đã có người báo cáo. Dùng --units để mời thêm người cho một đơn vị.
cli-invites-written = Đã tạo { $count } link mời ({ $units } đơn vị, { $officers } cán bộ theo dõi), hết hạn lúc { $expires }:
cli-invites-file = - { $path }
cli-invites-keep = Các tệp này chứa link mời: chỉ gửi cho người được mời, không đăng công khai.
start-error-web = Không mở được bàn làm việc web tại { $addr }: { $detail }. Đổi địa chỉ bằng BAOCAO_WEB_ADDR (hoặc BAOCAO_WEB_ADDR=off để tắt).
cli-file-exists = Tệp { $path } đã tồn tại; chọn tên khác (--out) để không ghi đè. Chưa tạo link mời nào.
cli-no-contact = chưa có địa chỉ liên lạc
cli-member-added = Đã thêm #{ $id }: { $name } { $contact }. Lấy đường dẫn đăng nhập: baocao web link --member { $id }
cli-telegram-off = Telegram: tắt (chưa đặt TELOXIDE_TOKEN). Bàn làm việc và trang báo cáo của các đơn vị đang chạy tại { $addr }. Để đăng nhập với quyền quản trị, mở một cửa sổ dòng lệnh khác và chạy: baocao web link --admin
config-nothing-on = không có cách nào dùng bot: Telegram chưa bật (TELOXIDE_TOKEN) và bàn làm việc đang tắt (BAOCAO_WEB_ADDR=off). Bật ít nhất một trong hai.
