// Package asks decides when to ask whom for an introduction, and writes the
// ask. The rules are plain Go over plain values (rule.go: moment → ask;
// cadence_rule.go: touch after touch), testable without a database. Around
// them: deciding a moment and writing its ask in one transaction (decide.go),
// the cadence pass (cadence.go), drawing a message variant (variants.go),
// what a variant must keep (variant_rules.go), the variants' lists and
// counts (variants_query.go), the customer's cadence state
// (state.go), opting out, the ask's status moves (status.go), what an ask's
// link may still do (link.go: open, expired, or its customer opted out),
// and a fresh link for an expired one (renew.go).
package asks
