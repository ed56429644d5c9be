package rewards

import (
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/locale"
	"warmloop/internal/prepared"
)

// Standing is where a referrer stands in the program's thanks: the rewards
// they have earned, how far they are from each next tier, and their place on
// the Wall of Thanks. It holds only strings, numbers and bools, so a page
// made of it can be kept whole (views/site RenderKept).
type Standing struct {
	Rewards   []Reward
	Next      []Step // the next tier of each kind not reached yet: referrals first, then wins
	AllTiers  bool   // there are tiers and every one is reached
	WallPlace int    // their place on the wall, from 1; 0 when they are not on it
}

// Reward is one reward as its referrer sees it.
type Reward struct {
	Incentive string    // what it is
	Tier      string    // the tier that earned it
	Status    string    // earned, approved, fulfilled or declined
	Day       time.Time // the day it was earned (UTC midnight), written for people by the page
}

// Step is the way to one tier not reached yet.
type Step struct {
	Tier       string
	Counts     string // "referrals" or "wins"
	Have, Need int
}

// Progress writes how far a referrer is along a step, in their language
// with the plural right: "2 of 3 introductions", "0 of 1 introduction won".
func (s Step) Progress(sp locale.Speaker) string {
	id := "record.progress.referrals"
	if s.Counts == "wins" {
		id = "record.progress.wins"
	}
	return sp.N(id, s.Need, "Have", sp.Number(s.Have))
}

// NamedTier is a tier with the name a referrer reads.
type NamedTier struct {
	Tier
	Name string
}

// NextSteps is, for each thing tiers count, the lowest tier a referrer with
// these counts has not reached, referrals before wins. Tiers come in any
// order.
func NextSteps(tiers []NamedTier, referrals, wins int) []Step {
	var out []Step
	for _, counts := range []string{"referrals", "wins"} {
		have := referrals
		if counts == "wins" {
			have = wins
		}
		var next *NamedTier
		for i, t := range tiers {
			if t.Counts == counts && have < t.Threshold && (next == nil || t.Threshold < next.Threshold) {
				next = &tiers[i]
			}
		}
		if next != nil {
			out = append(out, Step{Tier: next.Name, Counts: counts, Have: have, Need: next.Threshold})
		}
	}
	return out
}

// The reads of a referrer's standing, prepared once on the read pool: a
// referrer's page makes them on every view.
const (
	referrerRewardsSQL = `SELECT COALESCE(i.name, ''), COALESCE(t.name, ''), w.status, w.created
	FROM rewards w LEFT JOIN incentives i ON i.id = w.incentive LEFT JOIN tiers t ON t.id = w.tier
	WHERE w.referrer = ? ORDER BY w.created, w.id`
	tiersSQL = `SELECT id, name, threshold, counts FROM tiers`
)

// StandingOf reads a referrer's standing, given the counts the tiers count
// (their referrals and their wins, neither held for review) and whether
// they consented to the wall.
func StandingOf(app core.App, referrerID string, referrals, wins int, onWall bool) (Standing, error) {
	var st Standing
	rows, err := prepared.Query(app, referrerRewardsSQL, referrerID)
	if err != nil {
		return st, err
	}
	defer rows.Close()
	for rows.Next() {
		var r Reward
		var day string
		if err := rows.Scan(&r.Incentive, &r.Tier, &r.Status, &day); err != nil {
			return st, err
		}
		r.Day = Day(day)
		st.Rewards = append(st.Rewards, r)
	}
	if err := rows.Close(); err != nil {
		return st, err
	}
	tiers, err := readTiers(app)
	if err != nil {
		return st, err
	}
	st.Next = NextSteps(tiers, referrals, wins)
	st.AllTiers = len(tiers) > 0 && len(st.Next) == 0
	if onWall {
		st.WallPlace, err = WallPlace(app, referrerID)
	}
	return st, err
}

// readTiers reads every tier.
func readTiers(app core.App) ([]NamedTier, error) {
	rows, err := prepared.Query(app, tiersSQL)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []NamedTier
	for rows.Next() {
		var t NamedTier
		if err := rows.Scan(&t.ID, &t.Name, &t.Threshold, &t.Counts); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Close()
}

// Day is the day of a stored date, at UTC midnight, for a page to write in
// its reader's language (locale.Date); the zero time when there is none.
func Day(stored string) time.Time {
	d, err := types.ParseDateTime(stored)
	if err != nil || d.IsZero() {
		return time.Time{}
	}
	return d.Time().UTC().Truncate(24 * time.Hour)
}

// keptPlaces is the Wall of Thanks as places, read once and kept while the
// wall stays as it was.
type keptPlaces struct {
	mu      sync.Mutex
	version uint64    // the WallVersion it was read under
	at      time.Time // when it was read
	places  map[string]int
}

// placesMaxAge bounds how long kept places are trusted. A change made
// through this server is seen at once (WallVersion); this bound is for one
// it cannot see, made by a command running beside it.
const placesMaxAge = 5 * time.Second

// WallPlace is a customer's place on the Wall of Thanks, from 1: 0 when
// they are not on it (no consent, no introduction that counts yet, or
// below the WallSize the wall shows). The wall is read once per change, not
// once per call: its query grows with the program.
func WallPlace(app core.App, customerID string) (int, error) {
	k := app.Store().GetOrSet("warmloop.rewards.places", func() any { return &keptPlaces{} }).(*keptPlaces)
	version := WallVersion(app)
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.places == nil || k.version != version || time.Since(k.at) >= placesMaxAge {
		entries, err := Wall(app, WallSize)
		if err != nil {
			return 0, err
		}
		places := make(map[string]int, len(entries))
		for i, e := range entries {
			places[e.ID] = i + 1
		}
		k.version, k.at, k.places = version, time.Now(), places
	}
	return k.places[customerID], nil
}
