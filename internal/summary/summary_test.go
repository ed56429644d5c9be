package summary_test

import (
	"bytes"
	"encoding/json"
	"net/mail"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	pbmailer "github.com/pocketbase/pocketbase/tools/mailer"

	wlmail "warmloop/internal/mail"
	"warmloop/internal/outbox"
	"warmloop/internal/program"
	"warmloop/internal/summary"
	"warmloop/tests/schemaapp"
	"warmloop/tests/smtptest"
)

func TestMain(m *testing.M) { schemaapp.Main(m) }

// monday is when the fixture's summary is due: Monday 30 November 2026,
// 08:00 UTC. The week it covers runs from Monday 23 November, 08:00.
var monday = time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)

// seed writes a program whose week was worked out by hand: three asks
// delivered in the week to three customers, one of whom made the week's
// two referrals (a yield of 1 in 3); one referral qualified in the week
// worth 42,000, one won worth 18,500; two rewards earned and waiting, one
// approved. An ask, a referral and a win from before the week count for
// nothing.
func seed(t *testing.T, app core.App) {
	t.Helper()
	save := func(coll string, fields map[string]any) string {
		t.Helper()
		created, backdated := fields["_created"]
		delete(fields, "_created")
		r := schemaapp.Save(t, app, coll, fields)
		if backdated {
			if _, err := app.DB().Update(coll, dbx.Params{"created": created}, dbx.HashExp{"id": r.Id}).Execute(); err != nil {
				t.Fatal(err)
			}
		}
		return r.Id
	}
	cust := func(email string) string {
		return save("customers", map[string]any{"name": email, "email": email, "source": "direct"})
	}
	a, b, c, d := cust("a@x.example"), cust("b@y.example"), cust("c@z.example"), cust("d@w.example")
	save("asks", map[string]any{"customer": a, "touch": 1, "status": "referred", "sent_at": "2026-11-24 09:00:00.000Z"})
	save("asks", map[string]any{"customer": b, "touch": 1, "status": "sent", "sent_at": "2026-11-25 09:00:00.000Z"})
	save("asks", map[string]any{"customer": c, "touch": 1, "status": "clicked", "sent_at": "2026-11-26 09:00:00.000Z"})
	save("asks", map[string]any{"customer": d, "touch": 1, "status": "sent", "sent_at": "2026-11-10 09:00:00.000Z"})

	qualified := save("referrals", map[string]any{"referrer": a, "referee_name": "P", "referee_email": "p@q.example",
		"status": "qualified", "pipeline_value": 42000, "_created": "2026-11-24 10:00:00.000Z"})
	save("referral_events", map[string]any{"referral": qualified, "to_status": "qualified", "at": "2026-11-27 12:00:00.000Z"})
	won := save("referrals", map[string]any{"referrer": a, "referee_name": "S", "referee_email": "s@t.example",
		"status": "won", "won_value": 18500, "_created": "2026-11-25 10:00:00.000Z"})
	save("referral_events", map[string]any{"referral": won, "to_status": "won", "at": "2026-11-28 12:00:00.000Z"})
	old := save("referrals", map[string]any{"referrer": d, "referee_name": "O", "referee_email": "o@old.example",
		"status": "won", "won_value": 99000, "_created": "2026-11-01 10:00:00.000Z"})
	save("referral_events", map[string]any{"referral": old, "to_status": "won", "at": "2026-11-02 12:00:00.000Z"})

	tiers, err := app.FindAllRecords("tiers")
	if err != nil || len(tiers) < 3 {
		t.Fatalf("the defaults have %d tiers (%v); the fixture needs 3", len(tiers), err)
	}
	for i, status := range []string{"earned", "earned", "approved"} {
		save("rewards", map[string]any{"referrer": a, "tier": tiers[i].Id, "incentive": tiers[i].GetString("incentive"), "status": status})
	}
	// A second owner, and PocketBase's installer account, which is nobody.
	for _, email := range []string{"owner@acme.example", core.DefaultInstallerEmail} {
		su, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
		if err != nil {
			t.Fatal(err)
		}
		r := core.NewRecord(su)
		r.SetEmail(email)
		r.SetPassword("a-long-password-1")
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	s, err := program.Record(app)
	if err != nil {
		t.Fatal(err)
	}
	s.Set("company_name", "Acme")
	s.Set("app_url", "https://refer.acme.example")
	s.Set("chat_webhook_url", "https://hooks.slack.com/services/T0/B0/x")
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	program.Forget(app)
}

// deliverEmail sends the due email rows to the SMTP sink.
func deliverEmail(t *testing.T, app core.App, sink *smtptest.Server) {
	t.Helper()
	w := &outbox.Worker{App: app, Compose: wlmail.ComposeBatch,
		Mailer: func() pbmailer.Mailer { return &pbmailer.SMTPClient{Host: sink.Host, Port: sink.Port} }}
	if rep, err := w.DeliverDue(); err != nil || rep.Failed+rep.Retried > 0 {
		t.Fatalf("delivering: %+v, %v", rep, err)
	}
}

// queued counts the outbox rows with a subject.
func queued(t *testing.T, app core.App, where string) int {
	t.Helper()
	var n int
	if err := app.DB().Select("COUNT(*)").From("outbox").Where(dbx.NewExp(where)).Row(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestTheWeeklySummaryEmailReachesEachOwnerWithTheWeeksFigures(t *testing.T) {
	app := schemaapp.New(t)
	seed(t, app)
	sink := smtptest.Start(t)

	sent, err := summary.Send(app, monday)
	if err != nil || !sent {
		t.Fatalf("Send: %v, %v", sent, err)
	}
	deliverEmail(t, app, sink)

	msgs := sink.Messages()
	var to []string
	for _, m := range msgs {
		to = append(to, m.To...)
	}
	slices.Sort(to)
	if want := []string{"admin@warmloop.test", "owner@acme.example"}; !slices.Equal(to, want) {
		t.Fatalf("the summary went to %v, want each owner once: %v", to, want)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(msgs[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	text, html := smtptest.Parts(t, msg)
	if subject := msg.Header.Get("Subject"); subject != "Acme referrals, week to 30 Nov 2026" {
		t.Errorf("subject %q", subject)
	}
	for _, want := range []string{
		"from 23 Nov 2026 to 30 Nov 2026",
		"Asks sent: 3, to 3 customers",
		"Yield: 33.3% of the customers asked",
		"Referrals: 2 new",
		"Pipeline generated: $42,000",
		"Pipeline won: $18,500",
		"Rewards waiting for your approval: 2",
		"https://refer.acme.example/dashboard/rewards?status=earned",
		summaryFooter,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "**") {
		t.Errorf("the text shows markdown's bold marks:\n%s", text)
	}
	if !strings.Contains(html, "<strong>Pipeline won:</strong> $18,500") || !strings.Contains(html, `href="https://refer.acme.example/dashboard"`) {
		t.Errorf("the HTML lacks the figures or the link:\n%s", html)
	}

	note, err := app.FindFirstRecordByFilter("outbox", "subject = 'chat.weekly_summary'")
	if err != nil {
		t.Fatal("no chat note:", err)
	}
	var payload struct{ Body string }
	var body struct{ Text string }
	if err := note.UnmarshalJSONField("payload", &payload); err != nil || json.Unmarshal([]byte(payload.Body), &body) != nil {
		t.Fatalf("the chat note's payload is unreadable: %v", err)
	}
	want := "Acme referrals, 23 Nov 2026 to 30 Nov 2026\n" +
		"Asks sent: 3 to 3 customers · Yield: 33.3%\n" +
		"Referrals: 2 · Pipeline generated: $42,000 · Pipeline won: $18,500\n" +
		"Rewards waiting for approval: 2 <https://refer.acme.example/dashboard|Open the dashboard>"
	if body.Text != want {
		t.Errorf("the chat note reads\n%s\nwant\n%s", body.Text, want)
	}
}

// summaryFooter is the line under the summary: why its reader got it.
const summaryFooter = "Sent every Monday to the owners of Acme's referral program."

func TestAWeekIsSummarisedOnceHoweverOftenItIsAsked(t *testing.T) {
	app := schemaapp.New(t)
	seed(t, app)
	rows := func() int {
		return queued(t, app, "subject = 'chat.weekly_summary' OR payload LIKE '%weekly_summary%'")
	}

	if sent, err := summary.Send(app, monday); err != nil || !sent || rows() != 3 {
		t.Fatalf("first Send: %v, %v, %d rows; want the note and two emails", sent, err, rows())
	}
	// A restart later that morning, or a second server, asks again.
	program.Forget(app)
	for _, at := range []time.Time{monday, monday.Add(3 * time.Hour), monday.Add(6 * 24 * time.Hour)} {
		if sent, err := summary.Send(app, at); err != nil || sent {
			t.Errorf("Send at %v: %v, %v; want nothing, the week is summarised", at, sent, err)
		}
		if sent, err := summary.CatchUp(app, at); err != nil || sent {
			t.Errorf("CatchUp at %v: %v, %v; want nothing", at, sent, err)
		}
	}
	if rows() != 3 {
		t.Fatalf("%d rows after asking again; want the first week's 3 alone", rows())
	}
	// The next Monday is a new week.
	if sent, err := summary.Send(app, monday.AddDate(0, 0, 7)); err != nil || !sent || rows() != 6 {
		t.Errorf("next week's Send: %v, %v, %d rows", sent, err, rows())
	}
}

func TestAStartAfterMondaysHourSendsAMissedWeekButAFreshProgramWaits(t *testing.T) {
	app := schemaapp.New(t)
	seed(t, app)
	if sent, err := summary.CatchUp(app, monday.Add(26*time.Hour)); err != nil || sent {
		t.Fatalf("a program never summarised caught up: %v, %v", sent, err)
	}
	if _, err := summary.Send(app, monday); err != nil {
		t.Fatal(err)
	}
	nextMonday := monday.AddDate(0, 0, 7)
	if sent, err := summary.CatchUp(app, nextMonday.Add(-time.Hour)); err != nil || sent {
		t.Errorf("caught up before Monday's hour: %v, %v", sent, err)
	}
	if sent, err := summary.CatchUp(app, nextMonday.Add(30*time.Hour)); err != nil || !sent {
		t.Errorf("a start on Tuesday after a missed Monday sent nothing: %v, %v", sent, err)
	}
}

func TestTheSummaryIsDueOnMondayAtEightInTheServersZone(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	for at, want := range map[time.Time]time.Time{
		time.Date(2026, 12, 2, 15, 0, 0, 0, paris): time.Date(2026, 11, 30, 8, 0, 0, 0, paris),
		time.Date(2026, 11, 30, 7, 0, 0, 0, paris): time.Date(2026, 11, 30, 8, 0, 0, 0, paris),
		time.Date(2026, 12, 6, 23, 0, 0, 0, paris): time.Date(2026, 11, 30, 8, 0, 0, 0, paris),
	} {
		if got := summary.DueAt(at); !got.Equal(want) {
			t.Errorf("DueAt(%v) = %v, want %v", at, got, want)
		}
	}
	if w := summary.Week(monday); w != "2026-W49" {
		t.Errorf("Week(%v) = %s", monday, w)
	}
}

// Team members who own the program get the summary once they have accepted
// their invitation; an admin, a sales member and an owner still invited do not.
func TestTheSummaryGoesToTeamOwnersWhoAcceptedTheirInvitation(t *testing.T) {
	app := schemaapp.New(t)
	team, err := app.FindCollectionByNameOrId("team")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []struct {
		email, role string
		accepted    bool
	}{
		{"dana@acme.example", "owner", true}, {"ivo@acme.example", "owner", false},
		{"ada@acme.example", "admin", true}, {"sam@acme.example", "sales", true},
	} {
		r := core.NewRecord(team)
		r.Set("name", m.email)
		r.Set("role", m.role)
		r.SetEmail(m.email)
		r.SetPassword("a-long-password-123")
		r.SetVerified(m.accepted)
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	got, err := summary.Recipients(app)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(got, "dana@acme.example") || slices.ContainsFunc(got, func(e string) bool {
		return e == "ivo@acme.example" || e == "ada@acme.example" || e == "sam@acme.example"
	}) {
		t.Errorf("the summary goes to %v, want the accepted owner dana@acme.example and no one else of the team", got)
	}
	if !slices.IsSorted(got) {
		t.Errorf("recipients %v are not in order", got)
	}
}

func TestTheSummaryFollowsTheProgramsTimeZoneAndCurrency(t *testing.T) {
	app := schemaapp.New(t)
	seed(t, app)
	s, err := app.FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	s.Set("timezone", "America/New_York")
	s.Set("currency", "EUR")
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	program.Forget(app)
	// Monday 08:00 UTC is 03:00 in New York: not the program's Monday morning.
	if sent, err := summary.Due(app, monday); err != nil || sent {
		t.Fatalf("due at 08:00 UTC with the program in New York: %v, %v", sent, err)
	}
	if w := summary.Week(summary.InZone(app, monday.Add(-7*time.Hour))); w != "2026-W48" {
		t.Errorf("Monday 01:00 UTC is Sunday evening in New York, in week 2026-W48; got %s", w)
	}
	// 13:00 UTC is 08:00 in New York.
	if sent, err := summary.Due(app, monday.Add(5*time.Hour)); err != nil || !sent {
		t.Fatalf("not sent at 08:00 in New York: %v, %v", sent, err)
	}
	if n := queued(t, app, `payload LIKE '%Pipeline won: €18,500%'`); n == 0 {
		t.Error("no summary shows its sums in euros")
	}
}
