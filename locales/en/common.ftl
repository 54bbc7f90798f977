### Common: roles, unit kinds, general errors, help, language

role-admin = administrator
role-officer = officer
role-reporter = reporter

unit-kind-commune = commune
unit-kind-ward = ward
unit-kind-special-zone = special zone
unit-kind-town = township (before 2025)
unit-kind-agency = agency
unit-kind-village = village (thôn, bản, tổ dân phố)
unit-kind-department = department

err-internal = Sorry, something went wrong and your request was not completed. Please try again in a few minutes, or send /cancel to start over.
err-storage-unavailable = Sorry, nothing was saved: the server is busy or has a storage problem. Please send it again in a few minutes.
err-officers-only = This is only for the officers who follow the reporting.
err-admins-only = This is only for admins.
err-report-not-yours = You can only read your own unit's reports.
err-file-unavailable = The attached file could not be fetched yet. Please try again in a few minutes.
officers-only-in-chat = { $why } Send /help to see your commands.
not-understood = Sorry, I did not understand that. Send /help to see the commands.
button-expired = This button has expired. Please use the latest message.
state-unreadable = Sorry, the step you were on could not be restored after the bot was upgraded. Your saved answers are intact; please send your command again.

cancel-done = Cancelled.
cancel-nothing = There is nothing to cancel.

help-title = Commands of the reporting bot:
help-note-guest = To use the bot, open the invite link { $office } sent you.
help-note-reporter = When a reporting period opens, the bot will remind you and guide you through the questions.
help-note-officer = Create an invite link for a unit: /moi UNIT_CODE (e.g. /moi X-TAMA). Administrators invite an officer with /moi officer.

cmd-start = Start, join with an invite link
cmd-help = Show the commands
cmd-lang = Change language (Tiếng Việt / English)
cmd-huy = Cancel what is in progress
cmd-moi = Create an invite link for a unit

lang-name = English
lang-choose = Which language would you like to use?
lang-set = Language set to English.
flood-slow-down = You are sending messages too fast. The bot is ignoring the next ones for now; please wait a few seconds and send one at a time.
edited-ignored = The bot does not read edited messages again. To change an answer, please send a new message (or use "Edit" on the review screen).
reply-unconfirmed = ⚠️ At { $at } the bot could not send you its reply (the connection to Telegram was lost), so you may not have seen it. The report answers it received are saved. Type /baocao to see the question you are on, or send your request again if needed.
err-email-invalid = "{ $value }" is not a valid e-mail address (for example: chutich@tama.dienbien.gov.vn).
