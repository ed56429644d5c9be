// Package pages renders the markdown-authored pages and emails: goldmark for
// the HTML, a plain-text alternative for email, and {{variables}} filled in
// with whatever people typed escaped so it can never become markup.
package pages

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// md renders CommonMark with GitHub's tables and autolinks. Raw HTML in a
// page is left out: authors write markdown, and nothing in a page can inject
// a script.
var md = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Linkify, extension.Strikethrough))

// Vars are the named values a page refers to as {{name}}. Values in People
// come from people (names, companies, messages) and are escaped; values in
// System come from Warmloop (links) and are used as they are.
type Vars struct {
	People map[string]string
	System map[string]string
}

var placeholder = regexp.MustCompile(`\{\{\s*([a-z_]+)\s*\}\}`)

// fill replaces each {{name}} in src with its value; esc escapes people's
// values. Unknown names are left as written, so an author sees the typo.
func fill(src string, v Vars, esc func(string) string) string {
	return placeholder.ReplaceAllStringFunc(src, func(m string) string {
		name := placeholder.FindStringSubmatch(m)[1]
		if val, ok := v.System[name]; ok {
			return val
		}
		if val, ok := v.People[name]; ok {
			return esc(val)
		}
		return m
	})
}

// escapeMarkdown backslash-escapes every ASCII punctuation character, which
// CommonMark then shows literally: a name like "<b>Ana</b>" or "*Ana*" stays
// text. Line breaks become spaces, so a value cannot start a new block.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 128 && strings.ContainsRune("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// HTML renders a markdown page with its variables filled in.
func HTML(src string, v Vars) (string, error) {
	var buf bytes.Buffer
	if err := md.Convert([]byte(fill(src, v, escapeMarkdown)), &buf); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// Text renders the plain-text alternative of an email: the markdown read as
// plain words (see plainText), with variables filled in as typed.
func Text(src string, v Vars) string {
	return CompileText(src).Fill(v.Flat())
}

// Line fills a one-line template such as an email subject: no markdown,
// values as typed (the mailer encodes the header).
func Line(src string, v Vars) string {
	return strings.Join(strings.Fields(fill(src, v, func(s string) string { return s })), " ")
}

// FirstName is the {{first_name}} of a person's full name: the part before
// the first space.
func FirstName(name string) string {
	name = strings.TrimSpace(name)
	if i := strings.IndexByte(name, ' '); i > 0 {
		return name[:i]
	}
	return name
}
