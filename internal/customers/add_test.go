package customers_test

import (
	"database/sql"
	"errors"
	"maps"
	"strings"
	"testing"

	"warmloop/internal/customers"
	"warmloop/tests/schemaapp"
)

func TestFormValidate(t *testing.T) {
	sources := []string{"direct", "referral", "import"}
	good := customers.Form{Name: "Gus Green", Email: "gus@granite.example", Company: "Granite", Source: "direct"}
	long := strings.Repeat("x", customers.MaxText+1)
	cases := []struct {
		name   string
		change func(*customers.Form)
		want   customers.Errors
	}{
		{"a complete form has nothing to fix", func(*customers.Form) {}, customers.Errors{}},
		{"a customer needs a name", func(f *customers.Form) { f.Name = "" },
			customers.Errors{"name": "Enter the customer's name."}},
		{"a name over 200 characters is refused", func(f *customers.Form) { f.Name = long },
			customers.Errors{"name": "Keep the name under 200 characters."}},
		{"a customer needs an email", func(f *customers.Form) { f.Email = "" },
			customers.Errors{"email": "Enter the customer's email address."}},
		{"an email must read as an address", func(f *customers.Form) { f.Email = "gus at granite" },
			customers.Errors{"email": "This is not an email address. Check it for typos, like name@company.com."}},
		{"a long company and title are refused each beside its field", func(f *customers.Form) { f.Company, f.Title = long, long },
			customers.Errors{"company": "Keep this under 200 characters.", "title": "Keep this under 200 characters."}},
		{"a source the schema does not know is refused", func(f *customers.Form) { f.Source = "partner" },
			customers.Errors{"source": "Choose where the customer came from."}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := good
			c.change(&f)
			if got := f.Clean().Validate(sources); !maps.Equal(got, c.want) {
				t.Errorf("Validate = %q, want %q", got, c.want)
			}
		})
	}
}

func TestAdd(t *testing.T) {
	t.Run("adding a customer saves what was typed, trimmed, with the email in canonical form", func(t *testing.T) {
		app := schemaapp.New(t)
		c, errs, err := customers.Add(app, customers.Form{Name: " Gus Green ", Email: " Gus@Granite.example ",
			Company: "Granite", Title: "CTO", Source: "direct"})
		if err != nil || len(errs) > 0 {
			t.Fatalf("Add: %v, %v", errs, err)
		}
		saved, err := app.FindRecordById("customers", c.Id)
		if err != nil {
			t.Fatal(err)
		}
		got := [5]string{saved.GetString("name"), saved.GetString("email"), saved.GetString("company"), saved.GetString("title"), saved.GetString("source")}
		if got != [5]string{"Gus Green", "gus@granite.example", "Granite", "CTO", "direct"} {
			t.Errorf("saved %q", got)
		}
	})
	t.Run("an email that is a customer's already is refused whatever its case, and nothing is saved", func(t *testing.T) {
		app := schemaapp.New(t)
		schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
		c, errs, err := customers.Add(app, customers.Form{Name: "Ana Again", Email: "ANA@Northwind.example", Source: "direct"})
		if err != nil || c != nil || errs["email"] != "A customer with this email already exists." {
			t.Errorf("Add = %v, %q, %v; want the email refused", c, errs, err)
		}
		if n, _ := app.CountRecords("customers"); n != 1 {
			t.Errorf("%d customers, want 1", n)
		}
	})
	t.Run("a refused form saves nothing and says every problem", func(t *testing.T) {
		app := schemaapp.New(t)
		_, errs, err := customers.Add(app, customers.Form{Email: "nobody", Source: "partner"})
		if err != nil || len(errs) != 3 {
			t.Errorf("Add = %q, %v; want name, email and source refused", errs, err)
		}
		if n, _ := app.CountRecords("customers"); n != 0 {
			t.Errorf("%d customers, want none", n)
		}
	})
}

func TestFindByEmailIgnoresCaseAndSpaces(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	c, err := customers.FindByEmail(app, "  Ana@NORTHWIND.example ")
	if err != nil || c.Id != ana.Id {
		t.Errorf("FindByEmail = %v, %v; want Ana", c, err)
	}
	if _, err := customers.FindByEmail(app, "nobody@nowhere.example"); !errors.Is(err, sql.ErrNoRows) {
		t.Errorf("FindByEmail of an unknown email: %v, want sql.ErrNoRows", err)
	}
}
