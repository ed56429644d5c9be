package rewards_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/rewards"
	"warmloop/tests/schemaapp"
)

// The rewards a saved referral sets off come from the referrals hooks and
// are tested in hooks/rewards_flow_test.go; here Recompute is called directly.

func TestMain(m *testing.M) { schemaapp.Main(m) }

// referral saves a referral from a referrer with a status and a flag; the
// schema-only app runs no hook, so nothing is earned on the way.
func referral(t *testing.T, app core.App, referrer *core.Record, n int, status, flag string) *core.Record {
	t.Helper()
	return schemaapp.Save(t, app, "referrals", map[string]any{
		"referrer": referrer.Id, "referee_name": fmt.Sprintf("Referee %d", n), "referee_email": fmt.Sprintf("r%d@else.example", n),
		"status": status, "channel": "landing", "flag": flag,
	})
}

// tierNames names the tiers of earned rewards, sorted.
func tierNames(t *testing.T, app core.App, earned []*core.Record) []string {
	t.Helper()
	var names []string
	for _, r := range earned {
		tier, err := app.FindRecordById("tiers", r.GetString("tier"))
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, tier.GetString("name"))
	}
	slices.Sort(names)
	return names
}

func TestRecomputeRewardsEachTierCrossedOnceWithAnEmailLeavingFlaggedReferralsOut(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	won := referral(t, app, ana, 1, "won", "")
	referral(t, app, ana, 2, "invited", "")
	referral(t, app, ana, 3, "won", "self_referral")
	referral(t, app, ana, 4, "invited", "self_referral")

	// Two referrals count, one of them won: Connector (3) and Champion (5
	// wins) stay out of reach while the flagged two are held for review.
	earned, err := rewards.Recompute(app, ana.Id, won.Id)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(tierNames(t, app, earned)); got != "[First introduction First win]" {
		t.Fatalf("earned %s, want [First introduction First win]", got)
	}
	for _, r := range earned {
		if r.GetString("status") != rewards.Earned || r.GetString("referral") != won.Id || r.GetString("incentive") == "" {
			t.Errorf("reward %v: want earned, for the referral that crossed the tier, with the tier's incentive", r.FieldsData())
		}
	}
	if n, _ := app.CountRecords("outbox", dbx.NewExp("payload LIKE '%reward_earned%'")); n != 2 {
		t.Errorf("%d reward emails, want one per tier earned", n)
	}

	again, err := rewards.Recompute(app, ana.Id, won.Id)
	if n, _ := app.CountRecords("rewards"); err != nil || len(again) != 0 || n != 2 {
		t.Errorf("a second pass earned %d more (%d rewards stored), %v; want none", len(again), n, err)
	}
}
