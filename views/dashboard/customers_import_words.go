package dashboard

import (
	"slices"

	"warmloop/internal/intake"
)

// An import's refused lines and its notes arrive from internal/intake as
// data beside their English; this file says them in the admin's language
// (dash.words.import.*, dashboard_words.*.toml).

// importRefusal is one refused line of an import, as the summary lists it.
type importRefusal struct {
	Line   int
	Reason string
}

// importLineProblems are the problems a refused line may name, each said
// by dash.words.import.line.<problem>.
var importLineProblems = []string{intake.LineEmailMissing, intake.LineEmailInvalid, intake.LineEmailRepeated,
	intake.LineTooLong, intake.LineDetailTooLong, intake.LineUnsaved, intake.LineErased}

// importRefusals says each refused line's reason in the reader's words;
// a reason kept without a problem (an import written before problems were
// kept) reads as it was kept, in English.
func importRefusals(p adminPage, lines []intake.Rejection) []importRefusal {
	out := make([]importRefusal, len(lines))
	for i, l := range lines {
		out[i] = importRefusal{Line: l.Line, Reason: l.Reason}
		if slices.Contains(importLineProblems, l.Problem) {
			out[i].Reason = p.T("dash.words.import.line."+l.Problem, "Value", l.Value, "Column", l.Value,
				"Detail", l.Value, "Line", p.Count(l.Other), "Limit", p.Count(l.Other))
		}
	}
	return out
}

// importNotes are the statuses whose job carries a note of why it ended
// early, each said by dash.words.import.note.<status>.
var importNotes = []string{intake.ImportFailed, intake.ImportInterrupted}

// importNote says why job ended early, in the reader's words; "" when it
// ended by itself.
func importNote(p adminPage, job intake.ImportJob) string {
	if job.Error == "" {
		return ""
	}
	if slices.Contains(importNotes, job.Status) {
		return p.T("dash.words.import.note." + job.Status)
	}
	return job.Error
}
