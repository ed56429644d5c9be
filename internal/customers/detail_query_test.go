package customers_test

import (
	"fmt"
	"testing"
	"time"

	"warmloop/internal/customers"
	"warmloop/tests/schemaapp"
)

func TestFindReferredBy(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	ref := schemaapp.Save(t, app, "referrals", map[string]any{
		"referrer": ana.Id, "referee_name": "Dan Reyes", "referee_email": "dan@drumlin.example",
		"status": "invited", "channel": "landing",
	})
	t.Run("a referred customer is told who referred them and when", func(t *testing.T) {
		by, err := customers.FindReferredBy(app, ref.Id)
		if err != nil {
			t.Fatal(err)
		}
		if by == nil || by.ReferrerID != ana.Id || by.ReferrerName != "Ana Lima" || by.Created.String() != ref.GetDateTime("created").String() {
			t.Errorf("referred by %+v, want Ana at %v", by, ref.GetDateTime("created"))
		}
	})
	for name, referral := range map[string]string{
		"a customer nobody referred has no referrer":      "",
		"a referral that is no longer there names nobody": "nosuchreferral1",
	} {
		t.Run(name, func(t *testing.T) {
			if by, err := customers.FindReferredBy(app, referral); by != nil || err != nil {
				t.Errorf("FindReferredBy(%q) = %+v, %v; want nil, nil", referral, by, err)
			}
		})
	}
}

func TestHistorySections(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	other := schemaapp.Customer(t, app, "Ole Other", "ole@other.example", nil)
	at := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	// Detractor answers, so that no ask follows them; saved out of order.
	for _, day := range []int{2, 0, 1} {
		schemaapp.Save(t, app, "moments", map[string]any{"customer": ana.Id, "kind": "nps", "score": day,
			"comment": fmt.Sprint("day ", day), "source": "api", "occurred_at": at.AddDate(0, 0, day)})
	}
	schemaapp.Save(t, app, "moments", map[string]any{"customer": other.Id, "kind": "nps", "score": 1, "source": "api", "occurred_at": at})
	for touch := 1; touch <= 3; touch++ {
		ask := schemaapp.Save(t, app, "asks", map[string]any{"customer": ana.Id, "touch": touch, "status": "sent"})
		backdate(t, app, "asks", ask.Id, at.AddDate(0, 0, touch))
	}
	for i, name := range []string{"Ben Okafor", "Bo Park", "Bea Quinn"} {
		r := schemaapp.Save(t, app, "referrals", map[string]any{"referrer": ana.Id, "referee_name": name,
			"referee_email": fmt.Sprintf("r%d@bluepeak.example", i), "status": "invited", "channel": "landing"})
		backdate(t, app, "referrals", r.Id, at.AddDate(0, 0, i))
	}

	t.Run("a customer's moments come latest first, at most limit, with their total", func(t *testing.T) {
		rows, n, err := customers.Moments(app, ana.Id, 2)
		if err != nil {
			t.Fatal(err)
		}
		if n != 3 || len(rows) != 2 || rows[0].Comment != "day 2" || rows[1].Comment != "day 1" || rows[0].Score != 2 {
			t.Errorf("moments %+v of %d, want day 2 and day 1 of 3", rows, n)
		}
	})
	t.Run("a customer's asks come newest first, at most limit, with their total", func(t *testing.T) {
		rows, n, err := customers.Asks(app, ana.Id, 2)
		if err != nil {
			t.Fatal(err)
		}
		if n != 3 || len(rows) != 2 || rows[0].Touch != 3 || rows[1].Touch != 2 || rows[0].Status != "sent" {
			t.Errorf("asks %+v of %d, want touches 3 and 2 of 3", rows, n)
		}
	})
	t.Run("a customer's referrals come newest first, at most limit, with their total", func(t *testing.T) {
		rows, n, err := customers.Referrals(app, ana.Id, 2)
		if err != nil {
			t.Fatal(err)
		}
		if n != 3 || len(rows) != 2 || rows[0].RefereeName != "Bea Quinn" || rows[1].RefereeName != "Bo Park" {
			t.Errorf("referrals %+v of %d, want Bea and Bo of 3", rows, n)
		}
	})
	t.Run("another customer's history is not theirs", func(t *testing.T) {
		h, err := customers.FindHistory(app, other.Id, 50)
		if err != nil {
			t.Fatal(err)
		}
		if h.MomentCount != 1 || len(h.Moments) != 1 || h.AskCount+h.ReferralCount+h.RewardCount != 0 ||
			len(h.Asks)+len(h.Referrals)+len(h.Rewards) != 0 {
			t.Errorf("history %+v, want one moment and nothing else", h)
		}
	})
}

func TestRewardsNameTheirTierAndIncentive(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	mug := schemaapp.Save(t, app, "incentives", map[string]any{"name": "Spare mug", "kind": "swag", "active": true})
	bare := schemaapp.Save(t, app, "tiers", map[string]any{"name": "Bare tier", "threshold": 98, "counts": "wins"})
	mugTier := schemaapp.Save(t, app, "tiers", map[string]any{"name": "Mug tier", "threshold": 99, "counts": "wins", "incentive": mug.Id})
	at := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	first := schemaapp.Save(t, app, "rewards", map[string]any{"referrer": ana.Id, "tier": bare.Id, "status": "earned"})
	second := schemaapp.Save(t, app, "rewards", map[string]any{"referrer": ana.Id, "tier": mugTier.Id, "incentive": mug.Id, "status": "approved"})
	backdate(t, app, "rewards", first.Id, at)
	backdate(t, app, "rewards", second.Id, at.AddDate(0, 0, 1))

	rows, n, err := customers.Rewards(app, ana.Id, 50)
	if err != nil {
		t.Fatal(err)
	}
	want := []customers.RewardRow{{Tier: "Mug tier", Incentive: "Spare mug", Status: "approved"}, {Tier: "Bare tier", Incentive: "", Status: "earned"}}
	if n != 2 || len(rows) != 2 {
		t.Fatalf("rewards %+v of %d, want 2", rows, n)
	}
	for i, w := range want {
		if rows[i].Tier != w.Tier || rows[i].Incentive != w.Incentive || rows[i].Status != w.Status {
			t.Errorf("reward %d is %+v, want %+v", i, rows[i], w)
		}
	}
}
