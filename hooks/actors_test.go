package hooks_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/referrals"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// chromeUA is a person's browser: a visit from it counts as the referee's.
const chromeUA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"

// send makes one request to the app with headers and a form or JSON body
// (may be ""), following no redirect, and returns the status and the body.
func send(t *testing.T, method, url, body string, headers map[string]string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// actorsOf lists the moves recorded for a referral as "from→to by actor".
func actorsOf(t *testing.T, app core.App, referralID string) []string {
	t.Helper()
	evs, err := app.FindAllRecords("referral_events", dbx.HashExp{"referral": referralID})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, ev := range evs {
		out = append(out, ev.GetString("from_status")+"→"+ev.GetString("to_status")+" by "+ev.GetString("actor"))
	}
	return out
}

func TestEveryWayAReferralMovesRecordsWhoMovedIt(t *testing.T) {
	form := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	with := func(extra map[string]string) map[string]string {
		h := map[string]string{}
		for k, v := range form {
			h[k] = v
		}
		for k, v := range extra {
			h[k] = v
		}
		return h
	}
	cases := []struct {
		name string
		move func(t *testing.T, app core.App, srv, id string)
		want string
	}{
		{"the referee opening their page", func(t *testing.T, app core.App, srv, id string) {
			send(t, http.MethodGet, srv+"/i/"+webtest.RefCode, "", map[string]string{"User-Agent": chromeUA})
		}, "invited→visited by the referee"},
		{"the referee declining", func(t *testing.T, app core.App, srv, id string) {
			send(t, http.MethodPost, srv+"/i/"+webtest.RefCode, "decline=1", with(nil))
		}, "invited→lost by the referee"},
		{"the booking webhook", func(t *testing.T, app core.App, srv, id string) {
			s, _ := app.FindFirstRecordByFilter("settings", "")
			s.Set("booking_secret", "bk-secret")
			if err := app.Save(s); err != nil {
				t.Fatal(err)
			}
			send(t, http.MethodPost, srv+"/hooks/booking/calendly?token=bk-secret",
				`{"event":"invitee.created","payload":{"email":"jo@fabrikam.example","name":"Jo Bloggs"}}`,
				map[string]string{"Content-Type": "application/json"})
		}, "invited→booked by booking webhook"},
		{"a superuser through the REST API", func(t *testing.T, app core.App, srv, id string) {
			send(t, http.MethodPatch, srv+"/api/collections/referrals/records/"+id, `{"status":"visited"}`,
				map[string]string{"Content-Type": "application/json", "Authorization": testapp.SuperuserToken})
		}, "invited→visited by REST API: " + testapp.SuperuserEmail},
		{"a sales member in the dashboard", func(t *testing.T, app core.App, srv, id string) {
			_, cookie := testapp.Member(t, app, "Dana Lee", "dana@acme.example", "sales")
			send(t, http.MethodPost, srv+"/dashboard/referrals/"+id, "status=visited", with(map[string]string{"Cookie": cookie}))
		}, "invited→visited by Dana Lee (sales)"},
		{"a superuser in the dashboard", func(t *testing.T, app core.App, srv, id string) {
			send(t, http.MethodPost, srv+"/dashboard/referrals/"+id, "status=visited",
				with(map[string]string{"Cookie": "warmloop_session=" + testapp.SuperuserToken}))
		}, "invited→visited by " + testapp.SuperuserEmail + " (superuser)"},
		{"a Go program that names no one", func(t *testing.T, app core.App, srv, id string) {
			r, _ := app.FindRecordById("referrals", id)
			r.Set("status", "visited")
			if err := app.Save(r); err != nil {
				t.Fatal(err)
			}
		}, "invited→visited by " + referrals.ActorUnnamed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app := webtest.WithReferral(t)
			defer app.Cleanup()
			srv := webtest.Server(t, app)
			id := webtest.MustReferral(t, app).Id
			c.move(t, app, srv.URL, id)
			if got := actorsOf(t, app, id); len(got) != 1 || got[0] != c.want {
				t.Errorf("history %q, want [%q]", got, c.want)
			}
		})
	}

	t.Run("the referrer introducing someone from their ask", func(t *testing.T) {
		app := webtest.WithReferral(t)
		defer app.Cleanup()
		srv := webtest.Server(t, app)
		body := url.Values{"referee_name": {"Sam Rivera"}, "referee_email": {"sam@globex.example"}, "message": {"Meet them."}}.Encode()
		send(t, http.MethodPost, srv.URL+"/r/"+webtest.AskToken, body, with(map[string]string{"User-Agent": chromeUA}))
		sam, err := app.FindFirstRecordByData("referrals", "referee_email", "sam@globex.example")
		if err != nil {
			t.Fatal("no referral made:", err)
		}
		if got := actorsOf(t, app, sam.Id); len(got) != 1 || got[0] != "→invited by the referrer" {
			t.Errorf("history %q, want [→invited by the referrer]", got)
		}
	})
}
