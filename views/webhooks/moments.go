package webhooks

import (
	"database/sql"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/intake"
)

// mappedWebhook records a delivery to a mapped source, one the admin
// described in the dashboard, as a moment: authenticate by the source's
// own rule, keep or ignore the event, read the moment through the
// source's JSON pointers, and record it through the committer. Every
// delivery to a known source is logged with what became of it.
func mappedWebhook(committer *intake.Committer) func(*core.RequestEvent) error {
	return func(e *core.RequestEvent) error { return recordMapped(e, committer) }
}

// recordMapped is mappedWebhook's handler.
func recordMapped(e *core.RequestEvent, committer *intake.Committer) error {
	name := e.Request.PathValue("source")
	src, err := intake.FindSource(e.App, name)
	if errors.Is(err, sql.ErrNoRows) {
		return e.JSON(http.StatusNotFound, webhookError{Field: "source",
			Message: "no source is named " + name + "; create it in the dashboard under Settings → Sources"})
	}
	if err != nil {
		return err
	}
	body, err := io.ReadAll(io.LimitReader(e.Request.Body, maxWebhookBody+1))
	if err != nil {
		return e.JSON(http.StatusBadRequest, webhookError{Field: "body", Message: "the body could not be read"})
	}
	answer := deliveryAnswer{e: e, in: src.Inbox(), body: body}
	if len(body) > maxWebhookBody {
		return answer.refuse(http.StatusRequestEntityTooLarge, "body", "the body is over 64 KiB")
	}
	creds := intake.DeliveryAuth{Token: e.Request.URL.Query().Get("token")}
	if src.Header != "" {
		creds.Header = e.Request.Header.Get(src.Header)
	}
	if reason := src.Authenticate(creds, body); reason != "" {
		return answer.refuse(http.StatusUnauthorized, "", reason)
	}
	mapped, err := src.Map(body, time.Now())
	if err != nil {
		return answer.refuseField(err)
	}
	if mapped.Ignored != "" {
		return answer.reply(intake.Delivery{Outcome: intake.OutcomeIgnored, Status: http.StatusOK, Reason: mapped.Ignored},
			map[string]any{"ignored": true, "reason": mapped.Ignored})
	}
	res, err := committer.Record(mapped.Moment)
	if errors.Is(err, intake.ErrClosed) {
		return e.JSON(http.StatusServiceUnavailable, webhookError{Message: "Warmloop is restarting; deliver the event again in a minute"})
	}
	if err != nil {
		e.App.Logger().Error("recording a mapped source's moment failed", "source", src.Name, "external_id", mapped.Moment.ExternalID, "error", err)
		return e.JSON(http.StatusInternalServerError, webhookError{Message: "the event could not be recorded; deliver it again later"})
	}
	d := intake.Delivery{Outcome: intake.OutcomeAccepted, Status: http.StatusCreated, Moment: res.ID, Reason: "decision: " + res.Decision}
	if res.Duplicate {
		d = intake.Delivery{Outcome: intake.OutcomeDuplicate, Status: http.StatusOK, Moment: res.ID,
			Reason: "external id " + mapped.Moment.ExternalID + " was recorded before"}
	}
	return answer.reply(d, map[string]any{"id": res.ID, "duplicate": res.Duplicate, "decision": res.Decision})
}

// deliveryAnswer answers one delivery, to a mapped source or a built-in
// webhook, and logs what became of it in the inbox's deliveries log.
type deliveryAnswer struct {
	e    *core.RequestEvent
	in   intake.Inbox
	body []byte
}

// refuse answers a 4xx naming the field (when one is at fault) and the
// reason, and logs the delivery as refused.
func (a deliveryAnswer) refuse(status int, field, reason string) error {
	a.log(intake.Delivery{Outcome: intake.OutcomeRefused, Status: status, Reason: reason})
	return a.e.JSON(status, webhookError{Field: field, Message: reason})
}

// refuseField answers a payload's problem as a 400 naming the field; any
// other error is returned as it is.
func (a deliveryAnswer) refuseField(err error) error {
	var fe *intake.FieldError
	if errors.As(err, &fe) {
		return a.refuse(http.StatusBadRequest, fe.Field, fe.Error())
	}
	return err
}

// reply logs d and answers its status with payload.
func (a deliveryAnswer) reply(d intake.Delivery, payload any) error {
	a.log(d)
	return a.e.JSON(d.Status, payload)
}

// log records what became of the delivery; a failure to log does not
// change the answer the tool gets.
func (a deliveryAnswer) log(d intake.Delivery) {
	if err := intake.LogDelivery(a.e.App, a.in, d, a.body); err != nil {
		a.e.App.Logger().Error("logging a webhook delivery failed", "source", a.in.Source, "provider", a.in.Provider, "error", err)
	}
}
