package pb_migrations_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// teamMigration is migration 1764000016, to run by hand on an app.
func teamMigration(t *testing.T) *core.Migration {
	t.Helper()
	for _, m := range core.AppMigrations.Items() {
		if m.File == "1764000016_team.go" {
			return m
		}
	}
	t.Fatal("migration 1764000016_team.go is not registered")
	return nil
}

// teamSchema reports what the team migration adds.
func teamSchema(app core.App) (team, sessionTeam, actor, invitePage bool) {
	_, err := app.FindCollectionByNameOrId("team")
	team = err == nil
	if s, err := app.FindCollectionByNameOrId("sessions"); err == nil {
		sessionTeam = s.Fields.GetByName("team") != nil
	}
	if ev, err := app.FindCollectionByNameOrId("referral_events"); err == nil {
		actor = ev.Fields.GetByName("actor") != nil
	}
	_, err = app.FindFirstRecordByData("pages", "slug", "team_invite_email")
	invitePage = err == nil
	return
}

func TestTheTeamMigrationAddsTheTeamSessionsActorAndInvitePageAndUndoes(t *testing.T) {
	app := beforeTranslations(t)
	if a, b, c, d := teamSchema(app); !a || !b || !c || !d {
		t.Fatalf("after up: team %v, sessions.team %v, referral_events.actor %v, invite page %v", a, b, c, d)
	}
	testapp.Member(t, app, "Dana Lee", "dana@acme.example", "sales")
	mig := teamMigration(t)
	if err := mig.Down(app); err != nil {
		t.Fatal(err)
	}
	if a, b, c, d := teamSchema(app); a || b || c || d {
		t.Fatalf("after down: team %v, sessions.team %v, referral_events.actor %v, invite page %v", a, b, c, d)
	}
	var left int
	if err := app.DB().NewQuery("SELECT COUNT(*) FROM sessions WHERE superuser = ''").Row(&left); err != nil || left != 0 {
		t.Fatalf("after down: %d sessions of no superuser (%v)", left, err)
	}
	if err := mig.Up(app); err != nil {
		t.Fatal(err)
	}
	if a, b, c, d := teamSchema(app); !a || !b || !c || !d {
		t.Fatalf("after up again: team %v, sessions.team %v, referral_events.actor %v, invite page %v", a, b, c, d)
	}
}

func TestOnlySuperusersReachTheTeamThroughTheAPI(t *testing.T) {
	base := "/api/collections/team/records"
	withMember := func(t testing.TB) *tests.TestApp {
		app := testapp.Bare(t)
		testapp.Member(t, app, "Dana Lee", "dana@acme.example", "sales")
		return app
	}
	scenarios := []tests.ApiScenario{
		{
			Name: "a guest cannot list the team", Method: http.MethodGet, URL: base,
			ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{`"status":403`},
			NotExpectedContent: []string{"dana@acme.example"}, TestAppFactory: withMember,
		},
		{
			Name: "a guest cannot join the team", Method: http.MethodPost, URL: base,
			Body:           strings.NewReader(`{"name":"Eve","email":"eve@evil.example","role":"owner","password":"a-long-password-1","passwordConfirm":"a-long-password-1"}`),
			ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{`"status":403`}, TestAppFactory: withMember,
		},
		{
			Name: "a superuser lists the team", Method: http.MethodGet, URL: base,
			Headers:        map[string]string{"Authorization": testapp.SuperuserToken},
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"totalItems":1`, `"role":"sales"`},
			NotExpectedContent: []string{`"password"`, `"tokenKey"`}, TestAppFactory: withMember,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestASalesMemberCannotRaiseTheirOwnRoleThroughTheAPI(t *testing.T) {
	app := testapp.New(t)
	srv := webtest.Server(t, app)
	m, _ := testapp.Member(t, app, "Dana Lee", "dana@acme.example", "sales")
	tok, err := m.NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	for _, method := range []string{http.MethodPatch, http.MethodDelete} {
		req, _ := http.NewRequest(method, srv.URL+"/api/collections/team/records/"+m.Id, strings.NewReader(`{"role":"owner"}`))
		req.Header.Set("Authorization", tok)
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode < 400 {
			t.Errorf("%s of their own record with their own token answered %d", method, res.StatusCode)
		}
	}
	after, err := app.FindRecordById("team", m.Id)
	if err != nil || after.GetString("role") != "sales" {
		t.Errorf("after the tries the member is %v (%v), want still sales", after, err)
	}
}
