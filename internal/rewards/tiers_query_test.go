package rewards_test

import (
	"testing"

	"warmloop/internal/rewards"
	"warmloop/tests/schemaapp"
)

func TestTheTiersAreListedAsAReferrerReachesThem(t *testing.T) {
	app := schemaapp.New(t)
	tier(t, app, "Legend", "wins", 40, "")
	tier(t, app, "Regular", "referrals", 30, "")
	recs, err := rewards.ListTiers(app)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(recs); i++ {
		a, b := recs[i-1], recs[i]
		if a.GetString("counts") > b.GetString("counts") ||
			a.GetString("counts") == b.GetString("counts") && a.GetInt("threshold") > b.GetInt("threshold") {
			t.Errorf("%s (%s %d) comes before %s (%s %d)", a.GetString("name"), a.GetString("counts"), a.GetInt("threshold"),
				b.GetString("name"), b.GetString("counts"), b.GetInt("threshold"))
		}
	}
	if last := recs[len(recs)-1]; last.GetString("name") != "Legend" {
		t.Errorf("the last tier is %s, want the 40 wins of Legend", last.GetString("name"))
	}
	if n, err := rewards.CountTiers(app); err != nil || n != len(recs) {
		t.Errorf("CountTiers = %d, %v, want %d", n, err, len(recs))
	}
}

func TestATierIsFoundByItsMilestoneLeavingOutItself(t *testing.T) {
	app := schemaapp.New(t)
	regular := tier(t, app, "Regular", "referrals", 30, "")
	if r, err := rewards.FindTierAt(app, "referrals", 30, ""); err != nil || r.Id != regular.Id {
		t.Errorf("FindTierAt(referrals, 30) = %v, %v, want Regular", r, err)
	}
	if r, err := rewards.FindTierAt(app, "referrals", 30, regular.Id); err == nil {
		t.Errorf("Regular's own milestone found %s when editing it", r.GetString("name"))
	}
	if r, err := rewards.FindTierAt(app, "wins", 30, ""); err == nil {
		t.Errorf("30 wins found %s: a milestone is what a tier counts and its threshold", r.GetString("name"))
	}
}

func TestRewardsAreCountedByTier(t *testing.T) {
	app := schemaapp.New(t)
	regular := tier(t, app, "Regular", "referrals", 30, "")
	legend := tier(t, app, "Legend", "wins", 40, "")
	for _, email := range []string{"ana@northwind.example", "bo@globex.example"} {
		c := schemaapp.Customer(t, app, "Someone", email, nil)
		schemaapp.Save(t, app, "rewards", map[string]any{"referrer": c.Id, "tier": regular.Id, "status": "earned"})
	}
	counts, err := rewards.CountRewardsByTier(app)
	if err != nil || len(counts) != 1 || counts[regular.Id] != 2 {
		t.Errorf("CountRewardsByTier = %v, %v, want Regular 2 and no other tier", counts, err)
	}
	if n, err := rewards.CountTierRewards(app, regular.Id); err != nil || n != 2 {
		t.Errorf("CountTierRewards(Regular) = %d, %v, want 2", n, err)
	}
	if n, _ := rewards.CountTierRewards(app, legend.Id); n != 0 {
		t.Errorf("CountTierRewards(Legend) = %d, want 0", n)
	}
}
