package intake

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
	"time"
)

// Wootric (InMoment) posts each response as a form (response[email],
// response[score], response[text], response[id], …) or, when the webhook is
// set to JSON, as {"response": {…}, "event_name": …, "survey_mode": …}: both
// as docs.wootric.com/webhooks shows them. A decline (decline[…]) is ignored.
//
// Where the documentation leaves a field open:
//   - the form example is cut short after response[updated_at], so whether
//     event_name and survey_mode are sent as form fields is not shown; when
//     they are, a survey_mode other than NPS (CSAT, CES: other scales) is
//     ignored and an event_name other than created or updated is refused.
//   - the company is not a field; an end-user property named company is
//     read when there is one.
//   - the language a survey was shown in is not in either payload (the
//     SDK's language setting stays in the browser): an end-user property
//     named locale (or language) is read as the person's language.
//   - the times are "2016-08-04 13:57:26 -0700" in a form and RFC 3339 in
//     JSON; updated_at orders the deliveries of one response (Revision).
type wootricFields struct {
	ID, Email, Score, Text, Company string
	Locale                          string
	CreatedAt, UpdatedAt            string
	EventName, SurveyMode           string
	Declined                        bool
}

// wootricJSON is the JSON form of the webhook.
type wootricJSON struct {
	Response *struct {
		ID                json.RawMessage   `json:"id"`
		Email             string            `json:"email"`
		Score             json.RawMessage   `json:"score"`
		Text              *string           `json:"text"`
		CreatedAt         string            `json:"created_at"`
		UpdatedAt         string            `json:"updated_at"`
		EndUserProperties map[string]string `json:"end_user_properties"`
	} `json:"response"`
	Decline    json.RawMessage `json:"decline"`
	EventName  string          `json:"event_name"`
	SurveyMode string          `json:"survey_mode"`
}

func parseWootric(body []byte) (NPSResponse, error) {
	f, err := wootricRead(body)
	if err != nil {
		return NPSResponse{}, err
	}
	if f.Declined {
		return NPSResponse{}, &Ignored{Reason: "a declined survey, which has no score"}
	}
	if f.SurveyMode != "" && !strings.EqualFold(f.SurveyMode, "NPS") {
		return NPSResponse{}, &Ignored{Reason: "a " + f.SurveyMode + " survey: Warmloop reads NPS surveys only"}
	}
	if f.EventName != "" && f.EventName != "created" && f.EventName != "updated" {
		return NPSResponse{}, fieldError("event_name", "must be created or updated, got %q", f.EventName)
	}
	s, err := score("response[score]", json.RawMessage(f.Score))
	if err != nil {
		return NPSResponse{}, err
	}
	r := NPSResponse{Email: f.Email, Score: s, Comment: f.Text, ID: f.ID, Company: f.Company, Locale: f.Locale}
	if r.Email == "" {
		return r, fieldError("response[email]", "is required: identify end users by email in Wootric")
	}
	if r.ID == "" {
		return r, fieldError("response[id]", "is required")
	}
	if f.CreatedAt != "" {
		t, err := wootricTime("response[created_at]", f.CreatedAt)
		if err != nil {
			return r, err
		}
		if r.OccurredAt, err = answeredAt("response[created_at]", t); err != nil {
			return r, err
		}
	}
	if f.UpdatedAt != "" {
		t, err := wootricTime("response[updated_at]", f.UpdatedAt)
		if err != nil {
			return r, err
		}
		r.Revision = t.UnixMilli()
	}
	return r, nil
}

// wootricRead reads either form of the body into its fields. A form's
// score is passed on as JSON text, so score() reads both alike.
func wootricRead(body []byte) (wootricFields, error) {
	if trimmed := bytes.TrimSpace(body); len(trimmed) > 0 && trimmed[0] == '{' {
		var w wootricJSON
		if err := json.Unmarshal(trimmed, &w); err != nil {
			return wootricFields{}, fieldError("body", "is not a Wootric webhook: %v", err)
		}
		f := wootricFields{EventName: w.EventName, SurveyMode: w.SurveyMode, Declined: len(w.Decline) > 0 && w.Response == nil}
		if w.Response == nil {
			if f.Declined {
				return f, nil
			}
			return f, fieldError("response", "is required (Wootric's response created or updated event)")
		}
		rs := w.Response
		f.ID, f.Email, f.Score, f.CreatedAt, f.UpdatedAt = idString(rs.ID), rs.Email, string(rs.Score), rs.CreatedAt, rs.UpdatedAt
		f.Company = firstOf(rs.EndUserProperties, "company", "Company")
		f.Locale = firstOf(rs.EndUserProperties, "locale", "Locale", "language", "Language")
		if rs.Text != nil {
			f.Text = *rs.Text
		}
		return f, nil
	}
	v, err := url.ParseQuery(string(body))
	if err != nil {
		return wootricFields{}, fieldError("body", "is neither a form nor JSON: %v", err)
	}
	f := wootricFields{ID: v.Get("response[id]"), Email: v.Get("response[email]"), Text: v.Get("response[text]"),
		Company: v.Get("response[end_user_properties][company]"),
		Locale: firstOf(map[string]string{"locale": v.Get("response[end_user_properties][locale]"),
			"language": v.Get("response[end_user_properties][language]")}, "locale", "language"),
		CreatedAt: v.Get("response[created_at]"), UpdatedAt: v.Get("response[updated_at]"),
		EventName: v.Get("event_name"), SurveyMode: v.Get("survey_mode")}
	if v.Get("response[id]") == "" && v.Get("decline[id]") != "" {
		f.Declined = true
		return f, nil
	}
	if sc := strings.TrimSpace(v.Get("response[score]")); sc != "" {
		quoted, _ := json.Marshal(sc)
		f.Score = string(quoted)
	}
	return f, nil
}

// wootricTime reads a time as Wootric writes it in either form.
func wootricTime(field, v string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05 -0700"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fieldError(field, "must be a time such as 2026-11-20 10:00:00 +0000, got %q", v)
}
