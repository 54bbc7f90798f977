### Officer tools: overview, reading, returning, accepting, Excel export, statistics

cmd-tonghop = Where a reporting period stands
cmd-chuanop = Units that have not reported
cmd-xem = Read a unit's report
cmd-xuat = Export to Excel (or CSV)
cmd-baocaotonghop = Draft of the compiled summary
cmd-thongke = On-time statistics of a year

officer-no-period = There is no reporting period yet.
board-counts = On time: { $on_time } ({ $on_time_pct }) · Late: { $late } ({ $late_pct }) · Returned: { $returned_count } · Accepted: { $accepted_count } · Not sent: { $missing } ({ $missing_pct }) — { $total } units in all
board-on-time = ✅ Sent on time ({ $count }):
board-late = ⏰ Sent late ({ $count }):
board-returned = ↩️ Returned, awaiting revision ({ $count }):
board-accepted = ✔️ Accepted ({ $count }):
board-missing = ❌ Not sent ({ $count }):
board-merged = 🔀 Merged into another unit before reporting, no longer expected ({ $count }):
board-unreachable = unreachable
board-refresh = 🔄 Refresh
board-page = Page { $page }/{ $pages }

missing-none = ✅ Every unit has sent its report.
missing-title = { $count }/{ $total } units have not sent their report (✅ reachable, ⚠️ blocked the bot):
missing-nobody = no reporter registered
missing-nudge-all = 🔔 Remind them all

view-usage = Usage: /xem UNIT_CODE [period number], e.g. /xem X-TAMA or /xem X-TAMA 3.
view-no-report = { $unit } has not sent the { $title }.

decision-button-return = ↩️ Return for revision
decision-button-accept = ✅ Accept
decision-button-history = 📜 Earlier versions
decision-button-revise = ✏️ Revise the report
decision-ask-reason = Please type the reason for returning it (the unit gets it word for word), or /cancel:
decision-reason-invalid = The reason needs 1 to 1000 characters. Please type it again, or /cancel.
decision-done-returned = The report of { $unit } (revision { $revision }) was returned for revision; the news is on its way to { $told } of the unit's reporters.
decision-done-accepted = The report of { $unit } (revision { $revision }) was accepted; the news is on its way to { $told } of the unit's reporters.
decision-stale = { $by } already marked this report "{ $status }" at { $at }; nothing was changed.
decision-stale-revised = The unit has sent a new version (revision { $revision }); nothing was changed. Please read the new one.
decision-returned =
    { $office } returned the { $title } of { $unit } for revision.
    Reason: { $reason }
    Tap "Revise the report" to change it and send it again (allowed after the deadline too).
decision-accepted = ✅ { $office } accepted the { $title } of { $unit }. Thank you!
history-title = Earlier versions sent:
history-line = Revision { $revision }: { $name }, at { $at }

extend-ask = Please type the new deadline as dd/mm/yyyy HH:MM (e.g. 18/06/2021 17:00), or /cancel:
extend-done = The { $title } is extended to { $due }; the news is on its way to { $told } reporters of units that have not reported.
extension-notice = { $office } extended the { $title }: the new deadline is { $due }.
wizard-button-extend = ⏳ Extend #{ $id }
wizard-button-reopen = 🔓 Reopen #{ $id } { $title }
wizard-reopened = Reporting period { $id } is open again: units can send reports.
wizard-was-open = Reporting period { $id } is open.

export-status-missing = not sent
export-col-stt = No.
export-col-code = Unit code
export-col-unit = Unit
export-col-status = Status
export-col-submitted-at = Sent at
export-col-on-time = On time
export-col-submitted-by = Sent by
export-col-revision = Revision
export-col-reporters = Reporters
export-col-reachable = Reachable
export-sheet-summary = Summary
export-sheet-answers = Reports
export-sheet-missing = Not sent
export-window = Data window
export-due = Deadline
export-count-total = Units that must report
export-count-on-time = Sent on time
export-count-late = Sent late
export-count-returned = Returned
export-count-accepted = Accepted
export-count-missing = Not sent
export-totals = Totals
export-sum = Total: { $question }
export-average = Average per unit: { $question }
export-caption = { $title } — exported at { $at }

summary-number = No.:      /BC-{ $symbol }
summary-motto =
    SOCIALIST REPUBLIC OF VIET NAM
    Independence - Freedom - Happiness
summary-header =
    COMPILED REPORT (DRAFT)
    { $title }
    (Data window: { $window })
summary-participation = I. SUBMISSIONS: { $reported }/{ $total } units sent their report ({ $on_time } on time, { $late } late{ $accepted ->
    [0] {""}
   *[other] , { $accepted } accepted
}{ $returned ->
    [0] {""}
   *[other] , { $returned } returned for correction
}); { $missing } have not.
summary-figures = II. FIGURES
summary-yes-no = - { $question }: { $yes } units "Yes", { $no } units "No"
summary-returned = Units whose report was returned for correction and not sent again — not counted in the figures ({ $count }): { $units }
summary-late = Units that reported late ({ $count }): { $units }
summary-missing = Units that have not reported ({ $count }): { $units }

stats-none = No reporting period was due in { $year } yet.
stats-title = Reporting in { $year } (best on-time rate first):
stats-line = { $n }. { $unit }: { $rate } on time — required { $required }, on time { $on_time }, late { $late }, missing { $missing }
stats-merged = { $unit } (merged into { $into })
stats-chart-title = On-time reporting rate, { $year }
stats-chart-title-trimmed = On-time reporting rate, { $year } ({ $shown } of { $total } units: the best and the worst)

docx-title = REPORT
docx-recipients = To:
docx-signer-name = ……………………………
docx-appendix = APPENDIX
docx-status-merged = merged
docx-caption = The compiled report in the format of Decree 30/2020 (draft): fill in the number, finish the text and have it signed.

cmd-guitin = Send one notice to every unit (or a cluster)
announce-everyone = every unit
announce-ask = Type the notice for { $to } (at most { $max } characters), or /cancel:
announce-invalid = A notice is 1 to { $max } characters. Please type it again, or /cancel.
announce-no-units = No active unit is in the cluster "{ $cluster }". Please check its name (/cancel to stop).
announce-preview =
    This notice will go to the reporters of { $units } units:

    { $text }
announce-button-send = 📨 Send the notice
announce-started = Sending the notice to { $count } reporters; { $nobody } units have nobody the bot can reach. The bot will tell you when it is done.
announce-done = Notice sent: { $delivered } messages delivered, { $blocked } people blocked the bot, { $failed } not delivered yet (the bot will retry).
announcement-head = 📢 Notice from { $office }:
summary-choice-item = { $label } ({ $count } units)
commendation-sheet = Award proposals
commendation-col-unit = Proposing unit
commendation-other = Other forms
commendation-none = Nobody is proposed for an award in this period yet (in the reports sent; returned ones do not count).
commendation-no-question = The template of this period has no list of award proposals.
commendation-caption = { $title } — award proposals: { $count } collectives and individuals.
docx-nominees-title = LIST OF AWARD PROPOSALS
summary-merged = Units merged into another before reporting, no longer expected ({ $count }): { $units }
cmd-web = Open the reporting desk on a computer (a sign-in link)
web-link = Your sign-in link to the reporting desk (single use, valid for { $minutes } minutes; do not pass it on):
    { $link }
