package hooks

import (
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/asks"
	"warmloop/internal/referrals"
	"warmloop/internal/rewards"
)

// bindReferrals keeps the pipeline honest, from whatever path a referral
// changes (the pages, the REST API, the dashboard): illegal moves are
// refused; every move is recorded with its time and sets off its emails and
// webhooks in the same transaction; and a referral rests its referrer.
func bindReferrals(app core.App) {
	app.OnRecordValidate("referrals").BindFunc(checkTransition)
	app.OnRecordCreate("referrals").BindFunc(func(e *core.RecordEvent) error {
		return e.App.RunInTransaction(func(tx core.App) error {
			e.App = tx
			if err := e.Next(); err != nil {
				return err
			}
			now := time.Now()
			if err := asks.RestAfterReferral(tx, e.Record.GetString("referrer"), now); err != nil {
				return err
			}
			note := "via " + e.Record.GetString("channel")
			if e.Record.GetString("channel") == "" {
				note = ""
			}
			if err := referrals.LogMove(tx, e.Record.Id, "", e.Record.GetString("status"), now, note); err != nil {
				return err
			}
			if err := referrals.Created(tx, e.Record); err != nil {
				return err
			}
			return reward(tx, e.Record)
		})
	})
	app.OnRecordUpdate("referrals").BindFunc(func(e *core.RecordEvent) error {
		from, to := e.Record.Original().GetString("status"), e.Record.GetString("status")
		flagCleared := e.Record.Original().GetString("flag") != "" && e.Record.GetString("flag") == ""
		if from == to && !flagCleared {
			return e.Next()
		}
		now := time.Now()
		stamp(e.Record, to, now)
		return e.App.RunInTransaction(func(tx core.App) error {
			e.App = tx
			if to == referrals.Won && from != to {
				// The viral loop: the referee becomes a customer.
				if _, err := referrals.Convert(tx, e.Record); err != nil {
					return err
				}
			}
			if err := e.Next(); err != nil {
				return err
			}
			if from != to {
				if err := referrals.LogMove(tx, e.Record.Id, from, to, now, ""); err != nil {
					return err
				}
				if err := referrals.Moved(tx, e.Record, from, to); err != nil {
					return err
				}
			}
			if to == referrals.Won && from != to || flagCleared {
				return reward(tx, e.Record)
			}
			return nil
		})
	})
}

// reward recomputes the referrer's tiers for a referral that counts: never
// one flagged for review, until an admin clears the flag.
func reward(tx core.App, referral *core.Record) error {
	if referral.GetString("flag") != "" {
		return nil
	}
	_, err := rewards.Recompute(tx, referral.GetString("referrer"), referral.Id)
	return err
}

// checkTransition refuses an illegal move with a message on the status
// field, and fills won_value from pipeline_value when a win has none.
func checkTransition(e *core.RecordEvent) error {
	to := e.Record.GetString("status")
	if !e.Record.IsNew() {
		if err := referrals.CheckMove(e.Record.Original().GetString("status"), to); err != nil {
			return validation.Errors{"status": validation.NewError("invalid_transition", err.Error())}
		}
	}
	if to == referrals.Won && e.Record.GetFloat("won_value") == 0 {
		e.Record.Set("won_value", e.Record.GetFloat("pipeline_value"))
	}
	return e.Next()
}

// stamp records when a referral was first visited and first booked.
func stamp(r *core.Record, to string, now time.Time) {
	field := map[string]string{referrals.Visited: "visited_at", referrals.Booked: "booked_at"}[to]
	if field != "" && r.GetDateTime(field).IsZero() {
		r.Set(field, now.UTC())
	}
}
