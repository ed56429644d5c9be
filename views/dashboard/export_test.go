package dashboard

// Allows is the role table, for the route tests.
var Allows = allows

// DynamicKeys are the catalog keys the dashboard builds from a value
// (a notice, a select value, the charts' bucket), for the catalog tests.
func DynamicKeys() []string {
	var keys []string
	for k := range notices {
		keys = append(keys, "dash.notice."+k)
	}
	for v := range customerLabels {
		keys = append(keys, "dash.label."+v)
	}
	for _, chart := range []string{"asks", "referrals", "pipeline"} {
		for _, bucket := range []string{"week", "day"} {
			keys = append(keys, "dash.overview.trend."+chart+"_per_"+bucket)
		}
	}
	keys = append(keys, pagesDynamicKeys()...)
	keys = append(keys, wordsDynamicKeys()...)
	return append(keys, workDynamicKeys()...)
}
