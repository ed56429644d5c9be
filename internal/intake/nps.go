// NPS webhook bodies, generic or from a named provider, are read here into
// one shape. Parsing is plain Go over bytes; nothing here touches the database.

package intake

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"warmloop/internal/customers"
	"warmloop/internal/text"
)

// NPSResponse is one NPS answer, whatever tool sent it.
type NPSResponse struct {
	Email, Name, Company string
	Score                int
	Comment              string
	// ID identifies the answer in the sending tool; with the provider it
	// makes a repeated delivery recognisable.
	ID         string
	OccurredAt time.Time
	// Revision orders the deliveries of one answer that a tool re-sends
	// when it changes (AskNicely's count, Delighted's and Wootric's time of
	// change); 0 when the tool sends each answer once.
	Revision int64
	// Locale is the language the tool says the person reads, as it sent
	// it; "" when it sends none. It is stored only in its one form and
	// only when Warmloop ships the language (customers.Normalize).
	Locale string
}

// FieldError is a problem with a payload, naming the field at fault.
type FieldError struct {
	Field, Problem string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Problem }

func fieldError(field, format string, args ...any) error {
	return &FieldError{Field: field, Problem: fmt.Sprintf(format, args...)}
}

// parser reads one provider's webhook body.
type parser func(body []byte) (NPSResponse, error)

var parsers = map[string]parser{
	"generic":   jsonBody(parseGeneric),
	"delighted": jsonBody(parseDelighted),
	"typeform":  jsonBody(parseTypeform),
	"asknicely": jsonBody(parseAskNicely),
	"survicate": jsonBody(parseSurvicate),
	"wootric":   parseWootric, // a form body, or JSON
}

// jsonBody is a parser that first checks its body is JSON.
func jsonBody(p parser) parser {
	return func(body []byte) (NPSResponse, error) {
		if !json.Valid(body) {
			return NPSResponse{}, fieldError("body", "is not valid JSON")
		}
		return p(body)
	}
}

// Ignored is a delivery a provider sends that is not an NPS answer Warmloop
// keeps (another kind of question, an unsubscribe, a declined survey): it
// is answered with a 2xx, so the tool does not send it again, and nothing
// is written.
type Ignored struct{ Reason string }

func (i *Ignored) Error() string { return "ignored: " + i.Reason }

// NPSProviders lists the provider names the webhook route accepts.
func NPSProviders() []string {
	names := make([]string, 0, len(parsers))
	for n := range parsers {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// KnownNPS reports whether provider has a parser.
func KnownNPS(provider string) bool {
	_, ok := parsers[provider]
	return ok
}

// ParseNPS reads a webhook body from provider and checks the result.
func ParseNPS(provider string, body []byte) (NPSResponse, error) {
	p, ok := parsers[provider]
	if !ok {
		return NPSResponse{}, fieldError("provider", "unknown provider %q; use one of %s", provider, strings.Join(NPSProviders(), ", "))
	}
	r, err := p(body)
	if err != nil {
		return NPSResponse{}, err
	}
	return r, r.check()
}

// check enforces what every provider's answer must carry, and cleans the
// name, company and comment of what nobody types on purpose.
func (r *NPSResponse) check() error {
	r.Email = customers.CanonicalEmail(r.Email)
	r.Name, r.Company, r.Comment = text.Line(r.Name), text.Line(r.Company), text.Block(r.Comment)
	if r.Email == "" {
		return fieldError("email", "is required")
	}
	if !customers.ValidEmail(r.Email) {
		return fieldError("email", "%q is not an email address: send a plain address such as name@company.com", r.Email)
	}
	if r.Score < 0 || r.Score > 10 {
		return fieldError("score", "must be a whole number from 0 to 10, got %d", r.Score)
	}
	if strings.TrimSpace(r.ID) == "" {
		return fieldError("id", "is required, so a repeated delivery can be recognised")
	}
	if len(r.ID) > 255 {
		return fieldError("id", "is longer than 255 characters")
	}
	if len(r.Comment) > 5000 {
		return fieldError("comment", "is longer than 5000 characters")
	}
	if len(r.Locale) > 100 {
		return fieldError("locale", "is longer than 100 characters: send a language tag such as de or fr-CA")
	}
	if len(r.Name) > 200 || len(r.Company) > 200 {
		return fieldError("name", "name and company must be at most 200 characters")
	}
	return nil
}

// answeredAt is when a provider says the answer was given, checked by the
// rule every moment keeps (OccurredAtProblem); a 400 names field, the
// provider's own name for it.
func answeredAt(field string, t time.Time) (time.Time, error) {
	if problem := OccurredAtProblem(t, time.Now()); problem != "" {
		return time.Time{}, fieldError(field, "%s", problem)
	}
	return t.UTC(), nil
}

// score reads a JSON score that must be a whole number (some tools send it
// as a string).
func score(field string, raw json.RawMessage) (int, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return 0, fieldError(field, "is required")
	}
	var f float64
	if err := json.Unmarshal(raw, &f); err != nil {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return 0, fieldError(field, "must be a number from 0 to 10")
		}
		if _, err := fmt.Sscanf(strings.TrimSpace(s), "%g", &f); err != nil {
			return 0, fieldError(field, "must be a number from 0 to 10, got %q", s)
		}
	}
	if f != float64(int(f)) || f < 0 || f > 10 {
		return 0, fieldError(field, "must be a whole number from 0 to 10, got %v", f)
	}
	return int(f), nil
}

// generic is the documented generic body:
// {email, name?, company?, score, comment?, id, occurred_at?, locale?}.
type generic struct {
	Email      string          `json:"email"`
	Name       string          `json:"name"`
	Company    string          `json:"company"`
	Score      json.RawMessage `json:"score"`
	Comment    string          `json:"comment"`
	ID         json.RawMessage `json:"id"`
	OccurredAt string          `json:"occurred_at"`
	Locale     string          `json:"locale"`
}

func parseGeneric(body []byte) (NPSResponse, error) {
	var g generic
	if err := json.Unmarshal(body, &g); err != nil {
		return NPSResponse{}, fieldError("body", "does not match {email, name?, company?, score, comment?, id, occurred_at?, locale?}: %v", err)
	}
	s, err := score("score", g.Score)
	if err != nil {
		return NPSResponse{}, err
	}
	r := NPSResponse{Email: g.Email, Name: g.Name, Company: g.Company, Score: s, Comment: g.Comment, ID: idString(g.ID), Locale: g.Locale}
	if g.OccurredAt != "" {
		t, err := time.Parse(time.RFC3339, g.OccurredAt)
		if err != nil {
			return NPSResponse{}, fieldError("occurred_at", "must be an RFC 3339 time such as 2026-11-24T09:30:00Z, got %q", g.OccurredAt)
		}
		if r.OccurredAt, err = answeredAt("occurred_at", t); err != nil {
			return NPSResponse{}, err
		}
	}
	return r, nil
}

// idString accepts an id sent as a JSON string or number.
func idString(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}
