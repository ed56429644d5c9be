package pb_migrations_test

import (
	"slices"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/tests/testapp"
)

// refereeActs is migration 1764000012, to run by hand on an app.
func refereeActs(t *testing.T) *core.Migration {
	t.Helper()
	for _, m := range core.AppMigrations.Items() {
		if m.File == "1764000012_referee_acts.go" {
			return m
		}
	}
	t.Fatal("migration 1764000012_referee_acts.go is not registered")
	return nil
}

func TestAnInstallBeforeTheMatchKeysGetsThemAndItsWaitingCopiesSplit(t *testing.T) {
	app := testapp.New(t)
	mig := refereeActs(t)
	if err := mig.Down(app); err != nil {
		t.Fatal(err)
	}
	ana := testapp.Customer(t, app, "Ana Lima", "J.O.Bloggs+crm@GoogleMail.com", nil)
	ref := testapp.Save(t, app, "referrals", map[string]any{"referrer": ana.Id, "referee_name": "Pat",
		"referee_email": "Pat+news@Fabrikam.example", "status": "lost", "lost_reason": "declined", "channel": "landing"})
	testapp.Save(t, app, "outbox", map[string]any{"kind": "email", "to": "pat+news@fabrikam.example", "subject": "Ana Lima suggested we talk",
		"status": "pending", "payload": map[string]any{"template": "intro_email", "referral": ref.Id, "cc": true}, "referral": ref.Id})

	if err := mig.Up(app); err != nil {
		t.Fatal(err)
	}
	var keys struct {
		Referee  string `db:"referee_key"`
		Customer string `db:"email_key"`
	}
	err := app.DB().NewQuery(`SELECT r.referee_key, c.email_key FROM referrals r JOIN customers c ON c.id = r.referrer
		WHERE r.id = {:id}`).Bind(dbx.Params{"id": ref.Id}).One(&keys)
	if err != nil || keys.Referee != "pat@fabrikam.example" || keys.Customer != "jobloggs@gmail.com" {
		t.Errorf("keys %+v (%v), want pat@fabrikam.example and jobloggs@gmail.com", keys, err)
	}
	referrals, _ := app.FindCollectionByNameOrId("referrals")
	if flag, _ := referrals.Fields.GetByName("flag").(*core.SelectField); flag == nil || !slices.Contains(flag.Values, "unconfirmed") {
		t.Errorf("the referrals' flag cannot be unconfirmed")
	}
	if _, err := app.FindFirstRecordByData("pages", "slug", "share_confirmation_email"); err != nil {
		t.Errorf("no share_confirmation_email page: %v", err)
	}
	copies, _ := app.FindAllRecords("outbox", dbx.HashExp{"to": ana.GetString("email"), "referral": ref.Id, "status": "pending"})
	if len(copies) != 1 || copies[0].GetString("subject") != "Your copy: Ana Lima suggested we talk" {
		t.Errorf("the referrer's copy of the waiting introduction: %v", copies)
	}
}
