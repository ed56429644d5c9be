package intake

import (
	"encoding/hex"
	"encoding/json"
	"strings"
	"time"
)

// StripeTolerance is how far a Stripe-Signature's timestamp may be from
// now: the five minutes Stripe's own libraries allow by default.
const StripeTolerance = 5 * time.Minute

// VerifyStripe checks Stripe-Signature ("t=<seconds>,v1=<hex>[,v1=…]"): one
// v1 must be the hex HMAC-SHA256, keyed with the endpoint's signing secret,
// of "<t>.<body>"; other schemes (v0) are ignored, as Stripe says. A t more
// than StripeTolerance from now is refused.
func VerifyStripe(secret, header string, body []byte, now time.Time) error {
	const name = "Stripe-Signature"
	if secret == "" {
		return signatureError(name, "Stripe webhooks are off until stripe_secret is set (Dashboard → Integrations)")
	}
	var t string
	var sigs []string
	for _, part := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "t":
			t = v
		case "v1":
			sigs = append(sigs, v)
		}
	}
	at, ok := unixSeconds(t)
	if !ok || len(sigs) == 0 {
		return signatureError(name, "must be t=<timestamp>,v1=<signature>, got %q", header)
	}
	want := hex.EncodeToString(hmacSHA256(secret, []byte(t), []byte("."), body))
	matched := false
	for _, s := range sigs {
		matched = matched || sameString(s, want)
	}
	if !matched {
		return signatureError(name, "no v1 signature matches the body: check that stripe_secret is this endpoint's signing secret (whsec_…)")
	}
	if problem := fresh(at, now, StripeTolerance); problem != "" {
		return signatureError(name, "%s", problem)
	}
	return nil
}

// stripeEvent is the part of a Stripe event Warmloop reads, and of its
// invoice when the event is about one.
type stripeEvent struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	Data struct {
		Object struct {
			ID                string `json:"id"`
			Object            string `json:"object"`
			BillingReason     string `json:"billing_reason"`
			CustomerEmail     string `json:"customer_email"`
			CustomerName      string `json:"customer_name"`
			StatusTransitions struct {
				PaidAt int64 `json:"paid_at"`
			} `json:"status_transitions"`
		} `json:"object"`
	} `json:"data"`
}

// ParseStripe reads a Stripe event: invoice.paid for a subscription's new
// period (billing_reason subscription_cycle) is a renewal of the invoice's
// customer, once per invoice; any other event, or an invoice paid for
// another reason (the first one, an upgrade), is ignored.
func ParseStripe(body []byte) (SignedMoment, error) {
	var ev stripeEvent
	if err := json.Unmarshal(body, &ev); err != nil {
		return SignedMoment{}, fieldError("body", "is not a Stripe event: %v", err)
	}
	if ev.Type == "" {
		return SignedMoment{}, fieldError("type", "is required: send Stripe's event as it is")
	}
	if ev.Type != "invoice.paid" {
		return ignored("Stripe event %s is not invoice.paid", ev.Type), nil
	}
	inv := ev.Data.Object
	if inv.ID == "" {
		return SignedMoment{}, fieldError("data.object.id", "is required")
	}
	if inv.BillingReason != "subscription_cycle" {
		return ignored("invoice %s was paid for %q, not a subscription's renewal (subscription_cycle)", inv.ID, inv.BillingReason), nil
	}
	// customer_email is the customer's address when the invoice was
	// finalized; Stripe leaves it null for a customer without one.
	m := Moment{Email: inv.CustomerEmail, Name: inv.CustomerName, Kind: "renewal", Source: "stripe",
		ExternalID: inv.ID, Comment: "Stripe invoice " + inv.ID + " paid for the subscription's new period"}
	if inv.StatusTransitions.PaidAt > 0 {
		var err error
		if m.OccurredAt, err = answeredAt("data.object.status_transitions.paid_at", time.Unix(inv.StatusTransitions.PaidAt, 0)); err != nil {
			return SignedMoment{}, err
		}
	}
	if err := checkMoment(&m, "data.object.customer_email"); err != nil {
		return SignedMoment{}, err
	}
	return SignedMoment{Moment: m}, nil
}
