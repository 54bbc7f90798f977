### Văn bản của cơ quan: báo cáo tổng hợp, danh sách đề nghị khen thưởng, bản in link mời

config-awards-invalid = danh sách "{ $list }" cần từ 1 đến 12 mục, mỗi mục có mã (key) riêng (chữ thường, số, dấu _) và tên tiếng Việt, tiếng Anh (tối đa 80 ký tự).

doc-subtitle = Kết quả tổng hợp { $about }
doc-window = (Thời gian chốt số liệu: { $window })
doc-about-monthly = báo cáo { $subject } tháng { $month } năm { $year }
doc-about-quarterly = báo cáo { $subject } quý { $quarter } năm { $year }
doc-about-semiannual = { $half ->
    [1] báo cáo { $subject } 6 tháng đầu năm { $year }
   *[other] báo cáo { $subject } 6 tháng cuối năm { $year }
}
doc-about-nine-month = báo cáo { $subject } 9 tháng năm { $year }
doc-about-annual = báo cáo tổng kết { $subject } năm { $year }

doc-recipient-parent = { $parent } (để báo cáo)
doc-recipient-blank = ……………………
doc-recipient-archive = - Lưu: VT, { $section }.
doc-attached-report = (Kèm theo Báo cáo số      /BC-{ $symbol } { $date } của { $office })
doc-attached-submission = (Kèm theo Tờ trình số      /TTr-{ $symbol } { $date } của { $office })
doc-appendix-units = TÌNH HÌNH GỬI BÁO CÁO VÀ SỐ LIỆU CỦA TỪNG ĐƠN VỊ

doc-nominees-collective = TẬP THỂ, HỘ GIA ĐÌNH
doc-nominees-individual = CÁ NHÂN
doc-nominees-from = Theo { $about } của các đơn vị
doc-col-name = Tên tập thể, cá nhân
doc-col-note = Ghi chú
doc-repeat-here = Trùng tên với STT { $n } ({ $unit } đề nghị)
doc-repeat-elsewhere = Cũng được { $unit } đề nghị trong { $title }

doc-invite-until = { $hour } giờ { $minute } ngày { $date }
doc-invite-expires = Link dùng được một lần, đến { $expires }.
doc-invite-officer-follow = { $n }. Khi có kỳ báo cáo, đồng chí theo dõi việc gửi báo cáo của các đơn vị: bot báo mỗi khi có đơn vị gửi và gửi bản tin tổng hợp khi gần hạn; /tonghop xem đơn vị nào đã gửi, chưa gửi, quá hạn; /chuanop xem danh sách đơn vị chưa gửi.
doc-invite-officer-act = { $n }. Đồng chí đọc báo cáo của từng đơn vị (/xem), nhắc các đơn vị chưa gửi (/nhac), trả lại báo cáo để đơn vị sửa hoặc tiếp nhận báo cáo (nút "Trả lại để sửa", "Tiếp nhận"), xuất Excel và báo cáo tổng hợp (/xuat, /baocaotonghop); gõ /web để làm các việc này trên máy tính.
doc-invite-officer-web = { $n }. Khi có kỳ báo cáo, thông báo mỗi khi có đơn vị gửi và bản tin tổng hợp khi gần hạn được gửi đến e-mail của đồng chí. Trên bàn làm việc báo cáo (đăng nhập bằng đường dẫn gửi đến e-mail của đồng chí), đồng chí xem đơn vị nào đã gửi, chưa gửi, quá hạn, đọc báo cáo của từng đơn vị, nhắc các đơn vị chưa gửi, trả lại báo cáo để đơn vị sửa hoặc tiếp nhận báo cáo (nút "Trả lại để sửa", "Tiếp nhận"), tải Excel và báo cáo tổng hợp.
doc-invite-officer-both = { $n }. Khi có kỳ báo cáo, đồng chí theo dõi đơn vị nào đã gửi, chưa gửi, quá hạn, đọc báo cáo, nhắc các đơn vị chưa gửi, trả lại báo cáo để sửa hoặc tiếp nhận (nút "Trả lại để sửa", "Tiếp nhận"), xuất Excel và báo cáo tổng hợp: trong Telegram bằng các lệnh /tonghop, /chuanop, /xem, /nhac, /xuat, /baocaotonghop; hoặc trên bàn làm việc báo cáo bằng máy tính (gõ /web trong Telegram, hoặc đăng nhập bằng đường dẫn gửi đến e-mail của đồng chí). Thông báo và bản tin tổng hợp đến qua Telegram hoặc e-mail.
doc-invite-officer-contact = { $n }. Nếu link hết hạn hoặc đã dùng, đề nghị đồng chí liên hệ { $office }.
