### The office's documents: the compiled report, the commendation list, the printed invitations

config-awards-invalid = the list "{ $list }" needs 1 to 12 entries, each with its own key (lower-case letters, digits, _) and a Vietnamese and an English name (at most 80 characters).

doc-subtitle = Compiled results: { $about }
doc-window = (Data window: { $window })
doc-about-monthly = the { $subject } report for { $month }/{ $year }
doc-about-quarterly = the { $subject } report for Q{ $quarter } { $year }
doc-about-semiannual = { $half ->
    [1] the { $subject } report for the first half of { $year }
   *[other] the { $subject } report for the second half of { $year }
}
doc-about-nine-month = the { $subject } report for the first nine months of { $year }
doc-about-annual = the year-end review of { $subject }, { $year }

doc-recipient-parent = { $parent } (to report to)
doc-recipient-blank = ……………………
doc-recipient-archive = - Archive: VT, { $section }.
doc-attached-report = (Attached to report No.      /BC-{ $symbol } of { $date }, { $office })
doc-attached-submission = (Attached to submission No.      /TTr-{ $symbol } of { $date }, { $office })
doc-appendix-units = EACH UNIT'S SUBMISSION AND FIGURES

doc-nominees-collective = COLLECTIVES AND HOUSEHOLDS
doc-nominees-individual = INDIVIDUALS
doc-nominees-from = As proposed by the units in { $about }
doc-col-name = Collective or person
doc-col-note = Note
doc-repeat-here = Same name as no. { $n } (proposed by { $unit })
doc-repeat-elsewhere = Also proposed by { $unit } in { $title }

doc-invite-until = { $hour }:{ $minute } on { $date }
doc-invite-expires = The link works once, until { $expires }.
doc-invite-officer-follow = { $n }. When a reporting period is open, you follow the units' reporting: the bot tells you of each report sent and sends a digest near the deadline; /overview shows who has sent, who has not, who is late; /missing lists the units that have not reported.
doc-invite-officer-act = { $n }. You read each unit's report (/view), remind the units that have not reported (/nudge), return a report for correction or accept it (the "Return for revision" and "Accept" buttons), and export the Excel workbook and the compiled report (/export, /summary); /web does all this on a computer.
doc-invite-officer-web = { $n }. When a reporting period is open, a notice of each report sent and a digest near the deadline come to your e-mail address. On the reporting desk (signed in by a link sent to your e-mail address) you see which units have sent, have not, or are late, read each unit's report, remind the units that have not reported, return a report for correction or accept it (the "Return for revision" and "Accept" buttons), and download the Excel workbook and the compiled report.
doc-invite-officer-both = { $n }. When a reporting period is open, you follow which units have sent, have not, or are late, read the reports, remind the units that have not reported, return a report for correction or accept it (the "Return for revision" and "Accept" buttons), and export the Excel workbook and the compiled report: in Telegram with /overview, /missing, /view, /nudge, /export, /summary; or on the reporting desk on a computer (send /web in Telegram, or sign in by a link sent to your e-mail address). Notices and digests come by Telegram or by e-mail.
doc-invite-officer-contact = { $n }. If the link has expired or was used, please contact { $office }.
