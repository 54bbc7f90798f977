# Trang báo cáo trên điện thoại (cho người báo cáo không dùng Telegram)
form-title = Báo cáo của đơn vị
form-home-title = Các kỳ báo cáo của đơn vị
form-signed-out = Đồng chí chưa đăng nhập trang báo cáo.
form-session-ended = Phiên đăng nhập trên máy này đã kết thúc (hết hạn, đã đăng xuất, hoặc đồng chí không còn là người báo cáo của đơn vị).
form-how-to-sign-in = Để vào trang báo cáo, đồng chí mở đường dẫn trong thư nhắc báo cáo gần nhất (nếu chưa dùng), hoặc bấm "Nhận đường dẫn đăng nhập qua e-mail" dưới đây.
form-back-home = Về trang báo cáo của đơn vị
form-no-periods = Hiện chưa có kỳ báo cáo nào cho đơn vị. Khi có kỳ mới, đồng chí sẽ nhận được thông báo.
form-due = Hạn gửi: { $due }
form-sent-at = Người gửi: { $name }, lúc { $at } ({ $timeliness }), bản số { $revision }.
form-do-report = Làm báo cáo
form-see-report = Xem báo cáo
form-intro = Đồng chí trả lời từng câu rồi bấm "Lưu" ngay dưới câu đó; câu trả lời được lưu lại ngay. Đồng chí có thể làm dở, lúc khác làm tiếp trên trang này hoặc trên Telegram.
form-returned = { $office } đã trả lại báo cáo để sửa. Đề nghị đồng chí sửa các câu cần sửa rồi gửi lại.
form-revising = Đồng chí đang sửa báo cáo đã gửi. Sửa xong, bấm "Gửi báo cáo" ở cuối trang; bản cũ vẫn được lưu.
form-revise = Sửa báo cáo
form-hint-text = Nhập câu trả lời (tối đa { $max } ký tự).
form-hint-number = Nhập một số nguyên.
form-hint-fraction = Nhập số đạt vào ô thứ nhất và tổng số vào ô thứ hai, ví dụ 12 / 15.
form-hint-date = Nhập ngày dạng ngày/tháng/năm, ví dụ 05/06/2021.
form-date-placeholder = ngày/tháng/năm
form-hint-choice = Chọn một phương án.
form-hint-multi = { $min ->
    [0] Đánh dấu các mục phù hợp (có thể không chọn mục nào).
   *[other] Đánh dấu các mục phù hợp (ít nhất { $min } mục).
}
form-hint-list = { $min ->
    [0] Thêm từng dòng (tối đa { $max } dòng); dòng nào nhập nhầm thì bấm "Xóa".
   *[other] Thêm từng dòng (ít nhất { $min }, tối đa { $max } dòng); dòng nào nhập nhầm thì bấm "Xóa".
}
form-hint-file = Chọn tệp PDF, Word, Excel hoặc ảnh (tối đa { $max } MB) rồi bấm "Tải lên".
form-fraction-num = Số đạt
form-fraction-den = Tổng số
form-optional = (không bắt buộc)
form-choose = — Chọn —
form-choose-one = Đồng chí chưa chọn phương án nào.
form-save = Lưu
form-saved = Đã lưu: { $answer }
form-new-row = Dòng { $n }
form-add-row = Thêm dòng
form-remove-row = Xóa
form-upload = Tải lên
form-no-file = Đồng chí chưa chọn tệp nào.
form-upload-broken = Tệp chưa tải lên hết (có thể do mạng yếu). Đề nghị đồng chí thử lại.
form-send-title = Gửi báo cáo
form-ready = Đã trả lời đủ các câu bắt buộc. Đồng chí kiểm tra lại rồi bấm "Gửi báo cáo".
form-question-n = Câu { $n }
form-required = Câu này bắt buộc, không bỏ qua được.
form-field-refused = { $field }: { $why }
form-submitted = ✅ Đã gửi { $title } của { $unit } lúc { $at } ({ $timeliness }). Cảm ơn đồng chí!
form-revised = ✅ Đã gửi bản sửa đổi lần { $revision } của { $title } ({ $unit }) lúc { $at }. Bản trước vẫn được lưu.
form-saving = Đang lưu…
form-unsaved = Chưa lưu được (có thể do mất mạng). Đề nghị đồng chí bấm "Lưu" để thử lại.
