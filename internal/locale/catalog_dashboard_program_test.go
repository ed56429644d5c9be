package locale_test

// The program's editors and the setup checklist (dashboard_program.*.toml)
// fill these names too; the test that reads every message in every
// language fills them.
func init() {
	for k, v := range map[string]any{
		"Usage": "1 ask offered it", "Reached": "3 referrals", "Touch": "Follow-up", "Language": "German",
		"Done": "2", "Total": "6", "Sender": "Nora at Northwind", "Address": "nora@northwind.example",
		"URL": "https://refer.northwind.example", "Missing": "the company name",
	} {
		dashboardSamples[k] = v
	}
}
