package intake

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// MaxBatch is the most moments a Committer writes in one transaction.
const MaxBatch = 128

// ErrClosed is the answer to a moment handed to a Committer after the app
// began to shut down: nothing of it was written.
var ErrClosed = errors.New("intake: the committer is closed, the app is shutting down")

// Committer records moments that arrive at the same time in one shared
// transaction (group commit). SQLite has one writer: a transaction per
// request makes concurrent requests queue for it one by one, each paying
// its own commit. Here one goroutine takes whatever has queued while the
// last transaction ran, writes each moment inside its own savepoint, so
// that a moment that fails is undone alone and the others are kept, and
// commits once. Every caller waits for that commit before it has its
// answer, so nothing is acknowledged that is not stored.
type Committer struct {
	app   core.App
	queue chan *pending
	done  chan struct{}

	mu     sync.RWMutex
	closed bool
}

// pending is one moment waiting for its batch, and what became of it.
type pending struct {
	m Moment
	// draft is m drafted in the caller's goroutine, for the batch's first
	// attempt only.
	draft *draft
	res   Result
	err   error
	ready chan struct{}
}

// NewCommitter starts a committer over app; it closes when the app
// terminates.
func NewCommitter(app core.App) *Committer {
	c := &Committer{app: app, queue: make(chan *pending, 2*MaxBatch), done: make(chan struct{})}
	go c.loop()
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		c.Close()
		return e.Next()
	})
	return c
}

// Record is intake.Record through the shared transaction: it returns once
// the moment's batch has committed (or the moment has failed alone).
func (c *Committer) Record(m Moment) (Result, error) {
	p := &pending{m: m, draft: drafted(c.app, m), ready: make(chan struct{})}
	c.mu.RLock()
	if c.closed {
		c.mu.RUnlock()
		return Result{}, ErrClosed
	}
	c.queue <- p
	c.mu.RUnlock()
	<-p.ready
	return p.res, p.err
}

// Close stops taking moments, writes those already queued and returns once
// they are committed.
func (c *Committer) Close() {
	c.mu.Lock()
	if !c.closed {
		c.closed = true
		close(c.queue)
	}
	c.mu.Unlock()
	<-c.done
}

// loop writes the queue in batches: the first moment waiting and every other
// already queued, up to MaxBatch. It never waits for a batch to fill, so a
// lone request is written at once.
func (c *Committer) loop() {
	defer close(c.done)
	batch := make([]*pending, 0, MaxBatch)
	for p := range c.queue {
		batch = append(batch[:0], p)
	fill:
		for len(batch) < MaxBatch {
			select {
			case q, ok := <-c.queue:
				if !ok {
					break fill
				}
				batch = append(batch, q)
			default:
				break fill
			}
		}
		c.write(batch)
		for _, p := range batch {
			close(p.ready)
		}
		clear(batch)
	}
}

// write records a batch in one transaction. It first writes the moments
// one after the other with nothing between them, their new rows held and
// written together at the end; should one fail (a
// repeated delivery, a moment its checks refuse), that transaction is
// undone and the batch is written again with each moment in a savepoint of
// its own, so that the failing one is undone alone. (A savepoint makes
// SQLite copy each page a moment changes before it changes it: most batches
// fail nowhere and are spared that.)
//
// Should the transaction itself fail (the commit, a savepoint that cannot
// be undone), nothing of it is stored, and each moment is recorded again in
// a transaction of its own, so every caller gets its own answer. An error
// from a hook that runs after the commit is reported with the
// transaction's own; a moment of the batch found stored tells the two
// apart.
func (c *Committer) write(batch []*pending) {
	err := c.writeTogether(batch, false)
	if errors.Is(err, errMomentFailed) {
		err = c.writeTogether(batch, true)
	}
	if err == nil {
		told(c.app)
		return
	}
	if committed(c.app, batch) {
		c.app.Logger().Error("after a batch of moments committed, a hook failed", "moments", len(batch), "error", err)
		return
	}
	c.app.Logger().Warn("a batch of moments failed as a whole; recording each alone", "moments", len(batch), "error", err)
	for _, p := range batch {
		p.res, p.err = unpanicked(func() (Result, error) { return Record(c.app, p.m) })
	}
}

// unpanicked runs fn, turning a panic into its error: a moment that makes
// the code below panic (or its draft) fails alone, and the committer goes on.
func unpanicked[T any](fn func() (T, error)) (res T, err error) {
	defer func() {
		if r := recover(); r != nil {
			var zero T
			res, err = zero, fmt.Errorf("recording a moment panicked: %v", r)
		}
	}()
	return fn()
}

// drafted is m's draft (newDraft), a panic turned into the draft's error.
func drafted(app core.App, m Moment) *draft {
	d, err := unpanicked(func() (*draft, error) { return newDraft(app, m, time.Now().UTC()), nil })
	if err != nil {
		return &draft{err: err}
	}
	return d
}

// errMomentFailed undoes a batch written without savepoints in which one
// moment failed.
var errMomentFailed = errors.New("a moment of the batch failed")

// writeTogether writes the batch in one transaction, each moment in a
// savepoint of its own when isolated is set; without it the first moment
// that fails fails the batch with errMomentFailed. A copy of a delivery
// already written in the batch is answered as the duplicate it is without
// a write. A moment whose writing panics fails as if it had returned an
// error.
func (c *Committer) writeTogether(batch []*pending, isolated bool) error {
	return c.app.RunInTransaction(func(tx core.App) error {
		written := make(map[[2]string]string, len(batch)) // (source, external id) → moment id
		w, err := newDirectWriter(c.app, tx)
		if err != nil {
			return err
		}
		if !isolated {
			w.hold()
		}
		for _, p := range batch {
			key := [2]string{p.m.Source, p.m.ExternalID}
			if id, ok := written[key]; ok && p.m.ExternalID != "" {
				p.res, p.err = Result{ID: id, Duplicate: true}, nil
				continue
			}
			if !isolated {
				res, err := unpanicked(func() (Result, error) { return w.write(p.m, p.draft) })
				if err != nil {
					return fmt.Errorf("%w: %w", errMomentFailed, err)
				}
				p.res, p.err, written[key] = res, nil, res.ID
				continue
			}
			res, err := savepoint(tx, func() (Result, error) {
				return unpanicked(func() (Result, error) { return w.write(p.m, nil) })
			})
			if errors.Is(err, errSavepoint) {
				return err
			}
			if err != nil {
				// The moment and whatever its hooks wrote are undone; a
				// repeated delivery failed on the unique index.
				res, err = duplicateOf(tx, p.m, err)
			}
			p.res, p.err = res, err
			if err == nil {
				written[key] = res.ID
			}
		}
		if !isolated {
			if err := w.flush(); err != nil {
				// A repeated delivery meets the unique index here.
				return fmt.Errorf("%w: %w", errMomentFailed, err)
			}
		}
		return nil
	})
}

// committed says whether a moment the batch wrote is stored: the batch's
// transaction committed.
func committed(app core.App, batch []*pending) bool {
	for _, p := range batch {
		if p.err == nil && p.res.ID != "" && !p.res.Duplicate {
			_, err := app.FindRecordById("moments", p.res.ID)
			return err == nil
		}
	}
	return false
}

// errSavepoint marks a failure to open, release or roll back a savepoint:
// the transaction is no longer known to be sound.
var errSavepoint = errors.New("savepoint")

// savepoint runs fn inside a savepoint of tx, and rolls back to it when fn
// fails, leaving what ran before it in the transaction untouched.
func savepoint(tx core.App, fn func() (Result, error)) (Result, error) {
	db := tx.NonconcurrentDB()
	if _, err := db.NewQuery("SAVEPOINT moment").Execute(); err != nil {
		return Result{}, fmt.Errorf("%w: %w", errSavepoint, err)
	}
	res, err := fn()
	if err != nil {
		if _, rbErr := db.NewQuery("ROLLBACK TO moment").Execute(); rbErr != nil {
			return Result{}, fmt.Errorf("%w: rolling back after %w: %w", errSavepoint, err, rbErr)
		}
	}
	if _, relErr := db.NewQuery("RELEASE moment").Execute(); relErr != nil {
		return Result{}, fmt.Errorf("%w: %w", errSavepoint, relErr)
	}
	return res, err
}
