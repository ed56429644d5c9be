package asks

import (
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/mail"
)

// FirstCopy draws the copy a first ask would be given now: an active
// first-touch variant by weight, or the ask_email page. The dashboard's
// test ask uses it, so the admin reads what a customer would.
func FirstCopy(app core.App) (mail.Copy, error) {
	return chooseCopy(app, 1)
}
