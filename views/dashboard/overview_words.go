package dashboard

import (
	"slices"
	"strconv"

	"warmloop/internal/metrics"
)

// The overview's breakdowns and funnel arrive from internal/metrics as
// data (a group's stored value, a verdict's kind and figures, a stage's
// id); this file says them in the admin's language, through the catalog's
// dashboard_words.*.toml.

// driverGroup is one row of a breakdown, named for the reader.
type driverGroup struct {
	metrics.Group
	Label string
}

// momentKinds are the moment kinds a trigger group may be, each named by
// dash.label.<kind>.
var momentKinds = []string{"nps", "renewal", "support_win", "first_outcome", "custom"}

// cadencePresets are the presets a cadence group may be, each named by
// dash.words.group.cadence.<preset>.
var cadencePresets = []string{"aggressive", "balanced", "conservative", "custom"}

// incentiveKinds are the kinds an incentive group may be, each named by
// dash.words.group.incentive.<kind>.
var incentiveKinds = []string{"recognition", "access", "swag", "experience", "charity", "monetary"}

// groupNames say how a split's stored values are named: the catalog's
// key for a value not recorded (""), the prefix of its names for the
// values it knows, and those values.
var groupNames = map[string]struct {
	unrecorded, prefix string
	known              []string
}{
	metrics.ByTrigger:   {"dash.words.group.cadence_touch", "dash.label.", momentKinds},
	metrics.ByCadence:   {"dash.words.group.cadence_unknown", "dash.words.group.cadence.", cadencePresets},
	metrics.ByIncentive: {"dash.words.group.incentive_none", "dash.words.group.incentive.", incentiveKinds},
	metrics.ByVariant:   {"dash.words.group.variant_unknown", "", nil},
}

// groupLabel names a group of the breakdown split by key: a stored value
// the catalog knows in the reader's words, a touch by its number, a
// message variant by its own name (its author's), a value not recorded as
// such; a value the catalog does not know (one added since) as it is stored.
func (p overviewPage) groupLabel(key, value string) string {
	if key == metrics.ByTouch {
		if n, err := strconv.Atoi(value); err == nil {
			return p.T("dash.words.group.touch", "Touch", p.Count(n))
		}
		return value
	}
	names, ok := groupNames[key]
	switch {
	case ok && value == "":
		return p.T(names.unrecorded)
	case ok && slices.Contains(names.known, value):
		return p.T(names.prefix + value)
	}
	return value
}

// verdictKinds are the verdicts, each said by dash.words.verdict.<kind>.
var verdictKinds = []metrics.VerdictKind{metrics.OneGroup, metrics.TooFew, metrics.Significant, metrics.Leads}

// verdictLine says a breakdown's verdict in the reader's words: its best
// group by the label the table gives it, the yields and p-value written
// as the reader writes numbers.
func (p overviewPage) verdictLine(key string, v metrics.Verdict) string {
	switch v.Kind {
	case metrics.OneGroup:
		return p.T("dash.words.verdict.one_group")
	case metrics.TooFew:
		return p.N("dash.words.verdict.too_few", metrics.MinSample)
	}
	digits := 2
	if v.Kind == metrics.Significant {
		digits = 3
	}
	return p.T("dash.words.verdict."+string(v.Kind), "Group", p.groupLabel(key, v.Best.Name),
		"Best", p.Percent(v.BestYield), "Rest", p.Percent(v.RestYield), "P", p.Decimal(v.P, digits))
}

// driverCardOf is breakdown b as the overview shows it, under heading.
func (p overviewPage) driverCardOf(b metrics.Breakdown, heading string) driverCard {
	card := driverCard{Key: b.Key, Heading: heading, Verdict: p.verdictLine(b.Key, b.Verdict)}
	for _, g := range b.Groups {
		card.Groups = append(card.Groups, driverGroup{Group: g, Label: p.groupLabel(b.Key, g.Name)})
	}
	return card
}

// funnelStages are the funnel's stages, each named by dash.words.funnel.<stage>.
var funnelStages = []string{metrics.StageAsked, metrics.StageClicked, metrics.StageReferred,
	metrics.StageBooked, metrics.StageQualified, metrics.StageWon}

// stageLabel names a funnel stage in the reader's words.
func (p overviewPage) stageLabel(stage string) string {
	if slices.Contains(funnelStages, stage) {
		return p.T("dash.words.funnel." + stage)
	}
	return stage
}
