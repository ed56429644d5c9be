package public

import (
	"crypto/sha256"
	"database/sql"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/asks"
	"warmloop/internal/locale"
	"warmloop/internal/pages"
	"warmloop/internal/program"
	"warmloop/internal/referrals"
	"warmloop/internal/token"
	"warmloop/views/site"
)

// landingPage is the referrer's page: the program explained, the incentive,
// the reassurance, and the introduction form with its pre-drafted note.
type landingPage struct {
	site.Layout
	Heading   string
	Body      template.HTML
	Panel     referPanel
	ShareLink string
	Mailto    template.URL
	// Own is the referrer's own record, shown above the program's copy
	// once they have introduced someone; empty before that.
	Own   ownRecord
	draft string // the pre-drafted note, for the form
}

// ownRecord is a referrer's own record as their pages show it.
type ownRecord struct {
	FirstName string
	Introduce string // where the form to introduce someone else is
	OnWall    bool   // they said yes to the Wall of Thanks
	Beside    bool   // the form is beside the record on a wide screen, so its button shows on a narrow one only
	referrals.ReferrerRecord
	locale.Speaker // the page's language
}

// readOwnRecord reads a referrer's record for their page, as kept between
// views (referrals.RecordOfKept), in the page's language; introduce is
// where that page's form to introduce someone else is ("#refer": on the
// page, beside the record). The sum names the record for a page cache's
// key; with the wall place, it names everything the record shows.
func readOwnRecord(app core.App, customerID, name string, onWall bool, introduce string, sp locale.Speaker) (ownRecord, recordSum, error) {
	rec, err := referrals.RecordOfKept(app, customerID, onWall)
	return ownRecord{FirstName: pages.FirstName(name), Introduce: introduce, OnWall: onWall,
		Beside: introduce == "#refer", ReferrerRecord: rec.ReferrerRecord, Speaker: sp}, recordSum{rec.Sum, rec.WallPlace}, err
}

// recordSum names a referrer's record as shown: its content's digest and
// their place on the wall, which moves with other referrers' records.
type recordSum struct {
	Sum       [sha256.Size]byte
	WallPlace int
}

// referPanel is the part of the landing page htmx swaps: the form (with
// what was typed and what to fix) or, once sent, the confirmation.
type referPanel struct {
	Token, FirstName string
	Form             referrals.Form
	Errors           referrals.Errors
	Sent             bool
	Known            bool   // the person was already known: nothing was sent
	Refusal          string // why a cap refused the introduction: nothing was sent
	RefereeName      string // whom the note went to, when known
	Sample           bool   // sample data: the form sends nothing
	Test             string // a test walk-through's address for the form (preview_walk.go); "" on a real page
	// Speaker is the language the panel is written in: htmx swaps it
	// without the layout, so it carries its own.
	locale.Speaker
}

// landing shows the landing page. A person's first visit marks the ask
// clicked; an administrator's, a machine's or a mail gateway's (package
// clicks) changes nothing. Later visits only read (one query), which keeps
// the page fast under load. An expired link, or one whose customer opted
// out, shows why it sends nothing instead (closed.go), and counts no click.
func landing(e *core.RequestEvent) error {
	tok := e.Request.PathValue("token")
	if !token.Plausible(tok) {
		return site.NotFound(e)
	}
	v, err := referrals.VisitByToken(e.App, tok)
	if errors.Is(err, sql.ErrNoRows) {
		return site.NotFound(e)
	} else if err != nil {
		return err
	}
	if link, err := visitLink(e.App, v); err != nil || link != asks.LinkOpen {
		return closedOr(e, tok, v.Locale, link, err)
	}
	admin := site.IsAdmin(e)
	if !admin {
		if v.ClickedAt == "" {
			countClick(e, v)
		}
		rememberReferrer(e, tok, v.Code)
	}
	// The record is kept per referrer until a change to it commits
	// (referrals.RecordOfKept), so a stage the team moves shows at the next
	// view.
	own, ownSum, err := readOwnRecord(e.App, v.CustomerID, v.Name, v.OnWall, "#refer", site.LayoutIn(e.App, v.Locale).Speaker)
	if err != nil {
		return err
	}
	who := referrer{Name: v.Name, Company: v.Company, Code: v.Code, Locale: v.Locale}
	if sent := e.Request.URL.Query().Get("sent") != ""; sent || admin {
		page, err := freshLanding(e.App, tok, v, who)
		if err != nil {
			return err
		}
		page.Own = own
		if admin {
			page.PreviewBanner = previewLanding
		}
		if sent {
			page.Panel.Sent = true
			if latest, err := referrals.LatestForAsk(e.App, v.AskID); err == nil && latest != nil {
				page.Panel.RefereeName = latest.GetString("referee_name")
			}
		}
		return render(e, http.StatusOK, "landing", page)
	}
	// The fresh form depends only on the token, the referrer, their record
	// and the program, so it is rendered once per referrer, record and
	// program version: a record that changed is a page rendered again.
	// The customer's locale is in the key: a German and an English view
	// never share a kept page.
	key := landingKey{Token: tok, Name: v.Name, Company: v.Company, Code: v.Code, Locale: v.Locale, OnWall: v.OnWall,
		BaseURL: program.BaseURL(e.App), Record: ownSum}
	html, err := site.CachedPage(e.App, key, func() ([]byte, error) {
		page, err := freshLanding(e.App, tok, v, who)
		if err != nil {
			return nil, err
		}
		page.Own = own
		return renderPage("landing", page)
	})
	if err != nil {
		return err
	}
	return site.WritePage(e, http.StatusOK, html)
}

// landingKey names a kept landing page with its fresh form: everything it
// is made of but the program, whose changes empty the page cache
// (pages.Generation).
type landingKey struct {
	Token, Name, Company, Code, Locale string
	OnWall                             bool
	BaseURL                            string
	Record                             recordSum
}

// previewLanding is the banner a signed-in administrator sees on a referrer's page.
const previewLanding = "You are signed in as an administrator, so opening this page counted no click. Anything you send from it is real."

// countClick marks the ask clicked when a person opened its page, not a
// machine or a gateway scanning the ask email as it arrived.
func countClick(e *core.RequestEvent, v referrals.Visit) {
	sent, _ := types.ParseDateTime(v.SentAt)
	if !openingOf(e, sent.Time()).IsPerson() {
		return
	}
	if err := asks.MarkClicked(e.App, v.AskID, time.Now()); err != nil {
		e.App.Logger().Error("marking an ask clicked", "ask", v.AskID, "error", err)
	}
}

// freshLanding is the landing page with its form as a referrer first finds
// it: the pre-drafted note, a copy to them, their wall consent as it stands.
func freshLanding(app core.App, tok string, v referrals.Visit, who referrer) (landingPage, error) {
	page, err := landingFor(app, tok, who)
	if err != nil {
		return page, err
	}
	page.Panel.Form.Message = page.draft
	page.Panel.Form.CopyMe = true
	page.Panel.Form.OnWall = v.OnWall
	return page, nil
}

// referrer is what the landing page shows of the customer it belongs to;
// Locale is their own ("" for the program's default).
type referrer struct {
	Name, Company, Code, Locale string
}

// referrerOf is a customer record as a referrer.
func referrerOf(c *core.Record) referrer {
	return referrer{Name: c.GetString("name"), Company: c.GetString("company"), Code: c.GetString("referral_code"),
		Locale: c.GetString("locale")}
}

// refer sends the introduction: one click. Bad input comes back with what
// to fix beside each field and everything typed kept, and so does an
// introduction over a cap, with why; a bot that fills the hidden field is
// answered as if it had succeeded, and nothing is written. An expired link,
// or an opted-out customer's, sends nothing and says why.
func refer(e *core.RequestEvent) error {
	tok := e.Request.PathValue("token")
	ask, customer, err := asks.FindByToken(e.App, tok)
	if errors.Is(err, sql.ErrNoRows) {
		return site.NotFound(e)
	} else if err != nil {
		return err
	}
	if link, err := askLink(e.App, ask, customer); err != nil || link != asks.LinkOpen {
		return closedOr(e, tok, customer.GetString("locale"), link, err)
	}
	form := referrals.Form{
		RefereeName:    e.Request.FormValue("referee_name"),
		RefereeEmail:   e.Request.FormValue("referee_email"),
		RefereeCompany: e.Request.FormValue("referee_company"),
		Message:        e.Request.FormValue("message"),
		CopyMe:         e.Request.FormValue("copy_me") != "",
		OnWall:         e.Request.FormValue("wall_opt_in") != "",
	}.Clean()
	layout := site.LayoutIn(e.App, customer.GetString("locale"))
	panel := referPanel{Token: tok, FirstName: pages.FirstName(customer.GetString("name")), Form: form, Speaker: layout.Speaker}

	if e.Request.FormValue(honeypot) != "" {
		panel.Sent, panel.RefereeName = true, form.RefereeName
		return answerRefer(e, customer, panel, http.StatusOK)
	}
	if panel.Errors = form.Validate(false); len(panel.Errors) > 0 {
		return answerRefer(e, customer, panel, http.StatusUnprocessableEntity)
	}
	out, err := referrals.Refer(e.App, referrals.Introduction{
		Referrer: customer, Ask: ask, Form: form, Channel: referrals.Landing, Now: time.Now(),
	})
	if errors.Is(err, referrals.ErrOptedOut) {
		return closedLink(e, tok, customer.GetString("locale"), asks.LinkOptedOut)
	} else if err != nil {
		return err
	}
	if out.Refused != "" {
		panel.Refusal = refusalMessage(layout.Speaker, out)
		return answerRefer(e, customer, panel, http.StatusTooManyRequests)
	}
	panel.Sent, panel.Known, panel.RefereeName = true, out.Known, form.RefereeName
	if !out.Known && !site.IsHTMX(e) {
		return e.Redirect(http.StatusSeeOther, "/r/"+tok+"?sent=1")
	}
	return answerRefer(e, customer, panel, http.StatusOK)
}

// answerRefer sends the panel: as a fragment to htmx (always 200, so htmx
// swaps it), else as the whole page with the given status.
func answerRefer(e *core.RequestEvent, customer *core.Record, panel referPanel, status int) error {
	if site.IsHTMX(e) {
		return renderPartial(e, http.StatusOK, "landing", "refer_panel", panel)
	}
	page, err := landingFor(e.App, panel.Token, referrerOf(customer))
	if err != nil {
		return err
	}
	if page.Own, _, err = readOwnRecord(e.App, customer.Id, customer.GetString("name"), customer.GetBool("wall_opt_in"), "#refer", page.Speaker); err != nil {
		return err
	}
	page.Panel = panel
	return render(e, status, "landing", page)
}

// landingFor fills the landing page for a referrer, without the panel's
// state.
func landingFor(app core.App, tok string, who referrer) (landingPage, error) {
	s, err := program.Load(app)
	if err != nil {
		return landingPage{}, err
	}
	layout := site.LayoutIn(app, who.Locale)
	sp := layout.Speaker
	lp, err := referrals.LandingPage(app, sp.Lang)
	if err != nil {
		return landingPage{}, err
	}
	first := pages.FirstName(who.Name)
	vars := pages.Vars{People: map[string]string{"first_name": first, "company": who.Company, "company_name": s.CompanyName}}
	share := shareLink(app, who.Code)
	draft, err := draftFor(app, who, sp)
	if err != nil {
		return landingPage{}, err
	}
	return landingPage{
		Layout:    layout,
		Heading:   pages.Line(lp.Title, vars),
		Body:      template.HTML(lp.Body.Fill(vars.People)),
		Panel:     referPanel{Token: tok, FirstName: first, Speaker: sp},
		ShareLink: share,
		Mailto: mailto(sp.T("landing.mailto.subject", "Company", s.CompanyName),
			sp.T("landing.mailto.greeting")+"\n\n"+draft+"\n\n"+sp.T("landing.mailto.page")+"\n"+
				share+"?via=email\n\n"+first),
		draft: draft,
	}, nil
}

// draftFor is the pre-drafted introduction, in the referrer's voice and language.
func draftFor(app core.App, who referrer, sp locale.Speaker) (string, error) {
	s, err := program.Load(app)
	if err != nil {
		return "", err
	}
	p, err := pages.Load(app, "draft_message", sp.Lang, pages.Vars{}, nil, nil)
	if err != nil {
		return "", err
	}
	company := who.Company
	if company == "" {
		company = sp.T("landing.draft.no_company")
	}
	return strings.TrimSpace(pages.Text(p.Source, pages.Vars{People: map[string]string{
		"company_name": s.CompanyName, "company": company, "first_name": pages.FirstName(who.Name),
	}})), nil
}

// shareLink is a customer's personal share link, /s/{referral_code}.
func shareLink(app core.App, code string) string {
	return program.BaseURL(app) + "/s/" + code
}

// mailto builds a mailto: link with a subject and body, percent-encoded
// the way mail clients expect (spaces as %20, not +).
func mailto(subject, body string) template.URL {
	enc := func(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }
	return template.URL("mailto:?subject=" + enc(subject) + "&body=" + enc(body))
}

// honeypot is the form field people never see and bots fill in.
const honeypot = "website"
