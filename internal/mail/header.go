package mail

import (
	"mime"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Every name Warmloop writes into an address header (From, Reply-To, To,
// Cc) passes through this file. PocketBase's SMTP client hands the From
// name to mailyak, which writes it between "From: " and "<address>" as it
// is, encoding only non-ASCII and quoting nothing: "Maya Chen, Brightwave
// Analytics" would read as two mailboxes. So the From and Reply-To names
// are written here, as RFC 5322 and RFC 2047 want them, and mailyak is
// given text it leaves alone (printable ASCII on one line). To and Cc go
// through net/mail's Address.String inside PocketBase, which writes names
// correctly but for one case (see recipient).

// maxNameBytes caps a name in a header. Encoded, a name of this length and
// an address of 254 bytes keep the header line under RFC 5322's 998
// characters, which matters because mailyak does not fold lines.
const maxNameBytes = 200

// headerName is a name as a header may carry it: control characters (line
// breaks among them) become spaces, runs of spaces become one, and a name
// longer than maxNameBytes is cut at a character.
func headerName(name string) string {
	name = strings.Join(strings.FieldsFunc(name, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	}), " ")
	if len(name) <= maxNameBytes {
		return name
	}
	cut := maxNameBytes
	for cut > 0 && !utf8.RuneStart(name[cut]) {
		cut--
	}
	return strings.TrimSpace(name[:cut])
}

// Phrase writes a name as an RFC 5322 display name, on one line in
// printable ASCII: unchanged when it is words of plain characters, a quoted
// string (with \ before " and \) when it holds anything else, and RFC 2047
// encoded words when it is not ASCII. Base64 is used there because an
// encoded word in a display name may not hold specials such as "," or ")",
// and cannot sit inside a quoted string. Whatever the name holds, what
// reads the header finds the name and no address in it.
func Phrase(name string) string {
	name = headerName(name)
	switch {
	case name == "":
		return ""
	case !isPrintableASCII(name):
		return mime.BEncoding.Encode("utf-8", name)
	case needsQuotes(name):
		return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(name) + `"`
	}
	return name
}

// ForMailer is an address as PocketBase's mailer takes it for a From: its
// name already written as a display name (Phrase), which mailyak writes as
// it is, since it is printable ASCII.
func ForMailer(a mail.Address) mail.Address {
	return mail.Address{Name: Phrase(a.Name), Address: a.Address}
}

// AddressHeader is the value of a one-address header such as Reply-To:
// `Phrase <address>`, or "" when the address is not one plain address (it
// would otherwise carry more than one). It is printable ASCII for an ASCII
// address, so mailyak's header writer leaves it as it is.
func AddressHeader(a mail.Address) string {
	if parsed, err := mail.ParseAddress(a.Address); err != nil || parsed.Address != a.Address || parsed.Name != "" {
		return ""
	}
	angle := (&mail.Address{Address: a.Address}).String()
	if name := Phrase(a.Name); name != "" {
		return name + " " + angle
	}
	return angle
}

// replyTo is the Reply-To header of a message answering to a, or none when
// a's address is not one plain address.
func replyTo(a mail.Address) map[string]string {
	if v := AddressHeader(a); v != "" {
		return map[string]string{"Reply-To": v}
	}
	return nil
}

// recipient is a To or Cc address as PocketBase writes it through
// net/mail: the name on one line and short enough, and left out when
// net/mail would write it so that its own parser cannot read it back (a
// non-ASCII name with a backslash is Q-encoded with the backslash bare).
func recipient(a mail.Address) mail.Address {
	a.Name = headerName(a.Name)
	if back, err := mail.ParseAddress(a.String()); err != nil || back.Name != a.Name || back.Address != a.Address {
		a.Name = ""
	}
	return a
}

// isPrintableASCII reports whether s is all printable ASCII or spaces.
func isPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// needsQuotes reports whether an ASCII name must be quoted to stand as a
// display name: it holds a character that is not RFC 5322 atext, or "=?",
// which a reader would take for the start of an encoded word.
func needsQuotes(s string) bool {
	if strings.Contains(s, "=?") {
		return true
	}
	for _, r := range s {
		isAtext := r == ' ' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			strings.ContainsRune("!#$%&'*+-/=?^_`{|}~", r)
		if !isAtext {
			return true
		}
	}
	return false
}
