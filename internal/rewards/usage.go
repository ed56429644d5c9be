package rewards

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// IncentiveUse is what refers to an incentive: asks that offered it, rewards
// that pay it, tiers that give it, and the settings when it is on offer.
type IncentiveUse struct {
	Asks, Rewards, Tiers int
	OnOffer              bool
}

// String says what uses the incentive, such as "3 asks offered it; 1 tier
// gives it", or "" when nothing does.
func (u IncentiveUse) String() string {
	var parts []string
	if u.Asks > 0 {
		parts = append(parts, plural(u.Asks, "ask", "asks")+" offered it")
	}
	if u.Rewards > 0 {
		parts = append(parts, plural(u.Rewards, "reward pays", "rewards pay")+" it")
	}
	if u.Tiers > 0 {
		parts = append(parts, plural(u.Tiers, "tier gives", "tiers give")+" it")
	}
	if u.OnOffer {
		parts = append(parts, "it is the incentive on offer now")
	}
	return strings.Join(parts, "; ")
}

// CheckIncentiveDelete says whether an incentive may be deleted: only when
// nothing uses it, or its history would lose its name in the figures by
// incentive.
func CheckIncentiveDelete(u IncentiveUse) error {
	usage := u.String()
	if usage == "" {
		return nil
	}
	return fmt.Errorf("This incentive cannot be deleted: %s. Its history would lose its name in the figures by incentive. Deactivate it instead: it stays in the history and is no longer offered.", usage)
}

// CheckIncentiveDeactivate says whether an incentive may be switched off:
// not while the settings offer it, or the landing page and new asks would
// offer an incentive that is no longer on offer.
func CheckIncentiveDeactivate(onOffer bool) error {
	if !onOffer {
		return nil
	}
	return errors.New("This is the incentive on offer now, so it stays active. Choose another one in Settings before you deactivate it.")
}

// CheckTierDelete says whether a tier that rewards point at may be deleted:
// it may not, since each of those referrers earned it.
func CheckTierDelete(rewards int) error {
	if rewards == 0 {
		return nil
	}
	return fmt.Errorf("This tier cannot be deleted: %s earned it, and their rewards point at it. Rename it or change its milestone instead.",
		plural(rewards, "referrer has", "referrers have"))
}

// plural writes "1 tier gives" or "3 tiers give".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
