package hooks_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/rewards"
	"warmloop/tests/testapp"
)

// rewardIn saves a reward for a new referrer in status, on the first tier,
// and reads it back.
func rewardIn(t *testing.T, app core.App, email, status string) *core.Record {
	t.Helper()
	tier, err := app.FindFirstRecordByFilter("tiers", "threshold = 1 && counts = 'referrals'")
	if err != nil {
		t.Fatal(err)
	}
	c := newCustomer(t, app, email, nil)
	r := testapp.Save(t, app, "rewards", map[string]any{"referrer": c.Id, "tier": tier.Id, "incentive": tier.GetString("incentive"), "status": status})
	fresh, err := app.FindRecordById("rewards", r.Id) // as a handler reads it
	if err != nil {
		t.Fatal(err)
	}
	return fresh
}

func TestDecidingARewardMovesItAndRecordsWhoAndWhen(t *testing.T) {
	app := testapp.New(t)
	rec := rewardIn(t, app, "al@acme.example", rewards.Earned)
	if err := rewards.Decide(app, rec, rewards.Approved, "maya@warmloop.test"); err != nil {
		t.Fatal(err)
	}
	got, _ := app.FindRecordById("rewards", rec.Id)
	if got.GetString("status") != rewards.Approved || got.GetString("decided_by") != "maya@warmloop.test" || got.GetDateTime("approved_at").IsZero() {
		t.Fatalf("after approving: status %q, by %q, at %v", got.GetString("status"), got.GetString("decided_by"), got.GetDateTime("approved_at"))
	}
}

func TestADecisionThatLeavesARewardWhereItIsOrBreaksTheLifecycleWritesNothing(t *testing.T) {
	app := testapp.New(t)
	for _, c := range []struct {
		name, email, from, to string
		refused               func(error) bool
	}{
		{"approving an approved reward", "bo@acme.example", rewards.Approved, rewards.Approved,
			func(err error) bool { return errors.Is(err, rewards.ErrAlreadyThere) }},
		{"fulfilling an earned reward", "cy@acme.example", rewards.Earned, rewards.Fulfilled,
			func(err error) bool { return err != nil && strings.Contains(err.Error(), "approve the reward before") }},
	} {
		rec := rewardIn(t, app, c.email, c.from)
		if err := rewards.Decide(app, rec, c.to, "maya@warmloop.test"); !c.refused(err) {
			t.Errorf("%s: %v", c.name, err)
		}
		got, _ := app.FindRecordById("rewards", rec.Id)
		if got.GetString("status") != c.from || got.GetString("decided_by") != "" {
			t.Errorf("%s wrote: status %q, by %q", c.name, got.GetString("status"), got.GetString("decided_by"))
		}
	}
}
