### Checking answers

answer-err-text-expected = This question needs a typed answer. Please type your answer.
answer-err-file-expected = This question needs a file: tap the 📎 clip and choose a PDF, Word, Excel file or a photo.
answer-err-empty = The answer is empty. Please type your answer.
answer-err-too-long = Your answer has { $len } characters, more than the limit of { $max }. Please shorten it and send it again.
answer-err-number = This question needs a whole number, e.g. 12.
answer-err-range = The number must be between { $min } and { $max }.
answer-err-fraction = This question needs "achieved/total", e.g. 12/15.
answer-err-fraction-zero = The total (after the /) must be more than 0.
answer-err-fraction-over = The number achieved ({ $num }) cannot exceed the total ({ $den }).
answer-err-yes-no = Please tap "Yes" or "No".
answer-err-date = This question needs a date as day/month/year, e.g. 05/06/2021.
answer-err-date-invalid = That date is not on the calendar. Please check it.
answer-err-choice = Please tap one of the buttons under the question.
answer-err-file-too-large = The file is larger than { $max } MB, so the bot cannot receive it. Please send a smaller file (a photo of the document, for example).
answer-err-file-type = The bot only accepts PDF, Word, Excel files or photos.

answer-yes = Yes
answer-no = No
answer-skipped = (skipped)
answer-photo = photo

hint-text = Type your answer (at most { $max } characters).
hint-number = Type a whole number.
hint-fraction = Type achieved/total, e.g. 12/15.
hint-yes-no = Tap "Yes" or "No".
hint-date = Type the date as day/month/year, e.g. 05/06/2021.
hint-choice = Tap one of the choices.
hint-file = Tap the 📎 clip and send a PDF, Word, Excel file or a photo (at most 20 MB).
hint-multi = Tap each item to tick or untick it (☑️ is ticked), then tap "Done". You may also type the items' numbers, separated by commas.
answer-err-multi = That item is not on the list. Please tap the buttons, or type the items' numbers separated by commas (e.g. 1, 3).
answer-err-multi-min = Tick at least { $min } item(s).
answer-none-ticked = (nothing ticked)
report-button-done = ✔️ Done
