package site

import "github.com/pocketbase/pocketbase/core"

// contentSecurityPolicy lets a Warmloop page load only its own scripts,
// styles, images and forms: no inline script and no eval (htmx runs with
// its inline indicator styles off and no hx-on attributes), no framing by
// other sites, no forms posting elsewhere. Inline style attributes stay
// allowed: a few elements size themselves with one (the funnel's bars) and
// the email previews are emails, which carry their styles inline.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; " +
	"img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-src 'self'; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// pageHeaders are sent with every HTML page and fragment Warmloop renders.
// no-referrer keeps the tokens in /r/, /i/, /s/ and /u/ URLs from reaching
// the sites those pages link to (a booking tool, say); people's data is
// never cached on the way. The names are written in their canonical form,
// so they are set straight into the header map.
var pageHeaders = map[string]string{
	"Content-Security-Policy": contentSecurityPolicy,
	"Referrer-Policy":         "no-referrer",
	"X-Content-Type-Options":  "nosniff",
	"Cache-Control":           "no-store",
}

// setPageHeaders sets pageHeaders on a response, replacing any value set
// before.
func setPageHeaders(e *core.RequestEvent) {
	h := e.Response.Header()
	for k, v := range pageHeaders {
		h[k] = []string{v}
	}
}
