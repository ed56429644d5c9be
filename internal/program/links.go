package program

import (
	"net"
	"net/url"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// DefaultAppURL is PocketBase's Application URL until someone changes it.
// Nothing listens there unless the server happens to run on that port, so
// links are never built from it while a better address is known.
const DefaultAppURL = "http://localhost:8090"

// listenKey is where Listening keeps the address the server listens on.
const listenKey = "warmloop.listen"

// Listener is the address the server was started on: its listen address,
// whether it serves TLS, and the domains it got a certificate for.
type Listener struct {
	Addr    string
	TLS     bool
	Domains []string
}

// Listening records, when the server starts, the address it listens on.
func Listening(app core.App, l Listener) {
	app.Store().Set(listenKey, l)
}

// BaseURL is the start of every link Warmloop writes (emails, share links,
// webhook addresses), without a trailing slash. In order: the app_url
// setting; PocketBase's Application URL once it is no longer its default;
// the address a signed-in admin last reached the dashboard at; the address
// the server listens on. Outside a server (commands, tests) with none of
// these, PocketBase's Application URL.
func BaseURL(app core.App) string {
	s, _ := Load(app)
	if s.AppURL != "" {
		return s.AppURL
	}
	if pb := strings.TrimRight(app.Settings().Meta.AppURL, "/"); pb != DefaultAppURL && pb != "" {
		return pb
	}
	l, serving := app.Store().Get(listenKey).(Listener)
	if s.SeenURL != "" && !(serving && staleLoopback(s.SeenURL, l)) {
		return s.SeenURL
	}
	if serving {
		if u := l.URL(); u != "" {
			return u
		}
	}
	return strings.TrimRight(app.Settings().Meta.AppURL, "/")
}

// URL is the address a listener is reached at: its first domain, else its
// host and port, with 127.0.0.1 for a wildcard host (0.0.0.0, [::]), which
// nobody can open.
func (l Listener) URL() string {
	scheme := "http"
	if l.TLS {
		scheme = "https"
	}
	if len(l.Domains) > 0 && l.Domains[0] != "" {
		return scheme + "://" + l.Domains[0]
	}
	host, port, err := net.SplitHostPort(l.Addr)
	if err != nil {
		return ""
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	if (scheme == "http" && (port == "80" || port == "http")) || (scheme == "https" && (port == "443" || port == "https")) {
		return scheme + "://" + hostForURL(host)
	}
	return scheme + "://" + net.JoinHostPort(host, port)
}

// hostForURL brackets an IPv6 address.
func hostForURL(host string) string {
	if strings.Contains(host, ":") {
		return "[" + host + "]"
	}
	return host
}

// staleLoopback reports whether seen is a loopback address on another port
// than the server listens on: a run on another port, or a tunnel, and not
// where this server answers.
func staleLoopback(seen string, l Listener) bool {
	u, err := url.Parse(seen)
	if err != nil || !IsLoopback(seen) {
		return false
	}
	_, port, err := net.SplitHostPort(l.Addr)
	if err != nil {
		return false
	}
	seenPort := u.Port()
	if seenPort == "" {
		seenPort = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	return seenPort != port
}

// IsLoopback reports whether an address only opens on this machine:
// localhost, a name under .localhost, or a loopback or wildcard IP.
func IsLoopback(address string) bool {
	u, err := url.Parse(address)
	if err != nil {
		return false
	}
	host := strings.ToLower(u.Hostname())
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && (ip.IsLoopback() || ip.IsUnspecified())
}

// NeedsAppURL reports whether the settings lack an address customers can
// open: app_url unset, or on this machine only.
func NeedsAppURL(s Settings) bool {
	return s.AppURL == "" || IsLoopback(s.AppURL)
}

// AdminSeenURL is the address a request reached the server at, scheme and
// host only, or "" when the request's host is not a plain host[:port].
// forwardedProto is the X-Forwarded-Proto a proxy in front set, if any.
func AdminSeenURL(tls bool, host, forwardedProto string) string {
	scheme := "http"
	if tls || strings.EqualFold(forwardedProto, "https") {
		scheme = "https"
	}
	u, err := url.Parse(scheme + "://" + host)
	if err != nil || host == "" || u.Host != host || u.User != nil || u.Path != "" || u.RawQuery != "" || len(host) > 250 {
		return ""
	}
	return scheme + "://" + strings.ToLower(host)
}

// RememberAdminURL keeps seen as the address a signed-in admin last
// reached the dashboard at, when it changed. Only dashboard requests of a
// signed-in admin may call it: a guest's Host header must never become the
// start of links. It writes the one column itself, as bookkeeping: nothing
// a hook guards changes, and no cached page depends on it.
func RememberAdminURL(app core.App, seen string) error {
	s, err := Load(app)
	if err != nil || seen == "" || s.SeenURL == seen {
		return err
	}
	_, err = app.DB().Update("settings", dbx.Params{"seen_url": seen}, dbx.HashExp{"id": s.ID}).Execute()
	Forget(app)
	return err
}
