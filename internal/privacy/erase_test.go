package privacy_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/metrics"
	"warmloop/internal/outbox"
	"warmloop/internal/privacy"
)

// traces counts, in every column of every Warmloop collection, the values
// that hold term (any case).
func traces(t *testing.T, app core.App, term string) []string {
	t.Helper()
	colls, err := app.FindAllCollections(core.CollectionTypeBase)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, c := range colls {
		if c.System || strings.HasPrefix(c.Name, "_") {
			continue
		}
		for _, f := range c.Fields {
			var n int
			q := "SELECT COUNT(*) FROM " + c.Name + " WHERE lower(CAST([[" + f.GetName() + "]] AS TEXT)) LIKE {:term}"
			if err := app.DB().NewQuery(q).Bind(dbx.Params{"term": "%" + strings.ToLower(term) + "%"}).Row(&n); err != nil {
				t.Fatal(err)
			}
			if n > 0 {
				found = append(found, c.Name+"."+f.GetName())
			}
		}
	}
	return found
}

// figures reads the overview's report for the year to now, without the
// names of the top referrers and the time it was read.
func figures(t *testing.T, app core.App, now time.Time) metrics.Report {
	t.Helper()
	r, err := metrics.Build(app, now.AddDate(-1, 0, 0), now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	r.ComputedAt, r.Took = time.Time{}, 0
	for i := range r.Leaders {
		r.Leaders[i].Name, r.Leaders[i].Company = "", ""
	}
	return r
}

// joTraces are what identifies Jo: name, address, company, phone, their
// NPS tool's key, what they wrote.
var joTraces = []string{"Bloggs", "jo@fabrikam", "Fabrikam", "7946 0000", "resp-jo-1", "Tuesdays", "oldmail"}

func TestEraseLeavesNoTraceOfThePersonInAnyCollection(t *testing.T) {
	f := newJo(t)
	for _, term := range joTraces {
		if len(traces(t, f.app, term)) == 0 {
			t.Fatalf("the fixture holds no %q: the scan below would prove nothing", term)
		}
	}
	counts, err := privacy.Erase(f.app, joEmail)
	if err != nil {
		t.Fatal(err)
	}
	want := privacy.Counts{Customer: true, Moments: 1, Asks: 1, ReferralsMade: 1, ReferralsReceived: 1, Rewards: 1, Notes: 1, Emails: 5, Webhooks: 2}
	if counts != want {
		t.Errorf("erased %+v, want %+v", counts, want)
	}
	for _, term := range append(joTraces, f.askToken, f.shareCode, f.introCode) {
		if where := traces(t, f.app, term); len(where) > 0 {
			t.Errorf("%q is still stored in %v", term, where)
		}
	}
}

func TestEraseKeepsTheOverviewsFigures(t *testing.T) {
	f := newJo(t)
	now := time.Now()
	before := figures(t, f.app, now)
	if before.Current.CustomersAsked == 0 || before.Current.PipelineWon != 8000 || before.Current.Referrals != 3 {
		t.Fatalf("the fixture's figures are not the ones the test means to keep: %+v", before.Current)
	}
	if _, err := privacy.Erase(f.app, joEmail); err != nil {
		t.Fatal(err)
	}
	after := figures(t, f.app, now)
	if !reflect.DeepEqual(before, after) {
		t.Errorf("the figures changed:\nbefore %+v\nafter  %+v", before, after)
	}
}

func TestEraseLeavesOtherPeopleAlone(t *testing.T) {
	f := newJo(t)
	if _, err := privacy.Erase(f.app, joEmail); err != nil {
		t.Fatal(err)
	}
	if n := len(traces(t, f.app, "Ana Lima")); n == 0 {
		t.Error("Ana, the referrer who introduced Jo, was erased too")
	}
	kim, err := f.app.FindRecordById("referrals", f.byJo.Id)
	if err != nil || kim.GetString("referee_name") != "Kim Park" || kim.GetString("referee_email") != "kim@contoso.example" {
		t.Errorf("Kim, whom Jo introduced, lost their details: %v, %v", kim, err)
	}
	if n := len(traces(t, f.app, "Kim's budget")); n != 1 {
		t.Errorf("the team's note on Kim's deal, which Jo brought, is in %d places, want it kept", n)
	}
	for _, r := range f.others {
		got, err := f.app.FindRecordById("outbox", r.Id)
		if err != nil || got.GetString("to") != r.GetString("to") || got.GetString("subject") != r.GetString("subject") ||
			got.GetString("payload") != r.GetString("payload") {
			t.Errorf("outbox row %s, not about Jo, changed: %v", r.Id, got)
		}
	}
}

func TestEraseCancelsWhatWasNotSentForGood(t *testing.T) {
	f := newJo(t)
	if _, err := privacy.Erase(f.app, joEmail); err != nil {
		t.Fatal(err)
	}
	for _, r := range append(f.emails, f.webhooks...) {
		got, err := f.app.FindRecordById("outbox", r.Id)
		if err != nil {
			t.Fatal(err)
		}
		wasSent := f.sentBefore[r.Id]
		err = outbox.CheckRetry(outbox.RowOf(got))
		switch {
		case wasSent && got.GetString("status") != "sent":
			t.Errorf("%s (sent) is now %s", r.GetString("subject"), got.GetString("status"))
		case !wasSent && !errors.Is(err, outbox.ErrCancelled):
			t.Errorf("%s (not sent) can still be sent: status %s, retry %v", r.GetString("subject"), got.GetString("status"), err)
		}
	}
}

func TestEraseOfAnUnknownEmailChangesNothing(t *testing.T) {
	f := newJo(t)
	if _, err := privacy.Erase(f.app, "nobody@fabrikam.example"); !errors.Is(err, privacy.ErrUnknown) {
		t.Errorf("unknown email: %v, want ErrUnknown", err)
	}
	if _, err := privacy.Erase(f.app, joEmail); err != nil {
		t.Fatal(err)
	}
	if _, err := privacy.Erase(f.app, joEmail); !errors.Is(err, privacy.ErrUnknown) {
		t.Errorf("erasing the same email twice: %v, want ErrUnknown the second time", err)
	}
}

func TestEraseIsOneTransaction(t *testing.T) {
	f := newJo(t)
	// The last records Erase writes are the outbox's; make one refuse.
	f.app.OnRecordUpdate("outbox").BindFunc(func(e *core.RecordEvent) error {
		return errors.New("the disk is full")
	})
	if _, err := privacy.Erase(f.app, joEmail); err == nil {
		t.Fatal("Erase succeeded though a save failed")
	}
	c, err := f.app.FindRecordById("customers", f.customer.Id)
	if err != nil || c.GetString("name") != "Jo Bloggs" || c.GetString("email") != joEmail {
		t.Errorf("a failed erasure left the customer half erased: %v, %v", c, err)
	}
}

func TestErasedCustomerIsNeverAskedOrShownAgain(t *testing.T) {
	f := newJo(t)
	if _, err := privacy.Erase(f.app, " Jo@Fabrikam.EXAMPLE"); err != nil {
		t.Fatal(err)
	}
	c, err := f.app.FindRecordById("customers", f.customer.Id)
	if err != nil {
		t.Fatal(err)
	}
	if c.GetString("name") != privacy.ErasedName || !privacy.IsErased(c.GetString("email")) {
		t.Errorf("customer is %q <%s>", c.GetString("name"), c.GetString("email"))
	}
	if !c.GetBool("opted_out") || c.GetBool("wall_opt_in") || !c.GetDateTime("next_ask_at").IsZero() {
		t.Errorf("an erased customer can still be asked or shown: opted_out %v, wall %v, next ask %v",
			c.GetBool("opted_out"), c.GetBool("wall_opt_in"), c.GetDateTime("next_ask_at"))
	}
}
