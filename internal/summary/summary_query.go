package summary

import (
	"slices"
	"warmloop/internal/signin"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Recipients are the program's owners, who get the weekly summary: every
// superuser but PocketBase's own installer account, and every team member
// who is an owner and has accepted their invitation.
func Recipients(app core.App) ([]string, error) {
	var superusers, owners []string
	err := app.DB().Select("email").From(core.CollectionNameSuperusers).
		Where(dbx.Not(dbx.HashExp{"email": core.DefaultInstallerEmail})).Column(&superusers)
	if err != nil {
		return nil, err
	}
	err = app.DB().Select("email").From(signin.Team).
		Where(dbx.HashExp{"role": signin.Owner, "verified": true}).Column(&owners)
	all := append(superusers, owners...)
	slices.Sort(all)
	return slices.Compact(all), err
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
