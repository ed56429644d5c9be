package hooks_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/signin"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// api sends a superuser's JSON request to the app's REST API and returns the status and body.
func api(t *testing.T, url, method, path, body string) (int, string) {
	t.Helper()
	return send(t, method, url+path, body, map[string]string{"Authorization": testapp.SuperuserToken, "Content-Type": "application/json"})
}

func TestTheLastOwnerIsNeitherDemotedNorRemovedThroughTheRESTAPI(t *testing.T) {
	app := testapp.New(t)
	srv := webtest.Server(t, app)
	ana, _ := testapp.Member(t, app, "Ana Ruiz", "ana@acme.example", signin.Owner)
	path := "/api/collections/team/records/" + ana.Id

	if status, body := api(t, srv.URL, http.MethodPatch, path, `{"role":"sales"}`); status != http.StatusBadRequest || !strings.Contains(body, "at least one owner") {
		t.Errorf("demoting the last owner answered %d %s, want 400 saying why", status, body)
	}
	if status, body := api(t, srv.URL, http.MethodDelete, path, ``); status != http.StatusBadRequest || !strings.Contains(body, "at least one owner") {
		t.Errorf("removing the last owner answered %d %s, want 400 saying why", status, body)
	}
	if got, err := app.FindRecordById("team", ana.Id); err != nil || got.GetString("role") != signin.Owner {
		t.Fatalf("after the refusals Ana is %v (%v), want still an owner", got, err)
	}

	// With a second owner who has accepted, the first may step down.
	testapp.Member(t, app, "Bo Chen", "bo@acme.example", signin.Owner)
	if status, body := api(t, srv.URL, http.MethodPatch, path, `{"role":"sales"}`); status != http.StatusOK {
		t.Errorf("demoting one of two owners answered %d %s, want 200", status, body)
	}
}

func TestAnInvitedOwnerWhoHasNotAcceptedDoesNotKeepTheTeamOwned(t *testing.T) {
	app := testapp.New(t)
	ana, _ := testapp.Member(t, app, "Ana Ruiz", "ana@acme.example", signin.Owner)
	if _, err := signin.Invite(app, ana, signin.Invitation{Name: "Bo Chen", Email: "bo@acme.example", Role: signin.Owner}, time.Now()); err != nil {
		t.Fatal(err)
	}
	ana.Set("role", signin.Admin)
	if err := app.Save(ana); err == nil {
		t.Error("the only owner who can sign in was demoted while the other owner is only invited")
	}
}

func TestAMemberWhoseRoleChangesOrWhoIsRemovedIsSignedOut(t *testing.T) {
	app := testapp.New(t)
	testapp.Member(t, app, "Ana Ruiz", "ana@acme.example", signin.Owner)
	dana, cookie := testapp.Member(t, app, "Dana Lee", "dana@acme.example", signin.Admin)
	secret := strings.TrimPrefix(cookie, "warmloop_session=")
	if signin.FindSession(app, secret) == nil {
		t.Fatal("the new session opens nothing")
	}
	dana.Set("role", signin.Sales)
	if err := app.Save(dana); err != nil {
		t.Fatal(err)
	}
	if signin.FindSession(app, secret) != nil {
		t.Error("after the role changed, the old session still signs the member in")
	}

	_, cookie = testapp.Member(t, app, "Eli Park", "eli@acme.example", signin.Sales)
	eli, _ := app.FindAuthRecordByEmail("team", "eli@acme.example")
	if err := app.Delete(eli); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := app.DB().NewQuery("SELECT COUNT(*) FROM sessions WHERE team = {:id}").Bind(map[string]any{"id": eli.Id}).Row(&n); err != nil || n != 0 {
		t.Errorf("a removed member keeps %d sessions (%v)", n, err)
	}
}

func TestASessionBelongsToExactlyOnePerson(t *testing.T) {
	app := testapp.New(t)
	dana, _ := testapp.Member(t, app, "Dana Lee", "dana@acme.example", signin.Sales)
	su, _ := app.FindAuthRecordByEmail(core.CollectionNameSuperusers, testapp.SuperuserEmail)
	coll, _ := app.FindCollectionByNameOrId("sessions")
	for name, set := range map[string]map[string]string{"no one": {}, "both": {"superuser": su.Id, "team": dana.Id}} {
		s := core.NewRecord(coll)
		for k, v := range set {
			s.Set(k, v)
		}
		s.Set("token_hash", strings.Repeat("a", 64))
		s.Set("last_seen", time.Now())
		s.Set("expires", time.Now())
		if err := app.Save(s); err == nil {
			t.Errorf("a session of %s was saved", name)
		}
	}
}
