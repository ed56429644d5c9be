package dashboard_test

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/mail"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// browser is a client that keeps no cookies and follows no redirects.
var browser = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// call sends a request with a cookie (may be "") and a form (may be nil),
// and returns the response and its body.
func call(t *testing.T, method, u, cookie string, form url.Values) (*http.Response, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, u, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	res, err := browser.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res, string(b)
}

var inviteLink = regexp.MustCompile(`/dashboard/invite/[0-9a-f]{64}`)

// invitationLink composes the invitation queued for an address, as the
// outbox would send it, and returns the path of its link.
func invitationLink(t *testing.T, app core.App, to string) string {
	t.Helper()
	row, err := app.FindFirstRecordByFilter("outbox", "to = {:to} && kind = 'email'", dbx.Params{"to": to})
	if err != nil {
		t.Fatal("no invitation queued:", err)
	}
	msg, err := mail.Compose(app, row)
	if err != nil {
		t.Fatal(err)
	}
	link := inviteLink.FindString(msg.Text)
	if link == "" || !strings.Contains(msg.HTML, link) {
		t.Fatalf("the invitation carries no link: %s", msg.Text)
	}
	if strings.Contains(row.GetString("payload"), strings.TrimPrefix(link, "/dashboard/invite/")) {
		t.Error("the outbox row keeps the invitation's secret")
	}
	return link
}

func TestAnOwnerInvitesAMemberWhoChoosesAPasswordOnceAndIsSignedIn(t *testing.T) {
	app := testapp.New(t)
	srv := webtest.Server(t, app)
	_, owner := testapp.Member(t, app, "Ana Ruiz", "ana@acme.example", "owner")

	res, _ := call(t, http.MethodPost, srv.URL+"/dashboard/team/invite", owner,
		url.Values{"name": {"Dana Lee"}, "email": {"dana@acme.example"}, "role": {"sales"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("inviting answered %d", res.StatusCode)
	}
	link := invitationLink(t, app, "dana@acme.example")

	// Not yet accepted: the invitee cannot sign in.
	if res, _ := call(t, http.MethodPost, srv.URL+"/dashboard/login", "", url.Values{"email": {"dana@acme.example"}, "password": {"anything-at-all"}}); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("an invitee who has not accepted signing in answered %d, want 401", res.StatusCode)
	}

	if res, body := call(t, http.MethodGet, srv.URL+link, "", nil); res.StatusCode != http.StatusOK || !strings.Contains(body, "Welcome, Dana Lee") {
		t.Fatalf("the invitation page answered %d", res.StatusCode)
	}
	res, body := call(t, http.MethodPost, srv.URL+link, "", url.Values{"password": {"short"}, "passwordConfirm": {"short"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="password-error"`) || !strings.Contains(body, `value="short"`) {
		t.Errorf("a short password answered %d, want 422 with the error beside the field and what was typed kept", res.StatusCode)
	}
	res, body = call(t, http.MethodPost, srv.URL+link, "", url.Values{"password": {"a-long-password-1"}, "passwordConfirm": {"a-long-password-2"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "The two passwords are not the same.") {
		t.Errorf("two different passwords answered %d, want 422 saying so", res.StatusCode)
	}
	res, _ = call(t, http.MethodPost, srv.URL+link, "", url.Values{"password": {"a-long-password-1"}, "passwordConfirm": {"a-long-password-1"}})
	var cookie string
	for _, c := range res.Cookies() {
		if c.Name == "warmloop_session" && c.Value != "" {
			cookie = c.Name + "=" + c.Value
		}
	}
	if res.StatusCode != http.StatusSeeOther || cookie == "" {
		t.Fatalf("accepting answered %d with cookie %q, want a redirect that signs in", res.StatusCode, cookie)
	}
	if res, body := call(t, http.MethodGet, srv.URL+"/dashboard/referrals", cookie, nil); res.StatusCode != http.StatusOK || !strings.Contains(body, "Dana Lee (sales)") {
		t.Errorf("the new member opening the referrals got %d", res.StatusCode)
	}

	// The link worked once.
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		res, _ := call(t, method, srv.URL+link, "", url.Values{"password": {"another-password-9"}, "passwordConfirm": {"another-password-9"}})
		if res.StatusCode != http.StatusGone {
			t.Errorf("%s of a used invitation answered %d, want 410", method, res.StatusCode)
		}
	}
	// And the password chosen signs in at the form.
	if res, _ := call(t, http.MethodPost, srv.URL+"/dashboard/login", "", url.Values{"email": {"dana@acme.example"}, "password": {"a-long-password-1"}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("signing in with the chosen password answered %d", res.StatusCode)
	}
}

func TestAnInvitationExpiresAfterSevenDays(t *testing.T) {
	app := testapp.New(t)
	srv := webtest.Server(t, app)
	_, owner := testapp.Member(t, app, "Ana Ruiz", "ana@acme.example", "owner")
	call(t, http.MethodPost, srv.URL+"/dashboard/team/invite", owner, url.Values{"name": {"Eli Park"}, "email": {"eli@acme.example"}, "role": {"admin"}})
	link := invitationLink(t, app, "eli@acme.example")
	if _, err := app.DB().NewQuery("UPDATE team SET invite_expires = '2020-01-01 00:00:00.000Z' WHERE email = 'eli@acme.example'").Execute(); err != nil {
		t.Fatal(err)
	}
	if res, body := call(t, http.MethodGet, srv.URL+link, "", nil); res.StatusCode != http.StatusGone || !strings.Contains(body, "used or has expired") {
		t.Errorf("an expired invitation answered %d", res.StatusCode)
	}
}

func TestABadInvitationKeepsWhatWasTypedAndInvitesNoOne(t *testing.T) {
	app := testapp.New(t)
	srv := webtest.Server(t, app)
	_, owner := testapp.Member(t, app, "Ana Ruiz", "ana@acme.example", "owner")
	for name, form := range map[string]url.Values{
		"no name":             {"email": {"new@acme.example"}, "role": {"sales"}},
		"an unknown role":     {"name": {"New Person"}, "email": {"new@acme.example"}, "role": {"god"}},
		"a taken email":       {"name": {"Ana Again"}, "email": {"ana@acme.example"}, "role": {"sales"}},
		"a bad email":         {"name": {"New Person"}, "email": {"not-an-email"}, "role": {"sales"}},
		"a superuser's email": {"name": {"The Admin"}, "email": {testapp.SuperuserEmail}, "role": {"owner"}},
	} {
		res, body := call(t, http.MethodPost, srv.URL+"/dashboard/team/invite", owner, form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `class="field-error"`) || !strings.Contains(body, `value="`+form.Get("email")+`"`) {
			t.Errorf("%s: answered %d, want 422 with the error beside its field and the email kept", name, res.StatusCode)
		}
	}
	if n, _ := app.CountRecords("team"); n != 1 {
		t.Errorf("%d team members after refused invitations, want 1", n)
	}
	if n, _ := app.CountRecords("outbox"); n != 0 {
		t.Errorf("%d emails queued by refused invitations", n)
	}
}

func TestTheDashboardKeepsTheLastOwnerAndSaysWhy(t *testing.T) {
	app := testapp.New(t)
	srv := webtest.Server(t, app)
	ana, owner := testapp.Member(t, app, "Ana Ruiz", "ana@acme.example", "owner")
	res, body := call(t, http.MethodPost, srv.URL+"/dashboard/team/"+ana.Id+"/role", owner, url.Values{"role": {"sales"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "at least one owner") {
		t.Errorf("demoting the last owner answered %d", res.StatusCode)
	}
	res, body = call(t, http.MethodPost, srv.URL+"/dashboard/team/"+ana.Id+"/remove", owner, url.Values{})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "at least one owner") {
		t.Errorf("removing the last owner answered %d", res.StatusCode)
	}
	if got, _ := app.FindRecordById("team", ana.Id); got == nil || got.GetString("role") != "owner" {
		t.Errorf("the last owner is now %v", got)
	}
	dana, _ := testapp.Member(t, app, "Dana Lee", "dana@acme.example", "sales")
	if res, _ := call(t, http.MethodPost, srv.URL+"/dashboard/team/"+dana.Id+"/role", owner, url.Values{"role": {"admin"}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("making a sales member an admin answered %d", res.StatusCode)
	}
	if res, _ := call(t, http.MethodPost, srv.URL+"/dashboard/team/"+dana.Id+"/remove", owner, url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("removing a member answered %d", res.StatusCode)
	}
	if _, err := app.FindRecordById("team", dana.Id); err == nil {
		t.Error("the removed member is still on the team")
	}
}
