package locale_test

// The dashboard's screens about people (dashboard_people.*.toml) fill
// these names too; the test that reads every message in every language
// fills them.
func init() {
	for k, v := range map[string]any{
		"Amount": "$18,500", "Flag": "Duplicate", "Status": "Won", "Referrer": "Ana", "Domain": "acme.example",
		"Day": "3 Nov 2026", "When": "3 Nov 2026, 14:05 UTC", "Reason": "Rejected in review: duplicate",
		"Kind": "NPS answer", "Score": "9", "Source": "delighted", "Touch": 2, "Count": 3,
		"Language": "Deutsch", "Size": "10 MB", "File": "customers.csv", "Done": "40", "Percent": "40%", "To": "ana@acme.example", "Error": "the page is missing", "Brand": "Acme",
	} {
		dashboardSamples[k] = v
	}
}
