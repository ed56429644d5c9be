package public_test

import (
	"net/http"
	"strings"
	"testing"

	"warmloop/tests/webtest"
)

// TestEveryPageCarriesThePolicyHeaders checks that the pages strangers open
// forbid inline script and framing and send no Referer: the tokens in their
// URLs must not reach the sites they link to.
func TestEveryPageCarriesThePolicyHeaders(t *testing.T) {
	app := webtest.WithReferral(t)
	srv := webtest.Server(t, app)
	ana := webtest.MustAna(t, app)
	for _, path := range []string{"/", "/thanks", "/r/" + webtest.AskToken, "/i/" + webtest.RefCode,
		"/s/" + ana.GetString("referral_code"), "/u/" + webtest.UnsubscribeToken, "/no-such-page", "/r/NoSuchTokenAtAllHere00"} {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		csp := res.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-eval") ||
			!strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "form-action 'self'") {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
		if got := res.Header.Get("Referrer-Policy"); got != "no-referrer" {
			t.Errorf("%s: Referrer-Policy %q, want no-referrer", path, got)
		}
		if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			t.Errorf("%s: Content-Type %q", path, res.Header.Get("Content-Type"))
		}
	}
}
