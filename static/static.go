// Package static embeds the CSS, the small script, images and vendored htmx
// served under /static/, and the markdown copy Warmloop ships for its pages
// and emails.
package static

import "embed"

// FS holds every file served under /static/. It names its files one by one,
// so nothing else in this directory (the shipped copy in content/) is served.
//
//go:embed app.css app.js favicon.svg vendor/htmx.min.js
var FS embed.FS

// Content holds the copy each page, email and ask variant ships with, one
// file each: content/{slug}.md for a page in English, content/variants/{name}.md
// for an English ask variant that is not a page's copy (the "thanks" variant
// is the ask_email page's), and the same files again under content/de/,
// content/fr/, content/es/ and content/nl/, written in those languages with
// the same {{variables}} and the same markdown shape. Each file is a first
// line "# " and the title (the page's heading, the email's or variant's
// subject), a blank line, then the markdown body exactly as a fresh program
// stores it, down to its last newline or the lack of one (draft_message has
// none). The migrations write it into a fresh program and "Restore the
// default" reads it again; it is never served.
//
//go:embed content
var Content embed.FS
