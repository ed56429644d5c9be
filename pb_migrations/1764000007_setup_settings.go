package pb_migrations

import (
	"crypto/rand"
	"encoding/base64"
	"net/url"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// setupFields are the settings this migration adds: the address customers
// reach, the mail server, when a test email last went through, a line on
// what the company does, and where an admin last reached the dashboard.
var setupFields = []string{"app_url", "smtp_host", "smtp_port", "smtp_username", "smtp_password", "smtp_tls",
	"smtp_tested_at", "what_we_do", "seen_url"}

// pocketBaseDefaultURL is PocketBase's Application URL until someone changes it.
const pocketBaseDefaultURL = "http://localhost:8090"

// Setup lives in Warmloop's settings: the Application URL and the SMTP
// server join the record (copied from PocketBase's settings when an earlier
// install set them there), PocketBase's sender follows Warmloop's, and the
// NPS and booking secrets are made for a program that has none.
func init() {
	m.Register(func(app core.App) error {
		settings, err := app.FindCollectionByNameOrId("settings")
		if err != nil {
			return err
		}
		settings.Fields.Add(
			&core.URLField{Name: "app_url", Help: "The address customers reach, such as https://refer.example.com: every link in every email starts with it."},
			&core.TextField{Name: "smtp_host", Max: 255, Help: "SMTP server; empty turns email delivery off."},
			&core.NumberField{Name: "smtp_port", OnlyInt: true, Min: ptr(1), Max: ptr(65535)},
			&core.TextField{Name: "smtp_username", Max: 255},
			&core.TextField{Name: "smtp_password", Max: 500, Hidden: true},
			&core.BoolField{Name: "smtp_tls", Help: "TLS from the first byte (usually port 465); off uses STARTTLS when the server offers it."},
			&core.DateField{Name: "smtp_tested_at", Help: "When a test email last went through."},
			&core.TextField{Name: "what_we_do", Max: 200, Help: "What the company does, in one line."},
			&core.TextField{Name: "seen_url", Max: 300, Help: "Where a signed-in admin last reached the dashboard; links use it until app_url is set."},
		)
		if err := app.Save(settings); err != nil {
			return err
		}
		return seedSetup(app)
	}, func(app core.App) error {
		settings, err := app.FindCollectionByNameOrId("settings")
		if err != nil {
			return err
		}
		for _, name := range setupFields {
			settings.Fields.RemoveByName(name)
		}
		return app.Save(settings)
	})
}

// seedSetup fills the new fields of the settings record, makes the missing
// secrets, and brings PocketBase's sender and Application URL in step.
func seedSetup(app core.App) error {
	r, err := app.FindFirstRecordByFilter("settings", "")
	if err != nil {
		return err
	}
	pb := app.Settings()
	if u := strings.TrimRight(pb.Meta.AppURL, "/"); u != pocketBaseDefaultURL && plainSiteURL(u) {
		r.Set("app_url", u)
	}
	r.Set("smtp_port", 587)
	if smtp := pb.SMTP; smtp.Enabled && smtp.Host != "" {
		r.Set("smtp_host", smtp.Host)
		if smtp.Port > 0 && smtp.Port <= 65535 {
			r.Set("smtp_port", smtp.Port)
		}
		r.Set("smtp_username", smtp.Username)
		r.Set("smtp_password", smtp.Password)
		r.Set("smtp_tls", smtp.TLS)
	}
	for _, name := range []string{"nps_secret", "booking_secret"} {
		if r.GetString(name) == "" {
			secret, err := newSecret()
			if err != nil {
				return err
			}
			r.Set(name, secret)
		}
	}
	// Without hooks: the rules of a later version must not stop an upgrade.
	if err := app.UnsafeWithoutHooks().Save(r); err != nil {
		return err
	}
	s, err := pb.Clone()
	if err != nil {
		return err
	}
	s.Meta.SenderName, s.Meta.SenderAddress = r.GetString("sender_name"), r.GetString("sender_address")
	if u := r.GetString("app_url"); u != "" {
		s.Meta.AppURL = u
	}
	return app.Save(s)
}

// plainSiteURL reports whether u is an http(s) address with a host and
// nothing after it, as the app_url setting must be.
func plainSiteURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != "" && p.User == nil &&
		(p.Path == "" || p.Path == "/") && p.RawQuery == "" && p.Fragment == ""
}

// newSecret is 32 random URL-safe characters (192 bits).
func newSecret() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
