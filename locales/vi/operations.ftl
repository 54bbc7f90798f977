### Vận hành: sao lưu, khôi phục, tình trạng hệ thống

cli-job-backup = Sao lưu dữ liệu

restore-refused-running = Chưa khôi phục: bot đang chạy trên cơ sở dữ liệu này (tiến trình { $pid }, giữ tệp khóa { $lock }). Đề nghị đồng chí dừng bot trước, rồi chạy lại lệnh khôi phục.
restore-refused-lock-file = Chưa khôi phục: không mở được tệp khóa { $lock }: { $detail }
restore-refused-same-file = Chưa khôi phục: tệp { $path } chính là cơ sở dữ liệu đang dùng. Đề nghị đồng chí chọn một bản sao lưu.
restore-refused-unreadable = Chưa khôi phục: không đọc được tệp { $path }: { $detail }
restore-refused-live = Chưa khôi phục: bên cạnh tệp { $path } còn nhật ký { $wal } chứa dữ liệu chưa ghi vào tệp, nên đây là cơ sở dữ liệu đang được sử dụng, không phải bản sao lưu. Đề nghị đồng chí dùng bản do lệnh baocao backup hoặc sao lưu tự động tạo ra.
restore-refused-not-database = Chưa khôi phục: tệp { $path } không phải cơ sở dữ liệu SQLite ({ $detail }). Cơ sở dữ liệu hiện tại được giữ nguyên.
restore-refused-corrupt = Chưa khôi phục: tệp { $path } bị hỏng (kiểm tra toàn vẹn báo: { $finding }). Cơ sở dữ liệu hiện tại được giữ nguyên; đề nghị đồng chí chọn một bản sao lưu khác.
restore-refused-not-baocao = Chưa khôi phục: tệp { $path } là cơ sở dữ liệu SQLite nhưng không phải của baocao. Cơ sở dữ liệu hiện tại được giữ nguyên.
restore-refused-unknown-migration = Chưa khôi phục: tệp { $path } có bước cập nhật cấu trúc số { $version } mà phiên bản baocao này không có. Cơ sở dữ liệu hiện tại được giữ nguyên.
restore-refused-too-new = Chưa khôi phục: tệp { $path } do phiên bản baocao mới hơn tạo ra (bước cập nhật cấu trúc số { $version }, phiên bản này chỉ đến số { $newest }). Đề nghị đồng chí cài phiên bản mới hơn rồi khôi phục. Cơ sở dữ liệu hiện tại được giữ nguyên.
restore-done = Đã khôi phục { $database } từ bản sao lưu { $path } (đã cập nhật cấu trúc dữ liệu { $migrated } bước).
restore-kept = Cơ sở dữ liệu trước khi khôi phục được giữ lại tại { $path }.
restore-kept-none = Trước đó chưa có cơ sở dữ liệu nào tại vị trí này.

status-database = Cơ sở dữ liệu: { $path } ({ $size }; nhật ký WAL { $wal })
status-running = Bot đang chạy (tiến trình { $pid }).
status-not-running = Bot không chạy.
status-backup-schedule = Sao lưu tự động: hằng ngày lúc { $at } vào thư mục { $dir }, giữ { $keep } bản mới nhất.
status-backup-off = Sao lưu tự động: chưa bật (đặt BAOCAO_BACKUP_DIR để bật).
status-backup-last = Bản sao lưu tự động gần nhất: { $at } — { $file } ({ $size }).
status-backup-failed = ⚠️ Lần sao lưu tự động lúc { $at } không thành công: { $error }
status-backup-old = ⚠️ Bản sao lưu tự động gần nhất đã cũ hơn 2 ngày: đề nghị đồng chí kiểm tra nhật ký của bot.
status-backup-never = ⚠️ Sao lưu tự động đã bật nhưng chưa có bản sao lưu nào.
status-outbox = Tin chờ gửi: { $depth }; tin cũ nhất đã chờ { $minutes } phút.
status-outbox-waiting = Tin chờ gửi: { $depth } (đang chờ gửi lại hoặc chờ qua giờ nghỉ).
status-outbox-empty = Không có tin chờ gửi.
status-sweep = Lượt nhắc hạn báo cáo gần nhất: { $at }.
status-sweep-never = Chưa có lượt nhắc hạn báo cáo nào.

web-backup-last = Bản sao lưu dữ liệu gần nhất: { $at }.
web-backup-off = Sao lưu dữ liệu tự động chưa được bật.
web-backup-old = ⚠️ Bản sao lưu dữ liệu gần nhất là lúc { $at }, đã quá 2 ngày. Đề nghị đồng chí báo cán bộ phụ trách máy chủ kiểm tra việc sao lưu.
web-backup-failed = ⚠️ Lần sao lưu dữ liệu tự động lúc { $at } không thành công. Đề nghị đồng chí báo cán bộ phụ trách máy chủ kiểm tra.
web-backup-never = ⚠️ Chưa có bản sao lưu dữ liệu nào (sao lưu tự động chạy hằng ngày lúc { $time }). Nếu sau một ngày vẫn chưa có, đề nghị đồng chí báo cán bộ phụ trách máy chủ kiểm tra.
