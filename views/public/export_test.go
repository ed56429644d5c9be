package public

import (
	"github.com/pocketbase/pocketbase/core"

	"warmloop/views/site"
)

// ClosedExpired is the state of an expired link's page.
const ClosedExpired = closedExpired

// ClosedPageKept reports whether the page of the closed link tok, in the
// language lang and state, is kept for the next view.
func ClosedPageKept(app core.App, tok, lang, state string) bool {
	page, err := closedData(app, tok, lang, state)
	return err == nil && site.IsKept(app, "closed", page)
}
