package customers

import (
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/listing"
)

// The states the customers list filters by.
const (
	StateOptedOut = "opted_out" // opted out of asks
	StateAskable  = "askable"   // not opted out: the ask rule may ask them
	StateReferred = "referred"  // referred someone at least once
)

// States are the states List filters by, in the order a screen offers them.
var States = []string{StateOptedOut, StateAskable, StateReferred}

// Filter narrows the customers list; an empty field narrows nothing.
type Filter struct {
	Q      string // contained, literally, in the name, email or company
	Source string // one of the schema's sources
	State  string // one of States; any other value narrows nothing
	Tag    string // a tag the customer carries
}

// Empty reports whether the filter lets every customer through.
func (f Filter) Empty() bool { return f == Filter{} }

// where is the filter as a WHERE over the customers table.
func (f Filter) where() dbx.Expression {
	var and []dbx.Expression
	if f.Q != "" {
		and = append(and, listing.ContainsAny(f.Q, "name", "email", "company"))
	}
	if f.Source != "" {
		and = append(and, dbx.HashExp{"source": f.Source})
	}
	if f.Tag != "" {
		and = append(and, hasTag(f.Tag))
	}
	switch f.State {
	case StateOptedOut:
		and = append(and, dbx.HashExp{"opted_out": true})
	case StateAskable:
		and = append(and, dbx.HashExp{"opted_out": false})
	case StateReferred:
		and = append(and, dbx.NewExp("EXISTS (SELECT 1 FROM referrals r WHERE r.referrer = customers.id)"))
	}
	return dbx.And(and...)
}

// ListRow is one customer as a list shows them, with how many people they referred.
type ListRow struct {
	ID          string                  `db:"id"`
	Name        string                  `db:"name"`
	Company     string                  `db:"company"`
	Email       string                  `db:"email"`
	Source      string                  `db:"source"`
	LastAskedAt types.DateTime          `db:"last_asked_at"`
	NextAskAt   types.DateTime          `db:"next_ask_at"`
	OptedOut    bool                    `db:"opted_out"`
	Referrals   int                     `db:"referrals"`
	Tags        types.JSONArray[string] `db:"tags"`
}

// Count counts the customers that match a filter.
func Count(app core.App, f Filter) (int, error) {
	var n int
	err := app.DB().Select("COUNT(*)").From("customers").Where(f.where()).Row(&n)
	return n, err
}

// List lists one page of the customers that match a filter, newest first.
func List(app core.App, f Filter, limit, offset int) ([]ListRow, error) {
	var rows []ListRow
	err := app.DB().
		Select("id", "name", "company", "email", "source", "last_asked_at", "next_ask_at", "opted_out",
			"(SELECT COUNT(*) FROM referrals r WHERE r.referrer = customers.id) AS referrals", tagsOf+" AS tags").
		From("customers").Where(f.where()).OrderBy("created DESC", "id DESC").
		Limit(int64(limit)).Offset(int64(offset)).All(&rows)
	return rows, err
}

// ExportRow is one customer as the CSV export writes them.
type ExportRow struct {
	ID           string                  `db:"id"`
	Created      types.DateTime          `db:"created"`
	Name         string                  `db:"name"`
	Email        string                  `db:"email"`
	Company      string                  `db:"company"`
	Title        string                  `db:"title"`
	Source       string                  `db:"source"`
	SourceDetail string                  `db:"source_detail"`
	OptedOut     bool                    `db:"opted_out"`
	Tags         types.JSONArray[string] `db:"tags"`
	Referrals    int                     `db:"referrals"`
}

// StreamExport reads every customer that matches a filter, newest first, a
// row at a time for an export of any size; the caller closes the rows.
func StreamExport(app core.App, f Filter) (*dbx.Rows, error) {
	return app.DB().
		Select("id", "created", "name", "email", "company", "title", "source", "source_detail", "opted_out",
			tagsOf+" AS tags", "(SELECT COUNT(*) FROM referrals r WHERE r.referrer = customers.id) AS referrals").
		From("customers").Where(f.where()).OrderBy("created DESC", "id DESC").Rows()
}

// Match is a customer a picker offers.
type Match struct {
	ID      string `db:"id"`
	Name    string `db:"name"`
	Email   string `db:"email"`
	Company string `db:"company"`
}

// Search finds at most limit customers whose name, email or company holds
// q, by name; nobody for a blank q.
func Search(app core.App, q string, limit int) ([]Match, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil, nil
	}
	var found []Match
	err := app.DB().Select("id", "name", "email", "company").From("customers").
		Where(listing.ContainsAny(q, "name", "email", "company")).
		OrderBy("name", "id").
		Limit(int64(limit)).All(&found)
	return found, err
}
