package public

import (
	"database/sql"
	"errors"
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/asks"
	"warmloop/internal/pages"
	"warmloop/views/site"
)

// unsubscribePage asks for, or confirms, a customer's opt-out.
type unsubscribePage struct {
	site.Layout
	Token, FirstName string
	OptedOut         bool
	Sample           bool // a preview: the button unsubscribes no one
}

// unsubscribeForm shows the confirmation button, or that it is done. The
// link carries the ask's unsubscribe key (asks.FindByUnsubscribeToken),
// which opens nothing else; the ask's token, which opens the landing page,
// does not open this one.
func unsubscribeForm(e *core.RequestEvent) error {
	tok := e.Request.PathValue("token")
	_, c, err := asks.FindByUnsubscribeToken(e.App, tok)
	if errors.Is(err, sql.ErrNoRows) {
		return site.NotFound(e)
	} else if err != nil {
		return err
	}
	return render(e, http.StatusOK, "unsubscribe", unsubscribePage{
		Layout: site.LayoutIn(e.App, c.GetString("locale")), Token: tok,
		FirstName: pages.FirstName(c.GetString("name")), OptedOut: c.GetBool("opted_out"),
	})
}

// unsubscribe opts the customer out of every ask, from any trigger: the
// customer leaves the cadence, and their links send nothing from then on.
// A browser is sent back to the page; a mail client's one-click post gets
// a plain 200.
func unsubscribe(e *core.RequestEvent) error {
	_, c, err := asks.FindByUnsubscribeToken(e.App, e.Request.PathValue("token"))
	if errors.Is(err, sql.ErrNoRows) {
		return site.NotFound(e)
	} else if err != nil {
		return err
	}
	if err := asks.SetOptedOut(e.App, c, true); err != nil {
		return err
	}
	if e.Request.FormValue("List-Unsubscribe") == "One-Click" {
		return e.String(http.StatusOK, "unsubscribed\n")
	}
	return e.Redirect(http.StatusSeeOther, "/u/"+e.Request.PathValue("token"))
}
