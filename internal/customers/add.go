package customers

import (
	"database/sql"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"
	"warmloop/internal/locale"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/schema"
)

// MaxText is the longest name, company or title a person may type for a customer.
const MaxText = 200

// Form is a customer as a person types them into the dashboard's add form.
type Form struct {
	Name, Email, Company, Title, Source string
	// Locale is the language the person reads; "" is the program's default.
	Locale string
}

// Errors maps a form field to what is wrong with it.
type Errors map[string]string

// Clean trims what was typed and puts the email in its canonical form.
func (f Form) Clean() Form {
	f.Name, f.Company, f.Title = strings.TrimSpace(f.Name), strings.TrimSpace(f.Company), strings.TrimSpace(f.Title)
	f.Email, f.Source = CanonicalEmail(f.Email), strings.TrimSpace(f.Source)
	f.Locale = strings.TrimSpace(f.Locale)
	return f
}

// Validate says, field by field, what must be fixed before a cleaned form
// can be saved, sources being the sources the schema allows; an empty
// result means it can. Whether the email is a customer's already is Add's
// to check.
func (f Form) Validate(sources []string) Errors {
	errs := Errors{}
	switch {
	case f.Name == "":
		errs["name"] = "Enter the customer's name."
	case utf8.RuneCountInString(f.Name) > MaxText:
		errs["name"] = "Keep the name under 200 characters."
	}
	switch {
	case f.Email == "":
		errs["email"] = "Enter the customer's email address."
	case !ValidEmail(f.Email):
		errs["email"] = "This is not an email address. Check it for typos, like name@company.com."
	}
	for field, v := range map[string]string{"company": f.Company, "title": f.Title} {
		if utf8.RuneCountInString(v) > MaxText {
			errs[field] = "Keep this under 200 characters."
		}
	}
	if _, ok := locale.Normalize(f.Locale); f.Locale != "" && !ok {
		errs["locale"] = "Choose a language from the list, or the program's default."
	}
	if !slices.Contains(sources, f.Source) {
		errs["source"] = "Choose where the customer came from."
	}
	return errs
}

// Add saves a new customer from a form that is valid and whose email is
// nobody's yet; otherwise errs says what to fix and nothing is saved. A
// save the schema or a hook refuses returns its error (validation.Errors
// by field).
func Add(app core.App, f Form) (*core.Record, Errors, error) {
	f = f.Clean()
	errs := f.Validate(schema.SelectValues(app, "customers", "source"))
	if _, bad := errs["email"]; !bad {
		if _, err := FindByEmail(app, f.Email); err == nil {
			errs["email"] = "A customer with this email already exists."
		} else if !errors.Is(err, sql.ErrNoRows) {
			return nil, nil, err
		}
	}
	if len(errs) > 0 {
		return nil, errs, nil
	}
	c, err := Create(app, Person{Name: f.Name, Email: f.Email, Company: f.Company, Title: f.Title, Source: f.Source, Locale: f.Locale})
	if err != nil {
		return nil, nil, err
	}
	return c, nil, nil
}
