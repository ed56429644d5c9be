package hooks

import (
	"warmloop/internal/customers"

	"github.com/pocketbase/pocketbase/core"
)

// bindCustomers keeps customer emails in one canonical form, so the unique
// index catches "Ana@Acme.com" and "ana@acme.com" as the same person.
func bindCustomers(app core.App) {
	app.OnRecordValidate("customers").BindFunc(func(e *core.RecordEvent) error {
		e.Record.Set("email", customers.CanonicalEmail(e.Record.GetString("email")))
		return e.Next()
	})
}
