### The report dialogue

cmd-baocao = Write or revise the report
cmd-tinhtrang = Your unit's reporting status
cmd-thongbao = Turn submission notices on/off

report-period-header =
    { $title }
    Data window: { $window }
    Deadline: { $due }
report-intro =
    Report of { $unit }
    { $header }

    The report has { $count } questions. The bot asks them one at a time; each answer is saved at once, so you can stop at any moment and send /baocao to go on.
report-resuming = Resuming your report: the questions you answered are kept.
report-revising = Your unit's report was sent by { $name } at { $at }. You can change any answer and send it again (the earlier version is kept).
report-question-required = Question { $n }/{ $total } (required)
report-question-optional = Question { $n }/{ $total } (optional)
report-current-answer = Current answer: { $answer }
report-unanswered = (not answered)
report-button-back = ⬅️ Back
report-button-keep = ✔️ Keep
report-button-skip = ⏭ Skip
report-button-edit = ✏️ Edit { $n }
report-button-submit = 📨 Submit report
report-review-title = Review the report of { $unit }
report-review-revision = (Revision { $revision })
report-review-hint = Please check your answers. Tap "Edit …" to change one, or "Submit report" to send it to { $office }.
report-on-time = on time
report-late = late
report-submitted =
    ✅ { $title } of { $unit } sent at { $at } ({ $timeliness }).
    Thank you! Send /tinhtrang to see your unit's reporting status.
report-revised = ✅ Revision { $revision } of { $title } of { $unit } sent at { $at }. The earlier version is kept.
report-incomplete = { $count } required questions are not answered yet. Please answer them and submit again.
report-conflict = Your colleague { $name } sent this period's report at { $at } while you were writing yours. Your answers are kept. What would you like to do?
report-button-view-theirs = 👁 Read the report sent
report-button-replace = 📨 Send mine instead
report-button-discard = 🗑 Discard mine
report-draft-discarded = Your draft was discarded. The report your unit sent is unchanged.
report-already-submitted = Your unit's report for this period was sent by { $name } at { $at }.
report-revision-closed = The deadline has passed, so it can no longer be changed. If it needs changes, ask { $office } to return it.
report-accepted-locked = Your unit's report for this period was accepted by { $office } and can no longer be changed.
report-period-closed = This reporting period is closed and takes no more reports.
report-unit-not-in-period = Your unit does not report in this period.
report-not-reporter = This command is for the reporters of the units.
report-no-open-period = There is no open reporting period for your unit right now. The bot will remind you when one opens.
report-choose-period = Your unit has several open reporting periods. Choose one (✅: already sent):

report-view-title = Report of { $unit } — { $status }
report-view-meta = Sent by { $name } at { $at } ({ $timeliness }), revision { $revision }
report-view-returned = Returned because: { $reason }
report-status-submitted = submitted
report-status-returned = returned for revision
report-status-accepted = accepted

notice-report-submitted = 📥 { $unit } sent the { $title } at { $at } ({ $timeliness }).
notice-report-revised = 📥 { $unit } sent revision { $revision } of the { $title } at { $at }.
notice-button-read = 👁 Read the report
notices-on = Notices on: the bot will tell you each time a unit sends a report.
notices-off = Submission notices are off. Send /thongbao to turn them on again.

status-title = Your unit's reporting status:
status-none = Your unit has no reporting period yet.
status-submitted = ✅ Sent at { $at } ({ $timeliness }).
status-accepted = ✅ Sent at { $at } ({ $timeliness }) and accepted by { $office }.
status-returned = ↩️ Returned by { $office } for revision. Reason: { $reason }. Send /baocao to revise and send it again.
status-pending = ⏳ Not sent — { $days } days left. Send /baocao to write the report.
status-overdue = ⚠️ Not sent — { $days } days overdue. Send /baocao to send it now.
status-missed = ❌ Not sent (the period is closed).
report-already-open = You are already on this report: the question is in the latest message (send /baocao to show it again).
report-chosen = ✔️ Chosen: { $answer }
report-chosen-none = (none)
