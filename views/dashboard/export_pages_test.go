package dashboard

// pagesDynamicKeys are the catalog ids the pages, sources, moment and
// activity screens build from a value.
func pagesDynamicKeys() []string {
	var keys []string
	for kind := range activityTones {
		keys = append(keys, "dash.activity.kind."+kind)
	}
	for _, d := range append(activityDecisions[1:], "pending", "unknown") {
		keys = append(keys, "dash.activity.moment."+d)
	}
	for _, s := range append(activityRewardStatuses, "unknown") {
		keys = append(keys, "dash.activity.reward."+s)
	}
	return keys
}
