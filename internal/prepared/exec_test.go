package prepared_test

import (
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/prepared"
	"warmloop/tests/schemaapp"
)

const addClicks = "INSERT INTO rollup_clicks (day, clicks) VALUES (?, ?)"

// clicksOn reads the clicks kept for a day, 0 when there is no row.
func clicksOn(t *testing.T, app core.App, day string) int {
	t.Helper()
	var n int
	if err := app.DB().NewQuery("SELECT IFNULL(SUM(clicks), 0) FROM rollup_clicks WHERE day = {:day}").
		Bind(map[string]any{"day": day}).Row(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestAWriteThroughExecCommitsAndRollsBackWithItsTransaction writes through
// Exec in transaction after transaction: the first meets the statement
// unprepared, which is then prepared on the writing connection, and the
// later ones run it prepared. Each write stands or falls with its own
// transaction, and a write outside any transaction stands at once.
func TestAWriteThroughExecCommitsAndRollsBackWithItsTransaction(t *testing.T) {
	app := schemaapp.New(t)
	undo := errors.New("undo")
	for i, day := range []string{"2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"} {
		err := app.RunInTransaction(func(tx core.App) error {
			if _, err := prepared.Exec(app, tx, addClicks, day, 3); err != nil {
				return err
			}
			return undo
		})
		if !errors.Is(err, undo) {
			t.Fatalf("transaction %d: %v", i, err)
		}
		if n := clicksOn(t, app, day); n != 0 {
			t.Fatalf("transaction %d was undone, yet %d clicks stand", i, n)
		}
		if err := app.RunInTransaction(func(tx core.App) error {
			_, err := prepared.Exec(app, tx, addClicks, day, 5)
			return err
		}); err != nil {
			t.Fatalf("transaction %d: %v", i, err)
		}
		if n := clicksOn(t, app, day); n != 5 {
			t.Fatalf("transaction %d committed 5 clicks, %d stand", i, n)
		}
		waitPrepared(t, app, addClicks)
	}
	if _, err := prepared.Exec(app, app, addClicks, "2026-01-05", 7); err != nil {
		t.Fatal(err)
	}
	if n := clicksOn(t, app, "2026-01-05"); n != 7 {
		t.Fatalf("a write outside a transaction left %d clicks, want 7", n)
	}
}

// waitPrepared waits for a statement first met in a transaction to be
// prepared in the background, once the writing connection is free.
func waitPrepared(t *testing.T, app core.App, query string) {
	t.Helper()
	for range 500 {
		if prepared.IsPreparedForWrites(app, query) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the statement was not prepared within 5 s of its transaction's end")
}

// TestExecRefusesATransactionOfAnotherApp hands Exec one app's transaction
// with another app as its base: nothing is written to either.
func TestExecRefusesATransactionOfAnotherApp(t *testing.T) {
	a, b := schemaapp.New(t), schemaapp.New(t)
	if _, err := prepared.Exec(a, a, addClicks, "2026-02-01", 1); err != nil {
		t.Fatal(err) // a holds the statement prepared
	}
	err := b.RunInTransaction(func(tx core.App) error {
		_, err := prepared.Exec(a, tx, addClicks, "2026-02-02", 1)
		return err
	})
	if err == nil {
		t.Fatal("a transaction of b was written through a's statement")
	}
	if n := clicksOn(t, a, "2026-02-02") + clicksOn(t, b, "2026-02-02"); n != 0 {
		t.Fatalf("%d clicks written after the refusal", n)
	}
	if _, err := prepared.Exec(a, b, addClicks, "2026-02-03", 1); err == nil {
		t.Fatal("b was written through a's statement")
	}
}

// TestARowReadOnTheWriterSeesItsTransactionsOwnWrites reads through
// RowOnWriter in transaction after transaction, each after writing the
// row it reads: the first meets the statement unprepared, the later ones
// run it prepared, and every one sees its own transaction's write, which
// the read pool cannot see before the commit.
func TestARowReadOnTheWriterSeesItsTransactionsOwnWrites(t *testing.T) {
	app := schemaapp.New(t)
	const clicksOnDay = "SELECT clicks FROM rollup_clicks WHERE day = ?"
	for i, day := range []string{"2026-03-01", "2026-03-02", "2026-03-03"} {
		if err := app.RunInTransaction(func(tx core.App) error {
			if _, err := prepared.Exec(app, tx, addClicks, day, i+1); err != nil {
				return err
			}
			var n int
			if err := prepared.RowOnWriter(app, tx, clicksOnDay, []any{day}, &n); err != nil || n != i+1 {
				t.Errorf("transaction %d read %d clicks, %v; want its own %d", i, n, err, i+1)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		waitPrepared(t, app, clicksOnDay)
	}
	var n int
	if err := prepared.RowOnWriter(app, app, clicksOnDay, []any{"2026-03-04"}, &n); !errors.Is(err, sql.ErrNoRows) {
		t.Errorf("a day with no row read %d, %v; want sql.ErrNoRows", n, err)
	}
}
