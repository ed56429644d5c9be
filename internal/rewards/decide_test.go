package rewards_test

import (
	"errors"
	"strings"
	"testing"

	"warmloop/internal/rewards"
)

func TestDecidingARewardMovesItAndRecordsWhoAndWhen(t *testing.T) {
	app := queueFixture(t)
	rows, _ := rewards.FindQueue(app, rewards.Earned, 1, 0)
	rec, err := app.FindRecordById("rewards", rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := rewards.Decide(app, rec, rewards.Approved, "maya@warmloop.test"); err != nil {
		t.Fatal(err)
	}
	got, _ := app.FindRecordById("rewards", rec.Id)
	if got.GetString("status") != rewards.Approved || got.GetString("decided_by") != "maya@warmloop.test" || got.GetDateTime("approved_at").IsZero() {
		t.Fatalf("after approving: status %q, by %q, at %v", got.GetString("status"), got.GetString("decided_by"), got.GetDateTime("approved_at"))
	}
}

func TestADecisionThatLeavesARewardWhereItIsOrBreaksTheLifecycleWritesNothing(t *testing.T) {
	app := queueFixture(t)
	for _, c := range []struct {
		name, from, to string
		refused        func(error) bool
	}{
		{"approving an approved reward", rewards.Approved, rewards.Approved,
			func(err error) bool { return errors.Is(err, rewards.ErrAlreadyThere) }},
		{"fulfilling an earned reward", rewards.Earned, rewards.Fulfilled,
			func(err error) bool { return err != nil && strings.Contains(err.Error(), "approve the reward before") }},
	} {
		rows, _ := rewards.FindQueue(app, c.from, 1, 0)
		rec, err := app.FindRecordById("rewards", rows[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := rewards.Decide(app, rec, c.to, "maya@warmloop.test"); !c.refused(err) {
			t.Errorf("%s: %v", c.name, err)
		}
		got, _ := app.FindRecordById("rewards", rec.Id)
		if got.GetString("status") != c.from || got.GetString("decided_by") != "" {
			t.Errorf("%s wrote: status %q, by %q", c.name, got.GetString("status"), got.GetString("decided_by"))
		}
	}
}
