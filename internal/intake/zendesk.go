package intake

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"
)

// ZendeskTolerance is how far a Zendesk delivery's signed timestamp may be
// from now. Zendesk's docs say the timestamp guards against replays but
// name no window; five minutes is the one HubSpot and Stripe use.
const ZendeskTolerance = 5 * time.Minute

// VerifyZendesk checks X-Zendesk-Webhook-Signature: the base64 HMAC-SHA256,
// keyed with the webhook's signing secret, of the value of
// X-Zendesk-Webhook-Signature-Timestamp and the body. A timestamp
// more than ZendeskTolerance from now is refused, so a captured delivery
// cannot be replayed.
func VerifyZendesk(secret, signature, timestamp string, body []byte, now time.Time) error {
	const header = "X-Zendesk-Webhook-Signature"
	if secret == "" {
		return signatureError(header, "Zendesk webhooks are off until zendesk_secret is set (Dashboard → Integrations)")
	}
	if signature == "" || timestamp == "" {
		return signatureError(header, "the signature and X-Zendesk-Webhook-Signature-Timestamp headers are both required")
	}
	at, err := time.Parse(time.RFC3339, strings.TrimSpace(timestamp))
	if err != nil {
		return signatureError(header+"-Timestamp", "must be a time such as 2026-12-02T09:30:00Z, got %q", timestamp)
	}
	// Zendesk's webhook docs give the order as timestamp then body; its
	// event connectors' page, whose worked example (secret, body, timestamp,
	// signature) the tests check, signs body then timestamp. Both are
	// accepted: a JSON body ends in "}", which no timestamp does, so neither
	// order's signature can pass for another delivery under the other.
	sig := strings.TrimSpace(signature)
	tsFirst := base64.StdEncoding.EncodeToString(hmacSHA256(secret, []byte(timestamp), body))
	bodyFirst := base64.StdEncoding.EncodeToString(hmacSHA256(secret, body, []byte(timestamp)))
	if !sameString(sig, tsFirst) && !sameString(sig, bodyFirst) {
		return signatureError(header, "does not match the body: check that zendesk_secret is the webhook's signing secret")
	}
	if problem := fresh(at, now, ZendeskTolerance); problem != "" {
		return signatureError(header+"-Timestamp", "%s", problem)
	}
	return nil
}

// zendesk is the body Warmloop asks a Zendesk trigger to send ("Notify by
// webhook" with a JSON body). Zendesk leaves the body to whoever writes the
// trigger, so these names are ours, filled by Zendesk's placeholders (the
// README gives the body to paste): ticket_id {{ticket.id}}, rating
// {{satisfaction.current_rating}}, comment {{satisfaction.current_comment}},
// email {{ticket.requester.email}}, name {{ticket.requester.name}},
// company {{ticket.organization.name}}, updated_at {{ticket.updated_at_with_timestamp}}.
type zendesk struct {
	TicketID  json.RawMessage `json:"ticket_id"`
	Rating    *string         `json:"rating"`
	Comment   string          `json:"comment"`
	Email     string          `json:"email"`
	Name      string          `json:"name"`
	Company   string          `json:"company"`
	UpdatedAt string          `json:"updated_at"`
}

// ParseZendesk reads a Zendesk trigger's satisfaction webhook: a ticket
// rated good is a support_win, once per ticket; any other rating (bad,
// offered, unoffered) is ignored.
func ParseZendesk(body []byte) (SignedMoment, error) {
	var z zendesk
	if err := json.Unmarshal(body, &z); err != nil {
		return SignedMoment{}, fieldError("body", "is not the Zendesk trigger body {ticket_id, rating, comment?, email, name?, company?, updated_at?}: %v", err)
	}
	ticket := stringOrNumber(z.TicketID)
	if ticket == "" {
		return SignedMoment{}, fieldError("ticket_id", "is required, so a repeated delivery can be recognised")
	}
	if z.Rating == nil {
		return SignedMoment{}, fieldError("rating", "is required: put {{satisfaction.current_rating}} in the trigger's body")
	}
	// The placeholder's text is the rating's name ("Good", "Bad",
	// "Offered", "Unoffered"), possibly followed by its wording; Zendesk's
	// docs do not fix it further, so only its first word is read.
	if word, _, _ := strings.Cut(strings.TrimSpace(*z.Rating), " "); !strings.EqualFold(strings.TrimRight(word, ",."), "good") {
		return ignored("ticket %s is rated %q, not good", ticket, *z.Rating), nil
	}
	m := Moment{Email: z.Email, Name: z.Name, Company: z.Company, Kind: "support_win",
		Comment: z.Comment, Source: "zendesk", ExternalID: "ticket-" + ticket}
	if z.UpdatedAt != "" {
		t, err := time.Parse(time.RFC3339, z.UpdatedAt)
		if err != nil {
			return SignedMoment{}, fieldError("updated_at", "must be an RFC 3339 time such as 2026-12-02T09:30:00Z, got %q", z.UpdatedAt)
		}
		if m.OccurredAt, err = answeredAt("updated_at", t); err != nil {
			return SignedMoment{}, err
		}
	}
	if err := checkMoment(&m, "email"); err != nil {
		return SignedMoment{}, err
	}
	return SignedMoment{Moment: m}, nil
}
