### Deadline reminders, daily digest, nudges

cmd-nhac = Remind the units that have not reported, now
reminder-intro =
    Dear { $name },
    { $unit } has not sent the { $title } yet (data window { $window }).
    { $when }
    Tap "Report now" to start; it takes a few minutes.
reminder-nudge =
    { $office } asks you, { $name }, to send the { $title } of { $unit } (data window { $window }).
    { $when }
    Tap "Report now" to start.
reminder-days-left = Deadline: { $due } ({ $days } days left).
reminder-due-today = Deadline: today, { $due }.
reminder-overdue = { $days } days overdue (deadline { $due }). Please send it soon.
reminder-button = 📝 Report now

digest-title = 📊 Reporting status on { $date }
digest-days-left = { $days } days to the deadline.
digest-overdue = { $days } days overdue.
digest-counts = Sent: { $reported }/{ $total } units ({ $on_time } on time, { $late } late{ $accepted ->
    [0] {""}
   *[other] , { $accepted } accepted
}{ $returned ->
    [0] {""}
   *[other] , { $returned } returned
}).
digest-missing = Not sent ({ $count }): { $units }
digest-returned = Returned, awaiting revision ({ $count }): { $units }
digest-unreachable = ⚠️ Unreachable ({ $count }, no reporter, the bot is blocked or the e-mail bounced): { $units }

nudge-no-period = There is no open reporting period to remind about.
nudge-done = Reminded the units that have not sent the { $title }: { $delivered } messages sent, { $blocked } people have blocked the bot, { $failed } not sent yet (the bot will retry), { $nobody } units have nobody reachable.
nudge-started = Sending the reminder for the { $title } to { $count } reporters of the units that have not reported; { $nobody } units have nobody reachable. The bot will report back once they are sent.

period-opened-notice =
    Dear { $name },
    { $office } has opened the { $title } for { $unit } (data window { $window }; { $count } questions).
    Deadline: { $due }.
    Please tap "Report now" to start; every answer is saved at once, so you can do it bit by bit.
