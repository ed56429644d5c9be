package dashboard_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/signin"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

const rightPassword = "a-long-test-password"

// signInServer is a real server over a full app that takes the visitor's
// address from X-Forwarded-For, as it would behind a proxy, so a test can
// sign in from several networks. PocketBase's own rate limiter, whose burst
// rule would answer some back-to-back API tries first, is off: what is
// under test is the sign-in guard, which does not depend on it.
type signInServer struct {
	t      *testing.T
	app    *tests.TestApp
	url    string
	client *http.Client
}

func newSignInServer(t *testing.T) *signInServer {
	app := testapp.New(t)
	s := app.Settings()
	s.TrustedProxy.Headers = []string{"X-Forwarded-For"}
	s.RateLimits.Enabled = false
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	srv := webtest.Server(t, app)
	noRedirect := func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &signInServer{t: t, app: app, url: srv.URL, client: &http.Client{CheckRedirect: noRedirect}}
}

// answer is what a sign-in came back with.
type answer struct {
	status int
	body   string
	cookie string // the session cookie's value, when one was set
}

func (s *signInServer) do(req *http.Request, ip string) answer {
	s.t.Helper()
	if ip != "" {
		req.Header.Set("X-Forwarded-For", ip)
	}
	res, err := s.client.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	a := answer{status: res.StatusCode, body: string(body)}
	for _, c := range res.Cookies() {
		if c.Name == "warmloop_session" && c.Value != "" {
			a.cookie = c.Value
		}
	}
	return a
}

// form signs in through the dashboard's form from ip.
func (s *signInServer) form(ip, email, password string) answer {
	s.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.url+"/dashboard/login",
		webtest.Form(url.Values{"email": {email}, "password": {password}}))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return s.do(req, ip)
}

// api signs in through PocketBase's auth API (what /_/ uses) from ip.
func (s *signInServer) api(ip, email, password string) answer {
	s.t.Helper()
	body, _ := json.Marshal(map[string]string{"identity": email, "password": password})
	req, _ := http.NewRequest(http.MethodPost, s.url+"/api/collections/_superusers/auth-with-password", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	return s.do(req, ip)
}

// get fetches path with the session cookie set to value.
func (s *signInServer) get(path, cookie string) answer {
	s.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.url+path, nil)
	req.AddCookie(&http.Cookie{Name: "warmloop_session", Value: cookie})
	return s.do(req, "")
}

// signedIn reports whether cookie opens the dashboard.
func (s *signInServer) signedIn(cookie string) bool {
	s.t.Helper()
	a := s.get("/dashboard", cookie)
	if a.status != http.StatusOK && a.status != http.StatusSeeOther {
		s.t.Fatalf("GET /dashboard answered %d", a.status)
	}
	return a.status == http.StatusOK
}

// Five wrong passwords for one email from one network lock that email out
// of that network, whether the tries came through the form or the API (they
// count together), and whether or not the email has an account: the sixth
// try is refused, even with the right password, with the same answer for an
// unknown email. The same administrator signs in from another network.
func TestWrongPasswordsLockAnEmailOutOfOneNetworkOnly(t *testing.T) {
	s := newSignInServer(t)
	const b = "198.51.100.20"
	locked := map[string]answer{}
	for n, email := range []string{testapp.SuperuserEmail, "nobody@warmloop.test"} {
		a := fmt.Sprintf("203.0.113.%d", 10+n)
		for i := range signin.MaxFailures {
			try := s.form
			if i%2 == 1 {
				try = s.api
			}
			if got := try(a, email, "wrong-"+fmt.Sprint(i)); got.status == http.StatusTooManyRequests {
				t.Fatalf("%s: try %d was refused before its password was checked: %s", email, i+1, got.body)
			}
		}
		locked[email] = s.form(a, email, rightPassword)
		if got := locked[email]; got.status != http.StatusTooManyRequests || got.cookie != "" ||
			!strings.Contains(got.body, "Too many wrong passwords for this email from your network. Try again in 15 minutes.") {
			t.Errorf("%s: the sixth try through the form answered %d, cookie %q: %s", email, got.status, got.cookie, got.body)
		}
		if got := s.api(a, email, rightPassword); got.status != http.StatusTooManyRequests || !strings.Contains(got.body, "Too many wrong passwords") {
			t.Errorf("%s: the sixth try through the API answered %d: %s", email, got.status, got.body)
		}
	}
	if locked[testapp.SuperuserEmail].body != strings.ReplaceAll(locked["nobody@warmloop.test"].body, "nobody@warmloop.test", testapp.SuperuserEmail) {
		t.Errorf("a locked administrator and a locked unknown email get different pages:\n%s\n---\n%s",
			locked[testapp.SuperuserEmail].body, locked["nobody@warmloop.test"].body)
	}

	if got := s.form(b, testapp.SuperuserEmail, rightPassword); got.status != http.StatusSeeOther || got.cookie == "" {
		t.Errorf("the administrator signing in from another network through the form got %d: %s", got.status, got.body)
	}
	if got := s.api(b, testapp.SuperuserEmail, rightPassword); got.status != http.StatusOK {
		t.Errorf("the administrator signing in from another network through the API got %d: %s", got.status, got.body)
	}
}

// A right password clears the wrong ones before it: a person who mistypes a
// few times, signs in, and mistypes again later is not locked out.
func TestASuccessfulSignInClearsTheWrongPasswordsBeforeIt(t *testing.T) {
	s := newSignInServer(t)
	const ip = "203.0.113.30"
	for round := range 2 {
		for i := range signin.MaxFailures - 1 {
			if got := s.form(ip, testapp.SuperuserEmail, "typo"); got.status != http.StatusUnauthorized {
				t.Fatalf("round %d, try %d answered %d", round, i+1, got.status)
			}
		}
		if got := s.api(ip, testapp.SuperuserEmail, rightPassword); got.status != http.StatusOK {
			t.Fatalf("round %d: the right password answered %d: %s", round, got.status, got.body)
		}
	}
}

// One network gets a fixed number of sign-in tries a minute, to any emails,
// the form and the API counted together; another network is not held back.
func TestOneNetworksSignInTriesAreLimitedAcrossTheFormAndTheAPI(t *testing.T) {
	s := newSignInServer(t)
	const a, b = "2001:db8:1:2::10", "203.0.113.40"
	for i := range signin.AttemptsPerNetwork {
		try := s.api
		if i%2 == 1 {
			try = s.form
		}
		// Other addresses in the same IPv6 /64 count as the same network.
		ip := fmt.Sprintf("2001:db8:1:2::%x", 0x100+i)
		if got := try(ip, fmt.Sprintf("guess%d@warmloop.test", i), "guess"); got.status == http.StatusTooManyRequests {
			t.Fatalf("try %d was refused: %s", i+1, got.body)
		}
	}
	want := "Too many sign-in attempts from your network. Please wait a minute and try again."
	if got := s.form(a, "one-more@warmloop.test", "guess"); got.status != http.StatusTooManyRequests || !strings.Contains(got.body, want) {
		t.Errorf("the form after the network's tries answered %d: %s", got.status, got.body)
	}
	if got := s.api(a, "one-more@warmloop.test", "guess"); got.status != http.StatusTooManyRequests || !strings.Contains(got.body, want) {
		t.Errorf("the API after the network's tries answered %d: %s", got.status, got.body)
	}
	if got := s.form(b, testapp.SuperuserEmail, rightPassword); got.status != http.StatusSeeOther {
		t.Errorf("another network signing in answered %d: %s", got.status, got.body)
	}
}

// Signing out ends the session on the server: the cookie a browser (or a
// thief) kept from before is a guest's, on the dashboard and the public pages.
func TestSigningOutMakesTheOldCookieUseless(t *testing.T) {
	s := newSignInServer(t)
	cookie := s.form("203.0.113.50", testapp.SuperuserEmail, rightPassword).cookie
	if cookie == "" || !s.signedIn(cookie) {
		t.Fatalf("signing in gave a cookie %q that does not open the dashboard", cookie)
	}
	other := s.form("203.0.113.51", testapp.SuperuserEmail, rightPassword).cookie

	req, _ := http.NewRequest(http.MethodPost, s.url+"/dashboard/logout", nil)
	req.AddCookie(&http.Cookie{Name: "warmloop_session", Value: cookie})
	if got := s.do(req, ""); got.status != http.StatusSeeOther {
		t.Fatalf("signing out answered %d: %s", got.status, got.body)
	}
	if s.signedIn(cookie) {
		t.Error("the cookie from before signing out still opens the dashboard")
	}
	if home := s.get("/", cookie); strings.Contains(home.body, "System status") || !strings.Contains(home.body, "Sign in") {
		t.Error("the home page still greets the signed-out cookie as an administrator")
	}
	if !s.signedIn(other) {
		t.Error("signing out in one browser ended the session of another")
	}
}

// A session keeps in the database only a hash of the cookie's secret, so a
// copy of the database opens no dashboard.
func TestTheDatabaseHoldsOnlyAHashOfTheSessionSecret(t *testing.T) {
	s := newSignInServer(t)
	cookie := s.form("203.0.113.55", testapp.SuperuserEmail, rightPassword).cookie
	if cookie == "" {
		t.Fatal("signing in set no cookie")
	}
	var n int
	if err := s.app.DB().Select("count(*)").From("sessions").Where(dbx.HashExp{"token_hash": signin.Hash(cookie)}).Row(&n); err != nil || n != 1 {
		t.Fatalf("%d sessions with the cookie's hash (%v), want 1", n, err)
	}
	var raw int
	_ = s.app.DB().NewQuery("SELECT count(*) FROM sessions WHERE token_hash = {:c} OR user_agent = {:c} OR id = {:c}").
		Bind(dbx.Params{"c": cookie}).Row(&raw)
	if raw != 0 {
		t.Error("the cookie's secret is stored as it is")
	}
}

// A session ends by itself: after a day nobody used it, after a week
// however busy it was, and when the administrator's password changes.
func TestASessionEnds(t *testing.T) {
	s := newSignInServer(t)
	at := func(d time.Duration) string { return time.Now().Add(d).UTC().Format("2006-01-02 15:04:05.000Z") }
	for _, c := range []struct {
		name    string
		change  dbx.Params
		survive bool
	}{
		{"used an hour ago", dbx.Params{"last_seen": at(-time.Hour)}, true},
		{"unused for a day", dbx.Params{"last_seen": at(-signin.IdleTimeout - time.Minute)}, false},
		{"a week old though used a minute ago", dbx.Params{"last_seen": at(-time.Minute), "expires": at(-time.Second)}, false},
	} {
		cookie := s.form("203.0.113.60", testapp.SuperuserEmail, rightPassword).cookie
		if _, err := s.app.DB().Update("sessions", c.change, dbx.HashExp{"token_hash": signin.Hash(cookie)}).Execute(); err != nil {
			t.Fatal(err)
		}
		if got := s.signedIn(cookie); got != c.survive {
			t.Errorf("a session %s: signed in = %v, want %v", c.name, got, c.survive)
		}
	}

	cookie := s.form("203.0.113.61", testapp.SuperuserEmail, rightPassword).cookie
	su, err := s.app.FindAuthRecordByEmail(core.CollectionNameSuperusers, testapp.SuperuserEmail)
	if err != nil {
		t.Fatal(err)
	}
	su.SetPassword("a-new-long-password")
	if err := s.app.Save(su); err != nil {
		t.Fatal(err)
	}
	if s.signedIn(cookie) {
		t.Error("a session outlived a change of the administrator's password")
	}
}

// A team member signs in through the same guard as a superuser: wrong
// passwords through the form and the team's auth API count together and
// lock their email out of that network; from another network their
// password opens a session.
func TestATeamMemberSignsInThroughTheSameGuardAsASuperuser(t *testing.T) {
	s := newSignInServer(t)
	testapp.Member(t, s.app, "Dana Lee", "dana@acme.example", "sales")
	teamAPI := func(ip, password string) answer {
		body, _ := json.Marshal(map[string]string{"identity": "dana@acme.example", "password": password})
		req, _ := http.NewRequest(http.MethodPost, s.url+"/api/collections/team/auth-with-password", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		return s.do(req, ip)
	}
	const ip = "203.0.113.40"
	for i := range signin.MaxFailures {
		if i%2 == 0 {
			s.form(ip, "dana@acme.example", "wrong-"+fmt.Sprint(i))
		} else {
			teamAPI(ip, "wrong-"+fmt.Sprint(i))
		}
	}
	if got := s.form(ip, "dana@acme.example", testapp.TeamPassword); got.status != http.StatusTooManyRequests || got.cookie != "" {
		t.Errorf("after %d wrong passwords the form answered %d", signin.MaxFailures, got.status)
	}
	if got := teamAPI(ip, testapp.TeamPassword); got.status != http.StatusTooManyRequests {
		t.Errorf("after %d wrong passwords the team's auth API answered %d", signin.MaxFailures, got.status)
	}
	got := s.form("198.51.100.40", "dana@acme.example", testapp.TeamPassword)
	if got.status != http.StatusSeeOther || got.cookie == "" {
		t.Fatalf("signing in from another network answered %d", got.status)
	}
	if a := s.get("/dashboard/referrals", got.cookie); a.status != http.StatusOK {
		t.Errorf("the member's session opening the referrals answered %d", a.status)
	}
}
