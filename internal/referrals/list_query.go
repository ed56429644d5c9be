package referrals

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/listing"
)

// Statuses are the pipeline's statuses in order, lost last: the board's columns.
var Statuses = []string{Invited, Visited, Booked, Qualified, Won, Lost}

// Filter narrows the referral lists: the table, the review list and the
// export. No list shows a referral still waiting for its referee to confirm
// their email (Unconfirmed): it is not a referral yet.
type Filter struct {
	Q       string // in the referee's name, email or company or the referrer's name, taken literally
	Status  string // one status; "" for any
	Flagged bool   // only referrals waiting for review
}

// Row is one referral with its referrer, as the lists show it.
type Row struct {
	ID             string         `db:"id"`
	RefereeName    string         `db:"referee_name"`
	RefereeEmail   string         `db:"referee_email"`
	RefereeCompany string         `db:"referee_company"`
	Status         string         `db:"status"`
	Pipeline       float64        `db:"pipeline_value"`
	Won            float64        `db:"won_value"`
	Channel        string         `db:"channel"`
	Flag           string         `db:"flag"`
	LostReason     string         `db:"lost_reason"`
	Created        types.DateTime `db:"created"`
	ReferrerID     string         `db:"referrer_id"`
	ReferrerName   string         `db:"referrer_name"`
	ReferrerEmail  string         `db:"referrer_email"`
}

// selectRows is the query for referral rows with their referrer.
func selectRows(app core.App) *dbx.SelectQuery {
	return app.DB().Select("r.id", "r.referee_name", "r.referee_email", "r.referee_company", "r.status",
		"r.pipeline_value", "r.won_value", "r.channel", "r.flag", "r.lost_reason", "r.created",
		"r.referrer AS referrer_id", "COALESCE(c.name, '') AS referrer_name", "COALESCE(c.email, '') AS referrer_email").
		From("referrals r").
		LeftJoin("customers c", dbx.NewExp("c.id = r.referrer"))
}

// where narrows a referral query (referrals r, customers c) to the filter.
func (f Filter) where(q *dbx.SelectQuery) *dbx.SelectQuery {
	q = q.AndWhere(dbx.NewExp("r.flag != {:unconfirmed}", dbx.Params{"unconfirmed": Unconfirmed}))
	if f.Q != "" {
		q = q.AndWhere(listing.ContainsAny(f.Q, "r.referee_name", "r.referee_email", "r.referee_company", "c.name"))
	}
	if f.Status != "" {
		q = q.AndWhere(dbx.HashExp{"r.status": f.Status})
	}
	if f.Flagged {
		q = q.AndWhere(dbx.NewExp(awaitingReview))
	}
	return q
}

// newestFirst orders referral rows newest first, the id breaking ties so
// pages never overlap.
func newestFirst(q *dbx.SelectQuery) *dbx.SelectQuery {
	return q.OrderBy("r.created DESC", "r.id DESC")
}

// CountRows counts the referrals that match a filter.
func CountRows(app core.App, f Filter) (int, error) {
	var n int
	q := app.DB().Select("COUNT(*)").From("referrals r")
	if f.Q != "" { // only a search reads the referrer's name
		q = q.LeftJoin("customers c", dbx.NewExp("c.id = r.referrer"))
	}
	err := f.where(q).Row(&n)
	return n, err
}

// FindRows lists one page of the referrals that match a filter, newest first.
func FindRows(app core.App, f Filter, limit, offset int) ([]Row, error) {
	var rows []Row
	err := newestFirst(f.where(selectRows(app))).Limit(int64(limit)).Offset(int64(offset)).All(&rows)
	return rows, err
}

// FindRow reads one referral as a row.
func FindRow(app core.App, id string) (Row, error) {
	var row Row
	err := selectRows(app).Where(dbx.HashExp{"r.id": id}).One(&row)
	return row, err
}

// StreamRows opens every referral that matches a filter, newest first, for
// a caller that reads them one at a time (rows.ScanStruct into a Row) so a
// large program never sits in memory. The caller closes rows.
func StreamRows(app core.App, f Filter) (*dbx.Rows, error) {
	return newestFirst(f.where(selectRows(app))).Rows()
}

// CountByStatus counts the referrals the lists show by status, for the
// board's columns.
func CountByStatus(app core.App) (map[string]int, error) {
	var rows []struct {
		Status string `db:"status"`
		N      int    `db:"n"`
	}
	err := app.DB().Select("status", "COUNT(*) AS n").From("referrals").
		Where(dbx.NewExp("flag != {:unconfirmed}", dbx.Params{"unconfirmed": Unconfirmed})).GroupBy("status").All(&rows)
	counts := map[string]int{}
	for _, r := range rows {
		counts[r.Status] = r.N
	}
	return counts, err
}
