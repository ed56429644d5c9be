package hooks_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/tests/testapp"
)

// These tests check the referrals hooks' rewards: a referral made or won, or
// its flag cleared, recomputes the referrer's tiers. rewards.Recompute
// itself is tested in internal/rewards.

// referFrom saves a referral from a referrer, as the landing page would.
func referFrom(t *testing.T, app core.App, referrer *core.Record, n int, flag string) *core.Record {
	t.Helper()
	return testapp.Save(t, app, "referrals", map[string]any{
		"referrer": referrer.Id, "referee_name": fmt.Sprintf("Referee %d", n), "referee_email": fmt.Sprintf("r%d@else.example", n),
		"status": "invited", "channel": "landing", "flag": flag,
	})
}

// tiersEarned lists the names of a referrer's reward tiers in the order
// earned; tiers earned in one save are listed referrals-tiers first, by
// threshold.
func tiersEarned(t *testing.T, app core.App, referrer *core.Record) []string {
	t.Helper()
	var rows []struct {
		Name string `db:"name"`
	}
	err := app.DB().NewQuery(`SELECT t.name FROM rewards w JOIN tiers t ON t.id = w.tier
		WHERE w.referrer = {:r} ORDER BY w.created, t.counts, t.threshold`).Bind(dbx.Params{"r": referrer.Id}).All(&rows)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		out = append(out, r.Name)
	}
	return out
}

// winReferral moves a referral to won, worth 1,000.
func winReferral(t *testing.T, app core.App, r *core.Record) {
	t.Helper()
	r.Set("status", "won")
	r.Set("won_value", 1000)
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
}

func TestEachTierIsEarnedAtItsThresholdWithAnEmail(t *testing.T) {
	app := testapp.New(t)
	ana := testapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	var refs []*core.Record
	steps := []struct {
		do   func()
		want string
	}{
		{func() { refs = append(refs, referFrom(t, app, ana, 1, "")) }, "[First introduction]"},
		{func() { refs = append(refs, referFrom(t, app, ana, 2, "")) }, "[First introduction]"},
		{func() { refs = append(refs, referFrom(t, app, ana, 3, "")) }, "[First introduction Connector]"},
		{func() { winReferral(t, app, refs[0]) }, "[First introduction Connector First win]"},
		{func() {
			refs = append(refs, referFrom(t, app, ana, 4, ""), referFrom(t, app, ana, 5, ""))
			winReferral(t, app, refs[1])
			winReferral(t, app, refs[2])
			winReferral(t, app, refs[3])
		}, "[First introduction Connector First win]"},
		{func() { winReferral(t, app, refs[4]) }, "[First introduction Connector First win Champion]"},
	}
	for i, s := range steps {
		s.do()
		if got := fmt.Sprint(tiersEarned(t, app, ana)); got != s.want {
			t.Fatalf("step %d: tiers %s, want %s", i+1, got, s.want)
		}
	}
	n, _ := app.CountRecords("outbox", dbx.HashExp{"to": "ana@northwind.example", "subject": "Thank you, Ana: you reached the Champion tier"})
	m, _ := app.CountRecords("outbox", dbx.NewExp("payload LIKE '%reward_earned%'"))
	if n != 1 || m != 4 {
		t.Errorf("%d Champion emails, %d reward emails in all; want 1 and 4", n, m)
	}
}

func TestConcurrentWinsEarnEachTierExactlyOnce(t *testing.T) {
	app := testapp.New(t)
	ana := testapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	var refs []*core.Record
	for i := range 8 {
		refs = append(refs, referFrom(t, app, ana, i, ""))
	}
	var wg sync.WaitGroup
	for _, r := range refs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fresh, err := app.FindRecordById("referrals", r.Id)
			if err != nil {
				t.Error(err)
				return
			}
			fresh.Set("status", "won")
			if err := app.Save(fresh); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	got := tiersEarned(t, app, ana)
	counts := map[string]int{}
	for _, name := range got {
		counts[name]++
	}
	for _, name := range []string{"First introduction", "Connector", "First win", "Champion"} {
		if counts[name] != 1 {
			t.Errorf("%s earned %d times under 8 concurrent wins, want exactly once (all: %v)", name, counts[name], got)
		}
	}
}

func TestFlaggedReferralsEarnNothingUntilTheFlagIsCleared(t *testing.T) {
	app := testapp.New(t)
	ana := testapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	r := referFrom(t, app, ana, 1, "self_referral")
	winReferral(t, app, r)
	if got := tiersEarned(t, app, ana); len(got) != 0 {
		t.Fatalf("a flagged referral earned %v", got)
	}
	r, _ = app.FindRecordById("referrals", r.Id)
	r.Set("flag", "")
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(tiersEarned(t, app, ana)); got != "[First introduction First win]" {
		t.Errorf("after the admin cleared the flag: %s", got)
	}
}
