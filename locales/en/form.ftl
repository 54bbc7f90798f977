# The report page on a phone (for reporters not on Telegram)
form-title = Your unit's report
form-home-title = Your unit's reporting periods
form-signed-out = You are not signed in to the report page.
form-session-ended = Your session on this device has ended (it expired, you signed out, or you no longer report for the unit).
form-how-to-sign-in = To open the report page, use the link in the latest reminder e-mail (if not used yet), or press "Receive a sign-in link by e-mail" below.
form-back-home = Back to your unit's page
form-no-periods = There is no reporting period for your unit yet. You will be notified when one opens.
form-due = Due: { $due }
form-sent-at = Sent by { $name } at { $at } ({ $timeliness }), revision { $revision }.
form-do-report = Fill in the report
form-see-report = View the report
form-intro = Answer each question and press "Save" under it; the answer is saved at once. You can stop and come back later, on Telegram too.
form-returned = { $office } returned the report for changes. Change what is needed and send it again.
form-revising = You are revising the report already sent. When done, press "Submit report" at the bottom of the page; the earlier version is kept.
form-revise = Revise the report
form-hint-text = Type your answer (at most { $max } characters).
form-hint-number = Enter a whole number.
form-hint-fraction = Enter the number achieved in the first box and the total in the second, e.g. 12 / 15.
form-hint-date = Enter a date as day/month/year, e.g. 05/06/2021.
form-date-placeholder = dd/mm/yyyy
form-hint-choice = Choose one.
form-hint-multi = { $min ->
    [0] Tick the items that apply (you may tick none).
   *[other] Tick the items that apply (at least { $min }).
}
form-hint-list = { $min ->
    [0] Add rows one by one (at most { $max }); press "Remove" on a row entered by mistake.
   *[other] Add rows one by one (at least { $min }, at most { $max }); press "Remove" on a row entered by mistake.
}
form-hint-file = Choose a PDF, Word, Excel file or a photo (at most { $max } MB), then press "Upload".
form-fraction-num = Achieved
form-fraction-den = Total
form-optional = (optional)
form-choose = — Choose —
form-choose-one = You have not chosen an option.
form-save = Save
form-saved = Saved: { $answer }
form-new-row = Row { $n }
form-add-row = Add row
form-remove-row = Remove
form-upload = Upload
form-no-file = You have not chosen a file.
form-upload-broken = The file did not arrive whole (perhaps a weak connection). Please try again.
form-send-title = Send the report
form-ready = Every required question is answered. Check your answers, then press "Submit report".
form-question-n = Question { $n }
form-required = This question is required and cannot be skipped.
form-field-refused = { $field }: { $why }
form-submitted = ✅ Sent { $title } of { $unit } at { $at } ({ $timeliness }). Thank you!
form-revised = ✅ Sent revision { $revision } of { $title } of { $unit } at { $at }. The earlier version is kept.
form-saving = Saving…
form-unsaved = Not saved (perhaps the connection dropped). Please press "Save" to try again.
