package browsertest

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// axeSource is axe-core, vendored from npm at a pinned version (axe/README.md)
// and injected into the page under test; the product never serves it.
//
//go:embed axe/axe.min.js
var axeSource string

// AxeViolation is one accessibility rule a page breaks, as axe-core reports
// it: the rule, how serious it is, and where (a few of the elements).
type AxeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
	Count   int      `json:"count"`
}

// Blocking reports whether a violation is serious or critical: the ones a
// page may not ship with.
func (v AxeViolation) Blocking() bool { return v.Impact == "serious" || v.Impact == "critical" }

func (v AxeViolation) String() string {
	return fmt.Sprintf("%s (%s, %d element(s), e.g. %s): %s", v.ID, v.Impact, v.Count, strings.Join(v.Targets, ", "), v.Help)
}

// axeRun runs every axe-core rule on the open document and returns its
// violations in a shape Go can read.
const axeRun = `(async () => {
  const r = await axe.run(document, {resultTypes: ["violations"]});
  return r.violations.map(v => ({
    id: v.id, impact: v.impact || "", help: v.help, count: v.nodes.length,
    targets: v.nodes.slice(0, 3).map(n => n.target.join(" ")),
  }));
})()`

// Axe injects axe-core into the page open in ctx (once per document), runs
// it, and returns the violations, sorted from the most serious.
func Axe(ctx context.Context) ([]AxeViolation, error) {
	var loaded bool
	if err := chromedp.Run(ctx, chromedp.Evaluate(`typeof axe !== "undefined"`, &loaded)); err != nil {
		return nil, err
	}
	if !loaded {
		if err := chromedp.Run(ctx, chromedp.Evaluate(axeSource+"\n;true", nil)); err != nil {
			return nil, fmt.Errorf("injecting axe-core: %w", err)
		}
	}
	var raw json.RawMessage
	await := func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }
	if err := chromedp.Run(ctx, chromedp.Evaluate(axeRun, &raw, await)); err != nil {
		return nil, fmt.Errorf("running axe-core: %w", err)
	}
	var out []AxeViolation
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, err
	}
	rank := map[string]int{"critical": 0, "serious": 1, "moderate": 2, "minor": 3}
	sort.SliceStable(out, func(i, j int) bool { return rank[out[i].Impact] < rank[out[j].Impact] })
	return out, nil
}

// AxeSummary counts violations by impact, as "critical 0 · serious 0 · moderate 1 · minor 0".
func AxeSummary(vs []AxeViolation) string {
	n := map[string]int{}
	for _, v := range vs {
		n[v.Impact]++
	}
	return fmt.Sprintf("critical %d · serious %d · moderate %d · minor %d", n["critical"], n["serious"], n["moderate"], n["minor"])
}
