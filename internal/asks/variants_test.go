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
