### Tham gia bot: /start, link mời

welcome-unknown =
    Xin chào! Đây là bot báo cáo định kỳ của { $office }.
    Đồng chí chưa được đăng ký. Đề nghị đồng chí mở link mời do { $office } gửi, hoặc gửi mã Telegram sau cho { $office } để được đăng ký: { $id }

    Hello! This is the periodic reporting bot of { $office }.
    You are not registered yet. Please open the invite link { $office } sent you, or give them your Telegram ID: { $id }

welcome-reporter =
    Kính chào đồng chí { $name }!
    Đồng chí đã được đăng ký làm người báo cáo của { $unit }.
    Khi { $office } mở kỳ báo cáo, bot sẽ nhắc đồng chí trước thời hạn và hướng dẫn trả lời từng câu hỏi: chỉ cần bấm nút và gõ câu trả lời ngắn.
    Gõ /help để xem các lệnh.
welcome-officer =
    Kính chào đồng chí { $name }!
    Đồng chí đã được đăng ký làm cán bộ theo dõi báo cáo. Bot sẽ gửi đồng chí thông tin về tình hình báo cáo của các đơn vị.
    Gõ /help để xem các lệnh.
welcome-admin =
    Kính chào đồng chí { $name }!
    Đồng chí có quyền quản trị bot báo cáo của { $office }: mời cán bộ và đơn vị, mở kỳ báo cáo, theo dõi và tổng hợp.
    Gõ /help để xem các lệnh.

start-known = Đồng chí { $name } đã được đăng ký với vai trò { $role }.
start-known-unit = Đồng chí { $name } đã được đăng ký với vai trò { $role } của { $unit }.
start-admin-keeps-role = Đồng chí đang có quyền quản trị nên link mời này không được sử dụng. Hãy gửi link cho người cần đăng ký.

invite-unknown = Link mời không đúng. Đề nghị đồng chí kiểm tra lại link, hoặc liên hệ { $office } để được gửi link mới (mã Telegram của đồng chí: { $id }).
invite-expired = Link mời này đã hết hạn. Đề nghị đồng chí liên hệ { $office } để được gửi link mới (mã Telegram của đồng chí: { $id }).
invite-used = Link mời này đã được sử dụng; mỗi link chỉ dùng được một lần. Đề nghị đồng chí liên hệ { $office } để được gửi link mới (mã Telegram của đồng chí: { $id }).
invite-unit-inactive = Đơn vị của link mời này đã ngừng hoạt động. Đề nghị đồng chí liên hệ { $office } (mã Telegram của đồng chí: { $id }).

invite-usage =
    Cách tạo link mời:
    /moi MÃ_ĐƠN_VỊ — link cho người báo cáo của đơn vị, ví dụ /moi X-TAMA
    /moi canbo — link cho cán bộ theo dõi (chỉ quản trị)
invite-created-reporter =
    Link mời cho { $unit }:
    { $way ->
        [both] Qua Telegram: { $link }
            Qua trình duyệt (không cần Telegram): { $web }
        [web] { $web }
       *[telegram] { $link }
    }

    { $way ->
        [both] Đề nghị đồng chí gửi cả hai link cho lãnh đạo hoặc cán bộ được giao báo cáo của đơn vị; người được mời chọn một trong hai cách. Hai link dùng chung một mã: chỉ dùng được một lần và hết hạn lúc { $expires }.
       *[other] Đề nghị đồng chí gửi link này cho lãnh đạo hoặc cán bộ được giao báo cáo của đơn vị. Link chỉ dùng được một lần và hết hạn lúc { $expires }.
    }
invite-created-officer =
    Link mời cán bộ theo dõi:
    { $way ->
        [both] Qua Telegram: { $link }
            Qua trình duyệt (không cần Telegram): { $web }
        [web] { $web }
       *[telegram] { $link }
    }

    { $way ->
        [both] Người được mời chọn một trong hai cách. Hai link dùng chung một mã: chỉ dùng được một lần và hết hạn lúc { $expires }.
       *[other] Link chỉ dùng được một lần và hết hạn lúc { $expires }.
    }
err-invite-needs-unit = Link mời người báo cáo cần có mã đơn vị, ví dụ /moi X-TAMA.
err-invite-not-allowed = Đồng chí không có quyền tạo loại link mời này. Chỉ quản trị mới mời được cán bộ theo dõi.
err-invite-role = Vai trò "{ $role }" không hợp lệ: chọn reporter (người báo cáo) hoặc officer (cán bộ theo dõi).
err-invite-ttl = Thời hạn "{ $value }" không hợp lệ: dùng số ngày hoặc số giờ, ví dụ 14d hoặc 12h (tối đa 365 ngày).
err-no-bot-username = Chưa biết tên bot để tạo link. Đặt BAOCAO_BOT_USERNAME hoặc TELOXIDE_TOKEN.
err-invite-no-way = Chưa tạo được link mời: người được mời chưa có cách nào để tham gia. Bật Telegram (đặt TELOXIDE_TOKEN hoặc BAOCAO_BOT_USERNAME), hoặc đặt BAOCAO_WEB_URL là địa chỉ trang web mà điện thoại của người được mời mở được (không phải 127.0.0.1 hay localhost).
err-member-unknown = Không có người dùng nào mang số { $id }.
admin-revoked = Đồng chí không còn quyền quản trị bot: mã Telegram { $id } không còn trong danh sách quản trị viên (BAOCAO_ADMINS) của máy chủ. Nếu đây là nhầm lẫn, đề nghị đồng chí liên hệ người quản lý máy chủ.
invite-keeps-role = Đồng chí đang là { $role } nên link mời này không thay đổi vai trò của đồng chí. Link vẫn còn nguyên để người được mời sử dụng.
move-ask = Đồng chí đang báo cáo cho { $from }. Link này dành cho người báo cáo của { $to }. Đồng chí có chuyển sang báo cáo cho { $to } không? (Nếu chuyển, đồng chí sẽ không báo cáo cho { $from } nữa.)
move-button-confirm = ✅ Chuyển sang { $to }
move-button-cancel = ↩️ Giữ { $from }
move-cancelled = Đồng chí vẫn báo cáo cho đơn vị cũ; link mời chưa được dùng.

cmd-toi = Họ tên, chức vụ của đồng chí (xem và sửa)
profile-ask-name = Để lời nhắc và văn bản ghi đúng, đề nghị đồng chí gửi họ và tên đầy đủ (ví dụ: Lò Văn Hùng), hoặc bấm nút bên dưới để dùng tên Telegram.
profile-use-telegram-name = ✔️ Dùng tên "{ $name }"
profile-name-invalid = Họ và tên cần từ 2 đến 100 ký tự. Đề nghị đồng chí gõ lại (ví dụ: Lò Văn Hùng), hoặc /huy để thôi.
profile-ask-position = Cảm ơn đồng chí { $name }. Chức vụ của đồng chí là gì? (ví dụ: Chủ tịch UBND xã, Công chức Văn phòng - Thống kê)
profile-skip-position = ⏭ Không ghi chức vụ
profile-position-invalid = Chức vụ cần từ 2 đến 100 ký tự. Đề nghị đồng chí gõ lại, hoặc bấm "Không ghi chức vụ".
profile-saved = ✅ Đã lưu: { $name }. Khi cần sửa, đồng chí gõ /toi.
profile-current =
    Thông tin của đồng chí trên bot:
    Họ và tên: { $name }
    Chức vụ: { $position }
    (Nếu không cần sửa, đồng chí gõ /huy.)
profile-none = (chưa ghi)

invite-sheet-heading = LINK MỜI THAM GIA BOT BÁO CÁO ĐỊNH KỲ
invite-sheet-heading-web = LINK MỜI THAM GIA HỆ THỐNG BÁO CÁO ĐỊNH KỲ
invite-sheet-step-1 = { $n }. Mở Telegram trên điện thoại, dùng camera quét mã QR ở trên (hoặc gõ link vào trình duyệt).
invite-sheet-step-2 = { $n }. Bấm "Bắt đầu" (Start): bot ghi nhận đồng chí là người báo cáo của { $unit } và hỏi họ tên, chức vụ của đồng chí.
invite-sheet-step-3 = { $n }. Khi có kỳ báo cáo, bot nhắc trước hạn và hướng dẫn trả lời từng câu. Nếu link hết hạn hoặc đã dùng, đề nghị đồng chí liên hệ { $office }.
invite-sheet-officer = Cán bộ theo dõi báo cáo ({ $n }/{ $count })
invite-sheet-step-2-officer = { $n }. Bấm "Bắt đầu" (Start): bot ghi nhận đồng chí là cán bộ theo dõi báo cáo và hỏi họ tên, chức vụ của đồng chí.
invite-sheet-caption-telegram = Cách 1: Telegram
invite-sheet-caption-web = Cách 2: Trình duyệt web
invite-sheet-web-step-1 = { $n }. Dùng camera điện thoại quét mã QR ở trên (trên máy tính: gõ link vào trình duyệt): trang đăng ký mở ra.
invite-sheet-web-step-2 = { $n }. Nhập họ tên, chức vụ, địa chỉ e-mail của đồng chí rồi bấm "Đăng ký": đồng chí được ghi nhận là người báo cáo của { $unit }.
invite-sheet-web-step-2-officer = { $n }. Nhập họ tên, chức vụ, địa chỉ e-mail của đồng chí rồi bấm "Đăng ký": đồng chí được ghi nhận là cán bộ theo dõi báo cáo.
invite-sheet-web-step-3 = { $n }. Khi có kỳ báo cáo, thư nhắc kèm link được gửi đến e-mail của đồng chí trước hạn; đồng chí mở link, điền và gửi báo cáo ngay trên trình duyệt. Nếu link hết hạn hoặc đã dùng, đề nghị đồng chí liên hệ { $office }.
invite-sheet-both-telegram = { $n }. Cách 1 — qua Telegram (mã QR bên trái): trên điện thoại đã cài Telegram, dùng camera quét mã rồi bấm "Bắt đầu" (Start). Bot ghi nhận đồng chí là người báo cáo của { $unit } và hỏi họ tên, chức vụ; khi có kỳ báo cáo, bot nhắc trước hạn và hướng dẫn trả lời từng câu.
invite-sheet-both-telegram-officer = { $n }. Cách 1 — qua Telegram (mã QR bên trái): trên điện thoại đã cài Telegram, dùng camera quét mã rồi bấm "Bắt đầu" (Start). Bot ghi nhận đồng chí là cán bộ theo dõi báo cáo và hỏi họ tên, chức vụ.
invite-sheet-both-web = { $n }. Cách 2 — qua trình duyệt, không cần Telegram (mã QR bên phải): dùng camera điện thoại quét mã (trên máy tính: gõ link bên phải vào trình duyệt), trang đăng ký mở ra; nhập họ tên, chức vụ, địa chỉ e-mail rồi bấm "Đăng ký": đồng chí được ghi nhận là người báo cáo của { $unit }. Khi có kỳ báo cáo, thư nhắc kèm link được gửi đến e-mail của đồng chí; đồng chí điền và gửi báo cáo ngay trên trình duyệt.
invite-sheet-both-web-officer = { $n }. Cách 2 — qua trình duyệt, không cần Telegram (mã QR bên phải): dùng camera điện thoại quét mã (trên máy tính: gõ link bên phải vào trình duyệt), trang đăng ký mở ra; nhập họ tên, chức vụ, địa chỉ e-mail rồi bấm "Đăng ký": đồng chí được ghi nhận là cán bộ theo dõi báo cáo.
invite-sheet-both-once = { $n }. Chỉ cần dùng một trong hai cách: hai mã QR là cùng một lời mời, chỉ dùng được một lần. Nếu link hết hạn hoặc đã dùng, đề nghị đồng chí liên hệ { $office }.
err-admin-stays = Quyền quản trị chỉ do cấu hình BAOCAO_ADMINS quyết định: muốn thêm hoặc bỏ quản trị, đề nghị sửa BAOCAO_ADMINS rồi khởi động lại bot.
err-invite-officer-unit = Cán bộ theo dõi không gắn với đơn vị nào: đề nghị bỏ chọn đơn vị (dòng lệnh: bỏ --unit).
err-member-add-not-allowed = Chỉ quản trị mới thêm được cán bộ theo dõi; cán bộ theo dõi thêm được người báo cáo của đơn vị.
err-member-needs-unit = Người báo cáo cần thuộc một đơn vị: đề nghị chọn đơn vị (dòng lệnh: --unit, ví dụ --unit X-TAMA).
err-contact-taken = Địa chỉ { $address } đã là địa chỉ liên lạc của { $by }.

# Tham gia bằng link mời trên trình duyệt (không cần Telegram)
join-web-title = Đăng ký sử dụng hệ thống báo cáo
join-web-for-unit = { $office } mời đồng chí làm người báo cáo của { $unit }. Đồng chí nhập họ tên, chức vụ và địa chỉ e-mail rồi bấm "Đăng ký".
join-web-for-officer = { $office } mời đồng chí làm cán bộ theo dõi báo cáo. Đồng chí nhập họ tên, chức vụ và địa chỉ e-mail rồi bấm "Đăng ký".
join-web-name = Họ và tên
join-web-position = Chức vụ (ví dụ: Chủ tịch UBND xã)
join-web-email = Địa chỉ e-mail
join-web-email-why = Thư nhắc báo cáo và đường dẫn đăng nhập sẽ được gửi tới địa chỉ này.
join-web-button = Đăng ký
join-web-unknown = Link mời không đúng. Đề nghị đồng chí kiểm tra lại link, hoặc liên hệ { $office } để được gửi link mới.
join-web-expired = Link mời này đã hết hạn. Đề nghị đồng chí liên hệ { $office } để được gửi link mới.
join-web-used = Link mời này đã được sử dụng; mỗi link chỉ dùng được một lần. Đề nghị đồng chí liên hệ { $office } để được gửi link mới.
join-web-unit-inactive = Đơn vị của link mời này đã ngừng hoạt động. Đề nghị đồng chí liên hệ { $office }.
join-web-email-taken = Địa chỉ { $email } đã được một người dùng khác đăng ký trong hệ thống. Nếu chính đồng chí đã đăng ký bằng địa chỉ này từ trước, đề nghị đồng chí không đăng ký lại mà đăng nhập bằng đường dẫn gửi qua e-mail (trang "Đăng nhập", mục "Nhận đường dẫn đăng nhập qua e-mail"); nếu không, đề nghị dùng địa chỉ khác.
join-web-welcome = Chào mừng đồng chí { $name }! Đồng chí đã được ghi nhận là người báo cáo của { $unit }. Khi có kỳ báo cáo, thư nhắc sẽ được gửi tới e-mail của đồng chí; đồng chí làm báo cáo ngay trên trang này.
