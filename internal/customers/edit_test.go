package customers_test

import (
	"testing"

	"warmloop/internal/customers"
)

func TestEditChangesTheCustomerOrSaysWhatToFixAndSavesNothing(t *testing.T) {
	app := listApp(t)
	ana, _ := customers.FindByEmail(app, "ana@northwind.example")

	errs, err := customers.Edit(app, ana, customers.Form{Name: "Ana", Email: "cara@corvid.example", Company: "Northwind"})
	if err != nil || errs["email"] != "Another customer has this email already." {
		t.Errorf("another's email: %v, %v", errs, err)
	}
	errs, err = customers.Edit(app, ana, customers.Form{Name: "", Email: "not an email"})
	if err != nil || errs["name"] == "" || errs["email"] == "" {
		t.Errorf("an empty name and a bad email: %v, %v", errs, err)
	}
	if stored, _ := app.FindRecordById("customers", ana.Id); stored.GetString("name") != "Ana Lima" || stored.GetString("email") != "ana@northwind.example" {
		t.Errorf("a refused edit saved %s <%s>", stored.GetString("name"), stored.GetString("email"))
	}

	errs, err = customers.Edit(app, ana, customers.Form{Name: " Ana Lima-Costa ", Email: "Ana@Northwind.example", Company: "Northwind Ltd", Title: "COO"})
	if err != nil || len(errs) > 0 {
		t.Fatalf("a good edit: %v, %v", errs, err)
	}
	stored, _ := app.FindRecordById("customers", ana.Id)
	for field, want := range map[string]string{"name": "Ana Lima-Costa", "email": "ana@northwind.example", "company": "Northwind Ltd", "title": "COO", "source": "direct"} {
		if got := stored.GetString(field); got != want {
			t.Errorf("%s = %q, want %q", field, got, want)
		}
	}
}
