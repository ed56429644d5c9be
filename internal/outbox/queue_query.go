package outbox

import (
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Box is one of the outbox's lists: what waits to be sent, what failed,
// what went. Its value is the status its rows carry.
type Box string

// The outbox's boxes.
const (
	Waiting Box = "pending"
	Failed  Box = "failed"
	Sent    Box = "sent"
)

// Boxes are the outbox's lists, in the order the dashboard shows them.
var Boxes = []Box{Waiting, Failed, Sent}

// Statuses are the row statuses a box holds: a row being sent still waits.
func (b Box) Statuses() []string {
	if b == Waiting {
		return []string{"pending", "sending"}
	}
	return []string{string(b)}
}

// order is how a box's rows are listed: waiting rows soonest due first,
// failed rows latest failure first, sent rows newest first.
func (b Box) order() []string {
	switch b {
	case Waiting:
		return []string{"next_attempt_at ASC", "rowid ASC"}
	case Failed:
		return []string{"updated DESC", "rowid DESC"}
	}
	return []string{"rowid DESC"}
}

// BoxOf is the box holding a row of the given status ("" for none).
func BoxOf(status string) Box {
	for _, b := range Boxes {
		for _, s := range b.Statuses() {
			if s == status {
				return b
			}
		}
	}
	return ""
}

// Row is one outbox message as a list shows it.
type Row struct {
	ID, Kind, To, Subject, Status, LastError string
	Attempts                                 int
	NextAttempt, SentAt, Created             types.DateTime
	Cancelled                                bool // withdrawn on purpose: never sent again
}

// RowOf reads a row from its record.
func RowOf(r *core.Record) Row {
	return Row{
		ID: r.Id, Kind: r.GetString("kind"), To: r.GetString("to"), Subject: r.GetString("subject"),
		Status: r.GetString("status"), LastError: r.GetString("last_error"), Attempts: r.GetInt("attempts"),
		NextAttempt: r.GetDateTime("next_attempt_at"), SentAt: r.GetDateTime("sent_at"), Created: r.GetDateTime("created"),
		Cancelled: cancelled(r.GetString("last_error")),
	}
}

// cancelled reports a row Warmloop withdrew on purpose (the person declined
// to be contacted), as Cancel marks it: retrying it would write to someone
// who asked not to be written to.
func cancelled(lastError string) bool {
	return strings.HasPrefix(lastError, "cancelled")
}

// FindRow reads one row by id.
func FindRow(app core.App, id string) (Row, error) {
	r, err := app.FindRecordById("outbox", id)
	if err != nil {
		return Row{}, err
	}
	return RowOf(r), nil
}

// FindRows reads a page of a box's rows, in the box's order.
func FindRows(app core.App, b Box, limit, offset int) ([]Row, error) {
	statuses := b.Statuses()
	in := make([]any, len(statuses))
	for i, s := range statuses {
		in[i] = s
	}
	var recs []*core.Record
	err := app.RecordQuery("outbox").
		AndWhere(dbx.In("status", in...)).
		OrderBy(b.order()...).Limit(int64(limit)).Offset(int64(offset)).
		All(&recs)
	rows := make([]Row, len(recs))
	for i, r := range recs {
		rows[i] = RowOf(r)
	}
	return rows, err
}

// CountBoxes counts the rows of every box in one query; kind "email" or
// "webhook" counts only those rows, "" counts them all.
func CountBoxes(app core.App, kind string) (map[Box]int, error) {
	var rows []struct {
		Status string `db:"status"`
		N      int    `db:"n"`
	}
	q := app.DB().Select("status", "COUNT(*) AS n").From("outbox").GroupBy("status")
	if kind != "" {
		q = q.Where(dbx.HashExp{"kind": kind})
	}
	err := q.All(&rows)
	counts := make(map[Box]int, len(Boxes))
	for _, r := range rows {
		if b := BoxOf(r.Status); b != "" {
			counts[b] += r.N
		}
	}
	return counts, err
}

// LastSent is when the latest row of a kind was sent, zero when none was.
func LastSent(app core.App, kind string) (types.DateTime, error) {
	var last string
	err := app.DB().NewQuery("SELECT COALESCE(MAX(sent_at), '') FROM outbox WHERE kind = {:kind} AND status = 'sent'").
		Bind(dbx.Params{"kind": kind}).Row(&last)
	if err != nil {
		return types.DateTime{}, err
	}
	at, _ := types.ParseDateTime(last)
	return at, nil
}

// RetryableIDs lists the failed rows a retry would send again.
func RetryableIDs(app core.App) ([]string, error) {
	var ids []string
	err := app.DB().NewQuery("SELECT id FROM outbox WHERE status = 'failed' AND last_error NOT LIKE 'cancelled%'").Column(&ids)
	return ids, err
}
