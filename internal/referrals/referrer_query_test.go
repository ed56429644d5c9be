package referrals_test

import (
	"slices"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/referrals"
	"warmloop/internal/rewards"
	"warmloop/tests/schemaapp"
)

func TestAReferrersRecordShowsTheirOwnIntroductionsWithStagesDaysAndStanding(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", map[string]any{"wall_opt_in": true})
	grace := schemaapp.Customer(t, app, "Grace Hopper", "grace@navy.example", map[string]any{"wall_opt_in": true})

	jo := introduce(t, app, ana, "Jo Bloggs", "jo@fabrikam.example", "qualified", 10*24*time.Hour, map[string]any{
		"referee_company": "Fabrikam", "pipeline_value": 9000, "channel": "landing"})
	booked := types.NowDateTime().Add(-8 * 24 * time.Hour)
	for _, e := range []struct {
		to string
		at types.DateTime
	}{{"booked", booked}, {"qualified", types.NowDateTime().Add(-2 * 24 * time.Hour)}} {
		schemaapp.Save(t, app, "referral_events", map[string]any{"referral": jo.Id, "to_status": e.to, "at": e.at})
	}
	introduce(t, app, ana, "Kai Ito", "kai@litware.example", "invited", 3*24*time.Hour, map[string]any{"channel": "landing"})
	introduce(t, app, ana, "Sam Self", "sam@contoso.example", "visited", 2*24*time.Hour, map[string]any{"channel": "share_link"})
	introduce(t, app, ana, "Uma Unconfirmed", "uma@contoso.example", "invited", time.Hour, map[string]any{
		"channel": "share_link", "flag": referrals.Unconfirmed})
	introduce(t, app, ana, "Dee Duplicate", "dee@northwind.example", "invited", 5*24*time.Hour, map[string]any{
		"channel": "landing", "flag": "self_referral"})
	introduce(t, app, ana, "Typed By The Team", "tina@tailspin.example", "lost", 20*24*time.Hour, map[string]any{
		"referee_company": "Tailspin", "channel": "dashboard", "lost_reason": "no budget"})
	introduce(t, app, grace, "Gil Grace", "gil@navy.example", "won", 4*24*time.Hour, map[string]any{"channel": "landing"})
	first, _ := app.FindFirstRecordByData("tiers", "name", "First introduction")
	schemaapp.Save(t, app, "rewards", map[string]any{"referrer": ana.Id, "tier": first.Id,
		"incentive": first.GetString("incentive"), "status": "approved", "referral": jo.Id})

	rec, err := referrals.RecordOf(app, ana.Id, true)
	if err != nil {
		t.Fatal(err)
	}
	want := []referrals.Made{
		{Name: "", Company: "", Shared: true, Stage: "visited", Introduced: rewards.Day(types.NowDateTime().Add(-2 * 24 * time.Hour).String())},
		{Name: "Kai Ito", Stage: "invited", Introduced: rewards.Day(types.NowDateTime().Add(-3 * 24 * time.Hour).String())},
		{Name: "Dee Duplicate", Stage: "invited", Introduced: rewards.Day(types.NowDateTime().Add(-5 * 24 * time.Hour).String())},
		{Name: "Jo Bloggs", Company: "Fabrikam", Stage: "booked",
			Introduced: rewards.Day(types.NowDateTime().Add(-10 * 24 * time.Hour).String()), Reached: rewards.Day(booked.String())},
		{Stage: "lost", Introduced: rewards.Day(types.NowDateTime().Add(-20 * 24 * time.Hour).String())},
	}
	if !slices.Equal(rec.Introductions, want) {
		t.Errorf("introductions\n got %+v\nwant %+v", rec.Introductions, want)
	}
	if rec.Counted != 4 || rec.Won != 0 {
		t.Errorf("counted %d, won %d: want 4 and 0 (the self-referral is held, the unconfirmed is nobody's yet)", rec.Counted, rec.Won)
	}
	if len(rec.Rewards) != 1 || rec.Rewards[0].Tier != "First introduction" || rec.Rewards[0].Status != "approved" ||
		rec.Rewards[0].Incentive == "" || rec.Rewards[0].Day.IsZero() {
		t.Errorf("rewards %+v", rec.Rewards)
	}
	// Four counted introductions are past Connector: only the wins are ahead.
	if want := []rewards.Step{{Tier: "First win", Counts: "wins", Have: 0, Need: 1}}; !slices.Equal(rec.Next, want) || rec.AllTiers {
		t.Errorf("next steps %+v (all reached %v), want %+v", rec.Next, rec.AllTiers, want)
	}
	// Grace has a win, Ana none: Grace ranks first.
	if rec.WallPlace != 2 {
		t.Errorf("wall place %d, want 2", rec.WallPlace)
	}
}

func TestAReferrerWhoDidNotConsentHasNoPlaceOnTheWall(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	introduce(t, app, ana, "Kai Ito", "kai@litware.example", "invited", time.Hour, map[string]any{"channel": "landing"})
	rec, err := referrals.RecordOf(app, ana.Id, false)
	if err != nil {
		t.Fatal(err)
	}
	if rec.WallPlace != 0 || len(rec.Introductions) != 1 {
		t.Errorf("wall place %d, %d introductions", rec.WallPlace, len(rec.Introductions))
	}
}

func TestTheStageAReferrerSeesKeepsQualifiedAsBooked(t *testing.T) {
	for status, want := range map[string]string{"invited": "invited", "visited": "visited", "booked": "booked",
		"qualified": "booked", "won": "won", "lost": "lost"} {
		if got := referrals.StageOf(status); got != want {
			t.Errorf("StageOf(%s) = %s, want %s", status, got, want)
		}
	}
}
