package asks_test

import (
	"testing"
	"time"

	"warmloop/internal/asks"
)

func TestALinkWorksForItsLifeUnlessTheCustomerOptedOut(t *testing.T) {
	made := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	life := 90 * 24 * time.Hour
	for _, c := range []struct {
		name     string
		created  time.Time
		optedOut bool
		now      time.Time
		want     asks.Link
	}{
		{"a new link is open", made, false, made.Add(time.Minute), asks.LinkOpen},
		{"a link on its last second is open", made, false, made.Add(life - time.Second), asks.LinkOpen},
		{"a link of exactly its life has expired", made, false, made.Add(life), asks.LinkExpired},
		{"an old link has expired", made, false, made.Add(400 * 24 * time.Hour), asks.LinkExpired},
		{"an opted-out customer's new link sends nothing", made, true, made.Add(time.Minute), asks.LinkOptedOut},
		{"an opted-out customer's old link is not offered a fresh one", made, true, made.Add(life * 2), asks.LinkOptedOut},
		{"a link with no creation time counts as expired", time.Time{}, false, made, asks.LinkExpired},
	} {
		if got := asks.LinkOf(c.created, c.optedOut, life, c.now); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
