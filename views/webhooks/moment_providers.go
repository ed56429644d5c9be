package webhooks

import (
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/intake"
	"warmloop/internal/program"
)

// momentSource is a system of record whose webhooks become moments: how a
// delivery proves it comes from there, and what it says.
type momentSource struct {
	verify func(e *core.RequestEvent, s program.Settings, body []byte, now time.Time) error
	parse  func(e *core.RequestEvent, body []byte) (intake.SignedMoment, error)
}

// momentSources are the systems of record at /hooks/moments/{source}.
var momentSources = map[string]momentSource{
	"zendesk": {verify: verifyZendesk, parse: func(_ *core.RequestEvent, body []byte) (intake.SignedMoment, error) {
		return intake.ParseZendesk(body)
	}},
	"hubspot": {verify: verifyHubSpot, parse: func(e *core.RequestEvent, body []byte) (intake.SignedMoment, error) {
		d, err := intake.ParseDeal("hubspot", body)
		if err != nil {
			return intake.SignedMoment{}, err
		}
		return intake.HubSpotMoment(d, e.Request.URL.Query().Get("kind"))
	}},
	"stripe": {verify: verifyStripe, parse: func(_ *core.RequestEvent, body []byte) (intake.SignedMoment, error) {
		return intake.ParseStripe(body)
	}},
}

// momentWebhook is the handler of one system of record's webhook, which
// records what it says as a moment: verify the provider's own signature,
// parse, record once per (source, external id). An event that makes no
// moment answers 200 with "ignored": true, so the tool does not send it
// again.
func momentWebhook(name string) func(*core.RequestEvent) error {
	src := momentSources[name]
	return func(e *core.RequestEvent) error {
		return recordMoment(e, name, src)
	}
}

// recordMoment verifies, parses and records one delivery from src, and
// logs what became of it under the provider's name.
func recordMoment(e *core.RequestEvent, name string, src momentSource) error {
	s, err := program.Load(e.App)
	if err != nil {
		return err
	}
	a, ok, err := providerBody(e, s, name, src.verify)
	if !ok {
		return err
	}
	sm, err := src.parse(e, a.body)
	if err != nil {
		return a.refuseField(err)
	}
	if sm.Ignored != "" {
		return a.reply(intake.Delivery{Outcome: intake.OutcomeIgnored, Status: http.StatusOK, Reason: sm.Ignored},
			map[string]any{"ignored": true, "reason": sm.Ignored})
	}
	res, err := intake.Record(e.App, sm.Moment)
	if err != nil {
		e.App.Logger().Error("recording a moment webhook failed", "source", name, "external_id", sm.Moment.ExternalID, "error", err)
		a.log(intake.Delivery{Outcome: intake.OutcomeRefused, Status: http.StatusInternalServerError,
			Reason: "the moment could not be recorded, so the tool will deliver it again: " + err.Error()})
		return e.JSON(http.StatusInternalServerError, webhookError{Message: "the moment could not be recorded; deliver it again later"})
	}
	d := intake.Delivery{Outcome: intake.OutcomeAccepted, Status: http.StatusCreated, Moment: res.ID, Reason: "decision: " + res.Decision}
	if res.Duplicate {
		d = intake.Delivery{Outcome: intake.OutcomeDuplicate, Status: http.StatusOK, Moment: res.ID,
			Reason: "external id " + sm.Moment.ExternalID + " was recorded before"}
	}
	return a.reply(d, map[string]any{"id": res.ID, "kind": sm.Moment.Kind, "duplicate": res.Duplicate, "decision": res.Decision})
}

// providerBody reads a webhook's body (64 KiB at most) and checks the
// provider's signature with verify. The answer it gives logs under
// provider, with every integration secret masked in the body. When either
// check fails, ok is false and the refusal, naming the header and the
// reason, has been sent and logged.
func providerBody(e *core.RequestEvent, s program.Settings, provider string,
	verify func(*core.RequestEvent, program.Settings, []byte, time.Time) error) (a deliveryAnswer, ok bool, err error) {
	a = deliveryAnswer{e: e, in: intake.ProviderInbox(provider, s.ZendeskSecret, s.HubSpotSecret, s.StripeSecret, s.CRMSecret)}
	a.body, err = io.ReadAll(io.LimitReader(e.Request.Body, maxWebhookBody+1))
	switch {
	case err != nil:
		return a, false, a.refuse(http.StatusBadRequest, "body", "the body could not be read")
	case len(a.body) > maxWebhookBody:
		return a, false, a.refuse(http.StatusRequestEntityTooLarge, "body", "the body is over 64 KiB")
	}
	if err := verify(e, s, a.body, time.Now()); err != nil {
		var se *intake.SignatureError
		if errors.As(err, &se) {
			return a, false, a.refuse(http.StatusUnauthorized, se.Header, se.Error())
		}
		return a, false, err
	}
	return a, true, nil
}

// verifyZendesk checks Zendesk's signature with zendesk_secret.
func verifyZendesk(e *core.RequestEvent, s program.Settings, body []byte, now time.Time) error {
	h := e.Request.Header
	return intake.VerifyZendesk(s.ZendeskSecret, h.Get("X-Zendesk-Webhook-Signature"),
		h.Get("X-Zendesk-Webhook-Signature-Timestamp"), body, now)
}

// verifyStripe checks Stripe's signature with stripe_secret.
func verifyStripe(e *core.RequestEvent, s program.Settings, body []byte, now time.Time) error {
	return intake.VerifyStripe(s.StripeSecret, e.Request.Header.Get("Stripe-Signature"), body, now)
}

// verifyHubSpot checks HubSpot's v3 signature with hubspot_secret. HubSpot
// signs the URL it was given; behind a proxy the server sees another, so
// the program's own address and the one the request names are both tried.
func verifyHubSpot(e *core.RequestEvent, s program.Settings, body []byte, now time.Time) error {
	uri := e.Request.URL.RequestURI()
	scheme := "http"
	if e.IsTLS() || e.Request.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	uris := []string{program.BaseURL(e.App) + uri, scheme + "://" + e.Request.Host + uri}
	h := e.Request.Header
	return intake.VerifyHubSpot(s.HubSpotSecret, h.Get("X-HubSpot-Signature-v3"), h.Get("X-HubSpot-Request-Timestamp"),
		e.Request.Method, uris, body, now)
}
