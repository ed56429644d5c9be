package views

import (
	"net/url"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// redacted replaces a secret's value in the request log.
const redacted = "REDACTED"

// bindLogRedaction keeps secrets sent in a URL out of PocketBase's request
// log. Some tools can only prove a webhook's secret with ?token= (Delighted,
// Calendly); PocketBase's activity logger records each request's URL and
// Referer after the handler returns. This middleware runs just inside the
// logger, so the handler still reads the real query, and on the way out it
// replaces the value of every secret-named query parameter with REDACTED
// before the logger reads them.
func bindLogRedaction(se *core.ServeEvent) {
	se.Router.Bind(&hook.Handler[*core.RequestEvent]{
		Id:       "warmloopRedactLoggedSecrets",
		Priority: apis.DefaultActivityLoggerMiddlewarePriority + 1,
		Func: func(e *core.RequestEvent) error {
			defer redactRequest(e)
			return e.Next()
		},
	})
}

// redactRequest rewrites what the request log reads of a finished request:
// the URL's query and the Referer header.
func redactRequest(e *core.RequestEvent) {
	if e.Request == nil || e.Request.URL == nil {
		return
	}
	if q := redactQuery(e.Request.URL.RawQuery); q != e.Request.URL.RawQuery {
		u := *e.Request.URL
		u.RawQuery = q
		e.Request.URL = &u
	}
	if ref := e.Request.Header.Get("Referer"); ref != "" {
		if before, query, ok := strings.Cut(ref, "?"); ok {
			e.Request.Header.Set("Referer", before+"?"+redactQuery(query))
		}
	}
}

// redactQuery is a raw query string with the value of every secret-named
// parameter (secretName) replaced by REDACTED; everything else, including
// the order of the parameters, is kept as it was.
func redactQuery(raw string) string {
	if raw == "" {
		return raw
	}
	parts := strings.Split(raw, "&")
	for i, part := range parts {
		key, _, _ := strings.Cut(part, "=")
		name, err := url.QueryUnescape(key)
		if err != nil {
			name = key
		}
		if secretName(name) {
			parts[i] = key + "=" + redacted
		}
	}
	return strings.Join(parts, "&")
}

// secretName reports whether a query parameter's name says it carries a
// secret: token, secret, password or signature anywhere in it (access_token,
// client_secret), or key at its end (key, api_key, apikey), in any case.
func secretName(name string) bool {
	name = strings.ToLower(name)
	for _, word := range []string{"token", "secret", "password", "passwd", "signature"} {
		if strings.Contains(name, word) {
			return true
		}
	}
	return strings.HasSuffix(name, "key")
}
