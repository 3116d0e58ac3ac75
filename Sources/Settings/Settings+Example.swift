extension Settings {
    /// The commented example `internships init` writes. It documents every key and must load
    /// without problems (a test checks it), so keep it in step with `SettingsLoader`.
    public static let exampleTOML = #"""
# internships.toml — configuration of the email-driven internship programme.
# Relative paths are resolved against the folder this file is in.
# Every key is listed; lines marked "default" may be removed to use the default.
# Check the file with `internships doctor`.

[campaign]
name = "Стажировки НКО Прикамья — 2027"   # shown to people in mail
year = 2027
time_zone = "Asia/Yekaterinburg"            # IANA zone the dates below are read in (Perm, UTC+5); default

# Stage dates are YYYY-MM-DD, both ends inclusive, in time_zone.
# A form arriving outside its stage's window gets a polite "not open yet" / "closed" reply.
[campaign.program_call]          # host NGOs send programme applications
opens = 2027-07-01
closes = 2027-07-31

[campaign.expert_review]         # experts send score sheets until this day
closes = 2027-08-20              # must not be before program_call.closes

[campaign.participant_call]      # participants send applications
opens = 2027-08-25
closes = 2027-09-10

[campaign.internships]           # internships take place between these days
from = 2027-09-15                # must not be before participant_call.opens
to = 2028-01-31

# Optional: remove this table until the final online meeting is scheduled.
[campaign.final_meeting]
date = 2028-01-25
time = "15:00"                   # HH:MM in time_zone
link = "https://meet.example.org/internships-final"   # https only
# agenda = "Итоги стажировок, идеи совместных проектов"   # optional, shown in the announcement

[mailbox]                        # the programme mailbox, read over IMAP
imap_url = "imaps://mail.example.org:993"   # imaps:// (TLS, port 993 by default); imap:// to a
                                            # remote host needs starttls = true; imap:// to 127.0.0.1
                                            # uses STARTTLS unless allow_plain_loopback = true
user = "intake@example.org"
password_file = "secrets/imap-password"     # first line is the password; chmod 600
# password_env = "INTERNSHIPS_IMAP_PASSWORD" # ...or an environment variable (give exactly one)
# ca_file = "certs/ca.pem"                  # PEM CA for a self-signed server; default: system CAs
folder = "INBOX"                 # read new mail from here; default
processed_folder = "Processed"   # processed mail is moved here after it is recorded; default
parallel_fetches = 2             # connections fetching in parallel, 1...8; default
search_window = 5000             # UIDs per UID SEARCH (keeps server replies short), 100...100000; default
starttls = false                 # with imap:// to a remote host: STARTTLS, required; default
allow_plain_loopback = false     # plain imap:// without TLS, to 127.0.0.1 only (tests, demo); default
connect_timeout_s = 20           # seconds for connect, TLS and login; default
low_speed_timeout_s = 60         # a transfer below 1 byte/s this long is abandoned; default

[smtp]                           # the relay that sends replies
url = "smtps://mail.example.org:465"        # smtps:// (TLS, port 465 by default), or
                                            # smtp://mail.example.org:587 with starttls = true
user = "intake@example.org"                 # remove user and password for a relay without AUTH
password_env = "INTERNSHIPS_SMTP_PASSWORD"  # ...or password_file = "secrets/smtp-password"
# ca_file = "certs/ca.pem"
from = "Стажировки НКО Прикамья <intake@example.org>"
reply_to = "intake@example.org"  # replies come back to the programme mailbox; default: from
daily_budget = 500               # at most this many messages a day (provider limits); default
# helo_name = "internships.example.org"     # name sent in EHLO; default: libcurl's
starttls = false                 # default
allow_plain_loopback = false     # default
connect_timeout_s = 20           # default
low_speed_timeout_s = 60         # default

# Coordinators receive digests and anything held for a decision. At least one.
[[coordinators]]
name = "Анна Смирнова"
email = "coordinator@example.org"

# Registered experts: only their score sheets are counted. Repeat the table for each.
[[experts]]
name = "Ирина Петрова"
email = "expert1@example.org"
organisation = "Ресурсный центр НКО"
territory = "Пермь"              # where they work: used to spot conflicts of interest

[[experts]]
name = "Сергей Иванов"
email = "expert2@example.org"
organisation = "Фонд местного сообщества"
territory = "Кудымкарский муниципальный округ"

# The expert review (`internships programmes ...`); the whole table is optional.
[review]
experts_per_programme = 2        # non-conflicted experts per programme, 1...10; default
spread_threshold = 10            # sheet totals (0-40) further apart ask for one more expert; default
results_include_scores = false   # result letters show criterion means and anonymised comments; default
publicity_list = []              # where `mail release catalogue` sends the winners' catalogue

# The participants (`internships participants ...`, `internships run`); the whole table is optional.
[participants]
min_distance_km = 50             # eligible from this far from Perm (straight line, km); default
distance_tolerance_km = 30       # a declared distance further off than this goes to a coordinator; default
programmes_per_person = 1        # K: at most this many seats per person, 1...3; default
answer_days = 5                  # days to answer an invitation ДА / НЕТ before the seat goes on; default
reminder_days = 3                # reminders to the confirmed this many days before the internship; default

[database]
path = "internships.sqlite"      # SQLite file, created on first run; default

[templates]
dir = "mail-templates"           # reply templates (see mail-templates/README.md); default

[delivery]
retry_schedule_minutes = [5, 15, 60, 180, 720]  # waits between attempts; the last repeats; default
lifetime_hours = 72              # undelivered this long after queuing: marked dead; default

[security]
# authserv-ids of YOUR receiving servers (the first word of their Authentication-Results
# header, RFC 8601). When set, score sheets the server does not verify are held for a coordinator.
trusted_authserv_ids = []        # e.g. ["mx.example.org"]; default: none (topmost header read)

[privacy]                        # personal data (152-FZ)
consent_version = "unversioned"  # version of the consent text in the forms, kept with each form; default
retention_days = 365             # personal data is erased this many days after the campaign; default
"""#
}
