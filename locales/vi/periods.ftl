### Kỳ báo cáo và biểu mẫu

period-title-monthly = Báo cáo tháng { $month } năm { $year }
period-title-quarterly = Báo cáo quý { $quarter } năm { $year }
period-title-semiannual = { $half ->
    [1] Báo cáo 6 tháng đầu năm { $year }
   *[other] Báo cáo 6 tháng cuối năm { $year }
}
period-title-nine-month = Báo cáo 9 tháng năm { $year }
period-title-annual = Báo cáo tổng kết năm { $year }
period-title-ad-hoc = Báo cáo chuyên đề

err-period-month = Tháng phải từ 1 đến 12.
err-period-quarter = Quý phải từ 1 đến 4.
err-period-half = Kỳ 6 tháng là 1 (đầu năm) hoặc 2 (cuối năm).
err-period-year = Năm không hợp lệ (từ 2000 đến 2100).
err-period-window-reversed = Ngày bắt đầu chốt số liệu phải trước ngày kết thúc.
err-period-due-before-window = Thời hạn gửi báo cáo phải sau ngày kết thúc chốt số liệu.
err-period-kind = Loại kỳ "{ $kind }" không hợp lệ: monthly, quarterly, semiannual, nine-month, annual hoặc ad-hoc.
err-period-title-too-long = Tên kỳ báo cáo dài quá { $max } ký tự.
err-period-title = Kỳ báo cáo chuyên đề cần có tên (--title).
err-period-no-units = Không có đơn vị nào đang hoạt động phải báo cáo trong kỳ này.
err-period-unknown = Không có kỳ báo cáo số { $id }.
err-template-unknown = Không có biểu mẫu "{ $key }". Các biểu mẫu hiện có: { $known }.
err-datetime = Thời điểm "{ $value }" không đúng dạng dd/mm/yyyy HH:MM (ví dụ 16/06/2021 17:00).
err-date = Ngày "{ $value }" không đúng dạng dd/mm/yyyy.

config-template = biểu mẫu "{ $template }": { $reason }
err-template-key = mã biểu mẫu "{ $key }" chỉ gồm chữ thường không dấu, chữ số, "-" và "_".
err-template-name = biểu mẫu cần tên tiếng Việt (vi) và tiếng Anh (en).
err-template-questions = biểu mẫu cần từ 1 đến 50 câu hỏi.
err-template-duplicate = câu hỏi "{ $question }" bị lặp.
err-template-question = câu hỏi "{ $question }" sai ở mục { $why }.
err-template-toml = không đọc được: { $detail }
err-period-window-missing = Kỳ báo cáo chuyên đề cần thời gian chốt số liệu (--from và --to, dạng dd/mm/yyyy).

cmd-kybaocao = Các kỳ báo cáo: mở kỳ mới, đóng kỳ
wizard-no-open = Hiện không có kỳ báo cáo nào đang mở.
wizard-open-title = Các kỳ báo cáo đang mở:
wizard-progress = Đã gửi: { $done }/{ $total } đơn vị
wizard-what-next = Đồng chí muốn làm gì?
wizard-button-new = ➕ Mở kỳ báo cáo mới
wizard-button-close = 🔒 Đóng kỳ #{ $id }
wizard-button-cancel = ✖️ Hủy
wizard-button-confirm = ✅ Mở kỳ báo cáo
wizard-button-close-confirm = 🔒 Đóng kỳ
wizard-button-due = 📅 { $due }
wizard-cancelled = Đã hủy, không có thay đổi nào.
wizard-ask-kind = Chọn loại kỳ báo cáo (kỳ chuyên đề mở bằng dòng lệnh):
wizard-ask-month = Báo cáo tháng nào?
wizard-ask-quarter = Báo cáo quý nào?
wizard-ask-half = Báo cáo 6 tháng nào?
wizard-ask-year = Năm nào?
wizard-ask-template = Dùng biểu mẫu nào?
wizard-ask-due = Thời hạn gửi báo cáo? Bấm gợi ý bên dưới, hoặc gõ dạng dd/mm/yyyy HH:MM (ví dụ 16/06/2021 17:00).
wizard-type-due = Đề nghị đồng chí gõ thời hạn dạng dd/mm/yyyy HH:MM, hoặc /huy để dừng.
wizard-kind-monthly = Tháng
wizard-kind-quarterly = Quý
wizard-kind-semiannual = 6 tháng
wizard-kind-nine-month = 9 tháng
wizard-kind-annual = Năm (tổng kết)
wizard-month = Tháng { $n }
wizard-quarter = Quý { $n }
wizard-half = { $n ->
    [1] 6 tháng đầu năm
   *[other] 6 tháng cuối năm
}
wizard-summary =
    Mở kỳ báo cáo sau cho tất cả đơn vị đang hoạt động?
    { $title }
    Thời gian chốt số liệu: { $window }
    Hạn gửi: { $due }
    Biểu mẫu: { $template }
wizard-created = ✅ Đã mở kỳ báo cáo số { $id } cho { $units } đơn vị.
wizard-close-ask = Đóng kỳ "{ $title }"? Sau khi đóng, các đơn vị không gửi hoặc sửa báo cáo kỳ này được nữa.
err-cron-fields = biểu thức cron "{ $expr }" có { $count } trường; cần 6 trường, giây đứng đầu, ví dụ "0 0 8 * * Mon-Fri".
err-cron = biểu thức cron "{ $expr }" không hợp lệ: { $detail }
wizard-restart = Việc mở kỳ báo cáo đang dở không tiếp tục được sau khi bot được nâng cấp. Đề nghị đồng chí gõ /kybaocao để mở lại từ đầu.

due-warning-day-off = ⚠️ Hạn gửi { $day } rơi vào { $weekday ->
    [6] thứ Bảy
    [7] Chủ nhật
   *[other] ngày nghỉ lễ
}, là ngày nghỉ: các đơn vị khó gửi đúng hạn.
due-warning-too-soon = ⚠️ Hạn gửi không cách ngày chốt số liệu ({ $cutoff }) ít nhất một ngày làm việc: các đơn vị không kịp tổng hợp số liệu.
due-warning-confirm = Nếu vẫn giữ hạn này, đồng chí bấm "Mở kỳ báo cáo"; nếu không, bấm "Hủy" và chọn hạn khác.
err-attachment-size = Tệp đính kèm phải có nội dung và không quá { $max } MB.
wizard-attach-hint = 📎 Để gửi kèm công văn hoặc đề cương báo cáo cho các đơn vị, đồng chí gửi tệp vào đây trước khi bấm "Mở kỳ báo cáo".
wizard-attached = 📎 Gửi kèm: { $name }. (Gửi tệp khác để thay.)
err-period-due-needed = Đề nghị ghi hạn gửi, ví dụ 16/06/2021 17:00.
err-period-closed-extend = Kỳ báo cáo số { $id } đã đóng nên không gia hạn được. Muốn gia hạn, đề nghị mở lại kỳ báo cáo trước.
