// Forms: finding, reading and checking the programme's forms. See docs/product.md.
import MailMessage
