### Hội thoại báo cáo

cmd-baocao = Làm hoặc sửa báo cáo
cmd-tinhtrang = Tình hình báo cáo của đơn vị
cmd-thongbao = Bật/tắt thông báo khi đơn vị gửi báo cáo

report-period-header =
    { $title }
    Thời gian chốt số liệu: { $window }
    Hạn gửi: { $due }
report-intro =
    Báo cáo của { $unit }
    { $header }

    Báo cáo gồm { $count } câu hỏi. Bot hỏi từng câu; mỗi câu trả lời được lưu ngay, nên đồng chí có thể dừng lúc nào và gõ /baocao để làm tiếp.
report-resuming = Tiếp tục báo cáo đang làm dở: các câu đã trả lời vẫn được giữ nguyên.
report-revising = Báo cáo của đơn vị đã được { $name } gửi lúc { $at }. Đồng chí có thể sửa từng câu rồi gửi lại (bản cũ vẫn được lưu).
report-question-required = Câu { $n }/{ $total } (bắt buộc)
report-question-optional = Câu { $n }/{ $total } (không bắt buộc)
report-current-answer = Câu trả lời hiện tại: { $answer }
report-unanswered = (chưa trả lời)
report-button-back = ⬅️ Quay lại
report-button-keep = ✔️ Giữ nguyên
report-button-skip = ⏭ Bỏ qua
report-button-edit = ✏️ Sửa câu { $n }
report-button-submit = 📨 Gửi báo cáo
report-review-title = Xem lại báo cáo của { $unit }
report-review-revision = (Bản sửa đổi lần { $revision })
report-review-hint = Đồng chí kiểm tra lại các câu trả lời. Bấm "Sửa câu …" để sửa, hoặc "Gửi báo cáo" để gửi { $office }.
report-on-time = đúng hạn
report-late = quá hạn
report-submitted =
    ✅ Đã gửi { $title } của { $unit } lúc { $at } ({ $timeliness }).
    Cảm ơn đồng chí! Gõ /tinhtrang để xem tình hình báo cáo của đơn vị.
report-revised = ✅ Đã gửi bản sửa đổi lần { $revision } của { $title } ({ $unit }) lúc { $at }. Bản trước vẫn được lưu.
report-incomplete = Còn { $count } câu bắt buộc chưa trả lời. Đề nghị đồng chí trả lời rồi gửi lại.
report-conflict = Đồng chí { $name } (cùng đơn vị) đã gửi báo cáo kỳ này lúc { $at }, trong khi đồng chí đang soạn. Câu trả lời của đồng chí vẫn được giữ. Đồng chí muốn làm gì?
report-button-view-theirs = 👁 Xem báo cáo đã gửi
report-button-replace = 📨 Gửi bản của tôi thay thế
report-button-discard = 🗑 Bỏ bản của tôi
report-draft-discarded = Đã bỏ bản nháp của đồng chí. Báo cáo đã gửi của đơn vị giữ nguyên.
report-already-submitted = Báo cáo kỳ này của đơn vị đã được { $name } gửi lúc { $at }.
report-revision-closed = Đã quá hạn nên không sửa được nữa. Nếu cần sửa, đề nghị đồng chí liên hệ { $office } để được trả lại báo cáo.
report-accepted-locked = Báo cáo kỳ này của đơn vị đã được { $office } tiếp nhận, không sửa được nữa.
report-period-closed = Kỳ báo cáo này đã khóa, không nhận báo cáo nữa.
report-unit-not-in-period = Đơn vị của đồng chí không thuộc diện báo cáo trong kỳ này.
report-not-reporter = Lệnh này dành cho người báo cáo của các đơn vị.
report-no-open-period = Hiện chưa có kỳ báo cáo nào đang mở cho đơn vị của đồng chí. Bot sẽ nhắc khi có kỳ mới.
report-choose-period = Đơn vị đang có nhiều kỳ báo cáo mở. Đồng chí chọn kỳ muốn báo cáo (✅: đã gửi):

report-view-title = Báo cáo của { $unit } — { $status }
report-view-meta = Người gửi: { $name }, lúc { $at } ({ $timeliness }), bản số { $revision }
report-view-returned = Lý do trả lại: { $reason }
report-status-submitted = đã gửi
report-status-returned = đã trả lại để sửa
report-status-accepted = đã tiếp nhận

notice-report-submitted = 📥 { $unit } đã gửi { $title } lúc { $at } ({ $timeliness }).
notice-report-revised = 📥 { $unit } đã gửi bản sửa đổi lần { $revision } của { $title } lúc { $at }.
notice-button-read = 👁 Xem báo cáo
notices-on = Đã bật thông báo: bot sẽ báo cho đồng chí mỗi khi một đơn vị gửi báo cáo.
notices-off = Đã tắt thông báo khi đơn vị gửi báo cáo. Gõ /thongbao để bật lại.

status-title = Tình hình báo cáo của đơn vị:
status-none = Đơn vị chưa có kỳ báo cáo nào.
status-submitted = ✅ Đã gửi lúc { $at } ({ $timeliness }).
status-accepted = ✅ Đã gửi lúc { $at } ({ $timeliness }), { $office } đã tiếp nhận.
status-returned = ↩️ { $office } đã trả lại để sửa. Lý do: { $reason }. Gõ /baocao để sửa và gửi lại.
status-pending = ⏳ Chưa gửi — còn { $days } ngày. Gõ /baocao để làm báo cáo.
status-overdue = ⚠️ Chưa gửi — đã quá hạn { $days } ngày. Gõ /baocao để gửi ngay.
status-missed = ❌ Không gửi (kỳ đã khóa).
report-already-open = Đồng chí đang làm báo cáo này: câu hỏi ở tin nhắn gần nhất (gõ /baocao để hiện lại).
report-chosen = ✔️ Đã chọn: { $answer }
report-chosen-none = (không có mục nào)
