package outbox

import (
	"errors"

	"github.com/pocketbase/pocketbase/core"
)

// Why a row may not be sent again.
var (
	ErrNotFailed = errors.New("only a failed row can be retried")
	ErrCancelled = errors.New("the row was cancelled because the person asked not to be contacted")
)

// CheckRetry says whether a row may be sent again: only a failed row that
// Warmloop did not cancel on purpose may.
func CheckRetry(r Row) error {
	switch {
	case r.Status != "failed":
		return ErrNotFailed
	case r.Cancelled:
		return ErrCancelled
	}
	return nil
}

// RetryAll puts every failed row that may be sent again back in the queue,
// in one transaction, and says how many it put back.
func RetryAll(app core.App) (int, error) {
	ids, err := RetryableIDs(app)
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	err = app.RunInTransaction(func(tx core.App) error {
		for _, id := range ids {
			if err := Retry(tx, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(ids), nil
}
