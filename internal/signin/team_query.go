package signin

import (
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Members lists the team, owners first, then by name.
func Members(app core.App) ([]*core.Record, error) {
	all, err := app.FindAllRecords(Team)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(all, func(a, b *core.Record) int {
		ra, rb := slices.Index(Roles, a.GetString("role")), slices.Index(Roles, b.GetString("role"))
		if ra != rb {
			return ra - rb
		}
		return strings.Compare(strings.ToLower(a.GetString("name")), strings.ToLower(b.GetString("name")))
	})
	return all, nil
}

// ownersBesides counts the owners who can sign in, other than the member id.
func ownersBesides(app core.App, id string) (int, error) {
	var n int
	err := app.DB().Select("COUNT(*)").From(Team).
		Where(dbx.HashExp{"role": Owner, "verified": true}).
		AndWhere(dbx.Not(dbx.HashExp{"id": id})).Row(&n)
	return n, err
}
