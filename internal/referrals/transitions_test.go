package referrals_test

import (
	"testing"

	"warmloop/internal/referrals"
)

func TestEveryTransition(t *testing.T) {
	statuses := []string{"invited", "visited", "booked", "qualified", "won", "lost"}
	legal := map[string][]string{
		"invited":   {"invited", "visited", "booked", "qualified", "won", "lost"},
		"visited":   {"visited", "booked", "qualified", "won", "lost"},
		"booked":    {"booked", "qualified", "won", "lost"},
		"qualified": {"qualified", "won", "lost"},
		"won":       {"won"},
		"lost":      {"lost"},
	}
	for _, from := range statuses {
		for _, to := range statuses {
			want := false
			for _, ok := range legal[from] {
				want = want || ok == to
			}
			if err := referrals.CheckMove(from, to); (err == nil) != want {
				t.Errorf("%s → %s: %v, want allowed=%v", from, to, err, want)
			}
		}
	}
	if err := referrals.CheckMove("invited", "archived"); err == nil {
		t.Error("an unknown status was allowed")
	}
}
