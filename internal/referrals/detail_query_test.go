package referrals_test

import (
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/outbox"
	"warmloop/internal/referrals"
	"warmloop/tests/schemaapp"
)

// detailFixture is Ana's referral of Bo, made from an ask that an NPS 10
// set off, moved invited → visited → booked, with an email and a webhook
// about it; and Ana's referral of Cy, with an email of its own.
func detailFixture(t *testing.T) (app core.App, bo, cy *core.Record) {
	app = schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", map[string]any{"company": "Northwind"})
	moment := schemaapp.Save(t, app, "moments", map[string]any{"customer": ana.Id, "kind": "nps", "score": 10,
		"comment": "Saved us a week", "source": "delighted", "occurred_at": "2026-11-20 10:00:00.000Z"})
	ask := schemaapp.Save(t, app, "asks", map[string]any{"customer": ana.Id, "moment": moment.Id, "touch": 1,
		"variant": "short", "status": "referred"})
	bo = introduce(t, app, ana, "Bo Chen", "bo@contoso.example", "booked", time.Hour, map[string]any{"ask": ask.Id, "pipeline_value": 5000})
	cy = introduce(t, app, ana, "Cy Park", "cy@globex.example", "invited", 2*time.Hour, nil)
	base := time.Now().Add(-time.Hour)
	for i, move := range [][2]string{{"", "invited"}, {"invited", "visited"}, {"visited", "booked"}} {
		if err := referrals.LogMove(app, bo.Id, move[0], move[1], base.Add(time.Duration(i)*time.Minute), "step "+move[1], "Dana Lee (sales)"); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range []*core.Record{bo, cy} {
		if _, err := outbox.QueueEmail(app, r.GetString("referee_email"), "Meet Ana", map[string]any{"template": "intro_email", "referral": r.Id}); err != nil {
			t.Fatal(err)
		}
	}
	err := outbox.QueueReferralEvent(app, bo.Id, "https://crm.example/hook", nil, "referral.booked",
		map[string]any{"referral": map[string]any{"id": bo.Id, "status": "booked"}})
	if err != nil {
		t.Fatal(err)
	}
	return app, bo, cy
}

func TestADetailHasThePeopleTheAskAndTheMomentBehindIt(t *testing.T) {
	app, bo, _ := detailFixture(t)
	d, err := referrals.FindDetail(app, bo.Id)
	if err != nil {
		t.Fatal(err)
	}
	if d.RefereeName != "Bo Chen" || d.ReferrerName != "Ana Lima" || d.ReferrerCompany != "Northwind" || d.Pipeline != 5000 {
		t.Errorf("people and values: %+v", d.Row)
	}
	if d.Ask == nil {
		t.Fatal("no ask behind the referral")
	}
	if d.Ask.MomentKind != "nps" || d.Ask.MomentScore != 10 || d.Ask.MomentComment != "Saved us a week" ||
		d.Ask.MomentSource != "delighted" || d.Ask.Variant != "short" || d.Ask.MomentAt.IsZero() {
		t.Errorf("the ask and its moment: %+v", *d.Ask)
	}
}

func TestADetailListsEveryMoveOldestFirst(t *testing.T) {
	app, bo, _ := detailFixture(t)
	d, err := referrals.FindDetail(app, bo.Id)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ev := range d.Events {
		got = append(got, ev.From+">"+ev.To+":"+ev.Note+" by "+ev.Actor)
	}
	if want := ">invited:step invited by Dana Lee (sales),invited>visited:step visited by Dana Lee (sales),visited>booked:step booked by Dana Lee (sales)"; strings.Join(got, ",") != want {
		t.Errorf("moves %v, want %s", got, want)
	}
}

func TestADetailListsTheMessagesAboutThisReferralOnlyWithTheirBodies(t *testing.T) {
	app, bo, cy := detailFixture(t)
	d, err := referrals.FindDetail(app, bo.Id)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Messages) != 2 {
		t.Fatalf("%d messages, want Bo's email and webhook: %+v", len(d.Messages), d.Messages)
	}
	email, hook := d.Messages[0], d.Messages[1]
	if email.Kind != "email" || email.To != "bo@contoso.example" || !strings.Contains(email.Body, "Ana") {
		t.Errorf("the email: %+v", email)
	}
	if hook.Kind != "webhook" || !strings.Contains(hook.Body, "\n  \"data\": {") || !strings.Contains(hook.Body, bo.Id) {
		t.Errorf("the webhook's body is not its JSON, indented: %q", hook.Body)
	}
	for _, m := range d.Messages {
		if strings.Contains(m.Body, cy.GetString("referee_email")) || m.To == cy.GetString("referee_email") {
			t.Errorf("Cy's message is on Bo's page: %+v", m)
		}
	}
}

func TestADetailSaysAPrunedBodyIsGoneWithoutComposingIt(t *testing.T) {
	app, bo, _ := detailFixture(t)
	if _, err := app.DB().Update("outbox", dbx.Params{"payload": nil}, dbx.HashExp{"referral": bo.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	d, err := referrals.FindDetail(app, bo.Id)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range d.Messages {
		if m.Body != "" || m.BodyError != "" {
			t.Errorf("a pruned %s still shows a body or a composing error: %+v", m.Kind, m)
		}
	}
}

func TestADetailOfAnUnknownReferralIsNoRows(t *testing.T) {
	app, _, _ := detailFixture(t)
	if _, err := referrals.FindDetail(app, "nosuchreferral1"); !errors.Is(err, sql.ErrNoRows) {
		t.Errorf("error %v, want sql.ErrNoRows", err)
	}
}

func TestNotesAreCleanedAndListedNewestFirst(t *testing.T) {
	app, bo, cy := detailFixture(t)
	if _, err := referrals.AddNote(app, bo.Id, "Kim", "Called them.\u202e\r\nThey want a demo\x00."); err != nil {
		t.Fatal(err)
	}
	if _, err := referrals.AddNote(app, bo.Id, "Lee", "Demo booked for Friday."); err != nil {
		t.Fatal(err)
	}
	if _, err := referrals.AddNote(app, cy.Id, "Lee", "Not Bo's."); err != nil {
		t.Fatal(err)
	}
	notes, err := referrals.FindNotes(app, bo.Id)
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 2 || notes[0].Author != "Lee" || notes[1].Body != "Called them.\nThey want a demo." {
		t.Errorf("notes %+v, want Lee's then Kim's, cleaned", notes)
	}
}

func TestABlankOrOverlongNoteIsRefusedAndNothingIsStored(t *testing.T) {
	app, bo, _ := detailFixture(t)
	for _, c := range []struct {
		body string
		want error
	}{
		{"  \n\t\u202e ", referrals.ErrNoteBlank},
		{strings.Repeat("a", referrals.NoteMax+1), referrals.ErrNoteTooLong},
	} {
		if _, err := referrals.AddNote(app, bo.Id, "Kim", c.body); !errors.Is(err, c.want) {
			t.Errorf("note of %d characters: error %v, want %v", len(c.body), err, c.want)
		}
	}
	if notes, err := referrals.FindNotes(app, bo.Id); err != nil || len(notes) != 0 {
		t.Errorf("notes %v (error %v), want none", notes, err)
	}
}

func TestADetailFindsTheCustomerTheRefereeIs(t *testing.T) {
	app, bo, cy := detailFixture(t)
	boAsCustomer := schemaapp.Customer(t, app, "Bo Chen", "bo@contoso.example", nil)
	won := schemaapp.Customer(t, app, "Cy Park", "cy.park@globex.example", nil)
	cy.Set("referee_customer", won.Id)
	if err := app.Save(cy); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		referral *core.Record
		want     string
	}{{bo, boAsCustomer.Id}, {cy, won.Id}} {
		d, err := referrals.FindDetail(app, c.referral.Id)
		if err != nil {
			t.Fatal(err)
		}
		if d.RefereeAsCustomer != c.want {
			t.Errorf("%s is customer %q, want %q", d.RefereeName, d.RefereeAsCustomer, c.want)
		}
	}
}
