package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/customers"
	"warmloop/internal/referrals"
)

// bindReferrerRecords drops a referrer's kept record (the one their pages
// show, referrals.RecordOfKept) once a change to it commits, whatever path
// made it: a referral of theirs created, moved, edited, erased or deleted,
// its history written, a reward of theirs earned or moved. A record that
// changes hands (another referrer set on it) drops both referrers' records.
// Incentive and tier names reach the record through the pages generation
// (bindPageCache). The same goes for a share link's customer, kept by code.
func bindReferrerRecords(app core.App) {
	byReferrer := func(e *core.ModelEvent) error {
		if r, ok := e.Model.(*core.Record); ok {
			ids := []string{r.GetString("referrer")}
			if before := r.Original().GetString("referrer"); before != "" && before != ids[0] {
				ids = append(ids, before)
			}
			referrals.RecordChanged(e.App, ids...)
		} else {
			referrals.ForgetRecords(e.App)
		}
		return e.Next()
	}
	byReferral := func(e *core.ModelEvent) error {
		if r, ok := e.Model.(*core.Record); ok {
			referrals.HistoryChanged(e.App, r.GetString("referral"))
		} else {
			referrals.ForgetRecords(e.App)
		}
		return e.Next()
	}
	bind := func(name string, changed func(*core.ModelEvent) error) {
		app.OnModelAfterCreateSuccess(name).BindFunc(changed)
		app.OnModelAfterUpdateSuccess(name).BindFunc(changed)
		app.OnModelAfterDeleteSuccess(name).BindFunc(changed)
	}
	bind("referrals", byReferrer)
	bind("rewards", byReferrer)
	bind("referral_events", byReferral)

	// A share link's customer is kept by code: a customer written drops
	// the code they hold and, rekeyed, the one they held.
	bind("customers", func(e *core.ModelEvent) error {
		if r, ok := e.Model.(*core.Record); ok {
			customers.SharerChanged(e.App, r.GetString("referral_code"), r.Original().GetString("referral_code"))
		} else {
			customers.ForgetSharers(e.App)
		}
		return e.Next()
	})
}
