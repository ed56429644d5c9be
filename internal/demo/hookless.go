package demo

import (
	"context"
	"fmt"
	"time"
	"warmloop/internal/asks"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// The writer saves through app.UnsafeWithoutHooks(). That skips Warmloop's
// record hooks, and PocketBase's own too: on a hookless app Save neither
// validates (field validation is a hook) nor fills ids, token fields or the
// created/updated stamps (field interceptors run from hooks). So the writer
// does those itself, and writes the effects of Warmloop's hooks that the
// demo's rows must keep:
//   - customers: the email in canonical form (customers.CanonicalEmail);
//   - referrals: won_value filled from pipeline_value on a win (wonValue),
//     and the referrer rested by the cadence (restReferrer);
//   - moments: every one decided by the plan, or the server would decide it
//     on its next start and send asks (writeMoments refuses an undecided one);
//   - the caches the hooks bump after a commit: refreshCaches, once, in Seed.
// The rest of what the hooks do on a create (the referral's history,
// rewards, emails to sales, webhooks) the demo writes from its plan or
// leaves out.

// create validates and inserts a new record, dated at (now when zero).
func (w *writer) create(r *core.Record, at time.Time) error {
	autogenerate(r)
	stamp := types.NowDateTime()
	if !at.IsZero() {
		stamp = dt(at)
	}
	for _, f := range r.Collection().Fields {
		if af, ok := f.(*core.AutodateField); ok && af.OnCreate {
			r.SetRaw(af.Name, stamp)
		}
	}
	return w.store(r)
}

// update validates and saves a changed record, stamping its updated fields
// with the time of the save as PocketBase would.
func (w *writer) update(r *core.Record) error {
	now := types.NowDateTime()
	for _, f := range r.Collection().Fields {
		if af, ok := f.(*core.AutodateField); ok && af.OnUpdate {
			r.SetRaw(af.Name, now)
		}
	}
	return w.store(r)
}

// store validates r as PocketBase's record validation would, then saves it
// without hooks.
func (w *writer) store(r *core.Record) error {
	errs := validation.Errors{}
	for _, f := range r.Collection().Fields {
		if err := f.ValidateValue(context.Background(), w.app, r); err != nil {
			errs[f.GetName()] = err
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("demo %s: %w", r.Collection().Name, errs)
	}
	if err := w.bare.Save(r); err != nil {
		return fmt.Errorf("demo %s: %w", r.Collection().Name, err)
	}
	return nil
}

// autogenerate fills, on a new record, every empty text field that has an
// autogenerate pattern (the id, tokens and codes), from that pattern.
func autogenerate(r *core.Record) {
	if !r.IsNew() {
		return
	}
	for _, f := range r.Collection().Fields {
		if tf, ok := f.(*core.TextField); ok && tf.AutogeneratePattern != "" && r.GetString(tf.Name) == "" {
			r.Set(tf.Name+":autogenerate", "")
		}
	}
}

// wonValue is what the referrals hook stores as won_value: a win with none
// is worth its pipeline value.
func wonValue(ref Referral) float64 {
	if ref.Status == "won" && ref.Won == 0 {
		return ref.Pipeline
	}
	return ref.Won
}

// restReferrer does what the referrals hook does to the referrer of every
// new referral (asks.RestAfterReferral), from the time of the save.
func (w *writer) restReferrer(referrerID string) error {
	return asks.RestAfterReferral(w.bare, referrerID, time.Now())
}
