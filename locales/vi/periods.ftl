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
