package intake

import (
	"encoding/json"
	"time"
)

// delighted is Delighted's survey-response webhook body
// (event_type survey_response.created or survey_response.updated).
type delighted struct {
	EventType string `json:"event_type"`
	EventData struct {
		ID     json.RawMessage `json:"id"`
		Person struct {
			Email string `json:"email"`
			Name  string `json:"name"`
		} `json:"person"`
		Score            json.RawMessage   `json:"score"`
		Comment          *string           `json:"comment"`
		CreatedAt        int64             `json:"created_at"`
		UpdatedAt        int64             `json:"updated_at"`
		PersonProperties map[string]string `json:"person_properties"`
	} `json:"event_data"`
}

func parseDelighted(body []byte) (NPSResponse, error) {
	var d delighted
	if err := json.Unmarshal(body, &d); err != nil {
		return NPSResponse{}, fieldError("body", "is not a Delighted survey response webhook: %v", err)
	}
	if d.EventType == "unsubscribe.created" {
		return NPSResponse{}, &Ignored{Reason: "an unsubscribe, which is not an answer"}
	}
	if d.EventType != "survey_response.created" && d.EventType != "survey_response.updated" {
		return NPSResponse{}, fieldError("event_type", "must be survey_response.created or survey_response.updated, got %q", d.EventType)
	}
	s, err := score("event_data.score", d.EventData.Score)
	if err != nil {
		return NPSResponse{}, err
	}
	r := NPSResponse{
		Email: d.EventData.Person.Email, Name: d.EventData.Person.Name,
		Score: s, ID: idString(d.EventData.ID),
		// survey_response.updated re-sends the answer with its comment,
		// usually written after the score: the later change wins.
		Revision: d.EventData.UpdatedAt,
		Company:  firstOf(d.EventData.PersonProperties, "Company", "company", "Company Name", "company_name"),
		// Delighted surveys a person in the language of their "locale"
		// property, and sends the person's properties back with the answer.
		Locale: firstOf(d.EventData.PersonProperties, "locale", "Locale", "language", "Language"),
	}
	if d.EventData.Comment != nil {
		r.Comment = *d.EventData.Comment
	}
	if d.EventData.CreatedAt > 0 {
		if r.OccurredAt, err = answeredAt("event_data.created_at", time.Unix(d.EventData.CreatedAt, 0)); err != nil {
			return r, err
		}
	}
	if r.Email == "" {
		return r, fieldError("event_data.person.email", "is required")
	}
	if r.ID == "" {
		return r, fieldError("event_data.id", "is required")
	}
	return r, nil
}

// firstOf returns the first non-empty value among keys.
func firstOf(m map[string]string, keys ...string) string {
	for _, k := range keys {
		if v := m[k]; v != "" {
			return v
		}
	}
	return ""
}
