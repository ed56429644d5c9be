package locale_test

// The dashboard's working screens (dashboard_work.*.toml) fill these names
// too; the test that reads every message in every language fills them.
func init() {
	for k, v := range map[string]any{"Who": "maya@brightwave.example"} {
		dashboardSamples[k] = v
	}
}
