package summary

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Recipients are the program's owners, who get the weekly summary: every
// superuser but PocketBase's own installer account. (Dashboard team members
// with the owner role join them here when the team has roles.)
func Recipients(app core.App) ([]string, error) {
	var rows []struct {
		Email string `db:"email"`
	}
	err := app.DB().Select("email").From(core.CollectionNameSuperusers).
		Where(dbx.Not(dbx.HashExp{"email": core.DefaultInstallerEmail})).
		OrderBy("email").All(&rows)
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Email
	}
	return out, err
}

// claimWeek records week as summarised on the settings record, in the
// caller's transaction, and reports whether it was not already: one
// statement, so two claims of a week cannot both win.
func claimWeek(tx core.App, week string) (bool, error) {
	res, err := tx.DB().NewQuery("UPDATE settings SET summary_week = {:week} WHERE summary_week IS NOT {:week}").
		Bind(dbx.Params{"week": week}).Execute()
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// lastWeek is the ISO week last summarised, "" when none was.
func lastWeek(app core.App) (string, error) {
	var week string
	err := app.DB().NewQuery("SELECT COALESCE(summary_week, '') FROM settings LIMIT 1").Row(&week)
	return week, err
}
