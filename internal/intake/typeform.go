package intake

import (
	"encoding/json"
	"time"
)

// typeform is Typeform's form-response webhook body. The NPS question is an
// opinion_scale (or nps) field; the respondent's email comes from an email
// answer or, failing that, a hidden field named email. The person's
// language is a hidden field named locale (or language) when the form
// passes one, else the language the form itself is written in.
type typeform struct {
	EventType    string `json:"event_type"`
	FormResponse struct {
		Token       string            `json:"token"`
		SubmittedAt string            `json:"submitted_at"`
		Hidden      map[string]string `json:"hidden"`
		Definition  struct {
			Language string `json:"language"`
			Settings struct {
				Language string `json:"language"`
			} `json:"settings"`
		} `json:"definition"`
		Answers []struct {
			Type   string          `json:"type"`
			Number json.RawMessage `json:"number"`
			Email  string          `json:"email"`
			Text   string          `json:"text"`
			Field  struct {
				Type string `json:"type"`
				Ref  string `json:"ref"`
			} `json:"field"`
		} `json:"answers"`
	} `json:"form_response"`
}

func parseTypeform(body []byte) (NPSResponse, error) {
	var tf typeform
	if err := json.Unmarshal(body, &tf); err != nil {
		return NPSResponse{}, fieldError("body", "is not a Typeform form response webhook: %v", err)
	}
	if tf.EventType != "form_response" {
		return NPSResponse{}, fieldError("event_type", "must be form_response, got %q", tf.EventType)
	}
	fr := tf.FormResponse
	r := NPSResponse{
		ID:      fr.Token,
		Email:   firstOf(fr.Hidden, "email"),
		Name:    firstOf(fr.Hidden, "name"),
		Company: firstOf(fr.Hidden, "company"),
		Locale:  firstOf(fr.Hidden, "locale", "language"),
	}
	if r.Locale == "" {
		r.Locale = fr.Definition.Language
	}
	if r.Locale == "" {
		r.Locale = fr.Definition.Settings.Language
	}
	var scored bool
	for _, a := range fr.Answers {
		switch {
		case (a.Field.Type == "opinion_scale" || a.Field.Type == "nps") && !scored:
			s, err := score("form_response.answers[opinion_scale].number", a.Number)
			if err != nil {
				return r, err
			}
			r.Score, scored = s, true
		case a.Type == "email" && a.Email != "":
			r.Email = a.Email
		case a.Type == "text" && (a.Field.Type == "long_text" || a.Field.Type == "short_text") && r.Comment == "":
			r.Comment = a.Text
		}
	}
	if !scored {
		return r, fieldError("form_response.answers", "has no opinion_scale answer to read the score from")
	}
	if r.Email == "" {
		return r, fieldError("email", "is required: add an email question or a hidden field named email")
	}
	if r.ID == "" {
		return r, fieldError("form_response.token", "is required")
	}
	if fr.SubmittedAt != "" {
		t, err := time.Parse(time.RFC3339, fr.SubmittedAt)
		if err != nil {
			return r, fieldError("form_response.submitted_at", "is not an RFC 3339 time: %q", fr.SubmittedAt)
		}
		if r.OccurredAt, err = answeredAt("form_response.submitted_at", t); err != nil {
			return r, err
		}
	}
	return r, nil
}
