package program

import (
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// smtpFields are the settings that make PocketBase's SMTP settings.
var smtpFields = []string{"smtp_host", "smtp_port", "smtp_username", "smtp_password", "smtp_tls"}

// MirrorToPocketBase writes what a save of the settings record r changed
// into PocketBase's own settings, so both send the same way: the SMTP
// server (an empty host turns SMTP off), the sender, and the Application
// URL while app_url is set (cleared, PocketBase's goes back to its default
// if it was ours). Groups the save left alone are not touched.
func MirrorToPocketBase(app core.App, r *core.Record) error {
	old := r.Original()
	s, err := app.Settings().Clone()
	if err != nil {
		return err
	}
	before := s.String()
	if changed(r, old, smtpFields...) {
		if host := r.GetString("smtp_host"); host == "" {
			s.SMTP.Enabled = false
		} else {
			s.SMTP.Enabled, s.SMTP.Host, s.SMTP.Port = true, host, r.GetInt("smtp_port")
			s.SMTP.Username, s.SMTP.Password, s.SMTP.TLS = r.GetString("smtp_username"), r.GetString("smtp_password"), r.GetBool("smtp_tls")
		}
	}
	if changed(r, old, "sender_name", "sender_address") {
		s.Meta.SenderName, s.Meta.SenderAddress = r.GetString("sender_name"), r.GetString("sender_address")
	}
	if changed(r, old, "app_url") {
		switch u, was := r.GetString("app_url"), old.GetString("app_url"); {
		case u != "":
			s.Meta.AppURL = u
		case was != "" && TrimAppURL(s.Meta.AppURL) == was:
			s.Meta.AppURL = DefaultAppURL
		}
	}
	if s.String() == before {
		return nil
	}
	if err := app.Save(s); err != nil {
		return fmt.Errorf("writing the settings record %s into PocketBase's settings: %w", r.Id, err)
	}
	return nil
}

// changed reports whether any of fields differs between r and old.
func changed(r, old *core.Record, fields ...string) bool {
	for _, f := range fields {
		if r.Get(f) != old.Get(f) {
			return true
		}
	}
	return false
}

// AdoptFromPocketBase copies PocketBase's SMTP server, sender and
// Application URL into the settings record after someone changed them in
// PocketBase's own settings (/_/ or its API), so the record stays the one
// place they are read from. Values the record's rules refuse are not
// adopted: the error says which.
func AdoptFromPocketBase(app core.App) error {
	r, err := Record(app)
	if err != nil {
		return err
	}
	pb := app.Settings()
	if pb.SMTP.Enabled {
		r.Set("smtp_host", pb.SMTP.Host)
		r.Set("smtp_port", pb.SMTP.Port)
		r.Set("smtp_username", pb.SMTP.Username)
		r.Set("smtp_password", pb.SMTP.Password)
		r.Set("smtp_tls", pb.SMTP.TLS)
	} else {
		r.Set("smtp_host", "")
	}
	r.Set("sender_name", pb.Meta.SenderName)
	r.Set("sender_address", pb.Meta.SenderAddress)
	if u := TrimAppURL(pb.Meta.AppURL); u != DefaultAppURL {
		r.Set("app_url", u)
	}
	if !changed(r, r.Original(), append([]string{"sender_name", "sender_address", "app_url"}, smtpFields...)...) {
		return nil
	}
	if err := app.Save(r); err != nil {
		return fmt.Errorf("copying PocketBase's mail settings into the settings record %s: %w", r.Id, err)
	}
	return nil
}

// ForgetTestOfAnotherServer clears the time of the last test email when a
// save changes the mail server from the stored one: that test proved a
// server no longer used.
func ForgetTestOfAnotherServer(app core.App, r *core.Record) {
	if r.IsNew() {
		return
	}
	if stored, err := app.FindRecordById(r.Collection(), r.Id); err == nil && changed(r, stored, smtpFields...) {
		r.Set("smtp_tested_at", "")
	}
}

// MarkSMTPTested records that a test email just went through, for the
// setup checklist and the settings screen.
func MarkSMTPTested(app core.App, at time.Time) error {
	r, err := Record(app)
	if err != nil {
		return err
	}
	r.Set("smtp_tested_at", at.UTC())
	return app.Save(r)
}
