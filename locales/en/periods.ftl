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
