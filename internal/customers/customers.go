// Package customers is who the program's customers are: the one canonical
// form of an email and the one rule for a valid one (email.go), finding or
// creating a customer by email, adding one by hand, and the queries the
// dashboard's customer screens read (the list in list_query.go, a
// customer's history in detail_query.go).
package customers

import (
	"database/sql"
	"errors"
	"strings"
	"time"

	"warmloop/internal/keep"
	"warmloop/internal/prepared"
	"warmloop/internal/text"
	"warmloop/internal/token"

	"github.com/pocketbase/pocketbase/core"
)

// CanonicalEmail trims and lower-cases an address. Domains are
// case-insensitive, and B2B mail servers treat local parts the same way, so
// the unique index on customers.email catches "Ana@Acme.com" and
// "ana@acme.com" as the same person. Every path that stores or looks up an
// email goes through it.
func CanonicalEmail(s string) string {
	return strings.ToLower(strings.TrimSpace(s))
}

// FindByEmail finds the customer with an email, in any case and with any
// surrounding spaces; sql.ErrNoRows when there is none.
func FindByEmail(app core.App, email string) (*core.Record, error) {
	return app.FindFirstRecordByData("customers", "email", CanonicalEmail(email))
}

// FindOrCreate returns the customer with email, creating one with source
// import when there is none: the tool that sent the email knows them, so
// they are a customer.
func FindOrCreate(app core.App, email, name, company string) (*core.Record, error) {
	c, err := FindOrNew(app, email, name, company)
	if err != nil || !c.IsNew() {
		return c, err
	}
	if err := app.Save(c); err != nil {
		return nil, err
	}
	return c, nil
}

// FindOrNew returns the customer with email, or a new, unsaved one with
// source import and an id, for a caller that saves it with other records.
func FindOrNew(app core.App, email, name, company string) (*core.Record, error) {
	email = CanonicalEmail(email)
	if c, err := FindByEmail(app, email); err == nil {
		return c, nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	return NewImported(app, email, name, company)
}

// NewImported is the new customer FindOrNew makes for an email it does not
// find: unsaved, with source import and an id, named name or, with none,
// after the email's local part. It is for a caller that looked the email
// up itself.
func NewImported(app core.App, email, name, company string) (*core.Record, error) {
	email = CanonicalEmail(email)
	if name = text.Line(name); name == "" {
		name = email[:strings.IndexByte(email, '@')]
	}
	c, err := newRecord(app, Person{Name: name, Email: email, Company: company, Source: "import"})
	if err != nil {
		return nil, err
	}
	c.Id = core.GenerateDefaultRandomId()
	return c, nil
}

// Person is what a new customer is made of. The customers hook makes an
// empty Source DefaultSource; SourceDetail is optional, and so is Import,
// the id of the dashboard import that creates them.
type Person struct {
	Name, Email, Company, Title, Source, SourceDetail, Import string
	// Locale is the language the person reads as a tool or a file gave
	// it; the customers hook stores it in its one form, or empty.
	Locale string
}

// Create saves a new customer; the record's hooks and schema judge it.
func Create(app core.App, p Person) (*core.Record, error) {
	c, err := newRecord(app, p)
	if err != nil {
		return nil, err
	}
	return c, app.Save(c)
}

// newRecord is an unsaved customer record of p, its name, company and
// title cleaned of what nobody types on purpose (text.Line).
func newRecord(app core.App, p Person) (*core.Record, error) {
	coll, err := app.FindCachedCollectionByNameOrId("customers")
	if err != nil {
		return nil, err
	}
	c := core.NewRecord(coll)
	c.Set("name", text.Line(p.Name))
	c.Set("email", p.Email)
	c.Set("company", text.Line(p.Company))
	c.Set("title", text.Line(p.Title))
	c.Set("source", p.Source)
	c.Set("source_detail", p.SourceDetail)
	c.Set("import", p.Import)
	c.Set("locale", p.Locale)
	return c, nil
}

// Sharer is what a share link's page shows of the customer it belongs to.
type Sharer struct {
	ID, Name, Company string
	OptedOut          bool
	Locale            string // the language they read, as stored ("" for the program's default)
}

// sharerSQL reads a share link's customer on the unique referral_code
// index. Every view of a share page runs it, so it is prepared once and
// reads only the columns the page shows.
const sharerSQL = `SELECT id, name, company, opted_out, locale FROM customers WHERE referral_code = ?`

// SharerByCode finds the customer a share link belongs to, as its page
// shows them. A code that cannot be one is not looked up: it is
// sql.ErrNoRows, like an unknown one.
func SharerByCode(app core.App, code string) (Sharer, error) {
	var s Sharer
	if !token.Plausible(code) {
		return s, sql.ErrNoRows
	}
	err := prepared.Row(app, sharerSQL, []any{code}, &s.ID, &s.Name, &s.Company, &s.OptedOut, &s.Locale)
	return s, err
}

// keptSharersMax bounds how many share links' customers are kept, and
// keptSharerMaxAge how long one is trusted: a change made through this
// server drops it at once (SharerChanged, from the hooks); the age is for
// a command writing beside the server.
const (
	keptSharersMax   = 4096
	keptSharerMaxAge = 5 * time.Second
)

// sharers is the app's cache of share links' customers, by code.
func sharers(app core.App) *keep.Cache[string, Sharer] {
	return app.Store().GetOrSet("warmloop.customers.sharers", func() any {
		return keep.New[string, Sharer](keptSharersMax, keptSharerMaxAge)
	}).(*keep.Cache[string, Sharer])
}

// SharerByCodeKept is SharerByCode kept in memory per code until the
// customer is written, so a stranger's view of a share page reads nothing.
// An unknown code is not kept: it is read again at each view.
func SharerByCodeKept(app core.App, code string) (Sharer, error) {
	if !token.Plausible(code) || app.IsTransactional() {
		return SharerByCode(app, code)
	}
	return sharers(app).Get(code, 0, func() (Sharer, error) { return SharerByCode(app, code) })
}

// SharerChanged drops the kept customers of these share link codes: a
// customer who holds, or held, one was written and committed.
func SharerChanged(app core.App, codes ...string) {
	sharers(app).Drop(codes...)
}

// ForgetSharers drops every kept share link customer, for a change that
// touched many customers at once (the demo seeder, which writes past the
// hooks).
func ForgetSharers(app core.App) {
	sharers(app).Purge()
}
