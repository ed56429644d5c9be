package dashboard

import "warmloop/internal/rewards"

// workDynamicKeys are the catalog ids the working screens (referrals,
// rewards, a customer's pages, activity, outbox) build from a stored value.
func workDynamicKeys() []string {
	var keys []string
	for _, status := range rewardTabs {
		keys = append(keys, "dash.rewards.tab."+status, "dash.rewards.status."+status, "dash.rewards.empty."+status)
		if status == rewards.Earned {
			continue
		}
		keys = append(keys, "dash.rewards.done."+status, "dash.rewards.already."+status)
		for _, tail := range []string{"", "_by", "_on", "_on_by"} {
			keys = append(keys, "dash.rewards.decided."+status+tail)
		}
	}
	keys = append(keys, "dash.rewards.milestone.referrals", "dash.rewards.milestone.wins")
	return append(keys, peopleDynamicKeys()...)
}
