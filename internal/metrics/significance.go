package metrics

import (
	"fmt"
	"math"
)

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

// Verdict says in plain words whether the best group of a breakdown yields
// more than the rest, for an admin deciding what to change.
func Verdict(groups []Group) string {
	if len(groups) < 2 {
		return "Only one group so far: nothing to compare yet."
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
	switch {
	case !ok:
		return fmt.Sprintf("Not enough data yet: each side needs at least %d asks and a handful of referrals before a difference means anything.", MinSample)
	case p < 0.05:
		return fmt.Sprintf("“%s” yields more than the rest (%.1f%% against %.1f%%), and the difference is significant (p = %.3f): favour it.",
			b.Name, 100*b.Yield(), 100*float64(restReferred)/float64(restAsks), p)
	default:
		return fmt.Sprintf("“%s” leads (%.1f%% against %.1f%%), but the difference could be chance (p = %.2f): keep collecting.",
			b.Name, 100*b.Yield(), 100*float64(restReferred)/float64(restAsks), p)
	}
}
