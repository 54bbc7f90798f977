### Command line and configuration

config-error = Configuration error in { $setting }: { $reason }
config-token-missing = the bot token is not set. Set the environment variable TELOXIDE_TOKEN (or BAOCAO_TOKEN) to the token from @BotFather.
config-token-format = the token is malformed (expected 123456789:ABC…, as given by @BotFather).
config-invalid-value = value "{ $value }" is not valid.
config-file-unreadable = cannot read { $path }: { $detail }
config-file-invalid = { $path } is not valid: { $detail }
start-error-database = Cannot open the database: { $detail }
start-error-telegram = Cannot reach Telegram (check the token and the network): { $detail }

cli-error = Error: { $detail }
cli-config-ok = The configuration is valid.
cli-migrated = Database { $path } is up to date ({ $count } new steps).
cli-file-unreadable = Cannot read { $path }: { $detail }
cli-import-rejected = File not imported: { $count } bad lines, no unit was imported.
cli-import-line = Line { $line }: { $reason }
cli-imported = Read { $total } units: { $added } added, { $updated } updated, { $unchanged } unchanged.
cli-inactive = inactive
cli-removed = removed
cli-unit-count = Total: { $count } units.
cli-unit-deactivated = Unit { $code } deactivated. Its old reports are kept.
cli-unit-activated = Unit { $code } is active again.
cli-unit-already-inactive = Unit { $code } was already inactive.
cli-unit-already-active = Unit { $code } is active.
cli-invite-count = Total: { $count } invites.
cli-member-count = Total: { $count } people.
cli-member-removed = Access of person { $id } removed. Their past reports keep their name.
cli-backup-exists = { $path } already exists; choose another name so nothing is overwritten.
cli-backup-done = Database backed up to { $path }.
cli-period-created = Reporting period { $id } opened for { $units } units:
cli-period-count = Total: { $count } reporting periods.
cli-period-details = Template: { $template } ({ $questions } questions). Sent: { $done }/{ $total } units. Status: { $status }.
cli-period-open = open
cli-period-closed = closed
cli-period-closed-now = Reporting period { $id } closed: it takes no more reports.
cli-period-was-closed = Reporting period { $id } was already closed.
cli-job-sweep = Deadline reminders
cli-job-digest = Officers' digest
cli-job-series = Open the "{ $key }" period
cli-day-off = day off: no reminders
weekday = { $n ->
    [0] Monday
    [1] Tuesday
    [2] Wednesday
    [3] Thursday
    [4] Friday
    [5] Saturday
   *[other] Sunday
}
cli-export-format = { $path } must end in .xlsx or .csv.
cli-file-unwritable = Cannot write { $path }: { $detail }
cli-exported = Exported { $path }: { $units } units, { $reported } of them sent their report.
start-error-locked = This database is in use by another baocao bot (process { $pid }, lock { $path }). Only one bot may run on a database file; stop the other one first.
start-error-lock-file = Cannot create the lock file { $path }: { $detail }
cli-renamed = Renamed: { $code } "{ $old }" → "{ $new }" (the old name stays in history and in the periods already opened).
cli-merged = Merged { $units } into the new { $into } ({ $code }) from { $on }: { $told } reporters of the old units are being told; { $periods } open periods now expect the report of { $code }.
cli-merged-absorbed = Merged { $units } into { $into } ({ $code }) from { $on }: { $told } reporters of the old units are being told; { $periods } open periods now expect the report of { $code }.
cli-merge-already = { $code }: this merger was applied before; nothing changed.
cli-merge-invite-hint = The old units are kept (with their reports, under their old names). Invite the new unit: baocao invite create --all
cli-merged-into = merged into { $into } on { $on }
err-merge-no-units = Give at least one code of a unit to merge.
err-merge-twice = Unit { $code } appears twice in the mergers.
err-merge-into-itself = { $code } cannot be merged into itself: give the new unit a new code (e.g. { $code }-2025).
err-merge-into-closed = Unit { $code } is inactive or merged already; nothing can merge into it.
err-merge-already = { $unit } was merged or ceased to exist before.
err-merge-header = The header lacks columns: { $missing }. The file needs old_code,new_code,new_name,kind.
err-merge-differs = The new unit { $code } was given another name or kind on an earlier line.
cli-due-anyway = The period was not opened. Choose another deadline, or add --anyway to open it with this one.
err-invite-too-many = One command makes at most { $max } invites.
err-invite-none = No unit needs an invite: every active unit (of the ones chosen) has a reporter. Use --units to invite one more person for a unit.
cli-invites-written = Created { $count } invites ({ $units } units, { $officers } officers), valid until { $expires }:
cli-invites-file = - { $path }
cli-invites-keep = These files hold invite links: give them only to the people invited, never post them publicly.
start-error-web = Cannot open the web console at { $addr }: { $detail }. Choose another address with BAOCAO_WEB_ADDR (or BAOCAO_WEB_ADDR=off to turn it off).
cli-file-exists = The file { $path } already exists; choose another name (--out) so that nothing is overwritten. No invite was created.
cli-no-contact = no contact yet
cli-member-added = Added #{ $id }: { $name } { $contact }. To get a sign-in link: baocao web link --member { $id }
cli-telegram-off = Telegram: off (TELOXIDE_TOKEN is not set). The console and the chairs' form are running at { $addr }. To sign in as admin, open another terminal and run: baocao web link --admin
config-nothing-on = there is no way to use the bot: Telegram is off (TELOXIDE_TOKEN) and the console is off (BAOCAO_WEB_ADDR=off). Turn at least one on.
