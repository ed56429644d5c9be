package intake

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// HubSpotTolerance is how old a HubSpot request's timestamp may be: HubSpot
// asks that anything older than five minutes be refused.
const HubSpotTolerance = 5 * time.Minute

// hubspotDecoded are the escapes HubSpot decodes in the URI it signs
// (its request-validation docs list them); every other stays as sent.
var hubspotDecoded = strings.NewReplacer("%3A", ":", "%2F", "/", "%3F", "?", "%40", "@", "%21", "!",
	"%24", "$", "%27", "'", "%28", "(", "%29", ")", "%2A", "*", "%2C", ",", "%3B", ";")

// VerifyHubSpot checks X-HubSpot-Signature-v3: the base64 HMAC-SHA256,
// keyed with the app's client secret, of method + URI + body + timestamp,
// where the timestamp is X-HubSpot-Request-Timestamp (milliseconds since
// 1970). uris are the addresses the request may have been sent to (behind a
// proxy the server cannot know which HubSpot signed); one must match. A
// timestamp older than HubSpotTolerance is refused.
func VerifyHubSpot(secret, signature, timestamp, method string, uris []string, body []byte, now time.Time) error {
	const header = "X-HubSpot-Signature-v3"
	if secret == "" {
		return signatureError(header, "HubSpot webhooks are off until hubspot_secret is set (Dashboard → Integrations)")
	}
	if signature == "" || timestamp == "" {
		return signatureError(header, "the signature and X-HubSpot-Request-Timestamp headers are both required: choose \"Include request signature in header\" in the workflow's webhook action")
	}
	ms, err := strconv.ParseInt(strings.TrimSpace(timestamp), 10, 64)
	if err != nil || ms <= 0 {
		return signatureError("X-HubSpot-Request-Timestamp", "must be milliseconds since 1970, got %q", timestamp)
	}
	matched := false
	for _, uri := range uris {
		want := base64.StdEncoding.EncodeToString(hmacSHA256(secret, []byte(method), []byte(hubspotDecoded.Replace(uri)), body, []byte(timestamp)))
		matched = matched || sameString(strings.TrimSpace(signature), want)
	}
	if !matched {
		return signatureError(header, "does not match the request: check that hubspot_secret is the app's client secret and the URL is the one shown in Warmloop")
	}
	// Only age is refused here, as HubSpot says; a timestamp ahead of the
	// clock by more than the tolerance is refused as well.
	if problem := fresh(time.UnixMilli(ms), now, HubSpotTolerance); problem != "" {
		return signatureError("X-HubSpot-Request-Timestamp", "%s", problem)
	}
	return nil
}

// Deal is one deal event from a CRM: the deal's id, the stage it reached,
// its amount when one was sent, and who it is with.
type Deal struct {
	ID, Stage   string
	Amount      float64
	HasAmount   bool
	Email, Name string
	Code        string // the referral code, when the CRM stores it
	ClosedAt    time.Time
	Provider    string
}

// dealKeys are the names each part of a deal may go by: ours first
// (generic), then HubSpot's internal property names, then the names
// Salesforce and Pipedrive give the same thing.
var dealKeys = map[string][]string{
	"id":     {"id", "hs_object_id", "objectId", "deal_id", "Id"},
	"stage":  {"stage", "dealstage", "StageName", "stage_id"},
	"amount": {"amount", "Amount", "value"},
	"email":  {"email", "contact_email", "Email"},
	"name":   {"name", "contact_name"},
	"code":   {"referral_code", "code"},
	"closed": {"closedate", "close_date", "CloseDate"},
}

// ParseDeal reads a deal event. HubSpot's workflow webhook sends either the
// body an admin customised (key = property, flat) or, with "include all
// deal properties", the deal as {objectId, properties: {name: {value}}};
// both are read. HubSpot's docs do not say whether the contact's email is
// in the second form (it is not a deal property), so the README has the
// admin add it to a customised body. A generic CRM sends
// {id, stage, amount?, email?, referral_code?}. Either an email or a
// referral code must say whose deal it is.
func ParseDeal(provider string, body []byte) (Deal, error) {
	fields, err := flatten(body)
	if err != nil {
		return Deal{}, err
	}
	get := func(part string) (string, json.RawMessage) {
		for _, k := range dealKeys[part] {
			if raw, ok := fields[k]; ok {
				if s := stringOrNumber(raw); s != "" {
					return k, raw
				}
			}
		}
		return dealKeys[part][0], nil
	}
	text := func(part string) string { _, raw := get(part); return stringOrNumber(raw) }
	d := Deal{Provider: provider, ID: text("id"), Stage: text("stage"), Email: text("email"),
		Name: text("name"), Code: text("code")}
	key, raw := get("amount")
	if d.Amount, d.HasAmount, err = amount(key, raw); err != nil {
		return Deal{}, err
	}
	switch {
	case d.ID == "":
		return Deal{}, fieldError("id", "is required (the deal's id, hs_object_id in HubSpot), so a repeated delivery can be recognised")
	case len(d.ID) > 200:
		return Deal{}, fieldError("id", "is longer than 200 characters")
	case d.Stage == "":
		return Deal{}, fieldError("stage", "is required (the deal's stage, dealstage in HubSpot)")
	case len(d.Stage) > 200:
		return Deal{}, fieldError("stage", "is longer than 200 characters")
	case d.Email == "" && d.Code == "":
		return Deal{}, fieldError("email", "is required, or referral_code: one of them says whose deal it is")
	}
	if closed := text("closed"); closed != "" {
		d.ClosedAt = readTime(closed)
	}
	return d, nil
}

// flatten reads a JSON object, lifting HubSpot's properties
// ({"properties": {"dealstage": {"value": "closedwon"}}}) beside the top
// level keys, which win.
func flatten(body []byte) (map[string]json.RawMessage, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(body, &top); err != nil {
		return nil, fieldError("body", "is not a JSON object: %v", err)
	}
	var props map[string]json.RawMessage
	if raw, ok := top["properties"]; ok && json.Unmarshal(raw, &props) == nil {
		for k, v := range props {
			var wrapped struct {
				Value json.RawMessage `json:"value"`
			}
			if json.Unmarshal(v, &wrapped) == nil && wrapped.Value != nil {
				v = wrapped.Value
			}
			if _, taken := top[k]; !taken {
				top[k] = v
			}
		}
	}
	return top, nil
}

// readTime reads a CRM's date: RFC 3339, a date alone, or milliseconds since
// 1970 (HubSpot's form); zero when it is none of them.
func readTime(s string) time.Time {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t
	}
	if ms, err := strconv.ParseInt(s, 10, 64); err == nil && ms > 0 {
		return time.UnixMilli(ms)
	}
	return time.Time{}
}

// HubSpotMomentKinds are the moments a HubSpot deal may stand for, the
// webhook URL's ?kind=; the first is the default.
var HubSpotMomentKinds = []string{"renewal", "first_outcome"}

// HubSpotMoment is the moment a HubSpot deal that reached its stage stands
// for: a renewal or a first outcome, once per deal. The workflow's own
// enrolment trigger chooses the stage, so every delivery counts.
func HubSpotMoment(d Deal, kind string) (SignedMoment, error) {
	if kind == "" {
		kind = HubSpotMomentKinds[0]
	}
	if kind != "renewal" && kind != "first_outcome" {
		return SignedMoment{}, fieldError("kind", "must be renewal or first_outcome, got %q", kind)
	}
	m := Moment{Email: d.Email, Name: d.Name, Kind: kind, Source: "hubspot", ExternalID: "deal-" + d.ID,
		Comment: "HubSpot deal " + d.ID + " reached " + d.Stage}
	if !d.ClosedAt.IsZero() {
		var err error
		if m.OccurredAt, err = answeredAt("closedate", d.ClosedAt); err != nil {
			return SignedMoment{}, err
		}
	}
	if err := checkMoment(&m, "email"); err != nil {
		return SignedMoment{}, err
	}
	return SignedMoment{Moment: m}, nil
}
