package views

import (
	"errors"
	"io"
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/intake"
	"warmloop/internal/nps"
	"warmloop/internal/program"
	"warmloop/internal/signature"
)

// maxWebhookBody is the largest NPS webhook body accepted (64 KiB).
const maxWebhookBody = 64 << 10

// bindWebhooks serves the incoming webhooks: NPS answers and bookings.
func bindWebhooks(se *core.ServeEvent) {
	se.Router.POST("/hooks/nps/{provider}", npsWebhook)
	se.Router.POST("/hooks/booking/{provider}", bookingWebhook)
}

// webhookError is the JSON body of every refused webhook.
type webhookError struct {
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

// npsWebhook records one NPS answer as a moment: authenticate, parse, record.
// A repeated delivery answers 200 with the first moment's id.
func npsWebhook(e *core.RequestEvent) error {
	provider := e.Request.PathValue("provider")
	if !nps.Known(provider) {
		return e.JSON(http.StatusNotFound, webhookError{Field: "provider",
			Message: "unknown provider " + provider + "; use one of generic, delighted, typeform"})
	}
	body, err := io.ReadAll(io.LimitReader(e.Request.Body, maxWebhookBody+1))
	if err != nil {
		return e.JSON(http.StatusBadRequest, webhookError{Field: "body", Message: "the body could not be read"})
	}
	if len(body) > maxWebhookBody {
		return e.JSON(http.StatusRequestEntityTooLarge, webhookError{Field: "body", Message: "the body is over 64 KiB"})
	}

	settings, err := program.Load(e.App)
	if err != nil {
		return err
	}
	creds := signature.Credentials{
		Authorization: e.Request.Header.Get("Authorization"),
		Token:         e.Request.URL.Query().Get("token"),
		Signature:     e.Request.Header.Get("X-Warmloop-Signature"),
		Typeform:      e.Request.Header.Get("Typeform-Signature"),
	}
	if !signature.Authorized(settings.NPSSecret, creds, body) {
		msg := "missing or wrong secret: send Authorization: Bearer <secret>, or sign the body (X-Warmloop-Signature: sha256=<hex HMAC-SHA256>)"
		if settings.NPSSecret == "" {
			msg = "NPS webhooks are off until a shared secret (nps_secret) is set in the program settings"
		}
		return e.JSON(http.StatusUnauthorized, webhookError{Message: msg})
	}

	resp, err := nps.Parse(provider, body)
	if err != nil {
		var fe *nps.Error
		if errors.As(err, &fe) {
			return e.JSON(http.StatusBadRequest, webhookError{Field: fe.Field, Message: fe.Error()})
		}
		return err
	}
	res, err := intake.Record(e.App, intake.Moment{
		Email: resp.Email, Name: resp.Name, Company: resp.Company,
		Kind: "nps", Score: resp.Score, Comment: resp.Comment,
		Source: provider, ExternalID: resp.ID, OccurredAt: resp.OccurredAt,
	})
	if err != nil {
		e.App.Logger().Error("recording an NPS webhook failed", "provider", provider, "external_id", resp.ID, "error", err)
		return e.JSON(http.StatusInternalServerError, webhookError{Message: "the answer could not be recorded; deliver it again later"})
	}
	status := http.StatusCreated
	if res.Duplicate {
		status = http.StatusOK
	}
	return e.JSON(status, map[string]any{"id": res.ID, "duplicate": res.Duplicate, "decision": res.Decision})
}
