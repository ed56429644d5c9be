package intake

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/sqlitedb"
	"warmloop/tests/schemaapp"
)

// promoter is a happy NPS answer from a new customer, delivered as id.
func promoter(id string) Moment {
	return Moment{Email: id + "@batch.example", Kind: "nps", Score: 10, Source: "generic", ExternalID: id}
}

// writeBatch has a committer write moments as one batch, as its loop would
// had they all queued while the previous batch was written, each drafted
// as Record drafts it.
func writeBatch(app core.App, moments ...Moment) []*pending {
	batch := make([]*pending, len(moments))
	for i, m := range moments {
		batch[i] = &pending{m: m, draft: drafted(app, m)}
	}
	(&Committer{app: app}).write(batch)
	return batch
}

// count counts the rows of a table that match where.
func count(t *testing.T, app core.App, table string, where dbx.Expression) int {
	t.Helper()
	var n int
	if err := app.DB().Select("COUNT(*)").From(table).Where(where).Row(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestABatchWritesEveryMomentWithItsDecision(t *testing.T) {
	app := schemaapp.New(t)
	batch := writeBatch(app, promoter("a"), promoter("b"), promoter("c"))
	for _, p := range batch {
		if p.err != nil || p.res.ID == "" || p.res.Duplicate || p.res.Decision != "asked" {
			t.Errorf("%s: got %+v, %v; want a new moment, asked", p.m.ExternalID, p.res, p.err)
		}
	}
	if n := count(t, app, "moments", nil); n != 3 {
		t.Errorf("%d moments stored, want 3", n)
	}
	if n := count(t, app, "asks", nil); n != 3 {
		t.Errorf("%d asks stored, want 3", n)
	}
}

func TestTwoCopiesOfADeliveryInOneBatchAreStoredOnceAndBothAnsweredWithTheFirstID(t *testing.T) {
	app := schemaapp.New(t)
	batch := writeBatch(app, promoter("a"), promoter("dup"), promoter("b"), promoter("dup"))
	first, copy := batch[1], batch[3]
	if first.err != nil || first.res.Duplicate {
		t.Fatalf("first copy: %+v, %v", first.res, first.err)
	}
	if copy.err != nil || !copy.res.Duplicate || copy.res.ID != first.res.ID {
		t.Errorf("second copy answered %+v, %v; want a duplicate of %s", copy.res, copy.err, first.res.ID)
	}
	if n := count(t, app, "moments", dbx.HashExp{"external_id": "dup"}); n != 1 {
		t.Errorf("%d moments for the delivery, want 1", n)
	}
	if n := count(t, app, "asks", nil); n != 3 {
		t.Errorf("%d asks, want 3 (one per delivery)", n)
	}
}

func TestADeliveryRepeatedInALaterBatchIsAnsweredWithTheFirstIDAndTheOthersAreStored(t *testing.T) {
	app := schemaapp.New(t)
	first := writeBatch(app, promoter("dup"))[0]
	if first.err != nil {
		t.Fatal(first.err)
	}
	batch := writeBatch(app, promoter("a"), promoter("dup"), promoter("b"))
	if p := batch[1]; p.err != nil || !p.res.Duplicate || p.res.ID != first.res.ID {
		t.Errorf("repeat answered %+v, %v; want a duplicate of %s", p.res, p.err, first.res.ID)
	}
	for _, p := range []*pending{batch[0], batch[2]} {
		if p.err != nil || p.res.Duplicate || p.res.Decision != "asked" {
			t.Errorf("%s beside the repeat: %+v, %v", p.m.ExternalID, p.res, p.err)
		}
	}
	if n := count(t, app, "moments", nil); n != 3 {
		t.Errorf("%d moments, want 3", n)
	}
	if n := count(t, app, "customers", dbx.HashExp{"email": "dup@batch.example"}); n != 1 {
		t.Errorf("%d customers for the repeated delivery, want 1", n)
	}
	// The batch was written again moment by moment after the repeat failed
	// it: the new customers of the others are written then, not taken for
	// saved by the first attempt.
	var orphans int
	if err := app.DB().NewQuery("SELECT COUNT(*) FROM moments m LEFT JOIN customers c ON c.id = m.customer WHERE c.id IS NULL").Row(&orphans); err != nil {
		t.Fatal(err)
	}
	if orphans != 0 {
		t.Errorf("%d moments point at a customer who is not stored", orphans)
	}
}

func TestOneBadMomentInABatchFailsAloneAndLeavesNothingBehind(t *testing.T) {
	refused := promoter("refused")
	refused.Kind = "no-such-kind" // the schema refuses it once its new customer is saved
	panicking := promoter("panicking")
	panicking.Email = "no-at-sign" // customers.FindOrNew panics on it
	for name, bad := range map[string]Moment{"refused": refused, "panicking": panicking} {
		t.Run(name, func(t *testing.T) {
			app := schemaapp.New(t)
			batch := writeBatch(app, promoter("a"), bad, promoter("b"))
			if batch[1].err == nil {
				t.Errorf("the bad moment was answered %+v, want an error", batch[1].res)
			}
			for _, p := range []*pending{batch[0], batch[2]} {
				if p.err != nil || p.res.Decision != "asked" {
					t.Errorf("%s beside the bad one: %+v, %v", p.m.ExternalID, p.res, p.err)
				}
			}
			if n := count(t, app, "moments", nil); n != 2 {
				t.Errorf("%d moments, want 2", n)
			}
			if n := count(t, app, "customers", dbx.HashExp{"email": bad.Email}); n != 0 {
				t.Errorf("the bad moment left %d customers", n)
			}
		})
	}
}

func TestConcurrentRecordsAnswerOnlyWhatACommitHasStored(t *testing.T) {
	app := schemaapp.New(t)
	c := NewCommitter(app)
	// A connection of its own, as a reader in another process would have:
	// it sees only what is committed.
	reader, err := sqlitedb.Connect(filepath.Join(app.DataDir(), "data.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := fmt.Sprint("c", i)
			res, err := c.Record(promoter(id))
			if err != nil || res.Decision != "asked" {
				t.Errorf("%s: %+v, %v", id, res, err)
				return
			}
			var stored string
			if err := reader.Select("decision").From("moments").Where(dbx.HashExp{"id": res.ID}).Row(&stored); err != nil {
				t.Errorf("%s was answered before it was committed: %v", id, err)
			}
		}()
	}
	wg.Wait()
	c.Close()
	if n := count(t, app, "moments", nil); n != 40 {
		t.Errorf("%d moments, want 40", n)
	}
}

func TestAClosedCommitterRefusesNewMoments(t *testing.T) {
	app := schemaapp.New(t)
	c := NewCommitter(app)
	c.Close()
	if _, err := c.Record(promoter("late")); !errors.Is(err, ErrClosed) {
		t.Errorf("got %v, want ErrClosed", err)
	}
	if n := count(t, app, "moments", nil); n != 0 {
		t.Errorf("%d moments, want 0", n)
	}
}

func TestTwoAnswersFromOneNewCustomerInOneBatchMakeOneCustomerAskedOnce(t *testing.T) {
	app := schemaapp.New(t)
	again := promoter("again")
	again.Email = "a@batch.example"
	batch := writeBatch(app, promoter("a"), again)
	if batch[0].err != nil || batch[0].res.Decision != "asked" {
		t.Fatalf("first answer: %+v, %v", batch[0].res, batch[0].err)
	}
	if p := batch[1]; p.err != nil || p.res.Duplicate || p.res.Decision == "asked" {
		t.Errorf("second answer: %+v, %v; want a new moment, not asked again", p.res, p.err)
	}
	if n := count(t, app, "customers", dbx.HashExp{"email": "a@batch.example"}); n != 1 {
		t.Errorf("%d customers, want 1", n)
	}
	if n := count(t, app, "moments", nil); n != 2 {
		t.Errorf("%d moments, want 2", n)
	}
	if n := count(t, app, "asks", nil); n != 1 {
		t.Errorf("%d asks, want 1", n)
	}
}

// TestTheNewCustomersOfBatchesGetIdsInTheOrderTheyWereWritten writes ten
// new customers in two batches: read in the order they were stored, their
// ids ascend, as the batch's other rows' do, so each index that holds a
// customer's id (an ask's, a moment's, the rollups') grows at its end.
func TestTheNewCustomersOfBatchesGetIdsInTheOrderTheyWereWritten(t *testing.T) {
	app := schemaapp.New(t)
	writeBatch(app, promoter("a"), promoter("b"), promoter("c"), promoter("d"), promoter("e"))
	writeBatch(app, promoter("f"), promoter("g"), promoter("h"), promoter("i"), promoter("j"))
	var ids []string
	if err := app.DB().NewQuery("SELECT id FROM customers ORDER BY rowid").Column(&ids); err != nil {
		t.Fatal(err)
	}
	if len(ids) != 10 {
		t.Fatalf("%d customers stored, want 10", len(ids))
	}
	for i := 1; i < len(ids); i++ {
		if ids[i] <= ids[i-1] {
			t.Fatalf("customer %d's id %q does not sort after %q: ids %v", i, ids[i], ids[i-1], ids)
		}
	}
}
