### Chung: vai trò, loại đơn vị, lỗi chung, trợ giúp, ngôn ngữ

role-admin = quản trị
role-officer = cán bộ theo dõi
role-reporter = người báo cáo

unit-kind-commune = xã
unit-kind-ward = phường
unit-kind-special-zone = đặc khu
unit-kind-town = thị trấn
unit-kind-agency = cơ quan, đơn vị
unit-kind-village = thôn, bản, tổ dân phố
unit-kind-department = phòng, ban

err-internal = Xin lỗi, bot gặp sự cố và chưa thực hiện được yêu cầu. Đề nghị đồng chí thử lại sau ít phút, hoặc gõ /huy để bắt đầu lại.
err-storage-unavailable = Xin lỗi, dữ liệu chưa được lưu vì máy chủ đang bận hoặc gặp sự cố lưu trữ. Đề nghị đồng chí gửi lại sau ít phút.
err-officers-only = Việc này chỉ dành cho cán bộ theo dõi báo cáo.
err-admins-only = Việc này chỉ dành cho quản trị.
err-report-not-yours = Đồng chí chỉ xem được báo cáo của đơn vị mình.
err-file-unavailable = Chưa tải được tệp đính kèm. Đề nghị đồng chí thử lại sau ít phút.
officers-only-in-chat = { $why } Gõ /help để xem các lệnh của đồng chí.
not-understood = Bot chưa hiểu tin nhắn này. Gõ /help để xem các lệnh.
button-expired = Nút này đã hết hiệu lực. Vui lòng dùng tin nhắn mới nhất.
state-unreadable = Xin lỗi, bước đang làm dở không khôi phục được sau khi bot được nâng cấp. Các câu trả lời đã lưu vẫn còn nguyên; đề nghị đồng chí gửi lại lệnh.

cancel-done = Đã hủy thao tác đang làm.
cancel-nothing = Hiện không có thao tác nào đang làm.

help-title = Các lệnh của bot báo cáo:
help-note-guest = Để sử dụng bot, đồng chí cần mở link mời do { $office } gửi.
help-note-reporter = Khi có kỳ báo cáo, bot sẽ nhắc đồng chí và hướng dẫn trả lời từng câu hỏi.
help-note-officer = Tạo link mời cho một đơn vị: /moi MÃ_ĐƠN_VỊ (ví dụ /moi X-TAMA). Quản trị tạo link mời cán bộ: /moi canbo.

cmd-start = Bắt đầu, đăng ký bằng link mời
cmd-help = Xem các lệnh
cmd-lang = Đổi ngôn ngữ (Tiếng Việt / English)
cmd-huy = Hủy thao tác đang làm
cmd-moi = Tạo link mời cho một đơn vị

lang-name = Tiếng Việt
lang-choose = Đồng chí muốn dùng bot bằng ngôn ngữ nào?
lang-set = Đã chuyển sang tiếng Việt.
flood-slow-down = Đồng chí đang gửi quá nhanh. Bot tạm bỏ qua các tin nhắn tiếp theo; đề nghị đồng chí chờ vài giây rồi gửi lại từng tin.
edited-ignored = Bot không đọc lại tin nhắn đã sửa. Nếu cần sửa câu trả lời, đề nghị đồng chí gửi tin nhắn mới (hoặc dùng nút "Sửa" ở trang xem lại).
reply-unconfirmed = ⚠️ Lúc { $at }, bot không gửi được phản hồi cho đồng chí vì mất kết nối với Telegram, nên có thể đồng chí chưa thấy câu trả lời của bot. Các câu trả lời báo cáo bot đã nhận đều được lưu. Gõ /baocao để xem tiếp câu đang dở, hoặc gửi lại yêu cầu nếu cần.
err-email-invalid = "{ $value }" không phải địa chỉ e-mail hợp lệ (ví dụ: chutich@tama.dienbien.gov.vn).
