package program

import (
	"errors"
	"strings"
	"time"
	_ "time/tzdata" // the zones, whatever the server's system holds

	"warmloop/internal/money"
)

// DefaultTimezone is the zone of a program that has not chosen one.
const DefaultTimezone = "UTC"

// Zones are the time zones the settings suggest; any IANA name the Go
// time package loads is accepted (CheckTimezone).
var Zones = []string{"UTC",
	"America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York", "America/Toronto",
	"America/Mexico_City", "America/Bogota", "America/Sao_Paulo", "America/Argentina/Buenos_Aires",
	"Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Paris", "Europe/Berlin", "Europe/Amsterdam",
	"Europe/Madrid", "Europe/Rome", "Europe/Zurich", "Europe/Stockholm", "Europe/Warsaw", "Europe/Athens",
	"Europe/Helsinki", "Europe/Istanbul", "Africa/Lagos", "Africa/Johannesburg", "Africa/Nairobi",
	"Asia/Dubai", "Asia/Kolkata", "Asia/Singapore", "Asia/Hong_Kong", "Asia/Shanghai", "Asia/Tokyo",
	"Asia/Seoul", "Australia/Perth", "Australia/Sydney", "Pacific/Auckland"}

// Location is the zone dates are shown and days counted in.
func (s Settings) Location() *time.Location {
	if loc, err := loadZone(s.Timezone); err == nil {
		return loc
	}
	return time.UTC
}

// CurrencyCode is the ISO 4217 code money is shown in.
func (s Settings) CurrencyCode() string {
	if s.Currency == "" {
		return money.Default
	}
	return s.Currency
}

// Money writes a sum in the program's currency: "$12,500", "€980".
func (s Settings) Money(amount float64) string {
	return money.Format(amount, s.CurrencyCode(), "en")
}

// loadZone loads an IANA zone by name; "" is UTC, and "Local" (the
// server's own zone, which moves with the machine) is refused.
func loadZone(name string) (*time.Location, error) {
	if name == "" {
		return time.UTC, nil
	}
	if name == "Local" {
		return nil, errLocal
	}
	return time.LoadLocation(name)
}

// errLocal refuses the name of the server's own zone.
var errLocal = errors.New(`"Local" names the server's own zone: choose the zone itself`)

// checkTimezone says what is wrong with a zone's name, "" when nothing.
func checkTimezone(name string) string {
	if _, err := loadZone(name); err != nil {
		return "Choose a time zone from the list, or type its IANA name, such as Europe/Berlin or America/New_York."
	}
	return ""
}

// checkCurrency says what is wrong with a currency code, "" when nothing.
func checkCurrency(code string) string {
	if code == "" {
		return ""
	}
	if _, err := money.Canonical(code); err != nil {
		return "Choose a currency from the list: an ISO 4217 code such as USD, EUR or GBP."
	}
	return ""
}

// normalizeLocale writes the currency and the zone as stored: the code in
// capitals, both trimmed, an empty one the default.
func normalizeLocale(currency, zone string) (string, string) {
	currency, zone = strings.ToUpper(strings.TrimSpace(currency)), strings.TrimSpace(zone)
	if currency == "" {
		currency = money.Default
	}
	if zone == "" {
		zone = DefaultTimezone
	}
	return currency, zone
}
