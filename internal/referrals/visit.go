package referrals

import (
	"database/sql"
	"errors"
	"sync"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Visit is what the landing page needs about an ask and its customer.
type Visit struct {
	AskID, AskStatus, ClickedAt, SentAt    string
	AskCreated                             string // when the ask was made: its link's life runs from then
	CustomerID, Name, Email, Company, Code string
	OnWall                                 bool // consented to the recognition wall
	OptedOut                               bool // the customer opted out: their links send nothing
}

// visitSQL reads an ask and its customer by the ask's token, in one query
// on the unique token index. It runs on every view of a landing page, so it
// is prepared once per database.
const visitSQL = `SELECT a.id, a.status, a.clicked_at, a.sent_at, a.created,
	c.id, c.name, c.email, c.company, c.referral_code, c.wall_opt_in, c.opted_out
	FROM asks a JOIN customers c ON c.id = a.customer WHERE a.token = ?`

// VisitByToken reads the ask with this token and its customer;
// sql.ErrNoRows when there is none.
func VisitByToken(app core.App, token string) (Visit, error) {
	var v Visit
	stmt, err := prepared(app, visitSQL)
	if err != nil {
		return v, err
	}
	err = stmt.QueryRow(token).Scan(&v.AskID, &v.AskStatus, &v.ClickedAt, &v.SentAt, &v.AskCreated,
		&v.CustomerID, &v.Name, &v.Email, &v.Company, &v.Code, &v.OnWall, &v.OptedOut)
	return v, err
}

// statements keeps prepared statements per database handle, so a database
// reopened (tests, a restore) gets its own.
var statements sync.Map // key{*sql.DB, query} → *sql.Stmt

type stmtKey struct {
	db    *sql.DB
	query string
}

// prepared returns the query prepared on the app's read pool.
func prepared(app core.App, query string) (*sql.Stmt, error) {
	pool, ok := app.ConcurrentDB().(*dbx.DB)
	if !ok {
		return nil, errors.New("the read database is not a *dbx.DB")
	}
	k := stmtKey{pool.DB(), query}
	if s, ok := statements.Load(k); ok {
		return s.(*sql.Stmt), nil
	}
	s, err := k.db.Prepare(query)
	if err != nil {
		return nil, err
	}
	if prev, loaded := statements.LoadOrStore(k, s); loaded {
		s.Close()
		return prev.(*sql.Stmt), nil
	}
	return s, nil
}
