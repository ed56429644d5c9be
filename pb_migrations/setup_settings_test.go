package pb_migrations_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
)

// madeSecret is the shape of a secret the setup migration makes.
var madeSecret = regexp.MustCompile(`^[A-Za-z0-9_-]{32}$`)

// freshSecrets reads the NPS and booking secrets of app's settings.
func freshSecrets(t testing.TB, app core.App) (nps, booking string) {
	t.Helper()
	r, err := app.FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	return r.GetString("nps_secret"), r.GetString("booking_secret")
}

func TestAFreshInstallMakesItsOwnNPSAndBookingSecrets(t *testing.T) {
	nps, booking := freshSecrets(t, testapp.New(t))
	if !madeSecret.MatchString(nps) || !madeSecret.MatchString(booking) || nps == booking {
		t.Fatalf("secrets %q and %q: want two different 32-character URL-safe strings", nps, booking)
	}
	other, err := tests.NewTestApp(t.TempDir()) // another install, migrated from nothing
	if err != nil {
		t.Fatal(err)
	}
	defer other.Cleanup()
	if nps2, booking2 := freshSecrets(t, other); nps2 == nps || booking2 == booking || !madeSecret.MatchString(nps2) {
		t.Errorf("two installs made the secrets %q/%q and %q/%q", nps, booking, nps2, booking2)
	}
	sc := tests.ApiScenario{
		Name: "an NPS tool holding the made secret is let in", Method: http.MethodPost, URL: "/hooks/nps/generic",
		Body:    strings.NewReader(`{"email":"ana@northwind.example","name":"Ana Lima","score":10,"id":"resp-1"}`),
		Headers: map[string]string{"Authorization": "Bearer " + nps}, TestAppFactory: testapp.Bare,
		ExpectedStatus: http.StatusCreated, ExpectedContent: []string{`"decision":"asked"`},
	}
	sc.Test(t)
}

// setupMigration is the migration under test, found by its file name.
func setupMigration(t testing.TB) *core.Migration {
	for _, m := range core.AppMigrations.Items() {
		if m.File == "1764000007_setup_settings.go" {
			return m
		}
	}
	t.Fatal("the setup migration is not registered")
	return nil
}

func TestTheSetupMigrationKeepsASecretAndTakesOverWhatPocketBaseWasSetTo(t *testing.T) {
	app := testapp.New(t)
	m := setupMigration(t)
	if err := m.Down(app); err != nil {
		t.Fatal(err)
	}
	// An install from before: its NPS secret set by hand, no booking
	// secret, SMTP and the Application URL set in PocketBase's settings.
	r, _ := app.FindFirstRecordByFilter("settings", "")
	r.Set("nps_secret", "set-by-hand-secret")
	r.Set("booking_secret", "")
	if err := app.UnsafeWithoutHooks().Save(r); err != nil {
		t.Fatal(err)
	}
	pb := app.Settings()
	pb.SMTP.Enabled, pb.SMTP.Host, pb.SMTP.Port, pb.SMTP.Username, pb.SMTP.Password, pb.SMTP.TLS = true, "smtp.acme.example", 465, "mailer", "pw", true
	pb.Meta.AppURL, pb.Meta.SenderName, pb.Meta.SenderAddress = "https://refer.acme.example/", "Support", "support@example.com"
	if err := app.Save(pb); err != nil {
		t.Fatal(err)
	}
	if err := m.Up(app); err != nil {
		t.Fatal(err)
	}
	r, _ = app.FindFirstRecordByFilter("settings", "")
	if r.GetString("nps_secret") != "set-by-hand-secret" || !madeSecret.MatchString(r.GetString("booking_secret")) {
		t.Errorf("secrets after the migration: nps %q, booking %q", r.GetString("nps_secret"), r.GetString("booking_secret"))
	}
	if r.GetString("smtp_host") != "smtp.acme.example" || r.GetInt("smtp_port") != 465 || r.GetString("smtp_username") != "mailer" ||
		r.GetString("smtp_password") != "pw" || !r.GetBool("smtp_tls") || r.GetString("app_url") != "https://refer.acme.example" {
		t.Errorf("the settings record did not take over PocketBase's settings: %v", r.FieldsData())
	}
	if meta := app.Settings().Meta; meta.SenderName != r.GetString("sender_name") || meta.SenderAddress != r.GetString("sender_address") ||
		meta.AppURL != "https://refer.acme.example" {
		t.Errorf("PocketBase's sender and URL after the migration: %+v", meta)
	}
}
