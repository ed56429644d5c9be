package rewards_test

import (
	"strings"
	"testing"

	"warmloop/internal/rewards"
)

func TestAnIncentiveInUseIsNotDeleted(t *testing.T) {
	cases := []struct {
		name string
		use  rewards.IncentiveUse
		says string // "" when the delete is allowed
	}{
		{"an unused incentive is deleted", rewards.IncentiveUse{}, ""},
		{"one asks offered", rewards.IncentiveUse{Asks: 2}, "2 asks offered it"},
		{"one a reward pays", rewards.IncentiveUse{Rewards: 1}, "1 reward pays it"},
		{"one a tier gives", rewards.IncentiveUse{Tiers: 1}, "1 tier gives it"},
		{"the one on offer", rewards.IncentiveUse{OnOffer: true}, "it is the incentive on offer now"},
		{"every use is named", rewards.IncentiveUse{Asks: 1, Rewards: 3, Tiers: 2, OnOffer: true},
			"1 ask offered it; 3 rewards pay it; 2 tiers give it; it is the incentive on offer now"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := rewards.CheckIncentiveDelete(c.use)
			if c.says == "" {
				if err != nil {
					t.Errorf("refused: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), "This incentive cannot be deleted: "+c.says+".") || !strings.Contains(err.Error(), "Deactivate it instead") {
				t.Errorf("CheckIncentiveDelete(%+v) = %v, want it to say %q and what to do", c.use, err, c.says)
			}
		})
	}
}

func TestAnEarnedTierIsNotDeleted(t *testing.T) {
	if err := rewards.CheckTierDelete(0); err != nil {
		t.Errorf("a tier nobody earned was refused: %v", err)
	}
	for n, says := range map[int]string{1: "1 referrer has earned it", 5: "5 referrers have earned it"} {
		if err := rewards.CheckTierDelete(n); err == nil || !strings.Contains(err.Error(), says) {
			t.Errorf("CheckTierDelete(%d) = %v, want it to say %q", n, err, says)
		}
	}
}

func TestTheIncentiveOnOfferStaysActive(t *testing.T) {
	if err := rewards.CheckIncentiveDeactivate(false); err != nil {
		t.Errorf("an incentive not on offer was kept active: %v", err)
	}
	if err := rewards.CheckIncentiveDeactivate(true); err == nil || !strings.Contains(err.Error(), "Choose another one in Settings") {
		t.Errorf("CheckIncentiveDeactivate(true) = %v, want it refused, saying what to do", err)
	}
}
