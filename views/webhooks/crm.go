package webhooks

import (
	"errors"
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/intake"
	"warmloop/internal/program"
	"warmloop/internal/referrals"
)

// crmProviders are the CRMs at /hooks/crm/{provider}: how each proves
// itself, and the name the referral's history gives it.
var crmProviders = map[string]struct {
	verify func(*core.RequestEvent, program.Settings, []byte, time.Time) error
	actor  string
}{
	"hubspot": {verify: verifyHubSpot, actor: "HubSpot"},
	"generic": {verify: verifyCRMSecret, actor: "CRM"},
}

// crmWebhook moves the referral a CRM's deal event is about: the deal's
// stage, through the stage map set in the dashboard, names the status; the
// pipeline's rule decides whether the move is allowed. A stage the map does
// not name, or a deal that is no referral's, answers 200 so the CRM does
// not send it again; an illegal move is a 409 that says why.
func crmWebhook(e *core.RequestEvent) error {
	provider := e.Request.PathValue("provider")
	p, ok := crmProviders[provider]
	if !ok {
		return e.JSON(http.StatusNotFound, webhookError{Field: "provider",
			Message: "unknown CRM " + provider + "; use hubspot, or generic for any other"})
	}
	s, err := program.Load(e.App)
	if err != nil {
		return err
	}
	a, ok, err := providerBody(e, s, "crm/"+provider, p.verify)
	if !ok {
		return err
	}
	deal, err := intake.ParseDeal(provider, a.body)
	if err != nil {
		return a.refuseField(err)
	}
	stages, err := referrals.ParseStages(s.CRMStages)
	if err != nil {
		return err
	}
	to, mapped := stages.StatusOf(deal.Stage)
	if !mapped {
		reason := "the stage " + deal.Stage + " is not in the stage map (Dashboard → Integrations)"
		return a.reply(intake.Delivery{Outcome: intake.OutcomeIgnored, Status: http.StatusOK, Reason: reason},
			map[string]any{"ignored": true, "reason": reason})
	}
	out, err := referrals.MoveByDeal(e.App, referrals.DealMove{Email: deal.Email, Code: deal.Code, To: to,
		Amount: deal.Amount, HasAmount: deal.HasAmount, Actor: p.actor,
		Note: p.actor + " deal " + deal.ID + " reached " + deal.Stage})
	var refused *referrals.MoveRefused
	switch {
	case errors.Is(err, referrals.ErrNoReferral):
		return a.reply(intake.Delivery{Outcome: intake.OutcomeIgnored, Status: http.StatusOK, Reason: err.Error()},
			map[string]any{"matched": false, "reason": err.Error()})
	case errors.As(err, &refused):
		e.App.Logger().Warn("a CRM deal event asked an illegal move", "provider", provider, "deal", deal.ID,
			"referral", refused.Referral, "from", refused.From, "to", refused.To, "reason", refused.Reason)
		return a.reply(intake.Delivery{Outcome: intake.OutcomeRefused, Status: http.StatusConflict, Referral: refused.Referral,
			Reason: "deal " + deal.ID + ", " + refused.From + " → " + refused.To + ": " + refused.Reason},
			map[string]any{"field": "stage", "message": refused.Reason, "referral": refused.Referral, "from": refused.From, "to": refused.To})
	case err != nil:
		e.App.Logger().Error("a CRM deal event could not move its referral", "provider", provider, "deal", deal.ID, "error", err)
		return a.refuse(http.StatusConflict, "stage", "the move was refused: "+err.Error())
	}
	reason := "deal " + deal.ID + " moved the referral from " + out.From + " to " + out.To
	if !out.Moved {
		reason = "deal " + deal.ID + ": the referral was " + out.To + " already"
	}
	return a.reply(intake.Delivery{Outcome: intake.OutcomeAccepted, Status: http.StatusOK, Referral: out.Referral, Reason: reason},
		map[string]any{"matched": true, "referral": out.Referral, "from": out.From, "to": out.To, "moved": out.Moved})
}

// verifyCRMSecret checks a generic CRM's proof of crm_secret: a bearer
// token, ?token=, or X-Warmloop-Signature over the body.
func verifyCRMSecret(e *core.RequestEvent, s program.Settings, body []byte, _ time.Time) error {
	creds := intake.Credentials{
		Authorization: e.Request.Header.Get("Authorization"),
		Token:         e.Request.URL.Query().Get("token"),
		Signature:     e.Request.Header.Get("X-Warmloop-Signature"),
	}
	if intake.Authorized(s.CRMSecret, creds, body) {
		return nil
	}
	if s.CRMSecret == "" {
		return &intake.SignatureError{Header: "Authorization", Reason: "CRM deal events are off until crm_secret is set (Dashboard → Integrations)"}
	}
	return &intake.SignatureError{Header: "Authorization",
		Reason: "missing or wrong secret: send Authorization: Bearer <crm_secret>, add ?token=<crm_secret>, or sign the body (X-Warmloop-Signature: sha256=<hex HMAC-SHA256>)"}
}
