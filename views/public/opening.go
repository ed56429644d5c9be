package public

import (
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/clicks"
)

// openingOf is the request as an opening of a personal link whose email was
// sent at sent (zero when no email carried it), for package clicks to judge.
func openingOf(e *core.RequestEvent, sent time.Time) clicks.Opening {
	return clicks.Opening{Method: e.Request.Method, UserAgent: e.Request.UserAgent(), At: time.Now(), Sent: sent}
}
