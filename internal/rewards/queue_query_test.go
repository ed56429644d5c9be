package rewards_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/rewards"
	"warmloop/tests/schemaapp"
)

// queueFixture is a program with its own tiers and incentives and six
// rewards, saved in the opposite order to when they were earned (one day
// apart, the first earned six days ago): Al and Bo earned, Cy and Dan
// approved, Eve fulfilled, Fay declined. The rewards are named by their
// referrers; Al's was crossed by introducing Ada (flagged, so that it earns
// nothing itself).
func queueFixture(t *testing.T) core.App {
	app := schemaapp.New(t)
	mug := schemaapp.Save(t, app, "incentives", map[string]any{"name": "Mug", "kind": "swag", "description": "# Thanks\n\nA **mug** for your desk."})
	credit := schemaapp.Save(t, app, "incentives", map[string]any{"name": "Credit", "kind": "monetary", "description": "250 off."})
	tier := schemaapp.Save(t, app, "tiers", map[string]any{"name": "Pioneer", "threshold": 2, "counts": "referrals", "incentive": mug.Id})
	statuses := []string{"earned", "earned", "approved", "approved", "fulfilled", "declined"}
	names := []string{"Al", "Bo", "Cy", "Dan", "Eve", "Fay"}
	for i := len(names) - 1; i >= 0; i-- {
		who := schemaapp.Customer(t, app, names[i], strings.ToLower(names[i])+"@fabrikam.example", nil)
		fields := map[string]any{"referrer": who.Id, "tier": tier.Id, "status": statuses[i]}
		switch names[i] {
		case "Al":
			fields["referral"] = schemaapp.Save(t, app, "referrals", map[string]any{"referrer": who.Id,
				"referee_name": "Ada", "referee_email": "ada@engines.example", "status": "invited", "flag": "duplicate"}).Id
		case "Bo":
			fields["incentive"] = credit.Id // a reward may give other than its tier's incentive
		}
		w := schemaapp.Save(t, app, "rewards", fields)
		created := types.NowDateTime().Add(-time.Duration(6-i) * 24 * time.Hour)
		if _, err := app.DB().Update("rewards", dbx.Params{"created": created.String()}, dbx.HashExp{"id": w.Id}).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	return app
}

// referrersOf lists the referrers of queue rows, in order.
func referrersOf(rows []rewards.QueueRow) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.ReferrerName)
	}
	return out
}

func TestTheQueuesAreFirstComeFirstServedAndTheDecidedNewestFirst(t *testing.T) {
	app := queueFixture(t)
	schemaapp.Save(t, app, "rewards", map[string]any{"referrer": schemaapp.Customer(t, app, "Gus", "gus@fabrikam.example", nil).Id,
		"tier": mustTier(t, app, "Pioneer"), "status": "fulfilled"}) // fulfilled just now
	for _, c := range []struct {
		status string
		want   []string
	}{
		{rewards.Earned, []string{"Al", "Bo"}},
		{rewards.Approved, []string{"Cy", "Dan"}},
		{rewards.Fulfilled, []string{"Gus", "Eve"}},
		{rewards.Declined, []string{"Fay"}},
	} {
		rows, err := rewards.FindQueue(app, c.status, 10, 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := referrersOf(rows); !slices.Equal(got, c.want) {
			t.Errorf("%s: %q, want %q", c.status, got, c.want)
		}
	}
}

func TestTheQueuePagesThroughAStatus(t *testing.T) {
	app := queueFixture(t)
	first, err := rewards.FindQueue(app, rewards.Earned, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	second, err := rewards.FindQueue(app, rewards.Earned, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := append(referrersOf(first), referrersOf(second)...); !slices.Equal(got, []string{"Al", "Bo"}) {
		t.Fatalf("pages of 1: %q", got)
	}
}

func TestAQueueRowCarriesItsReferrerTierRefereeAndTheRewardsOwnIncentiveOrElseItsTiers(t *testing.T) {
	app := queueFixture(t)
	rows, err := rewards.FindQueue(app, rewards.Earned, 10, 0)
	if err != nil || len(rows) != 2 {
		t.Fatalf("%v, %v", rows, err)
	}
	al, err := rewards.FindQueueRow(app, rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if al != rows[0] || al.ReferrerEmail != "al@fabrikam.example" || al.RefereeName != "Ada" ||
		al.TierName != "Pioneer" || al.TierThreshold != 2 || al.TierCounts != "referrals" || al.IncentiveName != "Mug" || al.IncentiveKind != "swag" {
		t.Errorf("Al's row %+v, in the list %+v", al, rows[0])
	}
	if bo := rows[1]; bo.IncentiveName != "Credit" || bo.IncentiveDescription != "250 off." || bo.RefereeName != "" {
		t.Errorf("Bo's reward gives %q (%q), want its own incentive, Credit", bo.IncentiveName, bo.IncentiveDescription)
	}
}

func TestRewardsAreCountedByStatusForTheTabs(t *testing.T) {
	app := queueFixture(t)
	counts, err := rewards.CountByStatus(app)
	if err != nil {
		t.Fatal(err)
	}
	if counts[rewards.Earned] != 2 || counts[rewards.Approved] != 2 || counts[rewards.Fulfilled] != 1 || counts[rewards.Declined] != 1 {
		t.Fatalf("counts %v", counts)
	}
}

// mustTier is the id of the tier named name.
func mustTier(t *testing.T, app core.App, name string) string {
	t.Helper()
	r, err := app.FindFirstRecordByData("tiers", "name", name)
	if err != nil {
		t.Fatal(err)
	}
	return r.Id
}
