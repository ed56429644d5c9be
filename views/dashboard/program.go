package dashboard

import (
	"net/http"
	"strconv"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/asks"
	"warmloop/internal/locale"
	"warmloop/internal/rewards"
	"warmloop/views/form"
)

// progTabs are the three lists of the program screen, in order.
var progTabs = []string{"incentives", "tiers", "variants"}

// progTabLabel names a tab of the program screen in the reader's language.
func progTabLabel(sp locale.Speaker, tab string) string {
	switch tab {
	case "tiers":
		return sp.T("dash.program.tab.tiers")
	case "variants":
		return sp.T("dash.program.tab.variants")
	}
	return sp.T("dash.program.tab.incentives")
}

// progTab is one tab link of the program screen.
type progTab struct {
	Label, URL string
	Current    bool
	Count      int
}

// progOption is one choice of a select, radio group or checkbox list.
type progOption struct {
	Value, Label string
	Selected     bool
}

// progListPage is the program screen: one of its three lists.
type progListPage struct {
	adminPage
	Tab        string
	Tabs       []progTab
	Incentives []progIncentiveRow
	Tiers      []progTierRow
	Variants   []progVariantRow
	// NoActive names the touches no active variant covers, for a warning.
	NoActive []string
	Error    string
}

// progList shows the tab asked for by ?tab= (incentives by default).
func progList(e *core.RequestEvent) error {
	data, err := progLoadList(e, e.Request.URL.Query().Get("tab"))
	if err != nil {
		return err
	}
	return render(e, http.StatusOK, "admin/program", data)
}

// progLoadList reads the counts for the tabs and the rows of the chosen one.
func progLoadList(e *core.RequestEvent, tab string) (progListPage, error) {
	if tab != "tiers" && tab != "variants" {
		tab = "incentives"
	}
	p := progListPage{adminPage: newAdminPage(e, "program"), Tab: tab}
	counts := map[string]func(core.App) (int, error){
		"incentives": rewards.CountIncentives, "tiers": rewards.CountTiers, "variants": asks.CountVariants,
	}
	for _, t := range progTabs {
		n, err := counts[t](e.App)
		if err != nil {
			return p, err
		}
		p.Tabs = append(p.Tabs, progTab{Label: progTabLabel(p.Speaker, t), URL: "/dashboard/program?tab=" + t, Current: t == tab, Count: n})
	}
	var err error
	switch tab {
	case "incentives":
		p.Incentives, err = progIncentiveRows(p.Speaker, e.App)
	case "tiers":
		p.Tiers, err = progTierRows(p.Speaker, e.App)
	case "variants":
		p.Variants, p.NoActive, err = progVariantRows(p.Speaker, e.App)
	}
	return p, err
}

// progInt reads a whole number from a field within [lo, hi]; an empty field
// is 0 and fine unless required. It fails the field with a plain message
// in the reader's language.
func progInt(sp locale.Speaker, f form.Form, name string, lo, hi int, required bool) int {
	v := f.Get(name)
	if v == "" {
		if required {
			f.Fail(name, sp.T("dash.rule.int_required", "Low", sp.Number(lo), "High", sp.Number(hi)))
		}
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		f.Fail(name, sp.T("dash.rule.int_whole", "Example", sp.Number(max(lo, 1))))
		return 0
	}
	if n < lo || n > hi {
		f.Fail(name, sp.T("dash.rule.int_range", "Low", sp.Number(lo), "High", sp.Number(hi)))
	}
	return n
}

// progMaxLen fails a field longer than limit characters, in the reader's language.
func progMaxLen(sp locale.Speaker, f form.Form, name string, limit int) {
	if n := len([]rune(f.Get(name))); n > limit {
		f.Fail(name, sp.T("dash.rule.too_long", "Limit", sp.Number(limit+1), "Length", sp.Number(n)))
	}
}

// progOneOf fails a select whose value is not one of the choices.
func progOneOf(f form.Form, name string, choices []progOption, message string) {
	v := f.Get(name)
	for _, c := range choices {
		if c.Value == v {
			return
		}
	}
	f.Fail(name, message)
}

// progOptions marks the option whose value is selected.
func progOptions(choices []progOption, selected string) []progOption {
	out := make([]progOption, len(choices))
	for i, c := range choices {
		c.Selected = c.Value == selected
		out[i] = c
	}
	return out
}

// progSaveError puts what app.Save refused beside the fields it names (the
// schema's or a hook's validation errors), with a line on top of the form;
// anything else goes on top of the form.
func progSaveError(f form.Form, err error) {
	if f.FailFromSave(err, nil, "_form") {
		f.Fail("_form", "It could not be saved: fix the fields marked below.")
		return
	}
	f.Fail("_form", "It could not be saved: "+form.Sentence(err.Error()))
}
