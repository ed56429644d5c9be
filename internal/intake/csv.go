package intake

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"warmloop/internal/customers"
	"warmloop/internal/text"

	"github.com/pocketbase/pocketbase/core"
)

// kinds are the moment kinds a CSV line may name.
var kinds = map[string]bool{"nps": true, "renewal": true, "support_win": true, "first_outcome": true, "custom": true}

// Rejection is one CSV line that was not imported, and why: Reason says
// it in English, as the CLI prints it and the imports collection keeps it;
// Problem, Value and Other say it as data, for a reader's words (the
// dashboard says it in the admin's language). A reason without a Problem
// is known in English only.
type Rejection struct {
	Line   int
	Reason string
	// Problem is one of the Line… problems, or "".
	Problem string
	// Value is what the problem is about: the email, the column, the
	// error that stopped the save.
	Value string
	// Other is the number the problem names beside it: the line an email
	// repeats, a column's length limit.
	Other int
}

// The problems of a customers CSV line, as a Rejection names them.
const (
	LineEmailMissing  = "email_missing"   // the email column is empty
	LineEmailInvalid  = "email_invalid"   // Value is not an email address
	LineEmailRepeated = "email_repeated"  // Value is the email of line Other, earlier in the file
	LineTooLong       = "too_long"        // column Value is longer than Other characters
	LineDetailTooLong = "detail_too_long" // source_detail (which keeps an unknown source too) is longer than Other characters
	LineUnsaved       = "unsaved"         // the customer could not be saved: Value is the error
	LineErased        = "erased"          // the line named a person since erased at their request
)

// ImportSummary says what an import did.
type ImportSummary struct {
	Created, Duplicates int
	Rejected            []Rejection
}

func (s ImportSummary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d created, %s skipped, %d rejected", s.Created, text.Count(s.Duplicates, "duplicate", "duplicates"), len(s.Rejected))
	for _, r := range s.Rejected {
		fmt.Fprintf(&b, "\n  line %d: %s", r.Line, r.Reason)
	}
	return b.String()
}

// ImportMoments reads a CSV of moments with a header row naming the columns
// email, kind, score, comment, occurred_at, external_id (and, optionally,
// name and company), and records each valid line as a moment with source
// "csv". Lines already imported (same external_id) count as duplicates.
// progress, when not nil, is told after each line.
func ImportMoments(app core.App, r io.Reader, progress func(done, total int)) (ImportSummary, error) {
	var sum ImportSummary
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	lines, err := cr.ReadAll()
	if err != nil {
		return sum, fmt.Errorf("reading the CSV: %w", err)
	}
	if len(lines) == 0 {
		return sum, errors.New("the file is empty: it needs a header row (email,kind,score,comment,occurred_at,external_id)")
	}
	col := map[string]int{}
	for i, h := range lines[0] {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, need := range []string{"email", "kind"} {
		if _, ok := col[need]; !ok {
			return sum, fmt.Errorf("the header row has no %q column; expected email,kind,score,comment,occurred_at,external_id", need)
		}
	}
	total := len(lines) - 1
	for i, line := range lines[1:] {
		lineNo := i + 2 // 1-based, after the header
		get := func(name string) string {
			if j, ok := col[name]; ok && j < len(line) {
				return strings.TrimSpace(line[j])
			}
			return ""
		}
		m, problem := parseLine(get)
		switch {
		case problem != "":
			sum.Rejected = append(sum.Rejected, Rejection{Line: lineNo, Reason: problem})
		default:
			res, err := Record(app, m)
			switch {
			case err != nil:
				sum.Rejected = append(sum.Rejected, Rejection{Line: lineNo, Reason: "could not be saved: " + err.Error()})
			case res.Duplicate:
				sum.Duplicates++
			default:
				sum.Created++
			}
		}
		if progress != nil {
			progress(i+1, total)
		}
	}
	return sum, nil
}

// parseLine turns one CSV line into a moment, or says what is wrong with it.
func parseLine(get func(string) string) (Moment, string) {
	m := Moment{
		Email: customers.CanonicalEmail(get("email")), Name: text.Line(get("name")), Company: text.Line(get("company")),
		Kind: strings.ToLower(get("kind")), Comment: text.Block(get("comment")),
		Source: "csv", ExternalID: get("external_id"),
	}
	if m.Email == "" {
		return m, "email is empty"
	}
	if !customers.ValidEmail(m.Email) {
		return m, fmt.Sprintf("email %q is not an email address", m.Email)
	}
	if !kinds[m.Kind] {
		return m, fmt.Sprintf("kind %q is not one of nps, renewal, support_win, first_outcome, custom", get("kind"))
	}
	if score := get("score"); score != "" || m.Kind == "nps" {
		n, err := strconv.Atoi(score)
		if err != nil || n < 0 || n > 10 {
			return m, fmt.Sprintf("score %q must be a whole number from 0 to 10", score)
		}
		m.Score = n
	}
	if at := get("occurred_at"); at != "" {
		t, err := parseTime(at)
		if err != nil {
			return m, fmt.Sprintf("occurred_at %q must be a date (2026-11-24) or an RFC 3339 time (2026-11-24T09:30:00Z)", at)
		}
		if problem := OccurredAtProblem(t, time.Now()); problem != "" {
			return m, "occurred_at " + problem
		}
		m.OccurredAt = t
	}
	if len(m.Comment) > 5000 {
		return m, "comment is longer than 5000 characters"
	}
	if len(m.ExternalID) > 255 {
		return m, "external_id is longer than 255 characters"
	}
	return m, ""
}

func parseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, errors.New("unrecognised time")
}
