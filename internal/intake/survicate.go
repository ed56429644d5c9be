package intake

import (
	"encoding/json"
	"strings"
	"time"
)

// survicate is Survicate's webhook body (developers.survicate.com, Webhooks
// → Events and Answer types). A "question answered" event arrives for each
// question a respondent answers; for an NPS question, choice.id is the
// score (0–10) and choice.body its group (promoter, passive, detractor).
//
// Where the documentation leaves a field open:
//   - questionAnswered.type is listed as "question type" but is missing from
//     the example and its values are not listed: an answer is read as NPS
//     when type names NPS, or, with no type, when choice.body is promoter,
//     passive or detractor, as the NPS example shows. Any other question is
//     ignored (2xx), so a survey with more questions than the NPS one works.
//   - respondent.attributes is "all respondent custom attributes": an empty
//     array in the example, an object of name → value when the respondent
//     was identified. The email is the attribute email (any case); name and
//     company are read the same way.
//   - Survicate sends no language of its own: the respondent's attribute
//     locale (or language), when the site or app sets one, is read as it.
type survicate struct {
	Event struct {
		QuestionAnswered *struct {
			ResponseUUID string `json:"responseUuid"`
			Type         string `json:"type"`
			Timestamp    string `json:"timestamp"`
			Respondent   struct {
				Attributes json.RawMessage `json:"attributes"`
			} `json:"respondent"`
			Choice *struct {
				ID      json.RawMessage `json:"id"`
				Body    string          `json:"body"`
				Comment *string         `json:"comment"`
			} `json:"choice"`
		} `json:"questionAnswered"`
		SurveyCompleted json.RawMessage `json:"surveyCompleted"`
	} `json:"event"`
}

// survicateNPSGroups are the choice bodies of an NPS answer.
var survicateNPSGroups = map[string]bool{"promoter": true, "passive": true, "detractor": true}

func parseSurvicate(body []byte) (NPSResponse, error) {
	var sv survicate
	if err := json.Unmarshal(body, &sv); err != nil {
		return NPSResponse{}, fieldError("body", "is not a Survicate webhook: %v", err)
	}
	q := sv.Event.QuestionAnswered
	if q == nil {
		if len(sv.Event.SurveyCompleted) > 0 {
			return NPSResponse{}, &Ignored{Reason: "a survey completed event: Warmloop reads the NPS question's own question answered event"}
		}
		return NPSResponse{}, fieldError("event", "must hold questionAnswered (Survicate's question answered event)")
	}
	if q.Choice == nil || !survicateIsNPS(q.Type, q.Choice.Body) {
		return NPSResponse{}, &Ignored{Reason: "an answer to a question that is not Net Promoter Score"}
	}
	s, err := score("event.questionAnswered.choice.id", q.Choice.ID)
	if err != nil {
		return NPSResponse{}, err
	}
	attrs := survicateAttributes(q.Respondent.Attributes)
	r := NPSResponse{Score: s, ID: q.ResponseUUID,
		Email: attrs["email"], Name: attrs["name"], Company: attrs["company"],
		Locale: firstOf(attrs, "locale", "language")}
	if q.Choice.Comment != nil {
		r.Comment = *q.Choice.Comment
	}
	if r.Email == "" {
		return r, fieldError("event.questionAnswered.respondent.attributes.email", "is required: identify respondents with an email attribute")
	}
	if r.ID == "" {
		return r, fieldError("event.questionAnswered.responseUuid", "is required")
	}
	if q.Timestamp != "" {
		t, err := time.Parse(time.RFC3339, q.Timestamp)
		if err != nil {
			return r, fieldError("event.questionAnswered.timestamp", "is not an RFC 3339 time: %q", q.Timestamp)
		}
		if r.OccurredAt, err = answeredAt("event.questionAnswered.timestamp", t); err != nil {
			return r, err
		}
	}
	return r, nil
}

// survicateIsNPS says whether an answer is to an NPS question: by its type
// when Survicate sends one, else by its choice's body.
func survicateIsNPS(kind, choiceBody string) bool {
	if kind = strings.ToLower(kind); kind != "" {
		return strings.Contains(kind, "nps") || strings.Contains(kind, "net_promoter") || strings.Contains(kind, "net promoter")
	}
	return survicateNPSGroups[strings.ToLower(strings.TrimSpace(choiceBody))]
}

// survicateAttributes reads the respondent's attributes as lower-case names
// to text values; an empty array (no attributes) or values that are not
// text read as none.
func survicateAttributes(raw json.RawMessage) map[string]string {
	var m map[string]any
	out := map[string]string{}
	if json.Unmarshal(raw, &m) != nil {
		return out
	}
	for k, v := range m {
		if s, ok := v.(string); ok {
			out[strings.ToLower(k)] = s
		}
	}
	return out
}
