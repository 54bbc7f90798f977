### Nhắc hạn, tổng hợp hằng ngày, đôn đốc

cmd-nhac = Nhắc ngay các đơn vị chưa gửi báo cáo
reminder-intro =
    Kính gửi đồng chí { $name },
    { $unit } chưa gửi { $title } (thời gian chốt số liệu { $window }).
    { $when }
    Bấm "Báo cáo ngay" để bắt đầu; chỉ mất vài phút.
reminder-nudge =
    { $office } đề nghị đồng chí { $name } gửi { $title } của { $unit } (thời gian chốt số liệu { $window }).
    { $when }
    Bấm "Báo cáo ngay" để bắt đầu.
reminder-days-left = Hạn gửi: { $due } (còn { $days } ngày).
reminder-due-today = Hạn gửi: hôm nay, { $due }.
reminder-overdue = Đã quá hạn { $days } ngày (hạn gửi { $due }). Đề nghị đồng chí gửi sớm.
reminder-button = 📝 Báo cáo ngay

digest-title = 📊 Tình hình báo cáo ngày { $date }
digest-days-left = Còn { $days } ngày đến hạn.
digest-overdue = Đã quá hạn { $days } ngày.
digest-counts = Đã gửi { $reported }/{ $total } đơn vị (đúng hạn { $on_time }, quá hạn { $late }{ $accepted ->
    [0] {""}
   *[other] , { $accepted } đã tiếp nhận
}{ $returned ->
    [0] {""}
   *[other] , { $returned } trả lại
}).
digest-missing = Chưa gửi ({ $count }): { $units }
digest-returned = Trả lại chờ sửa ({ $count }): { $units }
digest-unreachable = ⚠️ Không liên lạc được ({ $count }, chưa có người báo cáo, đã chặn bot hoặc e-mail bị trả lại): { $units }

nudge-no-period = Không có kỳ báo cáo nào đang mở để nhắc.
nudge-done = Đã nhắc các đơn vị chưa gửi { $title }: gửi được { $delivered } tin, { $blocked } người đã chặn bot, { $failed } tin chưa gửi được (bot sẽ thử lại), { $nobody } đơn vị không có ai liên lạc được.
nudge-started = Đang gửi lời nhắc { $title } tới { $count } người báo cáo của các đơn vị chưa gửi; { $nobody } đơn vị không có ai liên lạc được. Bot sẽ báo lại khi gửi xong.

period-opened-notice =
    Kính gửi đồng chí { $name },
    { $office } đã mở { $title } cho { $unit } (thời gian chốt số liệu { $window }; { $count } câu hỏi).
    Hạn gửi: { $due }.
    Đề nghị đồng chí bấm "Báo cáo ngay" để bắt đầu; mỗi câu trả lời được lưu ngay, có thể làm dần.
