package webhooks

import (
	"errors"
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/intake"
)

// credentials reads every proof a webhook request may offer: Warmloop's own
// and each tool's signature header.
func credentials(r *http.Request) intake.Credentials {
	return intake.Credentials{
		Authorization: r.Header.Get("Authorization"),
		Token:         r.URL.Query().Get("token"),
		Signature:     r.Header.Get("X-Warmloop-Signature"),
		Typeform:      r.Header.Get("Typeform-Signature"),
		Delighted:     r.Header.Get("X-Delighted-Webhook-Signature"),
		Survicate:     r.Header.Get("Hmac"),
		Wootric:       r.Header.Get("X-Wootric-Signature"),
	}
}

// unproven is the message of a refused request: a stale timestamp says so,
// anything else lists the ways to prove the secret.
func unproven(err error) string {
	if errors.Is(err, intake.ErrStale) {
		return err.Error()
	}
	return "missing or wrong secret: send Authorization: Bearer <secret>, add ?token=<secret>, or sign the body " +
		"(X-Warmloop-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of t.body>, or sha256=<hex HMAC-SHA256 of the body>)"
}

// npsRefusal answers a body the provider's parser did not take: 200 with
// "ignored" for a delivery that is not an answer Warmloop keeps (so the
// tool does not retry it), 400 naming the field for a malformed one.
// handled is false for any other error.
func npsRefusal(e *core.RequestEvent, err error) (handled bool, _ error) {
	var ign *intake.Ignored
	if errors.As(err, &ign) {
		return true, e.JSON(http.StatusOK, map[string]any{"ignored": true, "reason": ign.Reason})
	}
	var fe *intake.FieldError
	if errors.As(err, &fe) {
		return true, e.JSON(http.StatusBadRequest, webhookError{Field: fe.Field, Message: fe.Error()})
	}
	return false, err
}

// npsRevise keeps the latest revision of an answer a tool re-sends as it
// changes (intake.Revise): updated says a repeated delivery changed the
// moment's score or comment.
func npsRevise(e *core.RequestEvent, provider string, resp intake.NPSResponse, res intake.Result) (updated bool, err error) {
	if resp.Revision == 0 {
		return false, nil
	}
	changed, err := intake.Revise(e.App, provider, resp)
	return changed && res.Duplicate, err
}

// npsProviderList names the providers for a 404.
func npsProviderList() string { return strings.Join(intake.NPSProviders(), ", ") }
