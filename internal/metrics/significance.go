package metrics

import "math"

// MinSample is the fewest asks a group needs before its yield is compared;
// below it the verdict is "not enough data yet".
const MinSample = 30

// MinReferred is the fewest referrals (and the fewest asks without one) a
// side must be expected to have for the normal approximation to hold.
const MinReferred = 5

// TwoProportion tests whether two yields differ: a successes out of n against
// b successes out of m, pooled two-sided z-test. It returns the p-value, and
// ok false when either side is too small for the normal approximation (under
// MinSample trials, or fewer than 5 expected successes or failures).
func TwoProportion(a, n, b, m int) (p float64, ok bool) {
	if n < MinSample || m < MinSample {
		return 1, false
	}
	pooled := float64(a+b) / float64(n+m)
	for _, size := range []int{n, m} {
		if pooled*float64(size) < MinReferred || (1-pooled)*float64(size) < MinReferred {
			return 1, false
		}
	}
	se := math.Sqrt(pooled * (1 - pooled) * (1/float64(n) + 1/float64(m)))
	z := (float64(a)/float64(n) - float64(b)/float64(m)) / se
	return math.Erfc(math.Abs(z) / math.Sqrt2), true
}

// VerdictKind is what comparing a breakdown's groups found.
type VerdictKind string

// The verdicts a breakdown can have.
const (
	// OneGroup: fewer than two groups, nothing to compare.
	OneGroup VerdictKind = "one_group"
	// TooFew: a side has too few asks or referrals for a difference to mean anything.
	TooFew VerdictKind = "too_few"
	// Significant: the best group yields more than the rest, beyond chance (p < 0.05): favour it.
	Significant VerdictKind = "significant"
	// Leads: the best group yields more, but the difference could be chance: keep collecting.
	Leads VerdictKind = "leads"
)

// Verdict is whether the best group of a breakdown yields more than the
// rest, as data: the kind of finding and the figures behind it, for a
// reader's words to say (the dashboard says it in the admin's language).
type Verdict struct {
	Kind VerdictKind
	// Best is the group with the highest yield; BestYield, its yield and
	// RestYield, the other groups' together; P, the comparison's p-value.
	// They are set for Significant and Leads.
	Best                    Group
	BestYield, RestYield, P float64
}

// Judge compares the best group of a breakdown with the rest, for an admin
// deciding what to change.
func Judge(groups []Group) Verdict {
	if len(groups) < 2 {
		return Verdict{Kind: OneGroup}
	}
	best := 0
	for i, g := range groups {
		if g.Yield() > groups[best].Yield() {
			best = i
		}
	}
	var restAsks, restReferred int
	for i, g := range groups {
		if i != best {
			restAsks += g.Asks
			restReferred += g.Referred
		}
	}
	b := groups[best]
	p, ok := TwoProportion(b.Referred, b.Asks, restReferred, restAsks)
	if !ok {
		return Verdict{Kind: TooFew}
	}
	v := Verdict{Kind: Leads, Best: b, BestYield: b.Yield(), RestYield: share(restReferred, restAsks), P: p}
	if p < 0.05 {
		v.Kind = Significant
	}
	return v
}
