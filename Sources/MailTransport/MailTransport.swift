// MailTransport: IMAP and SMTP over libcurl. Facts out (curl code, server reply), no decisions.
import CCurl
