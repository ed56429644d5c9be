package referrals

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/customers"
	"warmloop/internal/token"
)

// CRMStatuses are the statuses a CRM's deal stage may move a referral to:
// the steps of the pipeline that happen in sales' own tool.
var CRMStatuses = []string{Qualified, Won, Lost}

// StageMap maps a CRM's deal stages, compared without regard to case or
// surrounding spaces, to the status a deal at that stage moves its
// referral to.
type StageMap map[string]string

// ParseStages reads the stage map as an admin types it: one stage a line,
// "stage = status" (HubSpot's "closedwon = won", Salesforce's
// "Closed Won = won"); blank lines and lines starting with # are skipped.
// The error names the first line at fault.
func ParseStages(text string) (StageMap, error) {
	m := StageMap{}
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		stage, status, ok := strings.Cut(line, "=")
		stage, status = strings.TrimSpace(stage), strings.ToLower(strings.TrimSpace(status))
		switch {
		case !ok || stage == "":
			return nil, fmt.Errorf("line %d, %q: write the CRM's stage, then =, then qualified, won or lost, such as closedwon = won", i+1, line)
		case !slices.Contains(CRMStatuses, status):
			return nil, fmt.Errorf("line %d: %q is not qualified, won or lost: a CRM stage moves a referral to one of those", i+1, status)
		}
		key := strings.ToLower(stage)
		if prev, dup := m[key]; dup && prev != status {
			return nil, fmt.Errorf("line %d: the stage %q is already mapped to %s", i+1, stage, prev)
		}
		m[key] = status
	}
	return m, nil
}

// StatusOf is the status a stage moves a referral to, if the map names it.
func (m StageMap) StatusOf(stage string) (string, bool) {
	s, ok := m[strings.ToLower(strings.TrimSpace(stage))]
	return s, ok
}

// DealMove is a CRM's deal event, resolved to the move it asks of a
// referral: whose it is (the referral code, else the referee's email), the
// status it moves to, its amount, and who made it, for the history.
type DealMove struct {
	Email, Code string
	To          string
	Amount      float64
	HasAmount   bool
	Actor, Note string
}

// DealOutcome says what a deal event did to the referral it matched.
type DealOutcome struct {
	Referral string
	From, To string
	Moved    bool // false when the referral was there already
}

// ErrNoReferral is a deal event that matches no referral.
var ErrNoReferral = errors.New("no referral matches the deal's referral code or contact email")

// MoveRefused is a deal event asking a move the pipeline does not allow
// (CheckMove); nothing of it is written.
type MoveRefused struct {
	Referral, From, To, Reason string
}

func (e *MoveRefused) Error() string { return e.Reason }

// MoveByDeal moves the referral a deal event matches, in one transaction:
// the move passes the pipeline's own rule (CheckMove) and the referral's
// hooks (history, emails, webhooks, rewards, the loop on a win) as any
// other move does. Qualified sets the pipeline value and won the won value
// from the amount. A deal at the status its referral has already changes
// nothing, so a redelivery is harmless; an open referral's pipeline value
// follows a new amount.
func MoveByDeal(app core.App, d DealMove) (DealOutcome, error) {
	var out DealOutcome
	err := app.RunInTransaction(func(tx core.App) error {
		r, err := dealReferral(tx, d)
		if err != nil {
			return err
		}
		out = DealOutcome{Referral: r.Id, From: r.GetString("status"), To: d.To}
		if err := CheckMove(out.From, d.To); err != nil {
			return &MoveRefused{Referral: r.Id, From: out.From, To: d.To, Reason: err.Error()}
		}
		if d.HasAmount {
			switch d.To {
			case Qualified:
				r.Set("pipeline_value", d.Amount)
			case Won:
				r.Set("won_value", d.Amount)
			}
		}
		out.Moved = out.From != d.To
		if !out.Moved && r.GetFloat("pipeline_value") == r.Original().GetFloat("pipeline_value") {
			return nil
		}
		r.Set("status", d.To)
		SetActor(r, d.Actor)
		if err := tx.Save(r); err != nil {
			return err
		}
		if out.Moved {
			return signMove(tx, r.Id, d)
		}
		return nil
	})
	return out, err
}

// dealReferral finds the referral a deal event is about: by its code when
// the CRM sent one that exists, else the newest referral of the referee's
// email (or an address reaching the same mailbox) that is not waiting for
// its referee to confirm it.
func dealReferral(tx core.App, d DealMove) (*core.Record, error) {
	if code := strings.TrimSpace(d.Code); token.Plausible(code) {
		r, err := tx.FindFirstRecordByData("referrals", "code", code)
		if err == nil {
			return r, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
	}
	email := customers.CanonicalEmail(d.Email)
	if email == "" {
		return nil, ErrNoReferral
	}
	found, err := tx.FindRecordsByFilter("referrals",
		"(referee_key = {:key} || referee_email = {:email}) && flag != {:unconfirmed}", "-created", 1, 0,
		dbx.Params{"key": matchKey(email), "email": email, "unconfirmed": Unconfirmed})
	if err != nil {
		return nil, err
	}
	if len(found) == 0 {
		return nil, ErrNoReferral
	}
	return found[0], nil
}

// signMove writes why a move was made on the history row the referral's
// hook just wrote for it, when the hook left no note; the hook wrote the
// actor (SetActor).
func signMove(tx core.App, referralID string, d DealMove) error {
	events, err := tx.FindRecordsByFilter("referral_events", "referral = {:r} && to_status = {:to}", "-at", 1, 0,
		dbx.Params{"r": referralID, "to": d.To})
	if err != nil || len(events) == 0 {
		return err
	}
	ev := events[0]
	if ev.GetString("note") != "" {
		return nil
	}
	ev.Set("note", d.Note)
	return tx.SaveNoValidate(ev)
}
