package locale_test

// The dashboard's pages, sources, moment and activity screens
// (dashboard_pages.*.toml) fill these names too; the test that reads every
// message in every language fills them.
func init() {
	for k, v := range map[string]any{
		"Limit": "5,000", "Decision": "asked", "From": "Invited",
		"Kinds": "nps, renewal", "Field": "Email", "Problem": "Required.", "Outcome": "accepted",
		"Slug": "landing", "Unknown": "{{frist_name}}", "Known": "{{first_name}}, {{company}}", "Label": "Subject",
		"Vars": "{{first_name}}", "Sample": "Ana",
	} {
		dashboardSamples[k] = v
	}
}
