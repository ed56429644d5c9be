package dashboard

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/customers"
	"warmloop/internal/locale"
)

// customerPickLimit is how many customers the picker offers at once.
const customerPickLimit = 8

// customerPickList is the picker's list of customers matching what was
// typed, with the reader's language for its label and count.
type customerPickList struct {
	locale.Speaker
	Q       string
	Matches []customers.Match
}

// customerPick answers the moment form's customer field as it is typed:
// the customers whose name, email or company holds it, as a listbox.
func customerPick(e *core.RequestEvent) error {
	q := e.Request.URL.Query().Get("email")
	found, err := customers.Search(e.App, q, customerPickLimit)
	if err != nil {
		return err
	}
	return renderPartial(e, http.StatusOK, "admin/moment_new", "customer-options", customerPickList{Speaker: adminSpeaker(e), Q: q, Matches: found})
}
