### Đơn vị và nhập danh sách đơn vị

err-unit-code-empty = Thiếu mã đơn vị.
err-unit-code-too-long = Mã đơn vị dài quá { $max } ký tự.
err-unit-code-chars = Mã đơn vị chỉ gồm chữ cái không dấu, chữ số, dấu "-" và "_" (ví dụ X-TAMA).
err-unit-name-empty = Thiếu tên đơn vị.
err-unit-name-too-long = Tên đơn vị dài quá { $max } ký tự.
err-unit-kind = Loại đơn vị "{ $kind }" không hợp lệ: dùng xã (commune), phường (ward), đặc khu (special_zone), thị trấn (town, trước 2025), cơ quan (agency), thôn/bản/tổ dân phố (village) hoặc phòng/ban (department).
err-unit-cluster-too-long = Tên cụm, khối thi đua dài quá { $max } ký tự.
err-unit-unknown = Không tìm thấy đơn vị có mã { $code }.
err-unit-inactive = { $unit } đã ngừng hoạt động.

err-import-header = Dòng tiêu đề thiếu cột: { $missing }. Tệp cần các cột code,name,kind,cluster.
err-import-duplicate = Mã { $code } bị trùng với dòng { $first }.
err-import-empty = Tệp không có đơn vị nào.
err-import-utf8 = Dòng này không phải văn bản UTF-8. Hãy lưu tệp dạng "CSV UTF-8".
err-import-csv = Dòng này không đọc được: { $detail }

unit-merged-notice =
    Kính gửi đồng chí { $name },
    Từ ngày { $on }, { $unit } được sáp nhập vào { $into }. Đồng chí không còn là người báo cáo của { $unit } trên bot này; các báo cáo đơn vị đã gửi vẫn được lưu đầy đủ.
    Nếu đồng chí được giao báo cáo cho { $into }, { $office } sẽ gửi đồng chí link mời mới.
