package customers

import (
	"database/sql"
	"errors"

	"github.com/pocketbase/pocketbase/core"
)

// Edit changes a customer's name, email, company, title and locale to what f
// holds (its Source is ignored: where someone came from does not change).
// A form that is not valid, or an email that is another customer's, comes
// back in errs and nothing is saved; a save the schema or a hook refuses
// returns its error (validation.Errors by field). The customers hook keeps
// the email canonical and its match key in step, as for every save.
func Edit(app core.App, c *core.Record, f Form) (Errors, error) {
	f = f.Clean()
	f.Source = c.GetString("source")
	errs := f.Validate([]string{f.Source})
	if _, bad := errs["email"]; !bad {
		if other, err := FindByEmail(app, f.Email); err == nil && other.Id != c.Id {
			errs["email"] = "Another customer has this email already."
		} else if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
	}
	if len(errs) > 0 {
		return errs, nil
	}
	c.Set("name", f.Name)
	c.Set("email", f.Email)
	c.Set("company", f.Company)
	c.Set("title", f.Title)
	c.Set("locale", f.Locale)
	return nil, app.Save(c)
}
