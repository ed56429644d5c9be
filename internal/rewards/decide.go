package rewards

import (
	"errors"
	"warmloop/internal/text"

	"github.com/pocketbase/pocketbase/core"
)

// ErrAlreadyThere refuses a decision that would leave a reward where it is.
var ErrAlreadyThere = errors.New("the reward already has that status")

// Decide moves a reward to status to on behalf of an admin (by, their
// email). The rewards hook holds the lifecycle: an illegal move comes back
// as its validation error and nothing is written; a legal one is stamped
// and, when fulfilled, emailed to the referrer.
func Decide(app core.App, reward *core.Record, to, by string) error {
	if reward.GetString("status") == to {
		return ErrAlreadyThere
	}
	reward.Set("status", to)
	reward.Set("decided_by", by)
	return app.Save(reward)
}

// Fulfil marks a reward fulfilled on behalf of an admin, with a note for
// the referrer (a gift-card code, a tracking number) that the
// reward_fulfilled email carries; an empty note keeps the one it has. The
// schema bounds the note's length: a longer one is refused like an illegal
// move, and nothing is written.
func Fulfil(app core.App, reward *core.Record, by, note string) error {
	if note = text.Block(note); note != "" {
		reward.Set("note", note)
	}
	return Decide(app, reward, Fulfilled, by)
}
