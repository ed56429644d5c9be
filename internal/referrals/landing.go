package referrals

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
	"warmloop/internal/pages"
	"warmloop/internal/program"
)

// The landing page's variables that differ per referrer.
var (
	landingPeople = []string{"first_name", "company"}
)

// LandingPage is the landing page in a language (a shipped locale, as
// locale.Pick gives), rendered with what is the same for every referrer who
// reads it: the company, the incentive on offer and the tiers. It is cached
// per language until any of them changes.
func LandingPage(app core.App, lang string) (pages.Page, error) {
	s, err := program.Load(app)
	if err != nil {
		return pages.Page{}, err
	}
	return pages.Cached(app, "landing:fixed\x00"+lang, func() (pages.Page, error) {
		inc, err := CurrentIncentive(app, s)
		if err != nil {
			return pages.Page{}, err
		}
		tiers, err := tiersMarkdown(app, locale.For(lang))
		if err != nil {
			return pages.Page{}, err
		}
		offer := ""
		if inc != nil {
			offer = "**" + inc.GetString("name") + ".** " + inc.GetString("description")
		}
		fixed := pages.Vars{
			People: map[string]string{"company_name": s.CompanyName, "sender_name": s.SenderName},
			System: map[string]string{"incentive": offer, "tiers": tiers},
		}
		return pages.Load(app, "landing", lang, fixed, landingPeople, nil)
	})
}

// CurrentIncentive is the incentive the program offers now: the one the
// settings name, else the first active one in catalog order; nil if none.
func CurrentIncentive(app core.App, s program.Settings) (*core.Record, error) {
	if s.CurrentIncentive != "" {
		if r, err := app.FindRecordById("incentives", s.CurrentIncentive); err == nil {
			return r, nil
		}
	}
	rs, err := app.FindRecordsByFilter("incentives", "active = true", "position", 1, 0)
	if err != nil || len(rs) == 0 {
		return nil, err
	}
	return rs[0], nil
}

// tiersMarkdown lists the tiers a referrer climbs, in the order they reach
// them (referrals first, then wins, each by threshold), in the reader's language.
func tiersMarkdown(app core.App, sp locale.Speaker) (string, error) {
	tiers, err := app.FindAllRecords("tiers")
	if err != nil {
		return "", err
	}
	if len(tiers) == 0 {
		return "", nil
	}
	byID := map[string]string{}
	incs, err := app.FindAllRecords("incentives")
	if err != nil {
		return "", err
	}
	for _, inc := range incs {
		byID[inc.Id] = inc.GetString("name")
	}
	sortTiers(tiers)
	var b strings.Builder
	b.WriteString(sp.T("landing.tiers.lead") + "\n\n")
	for _, t := range tiers {
		fmt.Fprintf(&b, "- **%s:** ", milestone(sp, t.GetInt("threshold"), t.GetString("counts")))
		if name := byID[t.GetString("incentive")]; name != "" {
			if sp.Lang != "de" { // German writes its nouns with a capital
				name = strings.ToLower(name[:1]) + name[1:]
			}
			b.WriteString(sp.T("landing.tiers.gift", "Incentive", name) + " ")
		}
		b.WriteString(sp.T("landing.tiers.become", "Tier", "*"+t.GetString("name")+"*") + "\n")
	}
	return b.String(), nil
}

// sortTiers orders tiers by what they count (referrals before wins), then
// by threshold.
func sortTiers(tiers []*core.Record) {
	rank := func(t *core.Record) int {
		r := t.GetInt("threshold")
		if t.GetString("counts") == "wins" {
			r += 1 << 20
		}
		return r
	}
	slices.SortFunc(tiers, func(a, b *core.Record) int { return cmp.Compare(rank(a), rank(b)) })
}

// milestone says in words when a tier is reached.
func milestone(sp locale.Speaker, threshold int, counts string) string {
	if counts == "wins" {
		return sp.N("landing.tiers.wins", threshold)
	}
	return sp.N("landing.tiers.referrals", threshold)
}
