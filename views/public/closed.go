package public

import (
	"database/sql"
	"errors"
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/asks"
	"warmloop/internal/locale"
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
func closedOr(e *core.RequestEvent, tok, lang string, link asks.Link, err error) error {
	if err != nil {
		return err
	}
	return closedLink(e, tok, lang, link)
}

// closedLink answers a closed ask link with its page (410 Gone: the link
// worked once and never will again). htmx, posting a form that was opened
// while the link still worked, is sent to that page.
func closedLink(e *core.RequestEvent, tok, lang string, link asks.Link) error {
	if site.IsHTMX(e) {
		e.Response.Header().Set("HX-Redirect", "/r/"+tok)
		return e.NoContent(http.StatusOK)
	}
	state := closedExpired
	if link == asks.LinkOptedOut {
		state = closedOptedOut
	}
	return renderClosed(e, http.StatusGone, tok, lang, state)
}

// renderClosed renders a closed link's page in a state, in the language of
// the customer whose link it is (lang, their own locale).
func renderClosed(e *core.RequestEvent, status int, tok, lang, state string) error {
	page, err := closedData(e.App, tok, lang, state)
	if err != nil {
		return err
	}
	return renderKept(e, status, "closed", page)
}

// closedData is what a closed link's page shows. The page is kept between
// views (a link that closed stays closed, and anyone holding it may open
// it again and again), one per link and state.
func closedData(app core.App, tok, lang, state string) (closedPage, error) {
	s, err := program.Load(app)
	if err != nil {
		return closedPage{}, err
	}
	return closedPage{
		Layout: site.LayoutIn(app, lang), Token: tok, State: state,
		Days: int(s.AskLinkAge() / (24 * time.Hour)), Sender: s.SenderAddress,
	}, nil
}

// renewLink answers the expired page's button: a fresh link, emailed to the
// customer's address on file (the request carries none), at most once a
// day whatever is pressed. A link still open has nothing to renew and is
// shown as it is.
func renewLink(e *core.RequestEvent) error {
	tok := e.Request.PathValue("token")
	ask, customer, err := asks.FindByToken(e.App, tok)
	if errors.Is(err, sql.ErrNoRows) {
		return site.NotFound(e)
	} else if err != nil {
		return err
	}
	lang := customer.GetString("locale")
	got, err := asks.Renew(e.App, ask, time.Now())
	if err != nil {
		return err
	}
	switch got {
	case asks.RenewStillOpen:
		return e.Redirect(http.StatusSeeOther, "/r/"+tok)
	case asks.RenewOptedOut:
		return renderClosed(e, http.StatusGone, tok, lang, closedOptedOut)
	case asks.RenewedRecently:
		return renderClosed(e, http.StatusOK, tok, lang, closedRenewedRecently)
	}
	e.App.Logger().Info("a fresh ask link was sent on request", "ask", ask.Id, "customer", ask.GetString("customer"))
	return renderClosed(e, http.StatusOK, tok, lang, closedRenewed)
}

// shareOff answers a share link whose customer opted out: nothing can be
// introduced through it.
func shareOff(e *core.RequestEvent, lang string) error {
	return renderClosed(e, http.StatusGone, "", lang, closedShareOff)
}

// refusalMessage says why a cap refused an introduction and what to do.
func refusalMessage(sp locale.Speaker, out referrals.Outcome) string {
	if out.Refused == referrals.OverAskDay {
		return sp.N("refusal.ask_day", out.Limit)
	}
	return sp.N("refusal.referrer_week", out.Limit)
}
