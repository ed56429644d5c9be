package locale_test

// dashboardSamples fill the names the dashboard's messages use, so the
// test that reads every message in every language sees each filled.
var dashboardSamples = map[string]any{
	"Email": "ana@acme.example", "Time": "14:05", "Value": "12.5", "Range": "the last 30 days", "Read": "3 Nov 2026, 14:05 UTC",
	"Change": "+4", "Referrers": "3", "PerAsk": "0.25", "Name": "Ana",
	"ReferredRate": "20%", "ReferredWho": "2", "Referred": "10", "OthersRate": "5%", "OthersWho": "5", "Others": "100",
	"First": "1", "Last": "25", "Total": "80", "Page": 1, "Pages": 4, "Zone": "CET", "Currency": "EUR",
	"PerCustomer": "0.12", "WinRate": "25%", "Multiplier": "1.4", "MinAsks": "30 asks", "MinReferrals": "5 referrals", "Asks": "12 asks",
	"Week": "5", "Locale": "Deutsch", "Title": "Asks per week", "Rates": "At these rates", "Gain": "2",
}
