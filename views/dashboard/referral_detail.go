package dashboard

import (
	"cmp"
	"database/sql"
	"errors"
	"net/http"
	"slices"
	"strconv"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
	"warmloop/internal/privacy"
	"warmloop/internal/referrals"
	"warmloop/views/form"
	"warmloop/views/site"
)

// referralDetailPage is one referral's page: its whole story, the moves it
// may make and the team's notes.
type referralDetailPage struct {
	adminPage
	referrals.Detail
	Card           referralRow // the move form, as the board's card holds it
	StatusLabel    string
	FlagText       string
	ChannelLabel   string
	RefereeErased  bool
	ReferrerErased bool
	Origin         *referralOrigin
	// Events and Notes stand in for the detail's own, ready to show.
	Events    []referralEvent
	Notes     referralNotes
	MoveError string // a refused move, said on top of the page
}

// referralOrigin is the ask a referral came from, said for people.
type referralOrigin struct {
	*referrals.Origin
	KindLabel, ScoreText, StatusLabel string
}

// referralEvent is one move, said for people.
type referralEvent struct {
	referrals.Event
	FromLabel, ToLabel string
}

// referralNotes is the notes section: the form, what was typed into it,
// what is wrong with it, and the notes, newest first.
type referralNotes struct {
	adminPage
	ReferralID string
	Input      string
	Error      string
	Added      bool
	Notes      []referrals.Note
}

// referralChannels are the ways a referral is made that the catalog names
// for people, each as dash.referral.channel_name.<channel>.
var referralChannels = []string{"landing", "share_link", "email", "dashboard", "api"}

// referralFlags are the flags the catalog explains on a referral's page,
// each as dash.referral.flag.<flag>.
var referralFlags = []string{"duplicate", "self_referral", referrals.Unconfirmed}

// askStatuses are an ask's statuses, each named as dash.referral.ask_status.<status>.
var askStatuses = []string{"queued", "sent", "failed", "clicked", "referred"}

// catalogLabel says a stored value through the catalog as prefix+value
// when known lists it, else "" (an unknown channel shows as "–").
func catalogLabel(sp locale.Speaker, prefix, value string, known []string) string {
	if !slices.Contains(known, value) {
		return ""
	}
	return sp.T(prefix + value)
}

// referralDetail shows one referral's page.
func referralDetail(e *core.RequestEvent) error {
	page, err := loadReferralDetail(e, e.Request.PathValue("id"))
	if errors.Is(err, sql.ErrNoRows) {
		return adminNotFound(e)
	}
	if err != nil {
		return err
	}
	return render(e, http.StatusOK, "admin/referral_detail", page)
}

// loadReferralDetail reads a referral's page; sql.ErrNoRows when there is
// no such referral.
func loadReferralDetail(e *core.RequestEvent, id string) (referralDetailPage, error) {
	d, err := referrals.FindDetail(e.App, id)
	if err != nil {
		return referralDetailPage{}, err
	}
	p := newAdminPage(e, "referrals")
	sp := p.Speaker
	page := referralDetailPage{
		adminPage: p, Detail: d,
		Card:        referralRowsFor(p, []referrals.Row{d.Row}, "detail", referralPath(id))[0],
		StatusLabel: referralStatusLabel(sp, d.Status), FlagText: catalogLabel(sp, "dash.referral.flag.", d.Flag, referralFlags),
		ChannelLabel:  catalogLabel(sp, "dash.referral.channel_name.", d.Channel, referralChannels),
		RefereeErased: privacy.IsErased(d.RefereeEmail), ReferrerErased: privacy.IsErased(d.ReferrerEmail),
		Notes: referralNotes{adminPage: p, ReferralID: id, Notes: d.Notes},
	}
	if d.Ask != nil {
		page.Origin = &referralOrigin{Origin: d.Ask, KindLabel: customerLabel(sp, d.Ask.MomentKind), ScoreText: "–",
			StatusLabel: cmp.Or(catalogLabel(sp, "dash.referral.ask_status.", d.Ask.Status, askStatuses), d.Ask.Status)}
		if d.Ask.MomentKind == "nps" {
			page.Origin.ScoreText = strconv.Itoa(d.Ask.MomentScore)
		}
	}
	for _, ev := range d.Events {
		page.Events = append(page.Events, referralEvent{Event: ev, FromLabel: referralStatusLabel(sp, ev.From), ToLabel: referralStatusLabel(sp, ev.To)})
	}
	return page, nil
}

// referralPath is a referral's page.
func referralPath(id string) string { return referralsPath + "/" + id }

// referralDetailMove answers a move made from a referral's page: back to
// the page, saying so, or the page again with what was typed and why it
// was refused.
func referralDetailMove(e *core.RequestEvent, f form.Form, rec *core.Record) error {
	from := rec.GetString("status")
	to := f.Get("status")
	if to == "" {
		to = from
	}
	referralSave(e, f, rec, to)
	if f.Valid() {
		return redirectNotice(e, referralPath(rec.Id), "saved")
	}
	page, err := loadReferralDetail(e, rec.Id)
	if err != nil {
		return err
	}
	page.Card.Errors = f.Errors
	page.Card.Options = referralOptionsAsTyped(page.Speaker, from, to)
	page.Card.PipelineInput, page.Card.WonInput = f.Values.Get("pipeline_value"), f.Values.Get("won_value")
	page.MoveError = page.T("dash.referral.move_refused")
	return render(e, http.StatusUnprocessableEntity, "admin/referral_detail", page)
}

// referralNoteAdd adds a note to a referral. With htmx the notes section
// comes back: cleared and listing the new note, or with what was typed and
// why it was refused.
func referralNoteAdd(e *core.RequestEvent) error {
	id := e.Request.PathValue("id")
	if _, err := e.App.FindRecordById("referrals", id); err != nil {
		return adminNotFound(e)
	}
	f := form.New(e)
	typed := f.Values.Get("body")
	_, err := referrals.AddNote(e.App, id, actor(e), typed)
	status := http.StatusOK
	notes := referralNotes{adminPage: newAdminPage(e, "referrals"), ReferralID: id, Added: err == nil}
	switch {
	case noteRefusals[err] != "":
		status, notes.Input, notes.Error = http.StatusUnprocessableEntity, typed, notes.T(noteRefusals[err])
	case err != nil:
		e.App.Logger().Error("adding a note to a referral failed", "referral", id, "error", err)
		status, notes.Input, notes.Error = http.StatusInternalServerError, typed, notes.T("dash.referral.note_failed")
	case !site.IsHTMX(e):
		return redirectNotice(e, referralPath(id), "saved")
	}
	if !site.IsHTMX(e) {
		page, err := loadReferralDetail(e, id)
		if err != nil {
			return err
		}
		notes.Notes = page.Notes.Notes
		page.Notes = notes
		return render(e, status, "admin/referral_detail", page)
	}
	if notes.Notes, err = referrals.FindNotes(e.App, id); err != nil {
		return err
	}
	return renderPartial(e, status, "admin/referral_detail", "referral-notes", notes)
}

// noteRefusals name the catalog's reason a note was refused, said beside its field.
var noteRefusals = map[error]string{
	referrals.ErrNoteBlank:   "dash.referral.note_blank",
	referrals.ErrNoteTooLong: "dash.referral.note_too_long",
}
