### E-mail: the mail server's settings, the subject and the end of a letter

config-smtp-url = is not a mail server address. Write smtp://user:password@host:587 (STARTTLS), smtps://user:password@host:465 (TLS), or smtp://127.0.0.1:25?tls=none (a mail server on this machine); special characters in the user name or password as %XX (e.g. @ as %40).
config-smtp-cleartext = the password would go to { $host } unencrypted. Use smtp:// (STARTTLS) or smtps:// (TLS); tls=none takes a password only when the mail server is on this machine (127.0.0.1, localhost).
config-mail-from-missing = the sender's address is needed once BAOCAO_SMTP_URL is set, e.g. Sở Nội vụ Điện Biên <baocao@snv.dienbien.gov.vn>.
config-mail-from = "{ $value }" is not a valid sender address (e.g. Sở Nội vụ Điện Biên <baocao@snv.dienbien.gov.vn>).

mail-subject-period = { $title } – { $unit } – due { $due }
mail-subject-unit = Notice from { $office } to { $unit }
mail-subject-digest = Reporting status on { $date }
mail-subject = Notice from { $office }

email-footer = This e-mail was sent automatically by the reporting system of { $office }.
email-link-personal = The links in this e-mail are yours alone and each works once; please do not forward it.

mail-subject-sign-in = Sign-in link to the reporting system of { $office }
mail-sign-in-console = Dear { $name },
    We received a request to sign in to the reporting desk of { $office } with your e-mail address. Press "Sign in" to enter; the link works once, within { $minutes } minutes.
    If you did not ask to sign in, please ignore this e-mail; nobody can enter without the link in it.
mail-sign-in-form = Dear { $name },
    We received a request to sign in to your unit's report page with your e-mail address. Press "Sign in" to enter; the link works once, within { $days } days.
    If you did not ask to sign in, please ignore this e-mail; nobody can enter without the link in it.
mail-sign-in-button = Sign in
