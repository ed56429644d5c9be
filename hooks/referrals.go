package hooks

import (
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/asks"
	"warmloop/internal/customers"
	"warmloop/internal/referrals"
	"warmloop/internal/rewards"
	"warmloop/internal/signin"
)

// bindReferrals keeps the pipeline honest, from whatever path a referral
// changes (the pages, the REST API, the dashboard): illegal moves are
// refused; every move is recorded with its time and sets off its emails and
// webhooks in the same transaction; and a referral rests its referrer. The
// referee's address is kept with its match key (customers.MatchKey), which
// every duplicate and declined check compares. A referral made through a
// share link waits, Unconfirmed, for its referee to confirm their email:
// it sets off nothing (its history aside) until then, and on confirmation
// what a new referral sets off happens, once.
func bindReferrals(app core.App) {
	app.OnRecordValidate("referrals").BindFunc(checkTransition)
	app.OnRecordCreate("referrals").BindFunc(func(e *core.RecordEvent) error {
		setRefereeKey(e.Record)
		return e.App.RunInTransaction(func(tx core.App) error {
			e.App = tx
			if err := e.Next(); err != nil {
				return err
			}
			now := time.Now()
			note := "via " + e.Record.GetString("channel")
			if e.Record.GetString("channel") == "" {
				note = ""
			}
			if referrals.IsUnconfirmed(e.Record) {
				return referrals.LogMove(tx, e.Record.Id, "", e.Record.GetString("status"), now, note+", waiting for the email to be confirmed", referrals.ActorOf(e.Record))
			}
			if err := referrals.LogMove(tx, e.Record.Id, "", e.Record.GetString("status"), now, note, referrals.ActorOf(e.Record)); err != nil {
				return err
			}
			return counts(tx, e.Record, now)
		})
	})
	app.OnRecordUpdate("referrals").BindFunc(onReferralUpdate)
	app.OnRecordCreateRequest("referrals").BindFunc(actorFromAPI)
	app.OnRecordUpdateRequest("referrals").BindFunc(actorFromAPI)
}

// actorFromAPI names who moves a referral through the REST API (and /_/,
// which uses it): "REST API: " and the auth record, a superuser's email or
// a team member's name and role.
func actorFromAPI(e *core.RecordRequestEvent) error {
	who := "guest"
	if e.Auth != nil && e.Auth.IsSuperuser() {
		who = e.Auth.Email()
	} else if e.Auth != nil {
		who = signin.Actor(e.Auth)
	}
	referrals.SetActor(e.Record, "REST API: "+who)
	return e.Next()
}

// onReferralUpdate records a move and sets off what it causes: the viral
// loop on a win, the history, the move's emails and webhooks, and rewards
// when a win or a cleared flag changes the counts. A referral confirmed by
// its referee sets off, first, what a new referral does (counts).
func onReferralUpdate(e *core.RecordEvent) error {
	setRefereeKey(e.Record)
	original := e.Record.Original()
	from, to := original.GetString("status"), e.Record.GetString("status")
	confirmed := referrals.IsUnconfirmed(original) && !referrals.IsUnconfirmed(e.Record)
	flagCleared := original.GetString("flag") != "" && e.Record.GetString("flag") == ""
	if from == to && !flagCleared && !confirmed {
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
		if confirmed {
			if err := counts(tx, e.Record, now); err != nil {
				return err
			}
		}
		if from != to {
			note := ""
			if confirmed {
				note = "email confirmed"
			}
			if err := referrals.LogMove(tx, e.Record.Id, from, to, now, note, referrals.ActorOf(e.Record)); err != nil {
				return err
			}
			if !referrals.IsUnconfirmed(e.Record) {
				if err := referrals.Moved(tx, e.Record, from, to); err != nil {
					return err
				}
			}
		}
		if to == referrals.Won && from != to || flagCleared && !confirmed {
			return reward(tx, e.Record)
		}
		return nil
	})
}

// counts is what a referral that counts sets off once, when it is made or
// when its referee confirms it: the referrer rests from asks, sales hears
// of it, the referral.created webhook, and the referrer's rewards.
func counts(tx core.App, referral *core.Record, now time.Time) error {
	if err := asks.RestAfterReferral(tx, referral.GetString("referrer"), now); err != nil {
		return err
	}
	if err := referrals.Created(tx, referral); err != nil {
		return err
	}
	return reward(tx, referral)
}

// setRefereeKey keeps a referral's referee_key the match key of its
// referee_email, whatever path saves it.
func setRefereeKey(r *core.Record) {
	r.Set("referee_key", customers.MatchKey(r.GetString("referee_email")))
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
// field, and a referral made to wait for a confirmation it was never sent;
// and fills won_value from pipeline_value when a win has none.
func checkTransition(e *core.RecordEvent) error {
	to := e.Record.GetString("status")
	if !e.Record.IsNew() {
		if err := referrals.CheckMove(e.Record.Original().GetString("status"), to); err != nil {
			return validation.Errors{"status": validation.NewError("invalid_transition", err.Error())}
		}
		if referrals.IsUnconfirmed(e.Record) && !referrals.IsUnconfirmed(e.Record.Original()) {
			return validation.Errors{"flag": validation.NewError("invalid_flag",
				"only a referral made through a share link waits for confirmation, from the moment it is made")}
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
