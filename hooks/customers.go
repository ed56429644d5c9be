package hooks

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// bindCustomers keeps customer emails in one canonical form, so the unique
// index catches "Ana@Acme.com" and "ana@acme.com" as the same person.
func bindCustomers(app core.App) {
	app.OnRecordValidate("customers").BindFunc(func(e *core.RecordEvent) error {
		e.Record.Set("email", CanonicalEmail(e.Record.GetString("email")))
		return e.Next()
	})
}

// CanonicalEmail trims and lower-cases an address. Domains are
// case-insensitive, and B2B mail servers treat local parts the same way.
func CanonicalEmail(s string) string {
	return strings.ToLower(strings.TrimSpace(s))
}
