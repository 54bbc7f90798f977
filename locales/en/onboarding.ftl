### Joining the bot: /start, invite links

welcome-unknown =
    Hello! This is the periodic reporting bot of { $office }.
    You are not registered yet. Please open the invite link { $office } sent you, or give them your Telegram ID: { $id }

    Xin chào! Đây là bot báo cáo định kỳ của { $office }.
    Đồng chí chưa được đăng ký. Đề nghị đồng chí mở link mời do { $office } gửi, hoặc gửi mã Telegram sau cho { $office } để được đăng ký: { $id }

welcome-reporter =
    Welcome, { $name }!
    You are now registered to report for { $unit }.
    When { $office } opens a reporting period, the bot will remind you before the deadline and guide you through the questions: tap the buttons and type short answers.
    Send /help to see the commands.
welcome-officer =
    Welcome, { $name }!
    You are now registered as an officer following the reporting. The bot will keep you informed of how the units are reporting.
    Send /help to see the commands.
welcome-admin =
    Welcome, { $name }!
    You administer the reporting bot of { $office }: invite officers and units, open reporting periods, follow and compile.
    Send /help to see the commands.

start-known = { $name }, you are registered as { $role }.
start-known-unit = { $name }, you are registered as { $role } for { $unit }.
start-admin-keeps-role = You are an administrator, so this invite link was not used. Send it to the person it is meant for.

invite-unknown = This invite link is not valid. Please check the link, or ask { $office } for a new one (your Telegram ID: { $id }).
invite-expired = This invite link has expired. Please ask { $office } for a new one (your Telegram ID: { $id }).
invite-used = This invite link has already been used; each link works once. Please ask { $office } for a new one (your Telegram ID: { $id }).
invite-unit-inactive = The unit of this invite link is no longer active. Please contact { $office } (your Telegram ID: { $id }).

invite-usage =
    How to create an invite link:
    /moi UNIT_CODE — a link for a unit's reporter, e.g. /moi X-TAMA
    /moi officer — a link for an officer (administrators only)
invite-created-reporter =
    Invite link for { $unit }:
    { $way ->
        [both] In Telegram: { $link }
            In a browser (no Telegram needed): { $web }
        [web] { $web }
       *[telegram] { $link }
    }

    { $way ->
        [both] Please send both links to the unit's head or the person in charge of its reports; they choose one of the two ways. Both links carry the same code: it works once and expires at { $expires }.
       *[other] Please send this link to the unit's head or the person in charge of its reports. It works once and expires at { $expires }.
    }
invite-created-officer =
    Invite link for an officer:
    { $way ->
        [both] In Telegram: { $link }
            In a browser (no Telegram needed): { $web }
        [web] { $web }
       *[telegram] { $link }
    }

    { $way ->
        [both] The person invited chooses one of the two ways. Both links carry the same code: it works once and expires at { $expires }.
       *[other] It works once and expires at { $expires }.
    }
err-invite-needs-unit = A reporter's invite needs a unit code, e.g. /moi X-TAMA.
err-invite-not-allowed = You may not create this kind of invite. Only administrators invite officers.
err-invite-role = Role "{ $role }" is not valid: use reporter or officer.
err-invite-ttl = Validity "{ $value }" is not valid: use days or hours, e.g. 14d or 12h (at most 365 days).
err-no-bot-username = The bot's username is unknown, so no link can be made. Set BAOCAO_BOT_USERNAME or TELOXIDE_TOKEN.
err-invite-no-way = No invite link can be made: the person invited would have no way in. Turn Telegram on (set TELOXIDE_TOKEN or BAOCAO_BOT_USERNAME), or set BAOCAO_WEB_URL to the site's address as the invited person's phone can open it (not 127.0.0.1 or localhost).
err-member-unknown = There is no person with number { $id }.
admin-revoked = You no longer administer this bot: your Telegram ID { $id } is no longer in the server's list of admins (BAOCAO_ADMINS). If this is a mistake, please contact whoever runs the server.
invite-keeps-role = Your role is already “{ $role }”, so this invite link does not change it. The link is still unused, for the person it was made for.
move-ask = You report for { $from }. This link is for the reporter of { $to }. Do you want to report for { $to } instead? (If you move, you will no longer report for { $from }.)
move-button-confirm = ✅ Move to { $to }
move-button-cancel = ↩️ Stay with { $from }
move-cancelled = You still report for your unit; the invite link was not used.

cmd-toi = Your name and position (see and correct)
profile-ask-name = So that reminders and documents name you correctly, please send your full name (e.g. Lò Văn Hùng), or tap the button to use your Telegram name.
profile-use-telegram-name = ✔️ Use "{ $name }"
profile-name-invalid = A full name is 2 to 100 characters. Please type it again (e.g. Lò Văn Hùng), or /cancel.
profile-ask-position = Thank you, { $name }. What is your position? (e.g. Chủ tịch UBND xã)
profile-skip-position = ⏭ No position
profile-position-invalid = A position is 2 to 100 characters. Please type it again, or tap "No position".
profile-saved = ✅ Saved: { $name }. Send /toi to correct it.
profile-current =
    What the bot knows of you:
    Full name: { $name }
    Position: { $position }
    (Nothing to correct? Send /cancel.)
profile-none = (not given)

invite-sheet-heading = INVITATION TO THE PERIODIC REPORTING BOT
invite-sheet-heading-web = INVITATION TO THE PERIODIC REPORTING SYSTEM
invite-sheet-step-1 = { $n }. Open Telegram on your phone and scan the QR code above with the camera (or type the link into a browser).
invite-sheet-step-2 = { $n }. Tap "Start": the bot registers you as the reporter of { $unit } and asks your name and position.
invite-sheet-step-3 = { $n }. When a reporting period opens, the bot reminds you before the deadline and guides you question by question. If the link has expired or was used, please contact { $office }.
invite-sheet-officer = Officer following the reporting ({ $n }/{ $count })
invite-sheet-step-2-officer = { $n }. Tap "Start": the bot registers you as an officer following the reporting and asks your name and position.
invite-sheet-caption-telegram = Way 1: Telegram
invite-sheet-caption-web = Way 2: a web browser
invite-sheet-web-step-1 = { $n }. Scan the QR code above with your phone's camera (on a computer: type the link into a browser): the registration page opens.
invite-sheet-web-step-2 = { $n }. Enter your name, position and e-mail address and tap "Register": you are registered as the reporter of { $unit }.
invite-sheet-web-step-2-officer = { $n }. Enter your name, position and e-mail address and tap "Register": you are registered as an officer following the reporting.
invite-sheet-web-step-3 = { $n }. When a reporting period opens, a reminder with a link comes to your e-mail before the deadline; open it, fill in the report and send it right in the browser. If the link has expired or was used, please contact { $office }.
invite-sheet-both-telegram = { $n }. Way 1, in Telegram (the QR code on the left): on a phone with Telegram, scan the code with the camera and tap "Start". The bot registers you as the reporter of { $unit } and asks your name and position; when a reporting period opens, it reminds you before the deadline and guides you question by question.
invite-sheet-both-telegram-officer = { $n }. Way 1, in Telegram (the QR code on the left): on a phone with Telegram, scan the code with the camera and tap "Start". The bot registers you as an officer following the reporting and asks your name and position.
invite-sheet-both-web = { $n }. Way 2, in a browser, no Telegram needed (the QR code on the right): scan the code with your phone's camera (on a computer: type the link on the right into a browser) and the registration page opens; enter your name, position and e-mail address and tap "Register": you are registered as the reporter of { $unit }. When a reporting period opens, a reminder with a link comes to your e-mail; you fill in and send the report right in the browser.
invite-sheet-both-web-officer = { $n }. Way 2, in a browser, no Telegram needed (the QR code on the right): scan the code with your phone's camera (on a computer: type the link on the right into a browser) and the registration page opens; enter your name, position and e-mail address and tap "Register": you are registered as an officer following the reporting.
invite-sheet-both-once = { $n }. One of the two ways is enough: both QR codes are the same invitation, which works once. If the link has expired or was used, please contact { $office }.
err-admin-stays = Admins are set only by BAOCAO_ADMINS in the configuration: to add or remove one, change BAOCAO_ADMINS and restart the bot.
err-invite-officer-unit = An officer belongs to no unit: leave the unit empty (on the command line: leave out --unit).
err-member-add-not-allowed = Only an admin can add an officer; officers add a unit's reporters.
err-member-needs-unit = A reporter belongs to a unit: please choose the unit (on the command line: --unit, for example --unit X-TAMA).
err-contact-taken = The address { $address } is already the contact of { $by }.

# Joining by invitation in a browser (no Telegram needed)
join-web-title = Register with the reporting system
join-web-for-unit = { $office } invites you to report for { $unit }. Enter your full name, position and e-mail address, then press "Register".
join-web-for-officer = { $office } invites you to follow the reporting as an officer. Enter your full name, position and e-mail address, then press "Register".
join-web-name = Full name
join-web-position = Position (e.g. Chair of the commune People's Committee)
join-web-email = E-mail address
join-web-email-why = Reminders and sign-in links will be sent to this address.
join-web-button = Register
join-web-unknown = This invite link is not valid. Please check the link, or ask { $office } for a new one.
join-web-expired = This invite link has expired. Please ask { $office } for a new one.
join-web-used = This invite link has already been used; each link works once. Please ask { $office } for a new one.
join-web-unit-inactive = The unit of this invite is no longer active. Please contact { $office }.
join-web-email-taken = The address { $email } is already registered to another user. If you registered with it yourself before, do not register again: sign in with a link sent by e-mail (the "Sign in" page, "Receive a sign-in link by e-mail"); otherwise please use another address.
join-web-welcome = Welcome, { $name }! You are registered as the reporter of { $unit }. When a reporting period opens, reminders will come to your e-mail, and the report is filled in on this page.
