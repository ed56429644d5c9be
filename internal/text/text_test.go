package text_test

import (
	"testing"
	"unicode/utf8"

	"warmloop/internal/text"
)

func TestLineKeepsOneLineOfVisibleText(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain text is kept", "Ana Lima", "Ana Lima"},
		{"accents and other scripts are kept", "Zoë Ångström 李雷 محمد", "Zoë Ångström 李雷 محمد"},
		{"a NUL is removed", "Ana\x00 Lima", "Ana Lima"},
		{"CR and LF become one space", "Ana\r\nLima", "Ana Lima"},
		{"a tab becomes a space", "Ana\tLima", "Ana Lima"},
		{"an escape and a bell are removed", "\x1b[31mAna\a", "[31mAna"},
		{"DEL and C1 controls are removed", "A\x7fn\u0080a\u009f", "Ana"},
		{"NEL and the Unicode line separators become spaces", "Ana\u0085Lima\u2028Jr\u2029", "Ana Lima Jr"},
		{"a right-to-left override is removed", "Invoice \u202Egpj.exe", "Invoice gpj.exe"},
		{"every embedding, override and isolate is removed", "\u202Aa\u202Bb\u202Cc\u202Dd\u202Ee\u2066f\u2067g\u2068h\u2069", "abcdefgh"},
		{"bytes that are not UTF-8 are removed", "Jos\xe9 Lima", "Jos Lima"},
		{"runs of spaces become one and the ends are trimmed", "  Ana   Lima  ", "Ana Lima"},
		{"nothing but controls is empty", "\x00\r\n\u202E", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := text.Line(c.in)
			if got != c.want {
				t.Errorf("Line(%q) = %q, want %q", c.in, got, c.want)
			}
			if !utf8.ValidString(got) {
				t.Errorf("Line(%q) is not UTF-8", c.in)
			}
		})
	}
}

func TestBlockKeepsLineBreaksAndDropsTheRest(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"paragraphs are kept", "Hi Jo,\n\nMeet Ana.\nShe helps.", "Hi Jo,\n\nMeet Ana.\nShe helps."},
		{"CRLF and lone CR become LF", "one\r\ntwo\rthree", "one\ntwo\nthree"},
		{"tabs stay", "a\tb", "a\tb"},
		{"NUL and escape are removed", "Hi\x00 there\x1b", "Hi there"},
		{"a right-to-left override is removed", "pay \u202Eto\u202C now", "pay to now"},
		{"an isolate is removed", "a\u2066b\u2069c", "abc"},
		{"bytes that are not UTF-8 are removed", "caf\xe9 au lait", "caf au lait"},
		{"the Unicode line separators become LF", "a\u2028b\u2029c\u0085d", "a\nb\nc\nd"},
		{"vertical tab and form feed become spaces", "a\vb\fc", "a b c"},
		{"the ends are trimmed", "\n  Hello  \n", "Hello"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := text.Block(c.in); got != c.want {
				t.Errorf("Block(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestHiddenNamesTheControlAndDirectionCharacters(t *testing.T) {
	for _, r := range []rune{0, '\n', '\r', 0x1b, 0x7f, 0x80, 0x9f, 0x202a, 0x202e, 0x2066, 0x2069} {
		if !text.Hidden(r) {
			t.Errorf("%U is not hidden", r)
		}
	}
	for _, r := range []rune{' ', 'a', 0xa0, 'é', 0x200e, 0x2029, 0x2065, 0x206a, 0x202f} {
		if text.Hidden(r) {
			t.Errorf("%U is hidden", r)
		}
	}
}

func TestCountUsesTheSingularForOneOnly(t *testing.T) {
	for n, want := range map[int]string{0: "0 asks", 1: "1 ask", 2: "2 asks", 21: "21 asks"} {
		if got := text.Count(n, "ask", "asks"); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}
