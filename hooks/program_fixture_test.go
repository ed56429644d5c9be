package hooks_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
)

// The records of programApp, by id: each incentive, tier and variant used in
// one way only, or by nothing; and an ask in each status.
const (
	incOnOffer = "inconoffer00001" // the settings' current incentive
	incTier    = "inctier00000001" // given by a tier
	incAsk     = "incask000000001" // offered by an ask
	incReward  = "increward000001" // paid by a reward
	incFree    = "incfree00000001" // used by nothing

	tierEarned = "tierearned00001" // earned by a referrer
	tierFree   = "tierfree0000001" // earned by nobody

	varUsed     = "varused00000001" // recorded by an ask, named "tested"
	varFree     = "varfree00000001" // never used, named "spare"
	varLinkless = "varlinkless0001" // written before the rule, without the link, active
	varDormant  = "vardormant00001" // written before the rule, without the link, inactive

	askQueued   = "askqueued000001"
	askSent     = "asksent00000001"
	askFailed   = "askfailed000001"
	askClicked  = "askclicked00001"
	askReferred = "askreferred0001"
)

// programApp is a bare app holding the records above.
func programApp(t testing.TB) *tests.TestApp {
	app := testapp.Bare(t)
	withID := func(coll, id string, fields map[string]any) *core.Record {
		fields["id"] = id
		return testapp.Save(t, app, coll, fields)
	}
	for id, name := range map[string]string{incOnOffer: "Founders' thank-you", incTier: "Roadmap seat", incAsk: "Lunch", incReward: "Gift box", incFree: "Spare mug"} {
		withID("incentives", id, map[string]any{"name": name, "kind": "recognition", "active": true})
	}
	withID("tiers", tierEarned, map[string]any{"name": "Regular", "threshold": 7, "counts": "referrals", "incentive": incTier})
	withID("tiers", tierFree, map[string]any{"name": "Legend", "threshold": 9, "counts": "wins"})
	withID("variants", varUsed, map[string]any{"name": "tested", "touch": "first", "subject": "Hello", "body": "[Go]({{link}})", "weight": 1, "active": true})
	withID("variants", varFree, map[string]any{"name": "spare", "touch": "followup", "subject": "Again", "body": "[Go]({{link}})", "weight": 1, "active": false})
	for id, active := range map[string]bool{varLinkless: true, varDormant: false} {
		saveUnchecked(t, app, "variants", map[string]any{"id": id, "name": id, "touch": "followup", "subject": "Old", "body": "Know anyone?", "weight": 1, "active": active})
	}

	ana := testapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	for id, status := range map[string]string{askQueued: "queued", askSent: "sent", askFailed: "failed", askClicked: "clicked", askReferred: "referred"} {
		withID("asks", id, map[string]any{"customer": ana.Id, "touch": 1, "status": status, "variant": "tested", "incentive": incAsk})
	}
	testapp.Save(t, app, "rewards", map[string]any{"referrer": ana.Id, "tier": tierEarned, "incentive": incReward, "status": "earned"})
	s, err := app.FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	s.Set("current_incentive", incOnOffer)
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	return app
}

// saveUnchecked writes a record the way data written before a rule existed
// would be: without validation.
func saveUnchecked(t testing.TB, app core.App, coll string, fields map[string]any) {
	t.Helper()
	c, err := app.FindCachedCollectionByNameOrId(coll)
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(c)
	for k, v := range fields {
		r.Set(k, v)
	}
	if err := app.SaveNoValidate(r); err != nil {
		t.Fatal(err)
	}
}

// expectField checks a stored record's field after a scenario.
func expectField(coll, id, field string, want any) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		r, err := app.FindRecordById(coll, id)
		if err != nil {
			t.Fatalf("%s %s: %v", coll, id, err)
		}
		if got := r.Get(field); got != want {
			t.Errorf("%s %s: %s = %v, want %v", coll, id, field, got, want)
		}
	}
}

// expectGone and expectKept check whether a scenario deleted a record.
func expectGone(coll, id string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		if _, err := app.FindRecordById(coll, id); err == nil {
			t.Errorf("%s %s is still there", coll, id)
		}
	}
}

func expectKept(coll, id string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		if _, err := app.FindRecordById(coll, id); err != nil {
			t.Errorf("%s %s was deleted", coll, id)
		}
	}
}
