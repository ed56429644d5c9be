package asks

import "testing"

func TestPickWeightedGivesEachItsShare(t *testing.T) {
	weights := []int{3, 0, 1}
	counts := make([]int, len(weights))
	for roll := 0; roll < 4; roll++ {
		counts[pickWeighted(weights, roll)]++
	}
	if counts[0] != 3 || counts[1] != 0 || counts[2] != 1 {
		t.Errorf("rolls 0..3 gave %v, want [3 0 1]", counts)
	}
}

func TestSharesSplitEachTouchByWeightAmongTheActiveVariants(t *testing.T) {
	shares, uncovered := Shares([]Weighted{
		{ID: "a", Touch: "first", Weight: 1, Active: true},
		{ID: "b", Touch: "first", Weight: 2, Active: true},
		{ID: "c", Touch: "first", Weight: 5, Active: false},
		{ID: "d", Touch: "followup", Weight: 3, Active: false},
	})
	if len(shares) != 2 || shares["a"] != 33 || shares["b"] != 67 {
		t.Errorf("shares = %v, want a 33%% and b 67%%, none for the inactive c and d", shares)
	}
	if len(uncovered) != 1 || uncovered[0] != "followup" {
		t.Errorf("uncovered = %v, want the follow-up, which has no active variant", uncovered)
	}
}

func TestATouchWithOnlyPausedVariantsIsUncovered(t *testing.T) {
	shares, uncovered := Shares([]Weighted{{ID: "a", Touch: "first", Weight: 0, Active: true}})
	if _, ok := shares["a"]; ok || len(uncovered) != 2 {
		t.Errorf("shares = %v, uncovered = %v: a weight of 0 pauses the variant, so both touches are uncovered", shares, uncovered)
	}
}
