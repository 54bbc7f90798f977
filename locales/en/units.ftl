### Units and unit list import

err-unit-code-empty = The unit code is missing.
err-unit-code-too-long = The unit code is longer than { $max } characters.
err-unit-code-chars = A unit code has only unaccented letters, digits, "-" and "_" (e.g. X-TAMA).
err-unit-name-empty = The unit name is missing.
err-unit-name-too-long = The unit name is longer than { $max } characters.
err-unit-kind = Unit kind "{ $kind }" is not valid: use commune (xã), ward (phường), special_zone (đặc khu), town (thị trấn, before 2025), agency (cơ quan), village (thôn/bản/tổ dân phố) or department (phòng/ban).
err-unit-cluster-too-long = The emulation cluster name is longer than { $max } characters.
err-unit-unknown = There is no unit with code { $code }.
err-unit-inactive = { $unit } is no longer active.

err-import-header = The header line lacks the columns: { $missing }. The file needs the columns code,name,kind,cluster.
err-import-duplicate = Code { $code } repeats line { $first }.
err-import-empty = The file has no units.
err-import-utf8 = This line is not UTF-8 text. Save the file as "CSV UTF-8".
err-import-csv = This line cannot be read: { $detail }

unit-merged-notice =
    Dear { $name },
    From { $on }, { $unit } is merged into { $into }. You no longer report for { $unit } in this bot; the reports it sent are all kept.
    If you are to report for { $into }, { $office } will send you a new invite link.
