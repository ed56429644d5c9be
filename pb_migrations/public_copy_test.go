package pb_migrations_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/pages"
	"warmloop/tests/testapp"
)

// publicCopy is migration 1764000008, to run by hand on an app.
func publicCopy(t *testing.T) *core.Migration {
	t.Helper()
	for _, m := range core.AppMigrations.Items() {
		if m.File == "1764000008_public_copy.go" {
			return m
		}
	}
	t.Fatal("migration 1764000008_public_copy.go is not registered")
	return nil
}

// referee reads the referee page's title and body.
func referee(t *testing.T, app core.App) (title, body string) {
	t.Helper()
	p, err := app.FindFirstRecordByData("pages", "slug", "referee")
	if err != nil {
		t.Fatal(err)
	}
	return p.GetString("title"), p.GetString("body")
}

// setReferee writes the referee page's title and body.
func setReferee(t *testing.T, app core.App, title, body string) {
	t.Helper()
	p, _ := app.FindFirstRecordByData("pages", "slug", "referee")
	p.Set("title", title)
	p.Set("body", body)
	if err := app.Save(p); err != nil {
		t.Fatal(err)
	}
}

// withOldInstall is a program as it stood before 1764000008: the old
// referee copy (put back by the migration's down), no booking pages.
func withOldInstall(t *testing.T) (core.App, *core.Migration, string) {
	t.Helper()
	app := beforeTranslations(t)
	mig := publicCopy(t)
	if err := mig.Down(app); err != nil {
		t.Fatal(err)
	}
	title, old := referee(t, app)
	if title != "A personal introduction" || !strings.Contains(old, "source of new business") {
		t.Fatalf("down did not put back the old shipped referee copy: %q\n%s", title, old)
	}
	return app, mig, old
}

func TestAnInstallStillHoldingTheOldRefereeCopyGetsTheNewOne(t *testing.T) {
	for _, c := range []struct {
		name  string
		body  func(old string) string
		title string
	}{
		{"as shipped", func(old string) string { return old }, "A personal introduction"},
		{"saved with Windows line ends", func(old string) string { return strings.ReplaceAll(old, "\n", "\r\n") }, "A personal introduction"},
		{"with only its heading changed: the heading stays", func(old string) string { return old }, "Meet {{referrer_first_name}}'s friends"},
	} {
		t.Run(c.name, func(t *testing.T) {
			app, mig, old := withOldInstall(t)
			setReferee(t, app, c.title, c.body(old))
			if err := mig.Up(app); err != nil {
				t.Fatal(err)
			}
			shippedTitle, shippedBody, _ := pages.Shipped("referee")
			title, body := referee(t, app)
			if body != shippedBody {
				t.Errorf("the referee body was not replaced by the shipped one:\n%s", body)
			}
			if want := map[bool]string{true: shippedTitle, false: c.title}[c.title == "A personal introduction"]; title != want {
				t.Errorf("title %q, want %q", title, want)
			}
		})
	}
}

func TestARefereePageTheAdminEditedIsLeftAsTheyWroteIt(t *testing.T) {
	app, mig, old := withOldInstall(t)
	edited := strings.Replace(old, "We help B2B teams", "We help hospitals", 1)
	setReferee(t, app, "A personal introduction", edited)
	if err := mig.Up(app); err != nil {
		t.Fatal(err)
	}
	if _, body := referee(t, app); body != edited {
		t.Errorf("an edited referee page was changed:\n%s", body)
	}
}

func TestTheBookingPagesAreAddedWithoutTouchingAPageOfTheSameName(t *testing.T) {
	app, mig, _ := withOldInstall(t)
	testapp.Save(t, app, "pages", map[string]any{"slug": "booking_confirmation", "title": "Ours", "body": "Written in the admin UI."})
	if err := mig.Up(app); err != nil {
		t.Fatal(err)
	}
	mine, _ := app.FindFirstRecordByData("pages", "slug", "booking_confirmation")
	if mine.GetString("body") != "Written in the admin UI." {
		t.Errorf("an admin's page named booking_confirmation was replaced: %q", mine.GetString("body"))
	}
	email, err := app.FindFirstRecordByData("pages", "slug", "booking_confirmation_email")
	if _, body, _ := pages.Shipped("booking_confirmation_email"); err != nil || email.GetString("body") != body {
		t.Errorf("the booking confirmation email was not added as shipped: %v", err)
	}
}

func TestEmailsAlreadyQueuedLearnTheReferralTheyAreAbout(t *testing.T) {
	app, mig, _ := withOldInstall(t)
	ana := testapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	ref := testapp.Save(t, app, "referrals", map[string]any{"referrer": ana.Id, "referee_name": "Jo",
		"referee_email": "jo@fabrikam.example", "status": "invited"})
	intro := testapp.Save(t, app, "outbox", map[string]any{"kind": "email", "to": "jo@fabrikam.example", "status": "sent",
		"payload": map[string]any{"template": "intro_email", "referral": ref.Id}})
	gone := testapp.Save(t, app, "outbox", map[string]any{"kind": "email", "to": "x@y.example", "status": "sent",
		"payload": map[string]any{"template": "intro_email", "referral": "nosuchreferral1"}})
	if err := mig.Up(app); err != nil {
		t.Fatal(err)
	}
	if r, _ := app.FindRecordById("outbox", intro.Id); r.GetString("referral") != ref.Id {
		t.Errorf("the queued introduction names referral %q, want %q", r.GetString("referral"), ref.Id)
	}
	if r, _ := app.FindRecordById("outbox", gone.Id); r.GetString("referral") != "" {
		t.Errorf("a row about a referral that no longer exists points at %q", r.GetString("referral"))
	}
}
