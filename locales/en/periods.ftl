### Reporting periods and templates

period-title-monthly = Monthly report, { $month }/{ $year }
period-title-quarterly = Quarterly report, Q{ $quarter } { $year }
period-title-semiannual = { $half ->
    [1] First-half report { $year }
   *[other] Second-half report { $year }
}
period-title-nine-month = Nine-month report { $year }
period-title-annual = Annual report { $year }
period-title-ad-hoc = Thematic report

err-period-month = The month must be 1 to 12.
err-period-quarter = The quarter must be 1 to 4.
err-period-half = The half is 1 (first) or 2 (second).
err-period-year = The year is not valid (2000 to 2100).
err-period-window-reversed = The data window must start before it ends.
err-period-due-before-window = The deadline must fall after the last day of the data window.
err-period-kind = Period kind "{ $kind }" is not valid: monthly, quarterly, semiannual, nine-month, annual or ad-hoc.
err-period-title-too-long = The period's title is longer than { $max } characters.
err-period-title = A thematic period needs a title (--title).
err-period-no-units = No active unit would have to report in this period.
err-period-unknown = There is no reporting period number { $id }.
err-template-unknown = There is no template "{ $key }". Templates: { $known }.
err-datetime = "{ $value }" is not a time of the form dd/mm/yyyy HH:MM (e.g. 16/06/2021 17:00).
err-date = "{ $value }" is not a date of the form dd/mm/yyyy.

config-template = template "{ $template }": { $reason }
err-template-key = template key "{ $key }" may only have lowercase letters, digits, "-" and "_".
err-template-name = a template needs a Vietnamese (vi) and an English (en) name.
err-template-questions = a template needs 1 to 50 questions.
err-template-duplicate = question "{ $question }" appears twice.
err-template-question = question "{ $question }" is wrong in { $why }.
err-template-toml = cannot be read: { $detail }
err-period-window-missing = A thematic period needs its data window (--from and --to, as dd/mm/yyyy).

cmd-kybaocao = Reporting periods: open a new one, close one
wizard-no-open = No reporting period is open.
wizard-open-title = Open reporting periods:
wizard-progress = Sent: { $done }/{ $total } units
wizard-what-next = What would you like to do?
wizard-button-new = ➕ Open a new period
wizard-button-close = 🔒 Close #{ $id }
wizard-button-cancel = ✖️ Cancel
wizard-button-confirm = ✅ Open the period
wizard-button-close-confirm = 🔒 Close it
wizard-button-due = 📅 { $due }
wizard-cancelled = Cancelled; nothing was changed.
wizard-ask-kind = Which kind of period? (Thematic periods are opened from the command line.)
wizard-ask-month = Which month?
wizard-ask-quarter = Which quarter?
wizard-ask-half = Which half of the year?
wizard-ask-year = Which year?
wizard-ask-template = Which template?
wizard-ask-due = The submission deadline? Tap the suggestion, or type dd/mm/yyyy HH:MM (e.g. 16/06/2021 17:00).
wizard-type-due = Please type the deadline as dd/mm/yyyy HH:MM, or /cancel to stop.
wizard-kind-monthly = Monthly
wizard-kind-quarterly = Quarterly
wizard-kind-semiannual = Six-month
wizard-kind-nine-month = Nine-month
wizard-kind-annual = Annual (year-end)
wizard-month = Month { $n }
wizard-quarter = Q{ $n }
wizard-half = { $n ->
    [1] First half
   *[other] Second half
}
wizard-summary =
    Open this period for every active unit?
    { $title }
    Data window: { $window }
    Deadline: { $due }
    Template: { $template }
wizard-created = ✅ Reporting period { $id } opened for { $units } units.
wizard-close-ask = Close "{ $title }"? Once closed, units can no longer send or revise reports for it.
err-cron-fields = cron expression "{ $expr }" has { $count } fields; it needs 6, seconds first, e.g. "0 0 8 * * Mon-Fri".
err-cron = cron expression "{ $expr }" is not valid: { $detail }
wizard-restart = The period you were opening could not be continued after the bot was upgraded. Please send /kybaocao to start again.

due-warning-day-off = ⚠️ The deadline { $day } falls on { $weekday ->
    [6] a Saturday
    [7] a Sunday
   *[other] a holiday
}, a day off: units will struggle to report on time.
due-warning-too-soon = ⚠️ The deadline leaves no working day after the data cut-off ({ $cutoff }): units cannot compile their figures in time.
due-warning-confirm = To keep this deadline, press "Open the period"; otherwise press "Cancel" and choose another.
err-attachment-size = The attachment must not be empty and at most { $max } MB.
wizard-attach-hint = 📎 To send the request letter or the report outline with it, send the file here before pressing "Open the period".
wizard-attached = 📎 Attached: { $name }. (Send another file to replace it.)
err-period-due-needed = Please give a deadline, e.g. 16/06/2021 17:00.
err-period-closed-extend = Reporting period { $id } is closed, so its deadline cannot be moved. Reopen it first to give a new deadline.
