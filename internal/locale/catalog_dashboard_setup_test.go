package locale_test

// The dashboard's setup screens (dashboard_setup.*.toml) fill these names
// too; the test that reads every message in every language fills them.
func init() {
	for k, v := range map[string]any{
		"Low": "1", "High": "365", "Example": "1", "Limit": "201", "Length": "230",
		"Line": "2", "Text": "closedwon won", "Status": "won", "Stage": "closedwon",
		"Detail": "dial tcp: i/o timeout", "Tool": "Delighted", "Secret": "NPS secret",
		"Addr": "smtp.example.com:587", "Host": "smtp.example.com", "Code": "535", "Answer": "5.7.8 Authentication failed",
		"When": "3 Nov 2026, 14:05 UTC", "Day": "3 Nov 2026", "ID": "a1b2c3d4e5f6g7h",
	} {
		dashboardSamples[k] = v
	}
}
