package public

import (
	"database/sql"
	"errors"
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/asks"
	"warmloop/internal/program"
	"warmloop/internal/referrals"
	"warmloop/views/site"
)

// A referrer's links stop sending introductions in two ways: an ask link
// expires (settings: ask_link_days, from the ask's making), and every link
// of a customer who opted out (their ask links and their share link) is
// switched off. Each then shows a page that says so, never the 404: an
// expired ask link offers a fresh one by email, to the customer's own
// address on file, at most once a day (asks.Renew); an opted-out customer
// is told how to come back, which the link itself cannot do, since whoever
// holds a forwarded email would hold that too.

// closedPage is the page of a link that sends nothing.
type closedPage struct {
	site.Layout
	Token  string
	State  string // one of the closed… states below
	Days   int    // how long an ask link works
	Sender string // the program's sender address, to write to
}

// The states of a closed link's page.
const (
	closedExpired         = "expired"          // offers a fresh link
	closedRenewed         = "renewed"          // a fresh link is on its way
	closedRenewedRecently = "renewed_recently" // one went within the day: no more
	closedOptedOut        = "opted_out"        // the customer's own ask link
	closedShareOff        = "share_off"        // the customer's share link, opened by someone else
)

// visitLink is what an ask link may do now, from the landing page's visit.
func visitLink(app core.App, v referrals.Visit) (asks.Link, error) {
	s, err := program.Load(app)
	if err != nil {
		return asks.LinkOpen, err
	}
	created, _ := types.ParseDateTime(v.AskCreated) // unreadable is zero: expired
	return asks.LinkOf(created.Time(), v.OptedOut, s.AskLinkAge(), time.Now()), nil
}

// askLink is what an ask link may do now, from its records.
func askLink(app core.App, ask, customer *core.Record) (asks.Link, error) {
	s, err := program.Load(app)
	if err != nil {
		return asks.LinkOpen, err
	}
	return asks.LinkOfRecords(s, ask, customer, time.Now()), nil
}

// closedOr answers with err when there is one, else with the page of a
// closed ask link.
func closedOr(e *core.RequestEvent, tok string, link asks.Link, err error) error {
	if err != nil {
		return err
	}
	return closedLink(e, tok, link)
}

// closedLink answers a closed ask link with its page (410 Gone: the link
// worked once and never will again). htmx, posting a form that was opened
// while the link still worked, is sent to that page.
func closedLink(e *core.RequestEvent, tok string, link asks.Link) error {
	if site.IsHTMX(e) {
		e.Response.Header().Set("HX-Redirect", "/r/"+tok)
		return e.NoContent(http.StatusOK)
	}
	state := closedExpired
	if link == asks.LinkOptedOut {
		state = closedOptedOut
	}
	return renderClosed(e, http.StatusGone, tok, state)
}

// renderClosed renders a closed link's page in a state.
func renderClosed(e *core.RequestEvent, status int, tok, state string) error {
	s, err := program.Load(e.App)
	if err != nil {
		return err
	}
	return render(e, status, "closed", closedPage{
		Layout: site.LayoutFor(e.App), Token: tok, State: state,
		Days: int(s.AskLinkAge() / (24 * time.Hour)), Sender: s.SenderAddress,
	})
}

// renewLink answers the expired page's button: a fresh link, emailed to the
// customer's address on file (the request carries none), at most once a
// day whatever is pressed. A link still open has nothing to renew and is
// shown as it is.
func renewLink(e *core.RequestEvent) error {
	tok := e.Request.PathValue("token")
	ask, _, err := asks.FindByToken(e.App, tok)
	if errors.Is(err, sql.ErrNoRows) {
		return site.NotFound(e)
	} else if err != nil {
		return err
	}
	got, err := asks.Renew(e.App, ask, time.Now())
	if err != nil {
		return err
	}
	switch got {
	case asks.RenewStillOpen:
		return e.Redirect(http.StatusSeeOther, "/r/"+tok)
	case asks.RenewOptedOut:
		return renderClosed(e, http.StatusGone, tok, closedOptedOut)
	case asks.RenewedRecently:
		return renderClosed(e, http.StatusOK, tok, closedRenewedRecently)
	}
	e.App.Logger().Info("a fresh ask link was sent on request", "ask", ask.Id, "customer", ask.GetString("customer"))
	return renderClosed(e, http.StatusOK, tok, closedRenewed)
}

// shareOff answers a share link whose customer opted out: nothing can be
// introduced through it.
func shareOff(e *core.RequestEvent) error {
	return renderClosed(e, http.StatusGone, "", closedShareOff)
}

// refusalMessage says why a cap refused an introduction and what to do.
func refusalMessage(out referrals.Outcome) string {
	if out.Refused == referrals.OverAskDay {
		return "This link has sent " + plural(out.Limit, "introduction") + " in the last 24 hours, the most one link sends in a day, " +
			"so we have not sent this one. Everything you typed is still here: please send it again tomorrow."
	}
	return "We have sent " + plural(out.Limit, "introduction") + " for you in the last 7 days, the most we send for one person in a week, " +
		"so we have not sent this one. Everything you typed is still here: please send it again in a few days."
}

// plural writes a count of things: "1 introduction", "5 introductions".
func plural(n int, thing string) string { return site.Plural(n, thing, thing+"s") }
