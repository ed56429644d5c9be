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

// maxWebhookBody is the largest NPS webhook body accepted (64 KiB).
const maxWebhookBody = 64 << 10

// signedBody reads an incoming webhook's body (at most 64 KiB) and checks it
// proves knowledge of the secret. When it does not, ok is false and the
// refusal, which says what is wrong and how to fix it, has been sent.
func signedBody(e *core.RequestEvent, secret, what, setting string) (body []byte, ok bool, err error) {
	body, err = io.ReadAll(io.LimitReader(e.Request.Body, maxWebhookBody+1))
	if err != nil {
		return nil, false, e.JSON(http.StatusBadRequest, webhookError{Field: "body", Message: "the body could not be read"})
	}
	if len(body) > maxWebhookBody {
		return nil, false, e.JSON(http.StatusRequestEntityTooLarge, webhookError{Field: "body", Message: "the body is over 64 KiB"})
	}
	if verr := intake.Verify(secret, credentials(e.Request), body, time.Now()); verr != nil {
		msg := unproven(verr)
		if secret == "" {
			msg = what + " are off until a shared secret (" + setting + ") is set in the program settings"
		}
		return nil, false, e.JSON(http.StatusUnauthorized, webhookError{Message: msg})
	}
	return body, true, nil
}

// webhookError is the JSON body of every refused webhook.
type webhookError struct {
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

// npsWebhook records one NPS answer as a moment: authenticate, parse, record
// through the committer, and answer once it is committed. A repeated delivery
// answers 200 with the first moment's id.
func npsWebhook(committer *intake.Committer) func(*core.RequestEvent) error {
	return func(e *core.RequestEvent) error { return recordNPS(e, committer) }
}

// recordNPS is npsWebhook's handler.
func recordNPS(e *core.RequestEvent, committer *intake.Committer) error {
	provider := e.Request.PathValue("provider")
	if !intake.KnownNPS(provider) {
		return e.JSON(http.StatusNotFound, webhookError{Field: "provider",
			Message: "unknown provider " + provider + "; use one of " + npsProviderList()})
	}
	settings, err := program.Load(e.App)
	if err != nil {
		return err
	}
	body, ok, err := signedBody(e, settings.NPSKey(provider), "NPS webhooks", settings.NPSKeySetting(provider))
	if !ok {
		return err
	}

	resp, err := intake.ParseNPS(provider, body)
	if handled, err := npsRefusal(e, err); handled || err != nil {
		return err
	}
	res, err := committer.Record(intake.Moment{
		Email: resp.Email, Name: resp.Name, Company: resp.Company,
		Kind: "nps", Score: resp.Score, Comment: resp.Comment,
		Source: provider, ExternalID: resp.ID, OccurredAt: resp.OccurredAt, Locale: resp.Locale,
	})
	if errors.Is(err, intake.ErrClosed) {
		return e.JSON(http.StatusServiceUnavailable, webhookError{Message: "Warmloop is restarting; deliver the answer again in a minute"})
	}
	if err != nil {
		e.App.Logger().Error("recording an NPS webhook failed", "provider", provider, "external_id", resp.ID, "error", err)
		return e.JSON(http.StatusInternalServerError, webhookError{Message: "the answer could not be recorded; deliver it again later"})
	}
	updated, err := npsRevise(e, provider, resp, res)
	if err != nil {
		e.App.Logger().Error("updating a re-sent NPS answer failed", "provider", provider, "moment", res.ID, "error", err)
		return e.JSON(http.StatusInternalServerError, webhookError{Message: "the changed answer could not be stored; deliver it again later"})
	}
	status := http.StatusCreated
	if res.Duplicate {
		status = http.StatusOK
	}
	return e.JSON(status, map[string]any{"id": res.ID, "duplicate": res.Duplicate, "decision": res.Decision, "updated": updated})
}
