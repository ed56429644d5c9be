package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// defaultPages are the pages a fresh program starts with; their titles and
// bodies are in static/content. Bodies are markdown with {{variables}}
// filled in when a page or email is rendered.
var defaultPages = []string{"landing", "referee", "ask_email", "intro_email"}

// defaultIncentives is a catalog led by recognition; cash comes last, because
// in B2B it tends to feel transactional and can sit badly with procurement rules.
var defaultIncentives = []struct{ key, name, kind, description string }{
	{"recognition", "A personal thank-you and a place on our Wall of Thanks", "recognition",
		"A handwritten note from our founders, and your name (with your consent) on our public Wall of Thanks."},
	{"access", "Early access and a seat at our roadmap sessions", "access",
		"Try new features weeks before anyone else, and join the quarterly session where customers shape what we build next."},
	{"swag", "A curated gift box", "swag",
		"Good coffee, a notebook worth writing in and a few things from our team, sent to your door."},
	{"experience", "Dinner or a conference ticket on us", "experience",
		"A dinner for two at a restaurant of your choice, or a ticket to an industry event you want to attend."},
	{"charity", "A donation to a charity you choose", "charity",
		"We give 100 to a registered charity of your choice, in your name."},
	{"monetary", "Account credit", "monetary",
		"A credit of 250 on your next invoice."},
}

// defaultTiers rewards repeat referrers on both referrals made and referrals won.
var defaultTiers = []struct {
	name      string
	threshold int
	counts    string
	incentive string
}{
	{"First introduction", 1, "referrals", "recognition"},
	{"Connector", 3, "referrals", "swag"},
	{"First win", 1, "wins", "experience"},
	{"Champion", 5, "wins", "access"},
}

func init() {
	m.Register(seedProgramDefaults, func(app core.App) error {
		for _, name := range []string{"rewards", "tiers", "settings", "pages", "incentives"} {
			if _, err := app.DB().NewQuery("DELETE FROM " + name).Execute(); err != nil {
				return err
			}
		}
		return nil
	})
}

// seedProgramDefaults writes what a fresh data dir starts with: one settings
// record, the default pages, the incentive catalog and the tiers.
func seedProgramDefaults(app core.App) error {
	incentiveIDs, err := seedIncentives(app)
	if err != nil {
		return err
	}
	if err := seedTiers(app, incentiveIDs); err != nil {
		return err
	}
	if err := addPages(app, defaultPages); err != nil {
		return err
	}
	return seedSettings(app, incentiveIDs["recognition"])
}

// seedIncentives writes the incentive catalog and returns its record ids by key.
func seedIncentives(app core.App) (map[string]string, error) {
	incentiveIDs := map[string]string{}
	incentives, err := app.FindCollectionByNameOrId("incentives")
	if err != nil {
		return nil, err
	}
	for i, inc := range defaultIncentives {
		r := core.NewRecord(incentives)
		r.Set("name", inc.name)
		r.Set("kind", inc.kind)
		r.Set("description", inc.description)
		r.Set("active", true)
		r.Set("position", i+1)
		if err := app.Save(r); err != nil {
			return nil, err
		}
		incentiveIDs[inc.key] = r.Id
	}
	return incentiveIDs, nil
}

// seedTiers writes the tier ladder, each tier pointing at its incentive.
func seedTiers(app core.App, incentiveIDs map[string]string) error {
	tiers, err := app.FindCollectionByNameOrId("tiers")
	if err != nil {
		return err
	}
	for _, t := range defaultTiers {
		r := core.NewRecord(tiers)
		r.Set("name", t.name)
		r.Set("threshold", t.threshold)
		r.Set("counts", t.counts)
		r.Set("incentive", incentiveIDs[t.incentive])
		if err := app.Save(r); err != nil {
			return err
		}
	}
	return nil
}

// seedSettings writes the one settings record, offering the given incentive.
func seedSettings(app core.App, currentIncentive string) error {
	settings, err := app.FindCollectionByNameOrId("settings")
	if err != nil {
		return err
	}
	s := core.NewRecord(settings)
	s.Set("company_name", "Acme")
	s.Set("sender_name", "The Acme team")
	s.Set("sender_address", "referrals@example.com")
	s.Set("nps_threshold", 9)
	s.Set("cadence", "balanced")
	s.Set("cadence_days", 42)
	s.Set("cooldown_days", 14)
	s.Set("touch_limit", 3)
	s.Set("rest_days", 30)
	s.Set("booking_url", "")
	s.Set("current_incentive", currentIncentive)
	return app.Save(s)
}
