// Package text cleans what strangers type before Warmloop stores it: the
// names, companies and notes that arrive through the public forms, the
// webhooks and the CSV files. It removes what nobody types on purpose and
// what would change how the text reads elsewhere: control characters (a NUL,
// a stray escape, a line break inside a name), the characters that reverse
// the direction of the text around them, and bytes that are not UTF-8.
//
// It strips rather than refuses. These characters are invisible, so a
// person told to remove them could not see what to remove; and removing them
// takes nothing a person meant to write.
package text

import (
	"strings"
	"unicode/utf8"
)

// Line is s as one line: line breaks and tabs become spaces, runs of spaces
// become one, the ends are trimmed, and everything Hidden is removed. For
// names, companies, titles and other one-line fields.
func Line(s string) string {
	return strings.Join(strings.Fields(keep(s, false)), " ")
}

// Block is s as lines of text: every kind of line break becomes "\n",
// tabs stay, the whole is trimmed, and everything else Hidden is removed.
// For notes and comments, where the writer's line breaks matter.
func Block(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.TrimSpace(keep(s, true))
}

// Hidden reports whether r is removed from what strangers type: a C0 or C1
// control character, DEL, or a bidirectional embedding, override or isolate
// (U+202A–U+202E, U+2066–U+2069).
func Hidden(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// keep copies s without invalid bytes and Hidden characters. Line breaks
// (CR, LF, NEL, U+2028, U+2029) become "\n" when multiline, else spaces;
// tabs stay when multiline, else become spaces.
func keep(s string, multiline bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			// a byte that is not UTF-8: dropped
		case r == '\r' || r == '\n' || r == 0x85 || r == 0x2028 || r == 0x2029:
			if multiline {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		case r == '\t' || r == '\v' || r == '\f':
			if multiline && r == '\t' {
				b.WriteByte('\t')
			} else {
				b.WriteByte(' ')
			}
		case Hidden(r):
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
