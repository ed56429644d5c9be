package asks_test

import (
	"testing"

	"warmloop/internal/asks"
)

func TestEveryAskStatusMove(t *testing.T) {
	statuses := []string{"queued", "sent", "failed", "clicked", "referred"}
	// Every move the code makes: the worker (queued/failed → sent or failed),
	// the landing page (queued/sent/failed → clicked), a referral (any → referred).
	legal := map[string][]string{
		"queued":   {"queued", "sent", "failed", "clicked", "referred"},
		"failed":   {"failed", "sent", "clicked", "referred"},
		"sent":     {"sent", "clicked", "referred"},
		"clicked":  {"clicked", "referred"},
		"referred": {"referred"},
	}
	for _, from := range statuses {
		for _, to := range statuses {
			want := false
			for _, ok := range legal[from] {
				want = want || ok == to
			}
			if err := asks.CheckStatus(from, to); (err == nil) != want {
				t.Errorf("%s → %s: %v, want allowed=%v", from, to, err, want)
			}
		}
	}
	if err := asks.CheckStatus("queued", "opened"); err == nil {
		t.Error("an unknown status was allowed")
	}
}
