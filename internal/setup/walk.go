package setup

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/mail"
	"warmloop/internal/pages"
	"warmloop/internal/program"
)

// The test walk-through: an administrator gets, in their own inbox, the ask
// a customer would get, opens it, introduces a made-up colleague, gets the
// introduction that colleague would get, opens it and books, and gets the
// booking confirmation. Every email goes to the administrator alone, straight
// through SMTP (never the outbox), and every link leads to the previews of
// the public pages (/preview/...?test=...), which only that administrator,
// signed in, can open and send. Nothing is written: no customer, ask,
// referral, moment or outbox row, so the program's figures cannot move.

// WalkLife is how long a test ask's links work.
const WalkLife = 24 * time.Hour

// ErrWalkExpired refuses a test link that is too old, or was signed for
// another administrator.
var ErrWalkExpired = errors.New("this test link has expired or belongs to another administrator")

// ErrNoSMTP refuses to send a test email while no SMTP server is set.
var ErrNoSMTP = errors.New("no SMTP server is set")

// WalkToken signs a walk-through for one administrator, good for WalkLife
// from now. It is keyed with that administrator's own token key, so it
// stops working when their password changes, and names no one.
func WalkToken(admin *core.Record, now time.Time) string {
	exp := strconv.FormatInt(now.Add(WalkLife).Unix(), 10)
	return exp + "." + walkMAC(admin, exp)
}

// ValidWalk reports whether tok was signed for admin and is still good.
func ValidWalk(admin *core.Record, tok string, now time.Time) bool {
	exp, mac, ok := strings.Cut(tok, ".")
	if admin == nil || !ok {
		return false
	}
	unix, err := strconv.ParseInt(exp, 10, 64)
	if err != nil || now.Unix() >= unix {
		return false
	}
	return hmac.Equal([]byte(mac), []byte(walkMAC(admin, exp)))
}

// walkMAC is the signature of a walk-through's expiry for one administrator.
func walkMAC(admin *core.Record, exp string) string {
	h := hmac.New(sha256.New, []byte(admin.TokenKey()+admin.Collection().AuthToken.Secret))
	h.Write([]byte("warmloop test walk-through\x00" + admin.Id + "\x00" + exp))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil))
}

// WalkPath is the path of a public page's preview in a walk-through:
// landing, referee, booking or unsubscribe.
func WalkPath(page, tok string) string {
	return "/preview/" + page + "?" + url.Values{"test": {tok}}.Encode()
}

// walkLinks are the walk-through's links, on the address every link
// starts with. The booking confirmation's link to the referee's page
// opens it as booked, as the real one would.
func walkLinks(app core.App, tok string, booked bool) mail.WalkLinks {
	base := program.BaseURL(app)
	referee := "referee"
	if booked {
		referee = "booking"
	}
	return mail.WalkLinks{Landing: base + WalkPath("landing", tok), Unsubscribe: base + WalkPath("unsubscribe", tok),
		Referee: base + WalkPath(referee, tok)}
}

// sample is a made-up value of the previews, by name (pages' samples): the
// walk-through's customer is the customer the previews show.
func sample(name string) string {
	spec, _ := pages.SpecFor("referee")
	return spec.Samples("", pages.SampleProgram{})[name]
}

// Introduction is what the walk-through's landing form sends: the made-up
// colleague's name and company and the note, as typed.
type Introduction struct {
	RefereeName, RefereeCompany, Message string
}

// people are the walk-through's made-up people, at the administrator's
// address, with what was typed on the landing form.
func people(admin *core.Record, in Introduction) mail.WalkPeople {
	return mail.WalkPeople{Address: admin.Email(),
		ReferrerName: sample("referrer_name"), ReferrerCompany: sample("referrer_company"),
		RefereeName: in.RefereeName, RefereeCompany: in.RefereeCompany, Message: in.Message}
}
