### Kiểm tra câu trả lời

answer-err-text-expected = Câu này cần trả lời bằng chữ. Đề nghị đồng chí gõ câu trả lời.
answer-err-file-expected = Câu này cần gửi tệp: bấm biểu tượng ghim 📎 và chọn tệp PDF, Word, Excel hoặc ảnh.
answer-err-empty = Câu trả lời đang để trống. Đề nghị đồng chí gõ câu trả lời.
answer-err-too-long = Câu trả lời dài { $len } ký tự, quá giới hạn { $max } ký tự. Đề nghị đồng chí rút gọn rồi gửi lại.
answer-err-number = Câu này cần một số nguyên, ví dụ 12.
answer-err-range = Số phải từ { $min } đến { $max }.
answer-err-fraction = Câu này cần dạng "số đạt/tổng số", ví dụ 12/15.
answer-err-fraction-zero = Tổng số (sau dấu /) phải lớn hơn 0.
answer-err-fraction-over = Số đạt ({ $num }) không thể lớn hơn tổng số ({ $den }).
answer-err-yes-no = Đề nghị đồng chí bấm nút "Có" hoặc "Không".
answer-err-date = Câu này cần một ngày dạng ngày/tháng/năm, ví dụ 05/06/2021.
answer-err-date-invalid = Ngày này không có trên lịch. Đề nghị đồng chí kiểm tra lại.
answer-err-choice = Đề nghị đồng chí chọn một trong các nút bên dưới câu hỏi.
answer-err-file-too-large = Tệp lớn hơn { $max } MB nên bot không nhận được. Đề nghị đồng chí gửi tệp nhỏ hơn (ví dụ ảnh chụp văn bản).
answer-err-file-type = Bot chỉ nhận tệp PDF, Word, Excel hoặc ảnh.

answer-yes = Có
answer-no = Không
answer-skipped = (bỏ qua)
answer-photo = ảnh

hint-text = Gõ câu trả lời (tối đa { $max } ký tự).
hint-number = Gõ một số nguyên.
hint-fraction = Gõ dạng số đạt/tổng số, ví dụ 12/15.
hint-yes-no = Bấm "Có" hoặc "Không".
hint-date = Gõ ngày dạng ngày/tháng/năm, ví dụ 05/06/2021.
hint-choice = Bấm một lựa chọn.
hint-file = Bấm biểu tượng ghim 📎 và gửi tệp PDF, Word, Excel hoặc ảnh (tối đa 20 MB).
hint-multi = Bấm để chọn hoặc bỏ chọn từng mục (☑️ là đã chọn), rồi bấm "Xong". Cũng có thể gõ số thứ tự các mục, cách nhau bằng dấu phẩy.
answer-err-multi = Không nhận ra mục này. Đề nghị đồng chí bấm các nút, hoặc gõ số thứ tự các mục, cách nhau bằng dấu phẩy (ví dụ 1, 3).
answer-err-multi-min = Cần chọn ít nhất { $min } mục.
answer-none-ticked = (chưa chọn mục nào)
report-button-done = ✔️ Xong
