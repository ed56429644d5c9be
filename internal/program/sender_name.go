package program

import (
	"strings"
	"unicode"
)

// CheckSenderName says why a name cannot be the sender's display name, the
// name every email shows beside the sender address, or "" when it can. The
// mail package writes any name correctly into the From header; this rule
// refuses the names that would still mislead a reader or a mail program:
// one that looks like an address of its own (< > @), one spread over lines
// or hiding control characters, one that turns its own text around (bidi
// controls), and one holding "=?", which some programs decode as if it were
// encoded text. An empty name is left to the "required" rule.
func CheckSenderName(name string) string {
	switch {
	case name == "":
		return ""
	case strings.TrimSpace(name) == "":
		return "Enter a name people will recognise, not only spaces."
	case strings.IndexFunc(name, isHidden) >= 0:
		return "Keep the name on one line, without tabs or invisible control characters."
	case strings.ContainsAny(name, "<>@"):
		return "Leave out <, > and @: the name is shown beside the sender address, and with them it reads as an address of its own. Put the address in “Sender address”."
	case strings.Contains(name, "=?"):
		return "Leave out “=?”: mail programs read it as the start of encoded text."
	}
	return ""
}

// isHidden reports whether r is a control character (a line break or tab
// among them) or a character that reorders the text shown around it.
func isHidden(r rune) bool {
	return unicode.IsControl(r) || r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' ||
		r == '\u200e' || r == '\u200f' || r == '\u061c'
}
