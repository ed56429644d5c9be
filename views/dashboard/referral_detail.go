package dashboard

import (
	"database/sql"
	"errors"
	"net/http"
	"strconv"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/privacy"
	"warmloop/internal/referrals"
	"warmloop/internal/signin"
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
	KindLabel, ScoreText string
}

// referralEvent is one move, said for people.
type referralEvent struct {
	referrals.Event
	FromLabel, ToLabel string
}

// referralNotes is the notes section: the form, what was typed into it,
// what is wrong with it, and the notes, newest first.
type referralNotes struct {
	ReferralID string
	Input      string
	Error      string
	Added      bool
	Notes      []referrals.Note
}

// referralChannels name how a referral was made, for people.
var referralChannels = map[string]string{
	"landing": "The ask's landing page", "share_link": "The referrer's share link", "email": "Email",
	"dashboard": "The dashboard", "api": "The API",
}

// referralFlagTexts say what a referral's flag means on its page.
var referralFlagTexts = map[string]string{
	"duplicate":           "Duplicate: held for review",
	"self_referral":       "Self-referral: held for review",
	referrals.Unconfirmed: "Waiting for the referee to confirm their email",
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
	page := referralDetailPage{
		adminPage: newAdminPage(e, "referrals"), Detail: d,
		Card:        referralRowsFor([]referrals.Row{d.Row}, "detail", referralPath(id), signin.RoleOf(e.Auth))[0],
		StatusLabel: referralStatusLabels[d.Status], FlagText: referralFlagTexts[d.Flag],
		ChannelLabel:  referralChannels[d.Channel],
		RefereeErased: privacy.IsErased(d.RefereeEmail), ReferrerErased: privacy.IsErased(d.ReferrerEmail),
		Notes: referralNotes{ReferralID: id, Notes: d.Notes},
	}
	if d.Ask != nil {
		page.Origin = &referralOrigin{Origin: d.Ask, KindLabel: customerLabel(adminSpeaker(e), d.Ask.MomentKind), ScoreText: "–"}
		if d.Ask.MomentKind == "nps" {
			page.Origin.ScoreText = strconv.Itoa(d.Ask.MomentScore)
		}
	}
	for _, ev := range d.Events {
		page.Events = append(page.Events, referralEvent{Event: ev, FromLabel: referralStatusLabels[ev.From], ToLabel: referralStatusLabels[ev.To]})
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
	page.Card.Options = referralOptionsAsTyped(from, to)
	page.Card.PipelineInput, page.Card.WonInput = f.Values.Get("pipeline_value"), f.Values.Get("won_value")
	page.MoveError = "That change was not saved: see the message beside the field."
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
	notes := referralNotes{ReferralID: id, Added: err == nil}
	switch {
	case noteRefusals[err] != "":
		status, notes.Input, notes.Error = http.StatusUnprocessableEntity, typed, noteRefusals[err]
	case err != nil:
		e.App.Logger().Error("adding a note to a referral failed", "referral", id, "error", err)
		status, notes.Input, notes.Error = http.StatusInternalServerError, typed, "The note could not be saved. Please try again."
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

// noteRefusals say why a note was refused, beside its field.
var noteRefusals = map[error]string{
	referrals.ErrNoteBlank:   "Write something before adding the note.",
	referrals.ErrNoteTooLong: "A note can be at most 5,000 characters: shorten it or split it in two.",
}
