package dashboard

import (
	"html/template"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
	"warmloop/internal/mail"
	"warmloop/internal/pages"
)

// pagePreview is a page rendered with sample values, as its readers get
// it, around words in the admin's language.
type pagePreview struct {
	locale.Speaker
	Kind    string
	Heading string        // the page's heading, or the email's subject
	Body    template.HTML // a web page's body
	Email   string        // the whole email, for an iframe's srcdoc
	Text    string        // the plain-text alternative, or the pre-written text
	Unknown string        // the variables the page does not know, said plainly
	Failed  string        // why nothing could be rendered
}

// previewPage renders title and body, written in the language loc, with the
// sample values through the same renderer and the same variables as real
// use: markdown Warmloop writes goes in first, everything else fills a
// slot, escaped; an email's footer and unsubscribe words are loc's, as its
// readers get them.
func previewPage(app core.App, sp locale.Speaker, spec pageSpec, checked bool, loc, title, body string) pagePreview {
	samples := pageSamplesFor(app, spec)
	samples["locale"] = loc
	p := pagePreview{Speaker: sp, Kind: spec.Kind, Heading: pages.Line(title, pages.Vars{People: pageValues(samples, spec.TitleVars)})}
	if checked {
		if unknown := pages.UnknownVars(body, spec.Names()); len(unknown) > 0 {
			p.Unknown = sp.T("dash.pages.preview_unknown", "Unknown", strings.Join(unknown, ", "))
		}
	}
	values := pageValues(samples, spec.Names())
	if spec.Kind == pages.KindText {
		p.Text = strings.TrimSpace(pages.Text(body, pages.Vars{People: values}))
		return p
	}
	compiled, err := spec.Compile(body, samples)
	if err != nil {
		p.Failed = sp.T("dash.pages.preview_failed", "Detail", err.Error())
		return p
	}
	html := compiled.Fill(values)
	if spec.Kind != pages.KindEmail {
		p.Body = template.HTML(html) // goldmark without raw HTML, every value escaped: as the public pages show it
		return p
	}
	footer := spec.Footer(samples)
	p.Email = mail.Envelope(samples["locale"], html, footer.Text, footer.LinkText, footer.Link)
	p.Text = strings.TrimSpace(pages.CompileText(body).Fill(values)) + "\n--\n" + footer.Text + "\n"
	if footer.Link != "" {
		p.Text += footer.LinkText + ": " + footer.Link + "\n"
	}
	return p
}

// pageValues is the part of values named in keys.
func pageValues(values map[string]string, keys []string) map[string]string {
	out := make(map[string]string, len(keys))
	for _, k := range keys {
		out[k] = values[k]
	}
	return out
}
