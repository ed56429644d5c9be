package intake

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// askNicely is AskNicely's webhook body, as its help centre's example shows
// it ("Triggering Webhooks in AskNicely"): the contact under person, the
// answer under question, and count, which grows by one each time the same
// answer is sent again after the contact changes its score or comment.
//
// Where the documentation leaves a field open:
//   - question.score is a string in the example ("10"); a number is read too.
//   - question.responded is a Unix time as a string; when it is missing or
//     empty the moment is dated when it arrives.
//   - the company is not in the example; a person field named company (a
//     custom field of that name) is read when there is one.
//   - count is a number in the example; a string of digits is read too.
//   - AskNicely sends no language of its own. Custom contact fields arrive
//     beside the person's name and email, so a field named locale (or
//     language) is read as the person's language when the account has one.
type askNicely struct {
	Count  json.RawMessage `json:"count"`
	Person struct {
		Email   string `json:"email"`
		Name    string `json:"name"`
		Company string `json:"company"`
		Locale  string `json:"locale"`
		Lang    string `json:"language"`
	} `json:"person"`
	Question struct {
		ID        json.RawMessage `json:"id"`
		Score     json.RawMessage `json:"score"`
		Comment   *string         `json:"comment"`
		Responded json.RawMessage `json:"responded"`
	} `json:"question"`
}

func parseAskNicely(body []byte) (NPSResponse, error) {
	var a askNicely
	if err := json.Unmarshal(body, &a); err != nil {
		return NPSResponse{}, fieldError("body", "is not an AskNicely webhook: %v", err)
	}
	s, err := score("question.score", a.Question.Score)
	if err != nil {
		return NPSResponse{}, err
	}
	r := NPSResponse{Email: a.Person.Email, Name: a.Person.Name, Company: a.Person.Company,
		Score: s, ID: idString(a.Question.ID), Locale: a.Person.Locale}
	if r.Locale == "" {
		r.Locale = a.Person.Lang
	}
	if a.Question.Comment != nil {
		r.Comment = *a.Question.Comment
	}
	if r.Email == "" {
		return r, fieldError("person.email", "is required")
	}
	if r.ID == "" {
		return r, fieldError("question.id", "is required, so a re-sent answer updates its moment")
	}
	if r.Revision, err = wholeNumber("count", a.Count); err != nil {
		return r, err
	}
	if at := idString(a.Question.Responded); at != "" {
		sec, err := strconv.ParseInt(strings.TrimSpace(at), 10, 64)
		if err != nil {
			return r, fieldError("question.responded", "must be a Unix time in seconds, got %q", at)
		}
		if r.OccurredAt, err = answeredAt("question.responded", time.Unix(sec, 0)); err != nil {
			return r, err
		}
	}
	return r, nil
}

// wholeNumber reads an optional count sent as a JSON number or a string of
// digits; missing is 0.
func wholeNumber(field string, raw json.RawMessage) (int64, error) {
	v := strings.TrimSpace(idString(raw))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, fieldError(field, "must be a whole number of 0 or more, got %q", v)
	}
	return n, nil
}
