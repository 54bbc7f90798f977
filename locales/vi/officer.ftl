### Công cụ của cán bộ: tổng hợp, xem, trả lại, tiếp nhận, xuất Excel, thống kê

cmd-tonghop = Tình hình một kỳ báo cáo
cmd-chuanop = Các đơn vị chưa gửi
cmd-xem = Xem báo cáo của một đơn vị
cmd-xuat = Xuất Excel (hoặc CSV)
cmd-baocaotonghop = Dự thảo báo cáo tổng hợp
cmd-thongke = Thống kê đúng hạn trong năm

officer-no-period = Chưa có kỳ báo cáo nào.
board-counts = Đúng hạn: { $on_time } ({ $on_time_pct }) · Quá hạn: { $late } ({ $late_pct }) · Trả lại: { $returned_count } · Đã tiếp nhận: { $accepted_count } · Chưa gửi: { $missing } ({ $missing_pct }) — tổng { $total } đơn vị
board-on-time = ✅ Đã gửi đúng hạn ({ $count }):
board-late = ⏰ Đã gửi quá hạn ({ $count }):
board-returned = ↩️ Đã trả lại, chờ sửa ({ $count }):
board-accepted = ✔️ Đã tiếp nhận ({ $count }):
board-missing = ❌ Chưa gửi ({ $count }):
board-merged = 🔀 Đã sáp nhập vào đơn vị khác trước khi gửi, không còn phải gửi ({ $count }):
board-unreachable = không liên lạc được
board-refresh = 🔄 Làm mới
board-page = Trang { $page }/{ $pages }

missing-none = ✅ Tất cả đơn vị đã gửi báo cáo.
missing-title = Còn { $count }/{ $total } đơn vị chưa gửi (✅ liên lạc được, ⚠️ đã chặn bot):
missing-nobody = chưa có người báo cáo
missing-nudge-all = 🔔 Nhắc tất cả

view-usage = Cách dùng: /xem MÃ_ĐƠN_VỊ [số kỳ], ví dụ /xem X-TAMA hoặc /xem X-TAMA 3.
view-no-report = { $unit } chưa gửi { $title }.

decision-button-return = ↩️ Trả lại để sửa
decision-button-accept = ✅ Tiếp nhận
decision-button-history = 📜 Các bản trước
decision-button-revise = ✏️ Sửa báo cáo
decision-ask-reason = Đồng chí nhập lý do trả lại (bot sẽ gửi nguyên văn cho đơn vị), hoặc /huy để thôi:
decision-reason-invalid = Lý do cần từ 1 đến 1000 ký tự. Đề nghị đồng chí nhập lại, hoặc /huy để thôi.
decision-done-returned = Đã trả lại báo cáo của { $unit } (bản số { $revision }) để sửa; thông báo đang được gửi tới { $told } người báo cáo của đơn vị.
decision-done-accepted = Đã tiếp nhận báo cáo của { $unit } (bản số { $revision }); thông báo đang được gửi tới { $told } người báo cáo của đơn vị.
decision-stale = Báo cáo này đã được { $by } chuyển sang "{ $status }" lúc { $at }; không có thay đổi nào.
decision-stale-revised = Đơn vị đã gửi bản mới (bản số { $revision }); không có thay đổi nào. Đề nghị đồng chí xem bản mới.
decision-returned =
    { $office } đã trả lại { $title } của { $unit } để sửa.
    Lý do: { $reason }
    Bấm "Sửa báo cáo" để sửa và gửi lại (được sửa cả sau thời hạn).
decision-accepted = ✅ { $office } đã tiếp nhận { $title } của { $unit }. Cảm ơn đồng chí!
history-title = Các bản đã gửi trước:
history-line = Bản số { $revision }: { $name }, lúc { $at }

extend-ask = Đồng chí nhập thời hạn mới dạng dd/mm/yyyy HH:MM (ví dụ 18/06/2021 17:00), hoặc /huy để thôi:
extend-done = Đã gia hạn { $title } đến { $due }; thông báo đang được gửi tới { $told } người báo cáo của các đơn vị chưa gửi.
extension-notice = { $office } đã gia hạn { $title }: hạn gửi mới là { $due }.
wizard-button-extend = ⏳ Gia hạn #{ $id }
wizard-button-reopen = 🔓 Mở lại #{ $id } { $title }
wizard-reopened = Đã mở lại kỳ báo cáo số { $id }: các đơn vị lại gửi được báo cáo.
wizard-was-open = Kỳ báo cáo số { $id } đang mở.

export-status-missing = chưa gửi
export-col-stt = STT
export-col-code = Mã đơn vị
export-col-unit = Đơn vị
export-col-status = Trạng thái
export-col-submitted-at = Thời điểm gửi
export-col-on-time = Đúng hạn
export-col-submitted-by = Người gửi
export-col-revision = Bản số
export-col-reporters = Người báo cáo
export-col-reachable = Liên lạc được
export-sheet-summary = Tổng hợp
export-sheet-answers = Báo cáo
export-sheet-missing = Chưa gửi
export-window = Thời gian chốt số liệu
export-due = Hạn gửi
export-count-total = Số đơn vị phải báo cáo
export-count-on-time = Gửi đúng hạn
export-count-late = Gửi quá hạn
export-count-returned = Trả lại
export-count-accepted = Đã tiếp nhận
export-count-missing = Chưa gửi
export-totals = Tổng hợp số liệu
export-sum = Tổng: { $question }
export-average = Trung bình mỗi đơn vị: { $question }
export-caption = { $title } — xuất lúc { $at }

summary-number = Số:      /BC-{ $symbol }
summary-motto =
    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    Độc lập - Tự do - Hạnh phúc
summary-header =
    BÁO CÁO TỔNG HỢP (DỰ THẢO)
    { $title }
    (Thời gian chốt số liệu: { $window })
summary-participation = I. TÌNH HÌNH GỬI BÁO CÁO: { $reported }/{ $total } đơn vị đã gửi ({ $on_time } đúng hạn, { $late } quá hạn{ $accepted ->
    [0] {""}
   *[other] , { $accepted } đã tiếp nhận
}{ $returned ->
    [0] {""}
   *[other] , { $returned } bị trả lại để sửa
}); { $missing } đơn vị chưa gửi.
summary-figures = II. SỐ LIỆU TỔNG HỢP
summary-yes-no = - { $question }: { $yes } đơn vị "Có", { $no } đơn vị "Không"
summary-returned = Các đơn vị bị trả lại để sửa, chưa gửi lại — không tính vào số liệu ({ $count }): { $units }
summary-late = Các đơn vị gửi quá hạn ({ $count }): { $units }
summary-missing = Các đơn vị chưa gửi ({ $count }): { $units }

stats-none = Chưa có kỳ báo cáo nào đến hạn trong năm { $year }.
stats-title = Thống kê báo cáo năm { $year } (xếp từ cao xuống thấp theo tỷ lệ đúng hạn):
stats-line = { $n }. { $unit }: { $rate } đúng hạn — phải gửi { $required }, đúng hạn { $on_time }, quá hạn { $late }, không gửi { $missing }
stats-merged = { $unit } (đã sáp nhập vào { $into })
stats-chart-title = Tỷ lệ báo cáo đúng hạn năm { $year }
stats-chart-title-trimmed = Tỷ lệ báo cáo đúng hạn năm { $year } ({ $shown } trên { $total } đơn vị: cao nhất và thấp nhất)

docx-title = BÁO CÁO
docx-recipients = Nơi nhận:
docx-signer-name = ……………………………
docx-appendix = PHỤ LỤC
docx-status-merged = đã sáp nhập
docx-caption = Báo cáo tổng hợp theo thể thức Nghị định 30/2020/NĐ-CP (dự thảo): đồng chí điền số văn bản, hoàn thiện nội dung rồi trình ký.

cmd-guitin = Gửi một thông báo tới tất cả đơn vị (hoặc một cụm)
announce-everyone = tất cả các đơn vị
announce-ask = Đồng chí nhập nội dung thông báo gửi tới { $to } (tối đa { $max } ký tự), hoặc /huy để thôi:
announce-invalid = Nội dung thông báo cần từ 1 đến { $max } ký tự. Đề nghị đồng chí nhập lại, hoặc /huy để thôi.
announce-no-units = Không có đơn vị nào đang hoạt động trong cụm "{ $cluster }". Đề nghị đồng chí kiểm tra tên cụm (/huy để thôi).
announce-preview =
    Thông báo sau sẽ được gửi tới người báo cáo của { $units } đơn vị:

    { $text }
announce-button-send = 📨 Gửi thông báo
announce-started = Đang gửi thông báo tới { $count } người báo cáo; { $nobody } đơn vị không có ai liên lạc được. Bot sẽ báo lại khi gửi xong.
announce-done = Đã gửi thông báo: gửi được { $delivered } tin, { $blocked } người đã chặn bot, { $failed } tin chưa gửi được (bot sẽ thử lại).
announcement-head = 📢 Thông báo của { $office }:
summary-choice-item = { $label } ({ $count } đơn vị)
commendation-sheet = Đề nghị khen thưởng
commendation-col-unit = Đơn vị đề nghị
commendation-other = Hình thức khác
commendation-none = Kỳ báo cáo này chưa có đề nghị khen thưởng nào (trong các báo cáo đã gửi, không tính báo cáo bị trả lại).
commendation-no-question = Biểu mẫu của kỳ báo cáo này không có câu hỏi danh sách đề nghị khen thưởng.
commendation-caption = { $title } — danh sách đề nghị khen thưởng: { $count } tập thể, cá nhân.
docx-nominees-title = DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG
summary-merged = Các đơn vị đã sáp nhập trước khi gửi, không còn phải gửi ({ $count }): { $units }
cmd-web = Mở bàn làm việc báo cáo trên máy tính (link đăng nhập)
web-link = Link đăng nhập bàn làm việc báo cáo (dùng một lần, có hiệu lực { $minutes } phút; không chuyển cho người khác):
    { $link }
