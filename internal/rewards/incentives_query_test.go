package rewards_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/program"
	"warmloop/internal/rewards"
	"warmloop/tests/schemaapp"
)

// incentive saves an incentive of the catalog.
func incentive(t *testing.T, app core.App, name string, position int, active bool) *core.Record {
	t.Helper()
	return schemaapp.Save(t, app, "incentives", map[string]any{"name": name, "kind": "swag", "position": position, "active": active})
}

// tier saves a tier at a milestone that gives an incentive ("" for none).
func tier(t *testing.T, app core.App, name, counts string, threshold int, incentiveID string) *core.Record {
	t.Helper()
	return schemaapp.Save(t, app, "tiers", map[string]any{"name": name, "counts": counts, "threshold": threshold, "incentive": incentiveID})
}

func TestTheCatalogIsListedByPositionThenName(t *testing.T) {
	app := schemaapp.New(t)
	before, err := rewards.ListIncentives(app)
	if err != nil {
		t.Fatal(err)
	}
	incentive(t, app, "Zebra mug", 0, true)
	incentive(t, app, "Apple mug", 0, true)
	recs, _ := rewards.ListIncentives(app)
	if len(recs) != len(before)+2 || recs[0].GetString("name") != "Apple mug" || recs[1].GetString("name") != "Zebra mug" {
		t.Fatalf("the two at position 0 do not come first, by name: %v", recs)
	}
	for i := 3; i < len(recs); i++ {
		if recs[i-1].GetInt("position") > recs[i].GetInt("position") {
			t.Errorf("%s comes before %s", recs[i-1].GetString("name"), recs[i].GetString("name"))
		}
	}
	if n, err := rewards.CountIncentives(app); err != nil || n != len(recs) {
		t.Errorf("CountIncentives = %d, %v, want %d", n, err, len(recs))
	}
	if next, err := rewards.NextIncentivePosition(app); err != nil || next != recs[len(recs)-1].GetInt("position")+1 {
		t.Errorf("NextIncentivePosition = %d, %v, want one after the last", next, err)
	}
	names, err := rewards.IncentiveNames(app)
	if err != nil || len(names) != len(recs) || names[recs[0].Id] != "Apple mug" {
		t.Errorf("IncentiveNames = %v, %v", names, err)
	}
}

func TestATierChoosesAmongActiveIncentivesAndKeepsItsOwn(t *testing.T) {
	app := schemaapp.New(t)
	off := incentive(t, app, "Retired mug", 1, false)
	other := incentive(t, app, "Retired pen", 1, false)
	has := func(recs []*core.Record, id string) bool {
		for _, r := range recs {
			if r.Id == id {
				return true
			}
		}
		return false
	}
	recs, err := rewards.TierIncentiveChoices(app, off.Id)
	if err != nil || !has(recs, off.Id) || has(recs, other.Id) {
		t.Errorf("choices keeping %s: %v, %v; want it, and not the other inactive one", off.Id, recs, err)
	}
	for _, r := range recs {
		if !r.GetBool("active") && r.Id != off.Id {
			t.Errorf("the inactive %s is offered", r.GetString("name"))
		}
	}
	if recs, _ := rewards.TierIncentiveChoices(app, ""); has(recs, off.Id) {
		t.Error("an inactive incentive is offered to a new tier")
	}
}

func TestWhatUsesEachIncentiveIsCounted(t *testing.T) {
	app := schemaapp.New(t)
	mug := incentive(t, app, "Mug", 10, true)
	free := incentive(t, app, "Pen", 11, true)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	for range 2 {
		schemaapp.Save(t, app, "asks", map[string]any{"customer": ana.Id, "touch": 1, "status": "sent", "incentive": mug.Id})
	}
	giver := tier(t, app, "Mug club", "referrals", 50, mug.Id)
	schemaapp.Save(t, app, "rewards", map[string]any{"referrer": ana.Id, "tier": giver.Id, "incentive": mug.Id, "status": "earned"})

	uses, err := rewards.FindIncentiveUses(app)
	if err != nil {
		t.Fatal(err)
	}
	if want := (rewards.IncentiveUse{Asks: 2, Rewards: 1, Tiers: 1}); uses[mug.Id] != want {
		t.Errorf("the mug's use is %+v, want %+v", uses[mug.Id], want)
	}
	if _, ok := uses[free.Id]; ok {
		t.Errorf("the pen nothing uses is listed: %+v", uses[free.Id])
	}
	s, _ := program.Load(app)
	if !uses[s.CurrentIncentive].OnOffer {
		t.Errorf("the incentive the settings offer is not on offer: %+v", uses[s.CurrentIncentive])
	}
	all, _ := rewards.ListIncentives(app)
	for _, r := range all {
		one, err := rewards.FindIncentiveUse(app, r.Id)
		if err != nil || one != uses[r.Id] {
			t.Errorf("%s: FindIncentiveUse says %+v (%v), FindIncentiveUses %+v", r.GetString("name"), one, err, uses[r.Id])
		}
	}
}

func TestOnlyTheIncentiveTheSettingsNameIsOnOffer(t *testing.T) {
	app := schemaapp.New(t)
	s, err := program.Load(app)
	if err != nil || s.CurrentIncentive == "" {
		t.Fatalf("settings: %+v, %v", s, err)
	}
	if on, err := rewards.IncentiveOnOffer(app, s.CurrentIncentive); err != nil || !on {
		t.Errorf("the current incentive: on offer %v, %v", on, err)
	}
	other := incentive(t, app, "Pen", 11, true)
	if on, _ := rewards.IncentiveOnOffer(app, other.Id); on {
		t.Error("another incentive is on offer")
	}
}
